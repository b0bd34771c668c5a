// server.cpp: RESTinio routes. Each handler parses, calls the service and renders; the
// answer to a write is sent from the writer's callback, after its commit.
#include "api/server.hpp"

#include "api/json_mapping.hpp"
#include "core/access.hpp"
#include "core/amsterdam_time.hpp"
#include "core/deadlines.hpp"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <sodium.h>

#include <charconv>

namespace kd {

namespace {

using nlohmann::json;
using router_t = restinio::router::express_router_t<>;
using traits_t =
    restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t, router_t>;
using req_t = restinio::request_handle_t;

constexpr std::size_t kMaxBody = std::size_t{64} * 1024; // larger bodies get 413

std::string version() {
    return KLACHTDESK_VERSION;
}

// RFC 9457 problem details, with the Dutch sentence first and field errors for forms.
void send_problem(const req_t& req, const restinio::http_status_line_t& status,
                  const std::string& type, const std::string& title_en,
                  const std::string& detail_nl, const std::string& detail_en,
                  const std::vector<FieldError>& errors = {}) {
    json j{{"type", "https://klachtdesk.example/problems/" + type},
           {"title", title_en},
           {"status", status.status_code().raw_code()},
           {"detail", detail_nl},
           {"detail_en", detail_en}};
    if (!errors.empty()) {
        json e = json::array();
        for (const auto& f : errors)
            e.push_back(
                {{"field", f.field}, {"message", f.message_nl}, {"message_en", f.message_en}});
        j["errors"] = e;
    }
    req->create_response(status)
        .append_header(restinio::http_field::content_type,
                       "application/problem+json; charset=utf-8")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(j.dump())
        .done();
}

void send_json(const req_t& req, const restinio::http_status_line_t& status, const json& body) {
    req->create_response(status)
        .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(body.dump())
        .done();
}

void send_refusal(const req_t& req, const Refusal& r) {
    auto status = r.code == "invalid_transition" ? restinio::status_conflict()
                                                 : restinio::status_unprocessable_entity();
    std::vector<FieldError> errors;
    if (!r.field.empty()) errors.push_back({r.field, r.message_nl, r.message_en});
    send_problem(req, status, r.code, "The request was refused", r.message_nl, r.message_en,
                 errors);
}

void send_result(const req_t& req, const CommandResult& r, const restinio::http_status_line_t& ok,
                 const json& body_on_ok) {
    switch (r.kind) {
    case CommandResult::ok:
        return send_json(req, ok, body_on_ok);
    case CommandResult::refused:
        return send_refusal(req, r.refusal);
    case CommandResult::forbidden:
        return send_problem(req, restinio::status_forbidden(), "forbidden", "Forbidden",
                            r.refusal.message_nl, r.refusal.message_en);
    case CommandResult::not_found:
        return send_problem(req, restinio::status_not_found(), "not-found", "Not found",
                            "Deze klacht bestaat niet bij deze organisatie.",
                            "This complaint does not exist in this organisation.");
    case CommandResult::failed:
        return send_problem(req, restinio::status_service_unavailable(), "storage-failed",
                            "Not saved", "De wijziging is NIET opgeslagen; probeer het opnieuw.",
                            "The change was NOT saved; please try again: " + r.error);
    }
}

restinio::request_handling_status_t send_invalid_fields(const req_t& req,
                                                        const std::vector<FieldError>& errors) {
    send_problem(req, restinio::status_unprocessable_entity(), "invalid-fields", "Invalid fields",
                 "Niet alle velden zijn goed ingevuld.", "Not all fields are filled in correctly.",
                 errors);
    return restinio::request_accepted();
}

// The person acting with their roles, and where the change came from (the client's address).
Actor actor_of(const req_t& req, const Principal& user) {
    return Actor{user.staff.id, req->remote_endpoint().address().to_string(),
                 viewer_from_roles(user.staff.id, user.staff.roles)};
}

json complaint_with_deadlines(const OrganisationContext& o, const Complaint& c, Instant now) {
    json body = complaint_json(c);
    json d = json::array();
    for (const auto& x : deadlines_of(o.procedure, o.calendar, c, now))
        d.push_back(deadline_json(x));
    body["deadlines"] = d;
    return body;
}

// The answer to a write, sent from the writer's callback once the write is durable.
ComplaintService::Callback reply_with_complaint(const req_t& req, const OrganisationContext& o,
                                                Instant now,
                                                const restinio::http_status_line_t& ok_status) {
    return [req, org = &o, now, ok_status](const CommandResult& r) {
        json body =
            r.kind == CommandResult::ok ? complaint_with_deadlines(*org, r.complaint, now) : json();
        send_result(req, r, ok_status, body);
    };
}

void not_found(const req_t& req, const std::string& nl, const std::string& en) {
    send_problem(req, restinio::status_not_found(), "not-found", "Not found", nl, en);
}

// A confidential read whose audit event could not be written is not shown.
void not_recorded(const req_t& req) {
    send_problem(req, restinio::status_service_unavailable(), "storage-failed", "Not shown",
                 "Inzage kon niet worden vastgelegd; probeer opnieuw.",
                 "Viewing could not be recorded; please try again.");
}

std::optional<long long> parse_id(restinio::string_view_t s) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

// Reads a JSON body; sends the problem and returns nullopt when it is not usable.
std::optional<json> read_body(const req_t& req) {
    auto ct = req->header().get_field_or(restinio::http_field::content_type, "");
    if (ct.find("application/json") == std::string::npos) {
        send_problem(req, restinio::status_unsupported_media_type(), "unsupported-media-type",
                     "Unsupported media type",
                     "Stuur de gegevens als JSON (Content-Type: application/json).",
                     "Send the data as JSON (Content-Type: application/json).");
        return std::nullopt;
    }
    if (req->body().size() > kMaxBody) {
        send_problem(req, restinio::status_payload_too_large(), "too-large", "Body too large",
                     "Het verzoek is te groot (hoogstens 64 KiB).",
                     "The request is too large (at most 64 KiB).");
        return std::nullopt;
    }
    json j = json::parse(req->body(), nullptr, false);
    if (j.is_discarded()) {
        send_problem(req, restinio::status_bad_request(), "malformed-json", "Malformed JSON",
                     "De gegevens zijn geen geldige JSON.", "The body is not valid JSON.");
        return std::nullopt;
    }
    return j;
}

constexpr const char* kSessionCookie = "kd_session";

// The session token from the Cookie header, or "".
std::string session_token(const req_t& req) {
    std::string cookies = req->header().get_field_or(restinio::http_field::cookie, "");
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

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

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

} // namespace

struct HttpServer::Impl {
    ComplaintService& service;
    Authenticator& auth;
    bool secure_cookies = false;
    std::function<Instant()> clock;
    using server_handle_t = restinio::running_server_handle_t<traits_t>;
    server_handle_t server;
    bool stopped = false;

