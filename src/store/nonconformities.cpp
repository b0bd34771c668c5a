// nonconformities.cpp: the SQL of the nonconformity register and of the actions followed
// until done (agreed on complaints, measures on nonconformities). Dates are stored as
// "YYYY-MM-DD", moments as seconds since the epoch.
#include "core/amsterdam_time.hpp"
#include "store/binds.hpp"
#include "store/database.hpp"
#include "store/row_values.hpp"
#include "store/statement_cache.hpp"

#include <soci/soci.h>

namespace kd {
namespace {

const char* kNonconformityColumns =
    "id, organisation_id, number, reference, kind, occurred_on, description, source, "
    "complaint_id, cause_category, cause, correction, recorded_at, recorded_by, closed_at, "
    "closed_by, close_note";

const char* kActionColumns =
    "id, organisation_id, complaint_id, nonconformity_id, kind, what, owner_id, due_on, status, "
    "effective_from, done_at, result, review_due_on, reviewed_on, effective, evidence, "
    "reviewed_by, follows_id, created_at, created_by";

bool is_null(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_null;
}
std::optional<long long> opt_ll(const soci::row& r, std::size_t i) {
    return is_null(r, i) ? std::nullopt : std::optional<long long>(as_ll(r, i));
}
std::optional<Date> opt_date(const soci::row& r, std::size_t i) {
    return is_null(r, i) ? std::nullopt : try_parse_date(as_str(r, i));
}
Date date_of(const soci::row& r, std::size_t i) {
    auto d = try_parse_date(as_str(r, i));
    if (!d) throw std::runtime_error("stored register row: unreadable date");
    return *d;
}
template <typename E, std::size_t N> E named(const NameOf<E> (&table)[N], const std::string& n) {
    auto v = value_in(table, n);
    if (!v) throw std::runtime_error("stored register row: unknown name " + n);
    return *v;
}

Nonconformity nonconformity_of(const soci::row& r) {
    Nonconformity n;
    n.id = as_ll(r, 0);
    n.organisation_id = as_ll(r, 1);
    n.number = as_ll(r, 2);
    n.reference = as_str(r, 3);
    n.kind = named(kFindingKindNames, as_str(r, 4));
    n.occurred_on = date_of(r, 5);
    n.description = as_str(r, 6);
    n.source = named(kFindingSourceNames, as_str(r, 7));
    n.complaint_id = opt_ll(r, 8);
    n.cause_category = as_str(r, 9);
    n.cause = as_str(r, 10);
    n.correction = as_str(r, 11);
    n.recorded_at = from_epoch(as_ll(r, 12));
    n.recorded_by = as_ll(r, 13);
    if (auto t = opt_ll(r, 14)) n.closed_at = from_epoch(*t);
    n.closed_by = opt_ll(r, 15);
    n.close_note = as_str(r, 16);
    return n;
}

TrackedAction action_of(const soci::row& r) {
    TrackedAction a;
    a.id = as_ll(r, 0);
    a.organisation_id = as_ll(r, 1);
    a.complaint_id = opt_ll(r, 2);
    a.nonconformity_id = opt_ll(r, 3);
    a.kind = named(kActionKindNames, as_str(r, 4));
    a.what = as_str(r, 5);
    a.owner_id = as_ll(r, 6);
    a.due_on = date_of(r, 7);
    a.status = named(kActionStatusNames, as_str(r, 8));
    a.effective_from = opt_date(r, 9);
    if (auto t = opt_ll(r, 10)) a.done_at = from_epoch(*t);
    a.result = as_str(r, 11);
    a.review_due_on = opt_date(r, 12);
    a.reviewed_on = opt_date(r, 13);
    if (auto e = opt_ll(r, 14)) a.effective = *e != 0;
    a.evidence = as_str(r, 15);
    a.reviewed_by = opt_ll(r, 16);
    a.follows_id = opt_ll(r, 17);
    a.created_at = from_epoch(as_ll(r, 18));
    a.created_by = as_ll(r, 19);
    return a;
}

void bind_opt(Binds& b, const std::optional<long long>& v) {
    if (v)
        b.num(*v);
    else
        b.null();
}
void bind_opt(Binds& b, const std::optional<Date>& v) {
    if (v)
        b.text(format_date(*v));
    else
        b.null_text();
}
void bind_opt(Binds& b, const std::optional<Instant>& v) {
    if (v)
        b.num(to_epoch(*v));
    else
        b.null();
}

// The changing columns of a nonconformity, in kNonconformityUpdate's order.
void bind_nonconformity_changes(Binds& b, const Nonconformity& n) {
    b.text(n.description);
    b.text(n.cause_category);
    b.text(n.cause);
    b.text(n.correction);
    bind_opt(b, n.closed_at);
    bind_opt(b, n.closed_by);
    b.text(n.close_note);
}

void bind_action_changes(Binds& b, const TrackedAction& a) {
    b.text(action_status_name(a.status));
    bind_opt(b, a.done_at);
    b.text(a.result);
    bind_opt(b, a.reviewed_on);
    bind_opt(b, a.effective ? std::optional<long long>(*a.effective ? 1 : 0) : std::nullopt);
    b.text(a.evidence);
    bind_opt(b, a.reviewed_by);
}

template <typename T, typename Map>
std::vector<T> select_rows(soci::session& s, const std::string& sql, Binds& b, Map map) {
    std::vector<T> out;
    soci::row row;
    soci::statement st(s);
    st.exchange(soci::into(row));
    b.prepare(st, sql);
    st.execute();
    while (st.fetch())
        out.push_back(map(row));
    return out;
}

std::optional<Nonconformity> select_nonconformity(soci::session& s, long long organisation_id,
                                                  long long id) {
    Binds b;
    b.num(organisation_id);
    b.num(id);
    auto rows = select_rows<Nonconformity>(
        s,
        std::string("SELECT ") + kNonconformityColumns +
            " FROM nonconformities WHERE organisation_id = :o AND id = :i",
        b, nonconformity_of);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::optional<TrackedAction> select_action(soci::session& s, long long organisation_id,
                                           long long id) {
    Binds b;
    b.num(organisation_id);
    b.num(id);
    auto rows =
        select_rows<TrackedAction>(s,
                                   std::string("SELECT ") + kActionColumns +
                                       " FROM actions WHERE organisation_id = :o AND id = :i",
                                   b, action_of);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<TrackedAction> select_actions(soci::session& s, const ActionQuery& q) {
    Binds b;
    std::string sql =
        std::string("SELECT ") + kActionColumns + " FROM actions WHERE organisation_id = :o";
    b.num(q.organisation_id);
    if (q.complaint_id) {
        sql += " AND complaint_id = :c";
        b.num(*q.complaint_id);
    }
    if (q.nonconformity_id) {
        sql += " AND nonconformity_id = :n";
        b.num(*q.nonconformity_id);
    }
    if (q.measures_only) sql += " AND nonconformity_id IS NOT NULL";
    if (q.owner_id) {
        sql += " AND owner_id = :w";
        b.num(*q.owner_id);
    }
    if (q.open_only) sql += " AND status IN ('open', 'in_progress')";
    sql += q.by_due_date ? " ORDER BY due_on, id" : " ORDER BY id";
    return select_rows<TrackedAction>(s, sql, b, action_of);
}

} // namespace

void Transaction::insert_nonconformity(Nonconformity& n, const std::string& organisation_code) {
    auto it = state_.nonconformity_numbers.find(n.organisation_id);
    if (it == state_.nonconformity_numbers.end()) {
        // Held until commit on PostgreSQL, as for the complaint references, so that a second
        // server writing at once does not hand out the same number.
        if (backend_ == Backend::postgresql)
            sql() << "SELECT id FROM organisations WHERE id = :o FOR UPDATE",
                soci::use(n.organisation_id);
        long long last = 0;
        soci::indicator ind = soci::i_ok;
        sql() << "SELECT MAX(number) FROM nonconformities WHERE organisation_id = :o",
            soci::use(n.organisation_id), soci::into(last, ind);
        it = state_.nonconformity_numbers.emplace(n.organisation_id, ind == soci::i_null ? 0 : last)
                 .first;
    }
    n.number = ++it->second;
    n.reference = nonconformity_reference(organisation_code, n.number);
    Binds b;
    b.num(n.organisation_id);
    b.num(n.number);
    b.text(n.reference);
    b.text(finding_kind_name(n.kind));
    b.text(format_date(n.occurred_on));
    b.text(finding_source_name(n.source));
    bind_opt(b, n.complaint_id);
    b.num(to_epoch(n.recorded_at));
    b.num(n.recorded_by);
    bind_nonconformity_changes(b, n);
    n.id =
        cache_.insert("nonconformities",
                      "organisation_id, number, reference, kind, occurred_on, source, "
                      "complaint_id, recorded_at, recorded_by, description, cause_category, "
                      "cause, correction, closed_at, closed_by, close_note",
                      ":o, :n, :r, :k, :d, :s, :c, :ra, :rb, :de, :cc, :ca, :co, :ct, :cb, :cn", b);
}

std::optional<Nonconformity> Transaction::nonconformity(long long organisation_id, long long id) {
    return select_nonconformity(sql(), organisation_id, id);
}

void Transaction::update_nonconformity(const Nonconformity& n) {
    Binds b;
    bind_nonconformity_changes(b, n);
    b.num(n.organisation_id);
    b.num(n.id);
    soci::statement st(sql());
    b.prepare(st, "UPDATE nonconformities SET description = :de, cause_category = :cc, cause = "
                  ":ca, correction = :co, closed_at = :ct, closed_by = :cb, close_note = :cn "
                  "WHERE organisation_id = :o AND id = :i");
    st.execute(true);
}

void Transaction::insert_action(TrackedAction& a) {
    Binds b;
    b.num(a.organisation_id);
    bind_opt(b, a.complaint_id);
    bind_opt(b, a.nonconformity_id);
    b.text(action_kind_name(a.kind));
    b.text(a.what);
    b.num(a.owner_id);
    b.text(format_date(a.due_on));
    bind_opt(b, a.effective_from);
    bind_opt(b, a.review_due_on);
    bind_opt(b, a.follows_id);
    b.num(to_epoch(a.created_at));
    b.num(a.created_by);
    bind_action_changes(b, a);
    soci::statement st(sql());
    st.exchange(soci::into(a.id));
    b.prepare(st, "INSERT INTO actions (organisation_id, complaint_id, nonconformity_id, kind, "
                  "what, owner_id, due_on, effective_from, review_due_on, follows_id, created_at, "
                  "created_by, status, done_at, result, reviewed_on, effective, evidence, "
                  "reviewed_by) VALUES (:o, :c, :n, :k, :w, :ow, :d, :ef, :rd, :f, :ca, :cb, :s, "
                  ":da, :r, :ro, :e, :ev, :rb) RETURNING id");
    st.execute(true);
}

std::optional<TrackedAction> Transaction::action(long long organisation_id, long long id) {
    return select_action(sql(), organisation_id, id);
}

void Transaction::update_action(const TrackedAction& a) {
    Binds b;
    bind_action_changes(b, a);
    b.num(a.organisation_id);
    b.num(a.id);
    soci::statement st(sql());
    b.prepare(st, "UPDATE actions SET status = :s, done_at = :da, result = :r, reviewed_on = :ro, "
                  "effective = :e, evidence = :ev, reviewed_by = :rb WHERE organisation_id = :o "
                  "AND id = :i");
    st.execute(true);
}

void Transaction::anonymise_actions(long long organisation_id, long long complaint_id) {
    sql() << "UPDATE actions SET what = '[verwijderd]', result = CASE WHEN result = '' THEN '' "
             "ELSE '[verwijderd]' END WHERE organisation_id = :o AND complaint_id = :c",
        soci::use(organisation_id), soci::use(complaint_id);
}

void Transaction::anonymise_nonconformities(long long organisation_id, long long complaint_id) {
    std::string set;
    for (const char* column : kNonconformityTexts)
        set += std::string(set.empty() ? "" : ", ") + column + " = CASE WHEN " + column +
               " = '' THEN '' ELSE '[verwijderd]' END";
    sql() << "UPDATE nonconformities SET " + set +
                 " WHERE organisation_id = :o AND complaint_id = :c",
        soci::use(organisation_id), soci::use(complaint_id);
}

std::vector<TrackedAction> Transaction::actions(const ActionQuery& q) {
    return select_actions(sql(), q);
}

void Transaction::append_register_event(long long organisation_id, const std::string& subject,
                                        long long subject_id, Instant at, const Actor& actor,
                                        const std::string& action,
                                        const std::string& changes_json) {
    append_event(organisation_id, 0, subject, subject_id, at, actor, action, changes_json, {});
}

std::vector<Nonconformity> Database::nonconformities(const NonconformityQuery& q) {
    soci::session s(*pool_);
    Binds b;
    std::string sql = std::string("SELECT ") + kNonconformityColumns +
                      " FROM nonconformities WHERE organisation_id = :o";
    b.num(q.organisation_id);
    if (q.from) {
        sql += " AND occurred_on >= :f";
        b.text(format_date(*q.from));
    }
    if (q.to) {
        sql += " AND occurred_on <= :t";
        b.text(format_date(*q.to));
    }
    if (q.closed) sql += *q.closed ? " AND closed_at IS NOT NULL" : " AND closed_at IS NULL";
    if (q.kind) {
        sql += " AND kind = :k";
        b.text(finding_kind_name(*q.kind));
    }
    sql += " ORDER BY occurred_on DESC, id DESC";
    return select_rows<Nonconformity>(s, sql, b, nonconformity_of);
}

std::optional<Nonconformity> Database::nonconformity(long long organisation_id, long long id) {
    soci::session s(*pool_);
    return select_nonconformity(s, organisation_id, id);
}

std::vector<TrackedAction> Database::actions(const ActionQuery& q) {
    soci::session s(*pool_);
    return select_actions(s, q);
}

std::optional<TrackedAction> Database::action(long long organisation_id, long long id) {
    soci::session s(*pool_);
    return select_action(s, organisation_id, id);
}

} // namespace kd
