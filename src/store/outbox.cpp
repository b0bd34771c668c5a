// outbox.cpp: the SQL of the outbox: mails queued with the change that caused them, claimed by
// one sender at a time, and marked sent or failed.
#include "store/binds.hpp"
#include "store/database.hpp"
#include "store/row_values.hpp"

#include <soci/soci.h>

namespace kd {
namespace {

constexpr const char* kColumns =
    "id, organisation_id, complaint_id, kind, recipient, to_address, to_name, subject, body, "
    "message_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error, "
    "staff_id, once_key";

OutboxMail mail_from(const soci::row& r) {
    OutboxMail m;
    m.id = as_ll(r, 0);
    m.organisation_id = as_ll(r, 1);
    if (r.get_indicator(2) != soci::i_null) m.complaint_id = as_ll(r, 2);
    m.kind = as_str(r, 3);
    m.recipient = as_str(r, 4);
    m.to_address = as_str(r, 5);
    m.to_name = as_str(r, 6);
    m.subject = as_str(r, 7);
    m.body = as_str(r, 8);
    m.message_id = as_str(r, 9);
    m.created_at = from_epoch(as_ll(r, 10));
    m.attempts = static_cast<int>(as_ll(r, 11));
    m.next_attempt_at = from_epoch(as_ll(r, 12));
    if (r.get_indicator(13) != soci::i_null) m.sent_at = from_epoch(as_ll(r, 13));
    if (r.get_indicator(14) != soci::i_null) m.failed_at = from_epoch(as_ll(r, 14));
    m.last_error = as_str(r, 15);
    if (r.get_indicator(16) != soci::i_null) m.staff_id = as_ll(r, 16);
    if (r.get_indicator(17) != soci::i_null) m.once_key = as_str(r, 17);
    return m;
}

} // namespace

bool Transaction::queue_mail(OutboxMail& m) {
    long long created = to_epoch(m.created_at), next = to_epoch(m.next_attempt_at);
    soci::indicator no_complaint = m.complaint_id == 0 ? soci::i_null : soci::i_ok;
    long long staff = m.staff_id.value_or(0);
    soci::indicator no_staff = m.staff_id ? soci::i_ok : soci::i_null;
    soci::indicator no_key = m.once_key.empty() ? soci::i_null : soci::i_ok;
    soci::indicator got = soci::i_null;
    // A mail with a once_key that is already there is not written again: the scheduler of
    // another server wrote it first (PostgreSQL makes the second insert wait for the first's
    // commit, then skip).
    sql() << "INSERT INTO outbox (organisation_id, complaint_id, staff_id, kind, recipient, "
             "to_address, to_name, subject, body, message_id, once_key, created_at, "
             "next_attempt_at) VALUES (:o, :c, :st, :k, :r, :a, :n, :s, :b, :m, :ok, :t, :x) ON "
             "CONFLICT (once_key) DO NOTHING RETURNING id",
        soci::use(m.organisation_id), soci::use(m.complaint_id, no_complaint),
        soci::use(staff, no_staff), soci::use(m.kind), soci::use(m.recipient),
        soci::use(m.to_address), soci::use(m.to_name), soci::use(m.subject), soci::use(m.body),
        soci::use(m.message_id), soci::use(m.once_key, no_key), soci::use(created), soci::use(next),
        soci::into(m.id, got);
    return sql().got_data() && got == soci::i_ok;
}

std::vector<OutboxMail> Transaction::claim_due_mails(Instant now, Instant until, int limit) {
    long long at = to_epoch(now), held = to_epoch(until);
    std::vector<OutboxMail> due;
    {
        soci::rowset<soci::row> rs =
            (sql().prepare << std::string("SELECT ") + kColumns +
                                  " FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND "
                                  "next_attempt_at <= :n AND (claimed_until IS NULL OR "
                                  "claimed_until < :n2) ORDER BY next_attempt_at, id LIMIT " +
                                  std::to_string(limit),
             soci::use(at), soci::use(at));
        for (const soci::row& r : rs)
            due.push_back(mail_from(r));
    }
    // The claim repeats the condition: on PostgreSQL a second server's claim of the same row
    // waits for this transaction and then finds it held, so each mail has one sender.
    std::vector<OutboxMail> claimed;
    for (auto& m : due) {
        soci::statement st =
            (sql().prepare << "UPDATE outbox SET claimed_until = :u WHERE id = :i AND sent_at IS "
                              "NULL AND failed_at IS NULL AND (claimed_until IS NULL OR "
                              "claimed_until < :n)",
             soci::use(held), soci::use(m.id), soci::use(at));
        st.execute(true);
        if (st.get_affected_rows() == 1) claimed.push_back(std::move(m));
    }
    return claimed;
}

void Transaction::mark_mail_sent(long long id, Instant at, const std::string& kept_body) {
    long long sent = to_epoch(at);
    sql() << "UPDATE outbox SET sent_at = :s, claimed_until = NULL, attempts = attempts + 1, "
             "last_error = '', body = :b WHERE id = :i",
        soci::use(sent), soci::use(kept_body), soci::use(id);
}

void Transaction::mark_mail_failed(long long id, const std::string& error,
                                   std::optional<Instant> retry_at, Instant now) {
    if (retry_at) {
        long long next = to_epoch(*retry_at);
        sql() << "UPDATE outbox SET next_attempt_at = :x, claimed_until = NULL, attempts = "
                 "attempts + 1, last_error = :e WHERE id = :i",
            soci::use(next), soci::use(error), soci::use(id);
    } else {
        long long failed = to_epoch(now);
        sql() << "UPDATE outbox SET failed_at = :f, claimed_until = NULL, attempts = attempts + "
                 "1, last_error = :e WHERE id = :i",
            soci::use(failed), soci::use(error), soci::use(id);
    }
}

void Transaction::anonymise_mails(long long organisation_id, long long complaint_id, Instant at) {
    long long now = to_epoch(at);
    sql() << "UPDATE outbox SET to_address = '[verwijderd]', to_name = '', body = '[verwijderd]', "
             "failed_at = CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN :n ELSE failed_at "
             "END WHERE organisation_id = :o AND complaint_id = :c",
        soci::use(now), soci::use(organisation_id), soci::use(complaint_id);
}

std::vector<OutboxMail> Database::mails_of(long long organisation_id, long long complaint_id) {
    soci::session s(*pool_);
    std::vector<OutboxMail> out;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string("SELECT ") + kColumns +
                          " FROM outbox WHERE organisation_id = :o AND complaint_id = :c ORDER "
                          "BY id",
         soci::use(organisation_id), soci::use(complaint_id));
    for (const soci::row& r : rs)
        out.push_back(mail_from(r));
    return out;
}

