// inbound_mails.cpp: the SQL of mail in: each message kept once per organisation (its
// Message-ID is unique there), with its bytes until retention, and how staff settled it.
#include "store/binds.hpp"
#include "store/database.hpp"
#include "store/digest_sql.hpp"
#include "store/row_values.hpp"

#include <soci/soci.h>

namespace kd {
namespace {

constexpr const char* kColumns =
    "id, organisation_id, message_id, received_at, sent_at, from_address, from_name, subject, "
    "text, files, confidential, status, reason, complaint_id, handled_by, handled_at";

InboundMailRecord inbound_from(const soci::row& r) {
    InboundMailRecord m;
    auto opt = [&r](std::size_t i) -> std::optional<long long> {
        if (r.get_indicator(i) == soci::i_null) return std::nullopt;
        return as_ll(r, i);
    };
    m.id = as_ll(r, 0);
    m.organisation_id = as_ll(r, 1);
    m.message_id = as_str(r, 2);
    m.received_at = from_epoch(as_ll(r, 3));
    if (auto s = opt(4)) m.sent_at = from_epoch(*s);
    m.from_address = as_str(r, 5);
    m.from_name = as_str(r, 6);
    m.subject = as_str(r, 7);
    m.text = as_str(r, 8);
    m.files = static_cast<int>(as_ll(r, 9));
    m.confidential = as_ll(r, 10) != 0;
    m.status = as_str(r, 11);
    m.reason = as_str(r, 12);
    m.complaint_id = opt(13);
    m.handled_by = opt(14);
    if (auto h = opt(15)) m.handled_at = from_epoch(*h);
    return m;
}

std::vector<InboundMailRecord> select_inbound(soci::session& s, Binds& b, const std::string& sql) {
    std::vector<InboundMailRecord> out;
    soci::statement st(s);
    soci::row r;
    st.exchange(soci::into(r));
    b.prepare(st, sql);
    st.execute(false);
    while (st.fetch())
        out.push_back(inbound_from(r));
    return out;
}

void bind_optional(Binds& b, const std::optional<long long>& v) {
    if (v)
        b.num(*v);
    else
        b.null();
}

} // namespace

bool Transaction::insert_inbound_mail(InboundMailRecord& m, const std::string& raw) {
    Binds b;
    b.num(m.organisation_id);
    b.text(m.message_id);
    b.num(to_epoch(m.received_at));
    bind_optional(b, m.sent_at ? std::optional<long long>(to_epoch(*m.sent_at)) : std::nullopt);
    b.text(m.from_address);
    b.text(m.from_name);
    b.text(m.subject);
    b.text(m.text);
    b.num(m.files);
    b.num(m.confidential ? 1 : 0);
    b.text(m.status);
    b.text(m.reason);
    bind_optional(b, m.complaint_id);
    bind_digest(b, backend_, raw);
    soci::statement st(sql());
    soci::indicator got = soci::i_null;
    st.exchange(soci::into(m.id, got));
    b.prepare(st, "INSERT INTO inbound_mails (organisation_id, message_id, received_at, sent_at, "
                  "from_address, from_name, subject, text, files, confidential, status, reason, "
                  "complaint_id, raw) VALUES (:o, :m, :r, :s, :fa, :fn, :su, :t, :f, :c, :st, "
                  ":re, :ci, " +
                      digest_param(backend_, "raw") +
                      ") ON CONFLICT (organisation_id, message_id) DO NOTHING RETURNING id");
    return st.execute(true) && got == soci::i_ok;
}

bool Transaction::settle_inbound_mail(long long organisation_id, long long id,
                                      const std::string& status, const std::string& reason,
                                      std::optional<long long> complaint_id, long long by,
                                      Instant at) {
    Binds b;
    b.text(status);
    b.text(reason);
    bind_optional(b, complaint_id);
    b.num(by);
    b.num(to_epoch(at));
    b.num(organisation_id);
    b.num(id);
    soci::statement st(sql());
    b.prepare(st, "UPDATE inbound_mails SET status = :s, reason = :r, complaint_id = :c, "
                  "handled_by = :b, handled_at = :a WHERE organisation_id = :o AND id = :i AND "
                  "status = 'new'");
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void Transaction::anonymise_inbound_mails(long long organisation_id, long long complaint_id) {
    sql() << "UPDATE inbound_mails SET from_address = '[verwijderd]', from_name = '', subject = "
             "'[verwijderd]', text = '[verwijderd]', raw = NULL WHERE organisation_id = :o AND "
             "complaint_id = :c",
        soci::use(organisation_id), soci::use(complaint_id);
}

int Transaction::anonymise_stray_inbound_mails(long long organisation_id, Instant before) {
    long long cutoff = to_epoch(before);
    soci::statement st =
        (sql().prepare << "UPDATE inbound_mails SET from_address = '[verwijderd]', from_name = '', "
                          "subject = '[verwijderd]', text = '[verwijderd]', raw = NULL WHERE "
                          "organisation_id = :o AND complaint_id IS NULL AND status IN "
                          "('dismissed', 'ignored') AND received_at < :b AND raw IS NOT NULL",
         soci::use(organisation_id), soci::use(cutoff));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

std::vector<InboundMailRecord> Database::inbound_mails(long long organisation_id,
                                                       const std::string& status, int limit) {
    soci::session s(*pool_);
    Binds b;
    b.num(organisation_id);
    b.text(status);
    return select_inbound(s, b,
                          std::string("SELECT ") + kColumns +
                              " FROM inbound_mails WHERE organisation_id = :o AND status = :s "
                              "ORDER BY id DESC LIMIT " +
                              std::to_string(limit));
}

std::optional<InboundMailRecord> Database::inbound_mail(long long organisation_id, long long id) {
    soci::session s(*pool_);
    Binds b;
    b.num(organisation_id);
    b.num(id);
    auto found = select_inbound(s, b,
                                std::string("SELECT ") + kColumns +
                                    " FROM inbound_mails WHERE organisation_id = :o AND id = :i");
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::optional<std::string> Database::inbound_raw(long long organisation_id, long long id) {
    soci::session s(*pool_);
    std::string raw;
    soci::indicator ind = soci::i_null;
    s << "SELECT " + digest_column(backend_, "raw") +
             " FROM inbound_mails WHERE organisation_id = :o AND id = :i",
        soci::use(organisation_id), soci::use(id), soci::into(raw, ind);
    if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
    return digest_value(backend_, raw);
}

std::vector<InboundMailRecord> Database::inbound_mails_of(long long organisation_id,
                                                          long long complaint_id) {
    soci::session s(*pool_);
    Binds b;
    b.num(organisation_id);
    b.num(complaint_id);
    return select_inbound(s, b,
                          std::string("SELECT ") + kColumns +
                              " FROM inbound_mails WHERE organisation_id = :o AND complaint_id = "
                              ":c ORDER BY id");
}

std::optional<long long>
Database::complaint_of_message(long long organisation_id,
                               const std::vector<std::string>& message_ids) {
    soci::session s(*pool_);
    for (const auto& id : message_ids) {
        long long complaint = 0;
        soci::indicator ind = soci::i_null;
        // Outbox Message-IDs are stored with their < >, inbound ones without.
        std::string bracketed = "<" + id + ">";
        // Only a mail to the complainant: a handler answering a reminder or an assignment
        // mail writes to klachtdesk, not into the case's correspondence.
        s << "SELECT complaint_id FROM outbox WHERE message_id = :m AND organisation_id = :o "
             "AND complaint_id IS NOT NULL AND recipient = 'complainant'",
            soci::use(bracketed), soci::use(organisation_id), soci::into(complaint, ind);
        if (s.got_data() && ind == soci::i_ok) return complaint;
        s << "SELECT complaint_id FROM inbound_mails WHERE message_id = :m AND organisation_id = "
             ":o AND complaint_id IS NOT NULL",
            soci::use(id), soci::use(organisation_id), soci::into(complaint, ind);
        if (s.got_data() && ind == soci::i_ok) return complaint;
    }
    return std::nullopt;
}

std::optional<long long> Database::complaint_by_reference(long long organisation_id,
                                                          const std::string& reference) {
    soci::session s(*pool_);
    long long id = 0;
    s << "SELECT id FROM complaints WHERE organisation_id = :o AND reference = :r",
        soci::use(organisation_id), soci::use(reference), soci::into(id);
    if (!s.got_data()) return std::nullopt;
    return id;
}

} // namespace kd