    AccountService accounts;

    Impl(ComplaintService& s, Authenticator& a, bool secure, std::function<Instant()> c)
        : service(s), auth(a), secure_cookies(secure), clock(std::move(c)),
          accounts(s.database(), s.writer()) {}

    // Account management is the admin's, within their own organisation.
    bool require_admin(const req_t& req, const Principal& user) {
        if (user.staff.has_role("admin")) return true;
        send_problem(req, restinio::status_forbidden(), "forbidden", "Forbidden",
                     "Alleen de beheerder beheert accounts.", "Only the admin manages accounts.");
        return false;
    }

    void send_outcome_refusal(const req_t& req, const Refusal& r) {
        if (r.code == "not_found") return not_found(req, r.message_nl, r.message_en);
        send_refusal(req, r);
    }

    // The logged-in user, or nullopt after answering 401 (no valid session) or 403 (a change
    // without the session's CSRF token in X-CSRF-Token).
    std::optional<Principal> who(const req_t& req, bool changes_something) {
        auto p = auth.authenticate(session_token(req), clock());
        if (!p) {
            send_problem(req, restinio::status_unauthorized(), "not-logged-in", "Not logged in",
                         "Log eerst in.", "Log in first.");
            return std::nullopt;
        }
        if (changes_something &&
            !same_secret(req->header().get_field_or("X-CSRF-Token", ""), p->session.csrf_token)) {
            send_problem(req, restinio::status_forbidden(), "csrf", "Missing CSRF token",
                         "Dit verzoek mist het beveiligingskenmerk van uw sessie; laad de pagina "
                         "opnieuw.",
                         "This request lacks your session's CSRF token; reload the page.");
            return std::nullopt;
        }
        return p;
    }

