// incident.cpp: incident ids and the log line that explains them.
#include "service/incident.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

namespace kd {

std::string log_incident(std::string_view where, std::string_view cause) {
    unsigned char raw[4];
    if (sodium_init() < 0) return "no-random";
    randombytes_buf(raw, sizeof raw);
    char hex[2 * sizeof raw + 1];
    sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
    spdlog::error("incident {}: {}: {}", hex, where, cause);
    return hex;
}

Refusal storage_failed(std::string_view where, std::string_view cause) {
    std::string id = log_incident(where, cause);
    return Refusal("storage_failed",
                   "De wijziging is NIET opgeslagen; probeer het opnieuw (melding " + id + ").",
                   "The change was NOT saved; please try again (incident " + id + ").", "",
                   RefusalKind::unavailable);
}

} // namespace kd
