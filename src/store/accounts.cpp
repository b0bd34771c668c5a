// accounts.cpp: the SQL of logging in: staff by e-mail, password hashes and sessions.
#include "store/database.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <sstream>

namespace kd {

bool StaffMember::has_role(const std::string& role) const {
    std::stringstream ss(roles);
    std::string r;
    while (std::getline(ss, r, ','))
        if (r == role) return true;
    return false;
}

std::optional<Database::Login> Database::login_by_email(const std::string& email) {
    soci::session s(*pool_);
    Login l;
    int confidant = 0, active = 0;
    soci::indicator hi = soci::i_null;
    s << "SELECT id, organisation_id, name, email, roles, confidant, active, password_hash FROM "
         "staff WHERE email = :e",
        soci::use(email), soci::into(l.staff.id), soci::into(l.staff.organisation_id),
        soci::into(l.staff.name), soci::into(l.staff.email), soci::into(l.staff.roles),
        soci::into(confidant), soci::into(active), soci::into(l.password_hash, hi);
    if (!s.got_data()) return std::nullopt;
    l.staff.confidant = confidant != 0;
    l.staff.active = active != 0;
    if (hi != soci::i_ok) l.password_hash.clear();
    return l;
}

void Transaction::create_session(const SessionRecord& r) {
    soci::session& s = sql();
    long long created = to_epoch(r.created_at), seen = to_epoch(r.last_seen_at),
              expires = to_epoch(r.expires_at);
    s << "INSERT INTO sessions (token_hash, organisation_id, staff_id, csrf_token, source, "
         "created_at, last_seen_at, expires_at) VALUES (:t, :o, :s, :c, :src, :cr, :ls, :ex)",
        soci::use(r.token_hash), soci::use(r.organisation_id), soci::use(r.staff_id),
        soci::use(r.csrf_token), soci::use(r.source), soci::use(created), soci::use(seen),
        soci::use(expires);
}

std::optional<SessionRecord> Database::session(const std::string& token_hash) {
    soci::session s(*pool_);
    SessionRecord r;
    long long created = 0, seen = 0, expires = 0, revoked = 0;
    soci::indicator ri = soci::i_null;
    s << "SELECT token_hash, organisation_id, staff_id, csrf_token, source, created_at, "
         "last_seen_at, expires_at, revoked_at FROM sessions WHERE token_hash = :t",
        soci::use(token_hash), soci::into(r.token_hash), soci::into(r.organisation_id),
        soci::into(r.staff_id), soci::into(r.csrf_token), soci::into(r.source), soci::into(created),
        soci::into(seen), soci::into(expires), soci::into(revoked, ri);
    if (!s.got_data()) return std::nullopt;
    r.created_at = from_epoch(created);
    r.last_seen_at = from_epoch(seen);
    r.expires_at = from_epoch(expires);
    if (ri == soci::i_ok) r.revoked_at = from_epoch(revoked);
    return r;
}

void Transaction::touch_session(const std::string& token_hash, Instant at) {
    soci::session& s = sql();
    long long t = to_epoch(at);
    s << "UPDATE sessions SET last_seen_at = :a WHERE token_hash = :t", soci::use(t),
        soci::use(token_hash);
}

void Transaction::revoke_sessions_of(long long staff_id, Instant at) {
    soci::session& s = sql();
    long long t = to_epoch(at);
    s << "UPDATE sessions SET revoked_at = :a WHERE staff_id = :s AND revoked_at IS NULL",
        soci::use(t), soci::use(staff_id);
}

void Transaction::revoke_session(const std::string& token_hash, Instant at) {
    soci::session& s = sql();
    long long t = to_epoch(at);
    s << "UPDATE sessions SET revoked_at = :a WHERE token_hash = :t AND revoked_at IS NULL",
        soci::use(t), soci::use(token_hash);
}

} // namespace kd
