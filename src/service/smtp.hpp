// smtp.hpp: handing one mail to an SMTP server with libcurl, with TLS and a login as
// configured; the answer says whether trying again later can help.
#pragma once

#include "core/instant.hpp"
#include "store/records.hpp"

#include <optional>
#include <string>

namespace kd {

struct SmtpSettings {
    std::string url;  // "smtp://host:587", "smtps://host:465"; empty: no mail is sent
    std::string from; // "Klachtdesk <klachten@example.nl>"
    std::string user, password;
    bool require_tls = false; // STARTTLS required on smtp:// (smtps:// always is TLS)
};

struct SmtpResult {
    bool sent = false;
    bool permanent = false; // the server refused for good (5xx): trying again will not help
    std::string error;      // for the log and the case, never shown with a password
};

// The mail as RFC 5322 text: UTF-8 headers encoded (RFC 2047), the body as 8-bit text.
std::string rfc5322_message(const SmtpSettings& s, const OutboxMail& m, Instant date);

// Sends `m`, blocking until the server answered or 60 s passed.
SmtpResult smtp_send(const SmtpSettings& s, const OutboxMail& m, Instant date);

} // namespace kd
