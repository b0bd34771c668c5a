// mail_reader.hpp: an RFC 5322 message taken apart by GMime (Debian's libgmime-3.0), never by
// hand: headers decoded to UTF-8, the text part, the attachments (issue 12, mail in).
#pragma once

#include "core/inbound_mail.hpp"

#include <optional>
#include <string_view>

namespace kd {

// The message in `raw`; nullopt when it is not a message at all (no headers, no From).
// Any bytes are safe to pass: it is fuzzed (fuzz/fuzz_mail.cpp).
std::optional<InboundMessage> read_mail(std::string_view raw);

} // namespace kd
