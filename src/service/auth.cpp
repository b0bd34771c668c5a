// auth.cpp: login and sessions. Failed logins are counted per account and per address in
// this process; sessions are rows, so any server can check them.
#include "service/auth.hpp"

#include "service/passwords.hpp"
#include "store/audit_chain.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace kd {

std::string fold_email(std::string_view email) {
    std::string out(email);
    for (char& ch : out)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
}

namespace {

// A session written by the writer, waited for: the caller answers only once it holds.
void write_session(Writer& writer, const char* what, std::function<void(Transaction&)> work) {
    std::string error;
    if (writer.run(
            [&](Transaction& t) {
                work(t);
                return true;
            },
            &error) != WriteStatus::committed)
        throw std::runtime_error(std::string("session not written (") + what + "): " + error);
}

} // namespace

Authenticator::Authenticator(Database& db, Writer& writer, AuthSettings settings)
    : db_(db), writer_(writer), settings_(settings), dummy_hash_(hash_password(random_hex(16))),
      prune_at_(settings.failure_keys_before_pruning) {}

bool Authenticator::limited(const std::string& key, int max, Instant now,
                            std::chrono::seconds& retry) {
    auto& q = failures_[key];
    while (!q.empty() && q.front() + settings_.window <= now)
        q.pop_front();
    if (static_cast<int>(q.size()) < max) return false;
    retry = std::chrono::duration_cast<std::chrono::seconds>(q.front() + settings_.window - now);
    return true;
}

void Authenticator::record_failure(const std::string& key, Instant now) {
    failures_[key].push_back(now);
    if (failures_.size() >= prune_at_) forget_expired_failures(now);
}

void Authenticator::forget_expired_failures(Instant now) {
    std::erase_if(failures_, [&](const auto& kv) {
        return kv.second.empty() || kv.second.back() + settings_.window <= now;
    });
    // Pruning again only after the map has doubled keeps a flood from pruning every time.
    prune_at_ = std::max(settings_.failure_keys_before_pruning, failures_.size() * 2);
}

std::optional<Authenticator::Attempt>
Authenticator::begin_attempt(const std::vector<std::pair<std::string, int>>& limits, Instant now,
                             std::chrono::seconds& retry) {
    std::lock_guard lock(mu_);
    for (const auto& [key, max] : limits)
        if (limited(key, max, now, retry)) return std::nullopt;
    Attempt a{{}, now};
    for (const auto& [key, max] : limits) {
        record_failure(key, now);
        a.keys.push_back(key);
    }
    return a;
}

void Authenticator::attempt_succeeded(const Attempt& a) {
    std::lock_guard lock(mu_);
    for (const auto& key : a.keys) {
        auto it = failures_.find(key);
        if (it == failures_.end()) continue;
        auto& q = it->second;
        auto mine = std::find(q.rbegin(), q.rend(), a.at);
        if (mine != q.rend()) q.erase(std::next(mine).base());
    }
}

Authenticator::LoginResult Authenticator::login(const std::string& email,
                                                const std::string& password,
                                                const std::string& source, Instant now) {
    LoginResult r;
    // Addresses compare without regard to case, so the limit does too.
    auto attempt = begin_attempt({{"account:" + fold_email(email), settings_.failures_per_account},
                                  {"address:" + source, settings_.failures_per_address}},
                                 now, r.retry_after);
    if (!attempt) {
        r.kind = LoginResult::limited;
        return r;
    }
    auto login = db_.login_by_email(fold_email(email));
    // Unknown accounts cost the same hash check as known ones.
    bool ok = login ? verify_password(login->password_hash, password)
                    : (verify_password(dummy_hash_, password), false);
    if (!ok || !login->staff.active) {
        r.kind = LoginResult::refused; // the attempt stays counted as a failure
        return r;
    }
    attempt_succeeded(*attempt);
    return start_session(login->staff, source, now);
}

Authenticator::LoginResult Authenticator::start_session(const StaffMember& staff,
                                                        const std::string& source, Instant now) {
    LoginResult r;
    r.token = random_hex(32);
    SessionRecord s;
    s.token_hash = sha256_hex(r.token);
    s.organisation_id = staff.organisation_id;
    s.staff_id = staff.id;
    s.csrf_token = random_hex(32);
    s.source = source;
    s.created_at = s.last_seen_at = now;
    s.expires_at = now + settings_.absolute;
    write_session(writer_, "login", [&](Transaction& t) { t.create_session(s); });
    r.kind = LoginResult::ok;
    r.principal = Principal{staff, s};
    return r;
}

void Authenticator::forget_sessions_of(long long staff_id) {
    std::lock_guard lock(mu_);
    std::erase_if(recent_, [&](const auto& kv) { return kv.second.second.staff.id == staff_id; });
}

std::optional<Principal> Authenticator::authenticate(const std::string& token, Instant now) {
    if (token.size() != 64) return std::nullopt;
    std::string hash = sha256_hex(token);
    auto fresh = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(mu_);
        auto it = recent_.find(hash);
        if (it != recent_.end() && fresh - it->second.first < std::chrono::seconds{1} &&
            now < it->second.second.session.expires_at &&
            now - it->second.second.session.last_seen_at < std::chrono::minutes{1})
            return it->second.second; // within a minute of its last touch: nothing to write
        if (recent_.size() > 10000) recent_.clear();
    }
    auto s = db_.session(hash);
    if (!s || s->revoked_at || now >= s->expires_at || now >= s->last_seen_at + settings_.idle)
        return std::nullopt;
    auto staff = db_.staff_member(s->organisation_id, s->staff_id);
    if (!staff || !staff->active) return std::nullopt;
    // Keeping the session alive costs a write at most once a minute. It waits its turn at
    // the writer, a batch at most, where beside it SQLite's lock was polled for and seldom
    // won while the writer was busy (every logged-in request stalled during retention). One
    // that fails only shortens the idle time left, so the request goes on.
    if (now - s->last_seen_at >= std::chrono::minutes{1}) {
        std::string error;
        if (writer_.run(
                [&](Transaction& t) {
                    t.touch_session(hash, now);
                    return true;
                },
                &error) == WriteStatus::committed)
            s->last_seen_at = now;
        else
            spdlog::warn("session not kept alive: {}", error);
    }
    Principal p{*staff, *s};
    std::lock_guard lock(mu_);
    recent_[hash] = {fresh, p};
    return p;
}

void Authenticator::logout(const std::string& token, Instant now) {
    if (token.size() != 64) return;
    std::string hash = sha256_hex(token);
    write_session(writer_, "logout", [&](Transaction& t) { t.revoke_session(hash, now); });
    std::lock_guard lock(mu_);
    recent_.erase(hash);
}

} // namespace kd