std::vector<OutboxListRow> Database::outbox_list(long long organisation_id, bool failed,
                                                 int limit) {
    soci::session s(*pool_);
    std::string columns;
    for (std::string_view rest = kColumns; !rest.empty();) {
        auto comma = rest.find(", ");
        columns += (columns.empty() ? "o." : ", o.") + std::string(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? "" : rest.substr(comma + 2);
    }
    std::vector<OutboxListRow> out;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT " + columns +
                          ", c.reference, c.confidential FROM outbox o LEFT JOIN complaints c ON "
                          "c.id = o.complaint_id WHERE o.organisation_id = :o AND " +
                          (failed ? "o.failed_at IS NOT NULL"
                                  : "o.sent_at IS NULL AND o.failed_at IS NULL") +
                          " ORDER BY o.id DESC LIMIT " + std::to_string(limit),
         soci::use(organisation_id));
    for (const soci::row& r : rs) {
        OutboxListRow row{mail_from(r), "", false};
        if (r.get_indicator(18) != soci::i_null) row.reference = as_str(r, 18);
        if (r.get_indicator(19) != soci::i_null) row.confidential = as_ll(r, 19) != 0;
        out.push_back(std::move(row));
    }
    return out;
}

std::set<std::string> Database::once_keys_written(const std::vector<std::string>& keys) {
    soci::session s(*pool_);
    std::set<std::string> out;
    // In chunks: SQLite binds at most 32,766 parameters to a statement.
    for (std::size_t from = 0; from < keys.size(); from += 500) {
        std::size_t n = std::min<std::size_t>(500, keys.size() - from);
        std::string sql = "SELECT once_key FROM outbox WHERE once_key IN (";
        for (std::size_t i = 0; i < n; ++i)
            sql += (i ? ", :k" : ":k") + std::to_string(i);
        sql += ")";
        Binds b;
        for (std::size_t i = 0; i < n; ++i)
            b.text(keys[from + i]);
        soci::statement st(s);
        std::string key;
        st.exchange(soci::into(key));
        b.prepare(st, sql);
        st.execute(false);
        while (st.fetch())
            out.insert(key);
    }
    return out;
}

} // namespace kd