    // The organisation in the path, if it is the user's own: organisations are sealed from
    // each other, so another one's path answers exactly like one that does not exist.
    const OrganisationContext* org(const req_t& req, const restinio::router::route_params_t& p,
                                   const Principal& user) {
        auto slug = restinio::cast_to<std::string>(p["org"]);
        const OrganisationContext* o = service.organisation(slug);
        if (!o || o->record.id != user.session.organisation_id) {
            not_found(req, "Onbekende organisatie: " + slug + ".",
                      "Unknown organisation: " + slug + ".");
            return nullptr;
        }
        return o;
    }

    // The logged-in user and the organisation in the path, when both check out; otherwise
    // the answer (401, 403, 404) has been sent.
    struct Caller {
        Principal user;
        const OrganisationContext* org;
    };
    std::optional<Caller> caller(const req_t& req, const restinio::router::route_params_t& p,
                                 bool changes_something) {
        auto user = who(req, changes_something);
        if (!user) return std::nullopt;
        const OrganisationContext* o = org(req, p, *user);
        if (!o) return std::nullopt;
        return Caller{std::move(*user), o};
    }

    std::unique_ptr<router_t> routes();
    std::vector<std::pair<std::string, std::string>> route_list; // method, path
    void list_complaints(const req_t& req, const OrganisationContext& o, const Principal& user);
    void audit_log(const req_t& req, const OrganisationContext& o, const Principal& user);
    void get_complaint(const req_t& req, const OrganisationContext& o, long long id,
                       const Principal& user);
};

// Runs a handler; an exception becomes a 500 problem with the cause logged, never a
// dropped connection or a dead server.
template <typename Handler> auto guarded(Handler h) {
    return [h](req_t req, restinio::router::route_params_t params) {
        try {
            return h(req, std::move(params));
        } catch (const std::exception& e) {
            spdlog::error("{} {}: {}", req->header().method().c_str(),
                          std::string(req->header().request_target()), e.what());
            send_problem(req, restinio::status_internal_server_error(), "internal-error",
                         "Internal error", "Er ging iets mis op de server; er is niets gewijzigd.",
                         "Something went wrong on the server; nothing was changed.");
            return restinio::request_accepted();
        }
    };
}

std::unique_ptr<router_t> HttpServer::Impl::routes() {
    auto r = std::make_unique<router_t>();
    // Every route is registered through here, so route_list is the whole API: the access
    // matrix test fails for a route it has no row for.
    auto route = [&](restinio::http_method_id_t method, const std::string& path, auto handler) {
        route_list.push_back({method.c_str(), path});
        r->add_handler(method, path, std::move(handler));
    };
    route(restinio::http_method_post(), "/api/v1/session",
          guarded([this](const req_t& req, restinio::router::route_params_t) {
              auto body = read_body(req);
              if (!body) return restinio::request_accepted();
              ParsedBody parsed;
              auto creds = read_login(*body, parsed);
              if (!parsed.errors.empty()) return send_invalid_fields(req, parsed.errors);
              auto r = auth.login(creds.email, creds.password,
                                  req->remote_endpoint().address().to_string(), clock());
              if (r.kind == Authenticator::LoginResult::limited) {
                  req->create_response(restinio::status_too_many_requests())
                      .append_header(restinio::http_field::content_type,
                                     "application/problem+json; charset=utf-8")
                      .append_header(restinio::http_field::retry_after,
                                     std::to_string(r.retry_after.count()))
                      .set_body(
                          json{{"type", "https://klachtdesk.example/problems/too-many-attempts"},
                               {"title", "Too many attempts"},
                               {"status", 429},
                               {"detail", "Te veel mislukte pogingen; probeer het later opnieuw."},
                               {"detail_en", "Too many failed attempts; try again later."}}
                              .dump())
                      .done();
                  return restinio::request_accepted();
              }
              if (r.kind == Authenticator::LoginResult::refused) {
                  // The same answer whether the account exists or not.
                  send_problem(req, restinio::status_unauthorized(), "login-failed", "Login failed",
                               "E-mailadres of wachtwoord klopt niet.",
                               "E-mail address or password is wrong.");
                  return restinio::request_accepted();
              }
              const OrganisationContext* o = nullptr;
              for (const auto& x : service.organisations())
                  if (x->record.id == r.principal.session.organisation_id) o = x.get();
              if (!o) throw std::runtime_error("session for an unknown organisation");
              std::string cookie =
                  std::string(kSessionCookie) + "=" + r.token + "; Path=/; HttpOnly; SameSite=Lax";
              if (secure_cookies) cookie += "; Secure";
              req->create_response(restinio::status_ok())
                  .append_header(restinio::http_field::content_type,
                                 "application/json; charset=utf-8")
                  .append_header(restinio::http_field::cache_control, "no-store")
                  .append_header(restinio::http_field::set_cookie, cookie)
                  .set_body(session_json(r.principal, *o).dump())
                  .done();
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/session",
          guarded([this](const req_t& req, restinio::router::route_params_t) {
              auto user = who(req, false);
              if (!user) return restinio::request_accepted();
              for (const auto& o : service.organisations())
                  if (o->record.id == user->session.organisation_id)
                      send_json(req, restinio::status_ok(), session_json(*user, *o));
              return restinio::request_accepted();
          }));
    route(restinio::http_method_delete(), "/api/v1/session",
          guarded([this](const req_t& req, restinio::router::route_params_t) {
              auto user = who(req, true);
              if (!user) return restinio::request_accepted();
              auth.logout(session_token(req), clock());
              std::string cookie =
                  std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
              req->create_response(restinio::status_no_content())
                  .append_header(restinio::http_field::set_cookie, cookie)
                  .done();
              return restinio::request_accepted();
          }));
    route(restinio::http_method_post(), "/api/v1/session/password",
          guarded([this](const req_t& req, restinio::router::route_params_t) {
              auto user = who(req, true);
              if (!user) return restinio::request_accepted();
              auto body = read_body(req);
              if (!body) return restinio::request_accepted();
              ParsedBody parsed;
              auto change = read_password_change(*body, parsed);
              if (!parsed.errors.empty()) return send_invalid_fields(req, parsed.errors);
              auto login = service.database().login_by_email(user->staff.email);
              if (!login || !verify_password(login->password_hash, change.current_password)) {
                  send_refusal(req, Refusal{"wrong_password", "Het huidige wachtwoord klopt niet.",
                                            "The current password is wrong.", "current_password"});
                  return restinio::request_accepted();
              }
              auto done = accounts.set_password(user->session.organisation_id, user->staff.id,
                                                change.new_password, actor_of(req, *user), clock());
              if (!done) {
                  send_outcome_refusal(req, done.refusal());
                  return restinio::request_accepted();
              }
              req->create_response(restinio::status_no_content()).done();
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/health",
          guarded([this](const req_t& req, restinio::router::route_params_t) {
              send_json(req, restinio::status_ok(),
                        {{"status", "ok"},
                         {"version", version()},
                         {"database", service.database().backend_name()}});
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/organisations",
          guarded([this](const req_t& req, restinio::router::route_params_t) {
              auto user = who(req, false);
              if (!user) return restinio::request_accepted();
              json out = json::array();
              for (const auto& o : service.organisations())
                  if (o->record.id == user->session.organisation_id)
                      out.push_back(organisation_json(*o));
              send_json(req, restinio::status_ok(), {{"items", out}});
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/organisations/:org",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              if (auto call = caller(req, p, false))
                  send_json(req, restinio::status_ok(), organisation_json(*call->org));
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/organisations/:org/procedure",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              if (auto call = caller(req, p, false))
                  send_json(req, restinio::status_ok(), procedure_json(call->org->procedure));
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/organisations/:org/staff",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              if (auto call = caller(req, p, false)) {
                  json out = json::array();
                  for (const auto& s : service.database().staff(call->org->record.id))
                      out.push_back(staff_json(s));
                  send_json(req, restinio::status_ok(), {{"items", out}});
              }
              return restinio::request_accepted();
          }));
    route(restinio::http_method_post(), "/api/v1/organisations/:org/staff",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, true);
              if (!call || !require_admin(req, call->user)) return restinio::request_accepted();
              const Principal* user = &call->user;
              const OrganisationContext* o = call->org;
              auto body = read_body(req);
              if (!body) return restinio::request_accepted();
              ParsedBody parsed;
              auto account = read_new_account(*body, parsed);
              if (!parsed.errors.empty()) return send_invalid_fields(req, parsed.errors);
              auto made = accounts.add(o->record.id, account.staff, account.password,
                                       actor_of(req, *user), clock());
              if (!made) {
                  send_outcome_refusal(req, made.refusal());
                  return restinio::request_accepted();
              }
              send_json(req, restinio::status_created(), staff_json(made.value()));
              return restinio::request_accepted();
          }));
    route(restinio::http_method_post(), "/api/v1/organisations/:org/staff/:id",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, true);
              if (!call || !require_admin(req, call->user)) return restinio::request_accepted();
              const Principal* user = &call->user;
              const OrganisationContext* o = call->org;
              auto id = parse_id(p["id"]);
              if (!id) {
                  not_found(req, "Deze medewerker bestaat niet.", "No such employee.");
                  return restinio::request_accepted();
              }
              auto body = read_body(req);
              if (!body) return restinio::request_accepted();
              ParsedBody parsed;
              auto change = read_account_change(*body, parsed);
              if (!parsed.errors.empty()) return send_invalid_fields(req, parsed.errors);
              auto changed =
                  accounts.change(o->record.id, *id, change, actor_of(req, *user), clock());
              if (!changed) {
                  send_outcome_refusal(req, changed.refusal());
                  return restinio::request_accepted();
              }
              send_json(req, restinio::status_ok(), staff_json(changed.value()));
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/organisations/:org/complaints",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              if (auto call = caller(req, p, false)) list_complaints(req, *call->org, call->user);
              return restinio::request_accepted();
          }));
    route(restinio::http_method_post(), "/api/v1/organisations/:org/complaints",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, true);
              if (!call) return restinio::request_accepted();
              const Principal* user = &call->user;
              const OrganisationContext* o = call->org;
              auto body = read_body(req);
              if (!body) return restinio::request_accepted();
              ParsedBody parsed;
              Intake in = read_intake(*body, parsed);
              if (!parsed.errors.empty()) return send_invalid_fields(req, parsed.errors);
              Instant now = clock();
              service.register_complaint(
                  *o, in, actor_of(req, *user), now,
                  reply_with_complaint(req, *o, now, restinio::status_created()));
              return restinio::request_accepted();
          }));
    // Hearing of both sides: what handlers shared with the logged-in employee about complaints
    // that concern them: the summary, the reference and who shared it, never the case.
    route(restinio::http_method_get(), "/api/v1/organisations/:org/hearing-summaries",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, false);
              if (!call) return restinio::request_accepted();
              long long me = call->user.staff.id;
              json items = json::array();
              std::vector<Complaint> confidential;
              for (const auto& c : service.database().complaints_about(call->org->record.id, me))
                  for (const auto& h : c.hearing_summaries)
                      if (h.employee_id == me) {
                          json j = hearing_summary_json(h);
                          j["reference"] = c.reference;
                          j["category"] = c.category;
                          items.push_back(std::move(j));
                          if (c.confidential &&
                              (confidential.empty() || confidential.back().id != c.id))
                              confidential.push_back(c);
                      }
              json body = {{"items", items}};
              if (confidential.empty()) {
                  send_json(req, restinio::status_ok(), body);
                  return restinio::request_accepted();
              }
              // Part of a confidential case: reading it is recorded first, like the case.
              service.record_view(*call->org, confidential, "view-summary",
                                  actor_of(req, call->user), clock(), [req, body](bool logged) {
                                      if (!logged) return not_recorded(req);
                                      send_json(req, restinio::status_ok(), body);
                                  });
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), "/api/v1/organisations/:org/audit",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, false);
              if (!call) return restinio::request_accepted();
              const Principal* user = &call->user;
              const OrganisationContext* o = call->org;
              audit_log(req, *o, *user);
              return restinio::request_accepted();
          }));
    route(restinio::http_method_get(), R"(/api/v1/organisations/:org/complaints/:id)",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, false);
              if (!call) return restinio::request_accepted();
              const Principal* user = &call->user;
              const OrganisationContext* o = call->org;
              auto id = parse_id(p["id"]);
              if (!id) {
                  not_found(req, "Onbekend klachtnummer.", "Unknown complaint number.");
                  return restinio::request_accepted();
              }
              get_complaint(req, *o, *id, *user);
              return restinio::request_accepted();
          }));
    route(restinio::http_method_post(), R"(/api/v1/organisations/:org/complaints/:id/:action)",
          guarded([this](const req_t& req, restinio::router::route_params_t p) {
              auto call = caller(req, p, true);
              if (!call) return restinio::request_accepted();
              const Principal* user = &call->user;
              const OrganisationContext* o = call->org;
              auto id = parse_id(p["id"]);
              std::string action = restinio::cast_to<std::string>(p["action"]);
              if (!id) {
                  not_found(req, "Onbekend klachtnummer.", "Unknown complaint number.");
                  return restinio::request_accepted();
              }
              auto body = read_body(req);
              if (!body) return restinio::request_accepted();
              ParsedBody parsed;
              auto cmd = read_command(action, *body, parsed);
              if (!cmd) {
                  not_found(req, "Onbekende stap: " + action + ".",
                            "Unknown action: " + action + ".");
                  return restinio::request_accepted();
              }
              if (!parsed.errors.empty()) return send_invalid_fields(req, parsed.errors);
              Instant now = clock();
              service.apply_command(*o, *id, *cmd, actor_of(req, *user), now,
                                    reply_with_complaint(req, *o, now, restinio::status_ok()));
              return restinio::request_accepted();
          }));
    r->non_matched_request_handler([](auto req) {
        not_found(req, "Deze pagina of dit adres bestaat niet.", "No such address.");
        return restinio::request_accepted();
    });
    return r;
}

