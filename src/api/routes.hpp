// routes.hpp: what the route files share: each adds its resource's routes to the table, and
// the helpers every handler uses to read its input.
#pragma once

#include "api/problem.hpp"
#include "api/requests.hpp"
#include "api/router.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace kd {

void add_session_routes(RouteTable& t);       // routes_session.cpp
void add_organisation_routes(RouteTable& t);  // routes_organisations.cpp
void add_staff_routes(RouteTable& t);         // routes_staff.cpp
void add_complaint_routes(RouteTable& t);     // routes_complaints.cpp
void add_attachment_routes(RouteTable& t);    // routes_attachments.cpp: the case file
void add_hearing_routes(RouteTable& t);       // routes_hearings.cpp
void add_inbox_routes(RouteTable& t);         // routes_inbox.cpp: mail that came in
void add_mail_template_routes(RouteTable& t); // routes_mail_templates.cpp
void add_nonconformity_routes(RouteTable& t); // routes_nonconformities.cpp: register, actions
void add_audit_log_routes(RouteTable& t);     // routes_audit_log.cpp
void add_report_routes(RouteTable& t);        // routes_reports.cpp: management review
void add_public_routes(RouteTable& t);        // routes_public.cpp: the public form

inline constexpr std::size_t kMaxBody = std::size_t{64} * 1024; // larger bodies get 413

// The JSON body, or the answer that says why it is not usable (415, 413, 400).
struct Body {
    nlohmann::json json;
    std::optional<Response> refused;
};
// Whether a Content-Type header names JSON: "application/json", any case, with parameters
// (a charset only if UTF-8); "text/plain; x=application/json" does not.
bool is_json_media_type(std::string_view content_type);
Body read_json_body(const Request& req);

// A request body read by `reader` (api/requests.hpp), or the answer that says why it cannot
// be: 415, 413 or 400 for the body itself, 422 naming every bad field.
template <typename T> struct Input {
    std::optional<T> value;
    Response refused;
};
template <typename Reader>
auto read_input(const Request& req, Reader reader)
    -> Input<decltype(reader(nlohmann::json(), std::declval<ParsedBody&>()))> {
    Body body = read_json_body(req);
    if (body.refused) return {std::nullopt, *body.refused};
    ParsedBody parsed;
    auto value = reader(body.json, parsed);
    if (!parsed.errors.empty()) return {std::nullopt, problem(invalid_fields(parsed.errors))};
    return {std::move(value), {}};
}

// A positive whole number, as in "/complaints/17"; nullopt for anything else.
std::optional<long long> parse_id(std::string_view s);

// An Outcome's refusal as its problem document, or the value rendered by `render`.
template <typename T, typename Render> Response reply(const Outcome<T>& o, Render render) {
    if (!o) return problem(o.refusal());
    return render(o.value());
}

} // namespace kd
