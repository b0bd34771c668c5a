// accounts.cpp: account changes through the Writer, each with its audit event; passwords
// never appear in an event, only that one was set.
#include "service/accounts.hpp"

#include "core/access.hpp"
#include "service/incident.hpp"
#include "service/passwords.hpp"

#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

namespace kd {
namespace {

Refusal refuse(std::string code, std::string nl, std::string en, std::string field) {
    return Refusal{std::move(code), std::move(nl), std::move(en), std::move(field)};
}

Actor signer(Transaction& t, long long organisation_id, const Actor& actor) {
    if (actor.staff_id != 0) return actor;
    return Actor{t.system_actor(organisation_id), actor.source.empty() ? "cli" : actor.source,
                 std::nullopt};
}

std::optional<Refusal> not_admin(const Actor& actor) {
    if (!actor.viewer || actor.viewer->admin || actor.viewer->management) return std::nullopt;
    return forbidden("Alleen de beheerder of de directie beheert accounts.",
                     "Only the admin or management manages accounts.");
}

// Roles that open complaints to whoever holds them: an admin, who sees no content
// (docs/access.md), cannot hand them out alone, or it could read everything.
std::optional<Refusal> may_grant(const Actor& actor, const std::string& before,
                                 const std::string& after) {
    if (!actor.viewer) return std::nullopt; // the command line, on the server itself
    Viewer b = viewer_from_roles(0, before), a = viewer_from_roles(0, after);
    bool gains = (a.coordinator && !b.coordinator) || (a.management && !b.management) ||
                 (a.auditor && !b.auditor) || (a.confidant && !b.confidant);
    if (!gains || actor.viewer->management) return std::nullopt;
    return forbidden("Alleen de directie kent de rollen coördinator, directie, auditor en "
                     "vertrouwenspersoon toe.",
                     "Only management grants the roles coordinator, management, auditor and "
                     "confidant.");
}

nlohmann::json account_json(const StaffMember& m) {
    return {{"name", m.name},           {"email", m.email},
            {"roles", m.roles},         {"active", m.active},
            {"job_title", m.job_title}, {"language", language_name(m.language)}};
}

} // namespace

std::optional<Refusal> AccountService::check_roles(const std::string& roles) {
    static const std::string choices = [] {
        std::string all;
        for (const auto& r : kRoleNames)
            all += std::string(all.empty() ? "" : ", ") + r.name;
        return all;
    }();
    std::set<std::string> seen;
    std::stringstream ss(roles);
    std::string r;
    while (std::getline(ss, r, ','))
        if (!role_from_name(r) || !seen.insert(r).second)
            return refuse(
                "unknown_role", "Onbekende of dubbele rol '" + r + "'; kies uit " + choices + ".",
                "Unknown or repeated role '" + r + "'; choose from " + choices + ".", "roles");
    if (seen.empty())
        return refuse("roles_required", "Geef minstens één rol.", "Give at least one role.",
                      "roles");
    return std::nullopt;
}

Outcome<StaffMember> AccountService::add(long long organisation_id, StaffMember m,
                                         const std::string& password, const Actor& actor,
                                         Instant now) {
    if (auto r = not_admin(actor)) return *r;
    if (auto r = check_roles(m.roles)) return *r;
    if (auto r = may_grant(actor, "", m.roles)) return *r;
    m.email = fold_email(m.email);
    if (m.name.empty())
        return refuse("required", "De naam is verplicht.", "The name is required.", "name");
    if (m.email.find('@') == std::string::npos)
        return refuse("invalid_email", "Geef een geldig e-mailadres.",
                      "Give a valid e-mail address.", "email");
    if (auto why = weak_password(password))
        return refuse("weak_password", *why, "The password is too weak.", "password");
    // One address names one account everywhere, so it cannot be given twice; the answer
    // does not say whether the other account is in this organisation or another.
    if (db_.login_by_email(m.email))
        return refuse("email_unavailable",
                      "Dit e-mailadres kan niet worden gebruikt; kies een ander adres.",
                      "This e-mail address cannot be used; choose another one.", "email");
    m.organisation_id = organisation_id;
    m.confidant = m.has_role("confidant");
    m.active = true;
    std::string hash = hash_password(password);
    std::string err;
    auto status = writer_.run(
        [&](Transaction& t) {
            m.id = t.insert_staff(m);
            t.set_password_hash(m.id, hash);
            nlohmann::json changes = nlohmann::json::object(), fields = account_json(m);
            for (auto it = fields.begin(); it != fields.end(); ++it)
                changes[it.key()] = {nullptr, it.value()};
            changes["password"] = {nullptr, "[ingesteld]"};
            t.append_staff_event(organisation_id, m.id, now, signer(t, organisation_id, actor),
                                 "account-add", changes.dump());
            return true;
        },
        &err);
    if (status != WriteStatus::committed) return storage_failed("add an account", err);
    return m;
}

Outcome<StaffMember> AccountService::change(long long organisation_id, long long staff_id,
                                            const AccountChange& change, const Actor& actor,
                                            Instant now) {
    if (auto r = not_admin(actor)) return *r;
    auto before = db_.staff_member(organisation_id, staff_id);
    if (!before || before->has_role("system"))
        return not_found("Deze medewerker bestaat niet.", "No such employee.");
    if (change.roles) {
        if (auto r = check_roles(*change.roles)) return *r;
        if (actor.viewer && actor.staff_id == staff_id && *change.roles != before->roles)
            return forbidden("U kunt uw eigen rollen niet wijzigen; vraag dat een ander.",
                             "You cannot change your own roles; ask someone else.");
        if (auto r = may_grant(actor, before->roles, *change.roles)) return *r;
    }
    StaffMember after = *before;
    if (change.name) after.name = *change.name;
    if (change.roles) after.roles = *change.roles;
    if (change.active) after.active = *change.active;
    if (change.job_title) after.job_title = *change.job_title;
    if (change.language) after.language = *change.language;
    after.confidant = after.has_role("confidant");
    nlohmann::json changes = nlohmann::json::object(), a = account_json(*before),
                   b = account_json(after);
    for (auto it = b.begin(); it != b.end(); ++it)
        if (a[it.key()] != it.value()) changes[it.key()] = {a[it.key()], it.value()};
    if (changes.empty()) return after;
    std::string err;
    auto status = writer_.run(
        [&](Transaction& t) {
            t.update_staff(after);
            t.append_staff_event(organisation_id, staff_id, now, signer(t, organisation_id, actor),
                                 "account-change", changes.dump());
            // Deactivated and logged out in one write: never the one without the other.
            if (before->active && !after.active) t.revoke_sessions_of(staff_id, now);
            return true;
        },
        &err);
    if (status != WriteStatus::committed) return storage_failed("change an account", err);
    if (before->active && !after.active) auth_.forget_sessions_of(staff_id);
    return after;
}

Outcome<Done> AccountService::set_password(long long organisation_id, long long staff_id,
                                           const std::string& password, const Actor& actor,
                                           Instant now) {
    if (auto why = weak_password(password))
        return refuse("weak_password", *why, "The password is too weak.", "new_password");
    std::string hash = hash_password(password);
    std::string err;
    auto status = writer_.run(
        [&](Transaction& t) {
            t.set_password_hash(staff_id, hash);
            t.append_staff_event(organisation_id, staff_id, now, signer(t, organisation_id, actor),
                                 "password-change",
                                 R"({"password":["[verborgen]","[gewijzigd]"]})");
            t.revoke_sessions_of(staff_id, now);
            return true;
        },
        &err);
    if (status != WriteStatus::committed) return storage_failed("set a password", err);
    auth_.forget_sessions_of(staff_id);
    return Done{};
}

Outcome<Done> AccountService::change_own_password(const StaffMember& me,
                                                  const std::string& current_password,
                                                  const std::string& new_password,
                                                  const Actor& actor, Instant now) {
    std::chrono::seconds retry{0};
    auto attempt = auth_.begin_attempt(
        {{"password:" + std::to_string(me.id), auth_.settings().failures_per_account}}, now, retry);
    if (!attempt)
        return Refusal{"too_many_attempts",
                       "Te vaak een verkeerd wachtwoord; probeer het over " +
                           std::to_string((retry.count() + 59) / 60) + " minuten opnieuw.",
                       "Too many wrong passwords; try again in " +
                           std::to_string((retry.count() + 59) / 60) + " minutes.",
                       "current_password", RefusalKind::limited};
    auto login = db_.login_by_email(me.email);
    if (!login || login->staff.id != me.id ||
        !verify_password(login->password_hash, current_password))
        return refuse("wrong_password", "Het huidige wachtwoord klopt niet.",
                      "The current password is wrong.", "current_password");
    auth_.attempt_succeeded(*attempt);
    return set_password(me.organisation_id, me.id, new_password, actor, now);
}

} // namespace kd
