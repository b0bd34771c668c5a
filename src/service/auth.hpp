// auth.hpp: passwords (argon2id), logging in with rate limits that never reveal whether an
// account exists, and sessions with idle and absolute expiry, revocable, shared through the
// database.
#pragma once

#include "store/database.hpp"
#include "store/writer.hpp"

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kd {

// An e-mail address as it is stored and compared: ASCII letters in lower case, the same on
// SQLite and PostgreSQL (whose lower() would also fold other letters).
std::string fold_email(std::string_view email);

struct Principal {
    StaffMember staff;
    SessionRecord session;
};

struct AuthSettings {
    std::chrono::seconds idle{30 * 60};       // logged out after 30 minutes without a request
    std::chrono::seconds absolute{12 * 3600}; // and after 12 hours whatever happens
    int failures_per_account = 5;             // per window, then refused until it passes
    int failures_per_address = 20;
    std::chrono::seconds window{15 * 60};
    std::size_t failure_keys_before_pruning = 10000; // expired counters go when there are more
};

class Authenticator {
public:
    Authenticator(Database& db, Writer& writer, AuthSettings settings = {});

    struct LoginResult {
        enum Kind { ok, refused, limited } kind = refused;
        std::string token; // for the cookie; only its hash is stored
        Principal principal;
        std::chrono::seconds retry_after{0};
    };
    LoginResult login(const std::string& email, const std::string& password,
                      const std::string& source, Instant now);

    // The session of a cookie's token, if it is valid at `now`; keeps it alive.
    std::optional<Principal> authenticate(const std::string& token, Instant now);
    void logout(const std::string& token, Instant now);

    // A new session for someone who has just proved who they are (a changed password).
    LoginResult start_session(const StaffMember& staff, const std::string& source, Instant now);
    // After a write that revoked every session of an account (Transaction::revoke_sessions_of:
    // deactivated, password changed): they end at once on this server too, not when the
    // second that a checked session is trusted for has passed.
    void forget_sessions_of(long long staff_id);

    // An attempt to prove who one is, counted as a failure under each key before the
    // password is checked, so that concurrent attempts cannot pass a limit together; a
    // success takes its count back. nullopt (and `retry`) when a key is at its limit.
    struct Attempt {
        std::vector<std::string> keys;
        Instant at;
    };
    std::optional<Attempt> begin_attempt(const std::vector<std::pair<std::string, int>>& limits,
                                         Instant now, std::chrono::seconds& retry);
    void attempt_succeeded(const Attempt& a);

    const AuthSettings& settings() const { return settings_; }

private:
    bool limited(const std::string& key, int max, Instant now, std::chrono::seconds& retry);
    void record_failure(const std::string& key, Instant now);
    void forget_expired_failures(Instant now);

    Database& db_;
    Writer& writer_;
    AuthSettings settings_;
    std::string dummy_hash_; // verified against for unknown accounts, so timing tells nothing
    std::mutex mu_;
    // Failed logins per account and per address within the window. Invented e-mail addresses
    // add keys, but only 20 per address per window; expired keys go once there are many.
    std::map<std::string, std::deque<Instant>> failures_;
    std::size_t prune_at_;

public:
    std::size_t failure_keys() { // for tests: how many accounts and addresses are counted
        std::lock_guard lock(mu_);
        return failures_.size();
    }
    // Sessions checked in the last second, by token hash: a revocation or an expiry takes
    // effect within a second on every server, and a busy client costs no query per request.
    std::map<std::string, std::pair<std::chrono::steady_clock::time_point, Principal>> recent_;
};

} // namespace kd
