// router.cpp: the route table and the checks every route gets before its handler.
#include "api/router.hpp"

#include "api/problem.hpp"
#include "api/routes.hpp"
#include "api/uri.hpp"
#include "core/access.hpp"

#include <sodium.h>

#include <charconv>
#include <stdexcept>

namespace kd {
namespace {

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace

std::map<long long, std::string> Call::staff_names() const {
    std::map<long long, std::string> names;
    for (const auto& s : services.complaints.database().staff(org->record.id))
        names[s.id] = s.name;
    return names;
}

Actor Call::actor() const {
    if (!user) return Actor{0, req.remote_address, std::nullopt};
    return Actor{user->staff.id, req.remote_address,
                 viewer_from_roles(user->staff.id, user->staff.roles)};
}

void RouteTable::add(std::string method, std::string path, Access access, bool changes, Handler h) {
    auto segments = path_segments(path);
    if (!segments) throw std::invalid_argument("a route path must start with '/': " + path);
    routes_.push_back(
        {std::move(method), std::move(path), access, changes, std::move(h), std::move(*segments)});
}

void RouteTable::add_upload(std::string method, std::string path, Access access, Handler h) {
    add(std::move(method), std::move(path), access, true, std::move(h));
    routes_.back().upload = true;
}

std::optional<RouteMatch> RouteTable::find(std::string_view method, std::string_view path) const {
    auto segments = path_segments(path);
    if (!segments) return std::nullopt;
    for (const Route& r : routes_) {
        if (r.method != method || r.segments.size() != segments->size()) continue;
        RouteMatch m{&r, {}};
        for (std::size_t i = 0; i < segments->size() && m.route; ++i) {
            const std::string& want = r.segments[i];
            const std::string& got = (*segments)[i];
            if (!want.empty() && want.front() == ':') {
                if (got.empty())
                    m.route = nullptr;
                else
                    m.params[want.substr(1)] = got;
            } else if (want != got) {
                m.route = nullptr;
            }
        }
        if (m.route) return m;
    }
    return RouteMatch{};
}

RouteTable api_routes() {
    RouteTable t;
    add_session_routes(t);
    add_organisation_routes(t);
    add_staff_routes(t);
    // Before the complaint routes, whose "/complaints/:id/:action" would take "attachments"
    // and "actions".
    add_attachment_routes(t);
    add_nonconformity_routes(t);
    add_complaint_routes(t);
    add_hearing_routes(t);
    add_inbox_routes(t);
    add_mail_template_routes(t);
    add_audit_log_routes(t);
    add_report_routes(t);
    add_public_routes(t);
    return t;
}

std::string session_token(const Request& req) {
    std::string cookies = req.header("cookie");
    std::string key = std::string(kSessionCookie) + "=";
    std::size_t pos = 0;
    while ((pos = cookies.find(key, pos)) != std::string::npos) {
        if (pos == 0 || cookies[pos - 1] == ' ' || cookies[pos - 1] == ';') {
            auto end = cookies.find(';', pos);
            return cookies.substr(pos + key.size(), end == std::string::npos
                                                        ? std::string::npos
                                                        : end - pos - key.size());
        }
        pos += key.size();
    }
    return "";
}

std::optional<long long> parse_id(std::string_view s) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

bool is_json_media_type(std::string_view content_type) {
    // The media type is what comes before any parameter, without surrounding white space,
    // compared without regard to case (RFC 9110, 8.3.1); a charset, if given, is UTF-8.
    std::string_view type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
        type.remove_prefix(1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
        type.remove_suffix(1);
    auto lower = [](std::string_view v) {
        std::string out(v);
        for (char& ch : out)
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
        return out;
    };
    if (lower(type) != "application/json") return false;
    std::string params = lower(content_type.substr(type.size()));
    auto charset = params.find("charset=");
    if (charset == std::string::npos) return true;
    std::string value = params.substr(charset + 8, params.find(';', charset) - charset - 8);
    std::erase(value, '"');
    std::erase(value, ' ');
    return value == "utf-8";
}

Body read_json_body(const Request& req) {
    Body b;
    if (!is_json_media_type(req.header("content-type")))
        b.refused = unsupported_media_type();
    else if (req.body.size() > kMaxBody)
        b.refused = body_too_large(kMaxBody);
    else {
        b.json = nlohmann::json::parse(req.body, nullptr, false);
        if (b.json.is_discarded()) b.refused = malformed_json();
    }
    return b;
}

Response dispatch(const Route& route, const Request& req, Services& services) {
    try {
        Call call{req, services, std::nullopt, nullptr, services.clock.now()};
        if (route.access != Access::anyone) {
            call.user = services.auth.authenticate(session_token(req), call.now);
            if (!call.user) return not_logged_in();
            if (route.changes &&
                !same_secret(req.header("x-csrf-token"), call.user->session.csrf_token))
                return missing_csrf_token();
        }
        if (route.access == Access::member) {
            // Organisations are sealed from each other: another one's path answers exactly
            // like one that does not exist.
            std::string slug = req.param("org");
            const OrganisationContext* o = services.organisations.find(slug);
            if (!o || o->record.id != call.user->session.organisation_id)
                return problem(not_found("Onbekende organisatie: " + slug + ".",
                                         "Unknown organisation: " + slug + "."));
            call.org = o;
        }
        return route.handler(call);
    } catch (const std::exception& e) {
        return internal_error(req.method + " " + req.path, e.what());
    }
}

} // namespace kd
