// problem.cpp: problem documents. No database or exception text ever reaches a reply.
#include "api/problem.hpp"

#include "core/attachment.hpp"
#include "service/incident.hpp"

namespace kd {
namespace {

using nlohmann::json;

Response problem_reply(int status, const std::string& type, const std::string& title,
                       const std::string& detail_nl, const std::string& detail_en,
                       const std::vector<FieldError>& fields = {}) {
    json j{{"type", "https://klachtdesk.example/problems/" + type},
           {"title", title},
           {"status", status},
           {"detail", detail_nl},
           {"detail_en", detail_en}};
    if (!fields.empty()) {
        json e = json::array();
        for (const auto& f : fields)
            e.push_back(
                {{"field", f.field}, {"message", f.message_nl}, {"message_en", f.message_en}});
        j["errors"] = e;
    }
    Response r{status, {}, j.dump()};
    r.with_header("Content-Type", "application/problem+json; charset=utf-8")
        .with_header("Cache-Control", "no-store");
    return r;
}

} // namespace

Response json_reply(int status, const json& body) {
    Response r{status, {}, body.dump()};
    r.with_header("Content-Type", "application/json; charset=utf-8")
        .with_header("Cache-Control", "no-store");
    return r;
}

Response problem(const Refusal& r) {
    std::vector<FieldError> fields = r.fields;
    if (fields.empty() && !r.field.empty()) fields.push_back({r.field, r.message_nl, r.message_en});
    switch (r.kind) {
    case RefusalKind::invalid:
        return problem_reply(422, r.code, "The request was refused", r.message_nl, r.message_en,
                             fields);
    case RefusalKind::conflict:
        return problem_reply(409, r.code, "Not possible in this state", r.message_nl, r.message_en,
                             fields);
    case RefusalKind::forbidden:
        return problem_reply(403, "forbidden", "Forbidden", r.message_nl, r.message_en);
    case RefusalKind::not_found:
        return problem_reply(404, "not-found", "Not found", r.message_nl, r.message_en);
    case RefusalKind::limited:
        return problem_reply(429, r.code, "Too many attempts", r.message_nl, r.message_en, fields);
    case RefusalKind::unavailable:
        return problem_reply(503, "storage-failed", "Not saved", r.message_nl, r.message_en);
    }
    return problem_reply(500, "internal-error", "Internal error", r.message_nl, r.message_en);
}

Response malformed_path() {
    return problem_reply(400, "malformed-path", "Malformed path",
                         "Het adres bevat een ongeldige %-codering of geen UTF-8.",
                         "The address holds an invalid %-escape or is not UTF-8.");
}

Response malformed_request() {
    return problem_reply(400, "malformed-request", "Malformed request",
                         "Het verzoek is geen geldig HTTP/1.1-bericht.",
                         "The request is not a valid HTTP/1.1 message.")
        .with_header("Connection", "close");
}

Response headers_too_large(std::size_t max_bytes) {
    return problem_reply(431, "headers-too-large", "Request header fields too large",
                         "De kopregels van het verzoek zijn groter dan " +
                             std::to_string(max_bytes / 1024) + " KB.",
                         "The request's header fields exceed " + std::to_string(max_bytes / 1024) +
                             " KB.")
        .with_header("Connection", "close");
}

Response expectation_failed() {
    return problem_reply(417, "expectation-failed", "Expectation failed",
                         "Alleen 'Expect: 100-continue' wordt ondersteund.",
                         "Only 'Expect: 100-continue' is supported.")
        .with_header("Connection", "close");
}

Response not_logged_in() {
    return problem_reply(401, "not-logged-in", "Not logged in", "Log eerst in.", "Log in first.");
}

Response login_failed() {
    return problem_reply(401, "login-failed", "Login failed",
                         "E-mailadres of wachtwoord klopt niet.",
                         "E-mail address or password is wrong.");
}

Response missing_csrf_token() {
    return problem_reply(
        403, "csrf", "Missing CSRF token",
        "Dit verzoek mist het beveiligingskenmerk van uw sessie; laad de pagina opnieuw.",
        "This request lacks your session's CSRF token; reload the page.");
}

Response unsupported_media_type() {
    return problem_reply(415, "unsupported-media-type", "Unsupported media type",
                         "Stuur de gegevens als JSON (Content-Type: application/json).",
                         "Send the data as JSON (Content-Type: application/json).");
}

Response body_too_large(std::size_t max_bytes) {
    std::string kib = size_text(max_bytes);
    return problem_reply(413, "too-large", "Body too large",
                         "Het verzoek is te groot (hoogstens " + kib + ").",
                         "The request is too large (at most " + kib + ").");
}

Response malformed_json() {
    return problem_reply(400, "malformed-json", "Malformed JSON",
                         "De gegevens zijn geen geldige JSON.", "The body is not valid JSON.");
}

Response bad_query(const std::vector<FieldError>& fields) {
    return problem_reply(400, "invalid-query", "Invalid query", "De zoekopdracht klopt niet.",
                         "The query is not valid.", fields);
}

Response too_many_attempts(std::chrono::seconds retry_after) {
    return problem_reply(429, "too-many-attempts", "Too many attempts",
                         "Te veel mislukte pogingen; probeer het later opnieuw.",
                         "Too many failed attempts; try again later.")
        .with_header("Retry-After", std::to_string(retry_after.count()));
}

Response no_such_address() {
    return problem_reply(404, "not-found", "Not found", "Deze pagina of dit adres bestaat niet.",
                         "No such address.");
}

Response server_busy() {
    return problem_reply(503, "unavailable", "Unavailable",
                         "De server stopt of heeft het te druk; probeer het zo opnieuw.",
                         "The server is stopping or too busy; try again shortly.")
        .with_header("Retry-After", "5");
}

Response internal_error(const std::string& where, const std::string& cause) {
    std::string id = log_incident(where, cause);
    return problem_reply(
        500, "internal-error", "Internal error",
        "Er ging iets mis op de server; er is niets gewijzigd (melding " + id + ").",
        "Something went wrong on the server; nothing was changed (incident " + id + ").");
}

} // namespace kd