void HttpServer::Impl::list_complaints(const req_t& req, const OrganisationContext& o,
                                       const Principal& user) {
    std::vector<FieldError> errors;
    ComplaintQuery q;
    q.organisation_id = o.record.id;
    q.viewer = viewer_from_roles(user.staff.id, user.staff.roles);
    q.now = clock();
    auto parsed =
        restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req->header().query());
    if (!parsed)
        return send_problem(req, restinio::status_bad_request(), "invalid-query", "Invalid query",
                            "De zoekopdracht in het adres is onleesbaar.",
                            "The query string cannot be read.");
    restinio::query_string_params_t& qp = *parsed;
    auto param = [&](const char* name) -> std::optional<std::string> {
        auto v = qp.get_param(name);
        if (!v) return std::nullopt;
        return std::string(v->data(), v->size());
    };
    static const char* known[] = {"state",       "category", "handler", "overdue", "received_from",
                                  "received_to", "q",        "sort",    "limit",   "offset"};
    for (const auto& kv : qp) {
        std::string key(kv.first.data(), kv.first.size());
        if (std::find(std::begin(known), std::end(known), key) == std::end(known))
            errors.push_back({key, "Onbekend filter.", "Unknown filter."});
    }
    if (auto s = param("state")) {
        std::size_t start = 0;
        while (start <= s->size()) {
            auto end = s->find(',', start);
            std::string one =
                s->substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (auto st = state_from_name(one))
                q.states.push_back(*st);
            else
                errors.push_back(
                    {"state", "Onbekende status: " + one + ".", "Unknown state: " + one + "."});
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
    if (auto c = param("category")) q.category = *c;
    if (auto h = param("handler")) {
        if (auto id = parse_id(*h))
            q.handler_id = *id;
        else
            errors.push_back(
                {"handler", "Moet een medewerkernummer zijn.", "Must be an employee number."});
    }
    if (auto ov = param("overdue")) {
        if (*ov == "true")
            q.overdue = true;
        else if (*ov != "false")
            errors.push_back({"overdue", "Kies true of false.", "Choose true or false."});
    }
    if (auto d = param("received_from")) {
        if (auto dd = try_parse_date(*d))
            q.received_from = start_of_local_day(*dd);
        else
            errors.push_back({"received_from", "Moet een datum zijn, zoals 2026-11-23.",
                              "Must be a date like 2026-11-23."});
    }
    if (auto d = param("received_to")) {
        // Inclusive for people: "up to and including the 30th".
        if (auto dd = try_parse_date(*d))
            q.received_until =
                start_of_local_day(Date{std::chrono::sys_days{*dd} + std::chrono::days{1}});
        else
            errors.push_back({"received_to", "Moet een datum zijn, zoals 2026-11-23.",
                              "Must be a date like 2026-11-23."});
    }
    if (auto t = param("q")) {
        if (t->size() > 200)
            errors.push_back({"q", "Zoektekst te lang.", "Search text too long."});
        else
            q.text = *t;
    }
    if (auto s = param("sort")) {
        if (auto so = complaint_sort_from_name(*s))
            q.sort = *so;
        else
            errors.push_back({"sort",
                              "Sorteer op -received_at, received_at, next_due_at of reference.",
                              "Sort by -received_at, received_at, next_due_at or reference."});
    }
    auto bounded = [&](const char* name, int lo, int hi, int& out) {
        if (auto v = param(name)) {
            int n = 0;
            auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc{} || p != v->data() + v->size() || n < lo || n > hi)
                errors.push_back({name,
                                  "Moet een getal van " + std::to_string(lo) + " tot " +
                                      std::to_string(hi) + " zijn.",
                                  "Must be a number from " + std::to_string(lo) + " to " +
                                      std::to_string(hi) + "."});
            else
                out = n;
        }
    };
    bounded("limit", 1, 200, q.limit);
    bounded("offset", 0, 10000000, q.offset);
    if (!errors.empty())
        return send_problem(req, restinio::status_bad_request(), "invalid-query", "Invalid query",
                            "De zoekopdracht klopt niet.", "The query is not valid.", errors);
    ComplaintPage page = service.database().list(q);
    json items = json::array();
    for (const auto& c : page.items) {
        auto due = next_due(deadlines_of(o.procedure, o.calendar, c, q.now));
        items.push_back(complaint_summary_json(c, due, q.now));
    }
    send_json(
        req, restinio::status_ok(),
        {{"items", items}, {"limit", q.limit}, {"offset", q.offset}, {"has_more", page.has_more}});
}

