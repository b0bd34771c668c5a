// fuzz_mail.cpp: mail as it comes in to a complaints address (mailgate, IMAP): anyone on the
// internet writes these bytes; taking them apart and judging them must never crash.
#include "core/inbound_mail.hpp"
#include "service/mail_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view raw(reinterpret_cast<const char*>(data), size);
    auto m = kd::read_mail(raw);
    if (!m) return 0;
    (void)kd::machine_sent(*m, {"klachten@example.nl"});
    (void)kd::reference_in(m->subject, "004");
    return 0;
}
