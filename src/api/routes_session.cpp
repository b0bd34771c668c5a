// routes_session.cpp: logging in and out, one's own password, and the health check.
#include "api/documents.hpp"
#include "api/requests.hpp"
#include "api/routes.hpp"
#include "core/amsterdam_time.hpp"

namespace kd {
namespace {

using nlohmann::json;

json session_json(const Principal& p, const OrganisationContext& o) {
    return {
        {"staff",
         {{"id", p.staff.id},
          {"name", p.staff.name},
          {"email", p.staff.email},
          {"roles", p.staff.roles}}},
        {"organisation", {{"id", o.record.id}, {"slug", o.record.slug}, {"name", o.record.name}}},
        {"csrf_token", p.session.csrf_token},
        {"expires_at", format_iso_local(p.session.expires_at)}};
}

const OrganisationContext& organisation_of(const Call& c, const Principal& p) {
    const OrganisationContext* o = c.services.organisations.by_id(p.session.organisation_id);
    if (!o) throw std::runtime_error("a session of an unknown organisation");
    return *o;
}

std::string session_cookie(const Call& c, const std::string& token) {
    std::string cookie =
        std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Lax";
    if (c.services.secure_cookies) cookie += "; Secure";
    return cookie;
}

Response log_in(Call& c) {
    auto creds = read_input(c.req, read_login);
    if (!creds.value) return creds.refused;
    auto r = c.services.auth.login(creds.value->email, creds.value->password, c.req.remote_address,
                                   c.now);
    if (r.kind == Authenticator::LoginResult::limited) return too_many_attempts(r.retry_after);
    if (r.kind == Authenticator::LoginResult::refused) return login_failed();
    return json_reply(200, session_json(r.principal, organisation_of(c, r.principal)))
        .with_header("Set-Cookie", session_cookie(c, r.token));
}

Response change_own_password(Call& c) {
    auto change = read_input(c.req, read_password_change);
    if (!change.value) return change.refused;
    auto done =
        c.services.accounts.change_own_password(c.user->staff, change.value->current_password,
                                                change.value->new_password, c.actor(), c.now);
    if (!done) return problem(done.refusal());
    // Every session of the account ended, this one too; the person who changed it goes on in
    // a new one.
    auto fresh = c.services.auth.start_session(c.user->staff, c.req.remote_address, c.now);
    return json_reply(200, session_json(fresh.principal, organisation_of(c, fresh.principal)))
        .with_header("Set-Cookie", session_cookie(c, fresh.token));
}

} // namespace

void add_session_routes(RouteTable& t) {
    t.add("POST", "/api/v1/session", Access::anyone, false, log_in);
    t.add("GET", "/api/v1/session", Access::logged_in, false, [](Call& c) {
        return json_reply(200, session_json(*c.user, organisation_of(c, *c.user)));
    });
    t.add("DELETE", "/api/v1/session", Access::logged_in, true, [](Call& c) {
        c.services.auth.logout(session_token(c.req), c.now);
        return Response{204, {}, {}}.with_header(
            "Set-Cookie",
            std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    });
    t.add("POST", "/api/v1/session/password", Access::logged_in, true, change_own_password);
    t.add("GET", "/api/health", Access::anyone, false, [](Call& c) {
        return json_reply(200, {{"status", "ok"},
                                {"version", KLACHTDESK_VERSION},
                                {"database", c.services.storage_name}});
    });
}

} // namespace kd