namespace {

std::string csv_field(const std::string& v) {
    std::string out = "\"";
    for (char ch : v) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

} // namespace

// R-REPORT: the organisation-wide audit log, for the register's keepers and the auditor,
// as JSON or as CSV for a spreadsheet (semicolons and a byte-order mark, as Dutch Excel wants).
void HttpServer::Impl::audit_log(const req_t& req, const OrganisationContext& o,
                                 const Principal& user) {
    Viewer v = viewer_from_roles(user.staff.id, user.staff.roles);
    if (!sees_all_open_cases(v))
        return send_problem(req, restinio::status_forbidden(), "forbidden", "Forbidden",
                            "Alleen de coördinator, de directie en de auditor lezen het auditlog.",
                            "Only the coordinator, management and the auditor read the audit log.");
    auto parsed =
        restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req->header().query());
    std::vector<FieldError> errors;
    AuditQuery q;
    q.organisation_id = o.record.id;
    q.viewer = v;
    bool csv = false;
    if (!parsed)
        errors.push_back({"", "De zoekopdracht is onleesbaar.", "The query cannot be read."});
    else
        for (const auto& kv : *parsed) {
            std::string key(kv.first.data(), kv.first.size()),
                val(kv.second.data(), kv.second.size());
            auto date = try_parse_date(val);
            auto id = parse_id(val);
            int n = 0;
            auto [ptr, ec] = std::from_chars(val.data(), val.data() + val.size(), n);
            bool number = ec == std::errc{} && ptr == val.data() + val.size();
            if (key == "from" && date)
                q.from = start_of_local_day(*date);
            else if (key == "to" && date)
                q.until =
                    start_of_local_day(Date{std::chrono::sys_days{*date} + std::chrono::days{1}});
            else if (key == "action" && val.size() <= 40)
                q.action = val;
            else if (key == "actor" && id)
                q.actor_id = *id;
            else if (key == "complaint" && id)
                q.complaint_id = *id;
            else if (key == "limit" && number && n >= 1 && n <= 1000)
                q.limit = n;
            else if (key == "offset" && number && n >= 0)
                q.offset = n;
            else if (key == "format" && (val == "csv" || val == "json"))
                csv = val == "csv";
            else
                errors.push_back(
                    {key, "Onbekend of onleesbaar filter.", "Unknown or unreadable filter."});
        }
    if (!errors.empty())
        return send_problem(req, restinio::status_bad_request(), "invalid-query", "Invalid query",
                            "De zoekopdracht klopt niet.", "The query is not valid.", errors);
    auto rows = service.database().audit_log(q);
    bool more = static_cast<int>(rows.size()) > q.limit;
    if (more) rows.pop_back();
    if (!csv) {
        json items = json::array();
        for (const auto& r : rows) {
            json j = audit_json(r.event);
            j["complaint_id"] = r.event.complaint_id;
            j["reference"] = r.reference;
            items.push_back(std::move(j));
        }
        return send_json(
            req, restinio::status_ok(),
            {{"items", items}, {"limit", q.limit}, {"offset", q.offset}, {"has_more", more}});
    }
    std::string out =
        "\xEF\xBB\xBFvolgnummer;tijdstip;medewerker;bron;actie;onderwerp;onderwerp_id;klacht;"
        "wijzigingen;hash\r\n";
    for (const auto& r : rows)
        out += std::to_string(r.event.seq) + ";" + format_iso_local(r.event.at) + ";" +
               std::to_string(r.event.actor_id) + ";" + csv_field(r.event.source) + ";" +
               csv_field(r.event.action) + ";" + csv_field(r.event.subject) + ";" +
               std::to_string(r.event.subject_id) + ";" + csv_field(r.reference) + ";" +
               csv_field(r.event.changes_json) + ";" + r.event.hash + "\r\n";
    req->create_response(restinio::status_ok())
        .append_header(restinio::http_field::content_type, "text/csv; charset=utf-8")
        .append_header(restinio::http_field::content_disposition,
                       "attachment; filename=\"auditlog-" + o.record.slug + ".csv\"")
        .append_header(restinio::http_field::cache_control, "no-store")
        .set_body(out)
        .done();
}

