// fuzz_requests.cpp: request bodies as a client may send them, through the JSON parser into
// every reader of api/requests.cpp; the first byte picks the reader.
#include "api/requests.hpp"

#include <cstddef>
#include <cstdint>
#include <iterator>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    auto j = nlohmann::json::parse(data + 1, data + size, nullptr, false);
    if (j.is_discarded()) return 0;
    kd::ParsedBody out;
    constexpr std::size_t commands = std::size(kd::kCommandNames);
    std::size_t which = data[0] % (commands + 5);
    if (which < commands) {
        (void)kd::read_command(kd::kCommandNames[which], j, out);
        return 0;
    }
    switch (which - commands) {
    case 0:
        (void)kd::read_intake(j, out);
        break;
    case 1:
        (void)kd::read_login(j, out);
        break;
    case 2:
        (void)kd::read_password_change(j, out);
        break;
    case 3:
        (void)kd::read_new_account(j, out);
        break;
    default:
        (void)kd::read_account_change(j, out);
        break;
    }
    return 0;
}
