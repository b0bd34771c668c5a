// routes.hpp: what the route files share: each adds its resource's routes to the table, and
// the helpers every handler uses to read its input.
#pragma once

#include "api/problem.hpp"
#include "api/router.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace kd {

void add_session_routes(RouteTable& t);      // routes_session.cpp
void add_organisation_routes(RouteTable& t); // routes_organisations.cpp
void add_staff_routes(RouteTable& t);        // routes_staff.cpp
void add_complaint_routes(RouteTable& t);    // routes_complaints.cpp
void add_hearing_routes(RouteTable& t);      // routes_hearings.cpp
void add_audit_log_routes(RouteTable& t);    // routes_audit_log.cpp

inline constexpr std::size_t kMaxBody = std::size_t{64} * 1024; // larger bodies get 413

// The JSON body, or the answer that says why it is not usable (415, 413, 400).
struct Body {
    nlohmann::json json;
    std::optional<Response> refused;
};
Body read_json_body(const Request& req);

// A positive whole number, as in "/complaints/17"; nullopt for anything else.
std::optional<long long> parse_id(std::string_view s);

// An Outcome's refusal as its problem document, or the value rendered by `render`.
template <typename T, typename Render> Response reply(const Outcome<T>& o, Render render) {
    if (!o) return problem(o.refusal());
    return render(o.value());
}

} // namespace kd