void HttpServer::Impl::get_complaint(const req_t& req, const OrganisationContext& o, long long id,
                                     const Principal& user) {
    auto c = service.database().complaint(o.record.id, id);
    Actor actor = actor_of(req, user);
    // A case the person may not see answers exactly like one that does not exist.
    if (!c || !can_see(*actor.viewer, *c))
        return not_found(req, "Deze klacht bestaat niet bij deze organisatie.",
                         "This complaint does not exist in this organisation.");
    Instant now = clock();
    auto show = [this, req, org = &o, id, now](const Complaint& complaint) {
        json body = complaint_with_deadlines(*org, complaint, now);
        json t = json::array();
        for (const auto& e : service.database().timeline(org->record.id, id))
            t.push_back(audit_json(e));
        body["timeline"] = t;
        send_json(req, restinio::status_ok(), body);
    };
    if (!c->confidential) return show(*c);
    // Reading a confidential case is itself recorded, before it is shown.
    service.record_view(o, {*c}, "view", actor, now, [req, show, complaint = *c](bool logged) {
        if (!logged) return not_recorded(req);
        show(complaint);
    });
}

HttpServer::HttpServer(ComplaintService& service, Authenticator& auth, const ServerOptions& options,
                       const Clock& clock)
    : impl_(std::make_unique<Impl>(service, auth, options.secure_cookies,
                                   [&clock] { return clock.now(); })) {
    auto settings =
        restinio::server_settings_t<traits_t>{}
            .address(options.address)
            .port(options.port)
            .request_handler(impl_->routes())
            // Bodies up to 1 MiB are read so the handler can answer 413 with a
            // reason; beyond that the connection is closed unread.
            .incoming_http_msg_limits(
                restinio::incoming_http_msg_limits_t{}.max_body_size(std::uint64_t{1024} * 1024))
            .handle_request_timeout(std::chrono::seconds(30));
    impl_->server =
        restinio::run_async(restinio::own_io_context(), std::move(settings), options.threads);
}

void HttpServer::stop() {
    if (impl_->stopped) return;
    impl_->stopped = true;
    impl_->server->stop();
    impl_->server->wait();
}

std::vector<std::pair<std::string, std::string>> HttpServer::routes() const {
    return impl_->route_list;
}

HttpServer::~HttpServer() {
    stop();
}

} // namespace kd
