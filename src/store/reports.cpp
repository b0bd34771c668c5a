// reports.cpp: the SQL of the report counts: adding a write's changes, building them anew
// from the complaints, and summing them over a period (docs/reports.md).
#include "core/amsterdam_time.hpp"
#include "store/binds.hpp"
#include "store/complaint_rows.hpp"
#include "store/database.hpp"
#include "store/row_values.hpp"
#include "store/statement_cache.hpp"

#include <soci/soci.h>

#include <climits>

namespace kd {

namespace {

// Why an upsert and not a read and a write: the counts of a day are shared by every case
// received that day, and the batch adds to them without reading them first.
const char* kAddCount = "INSERT INTO report_counts (organisation_id, measure, day, item, n) VALUES "
                        "(:o, :m, :d, :i, :n) ON CONFLICT (organisation_id, measure, day, item) "
                        "DO UPDATE SET n = report_counts.n + excluded.n";

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ", :m" : ":m") + std::to_string(i);
    return out;
}

// Sums of `measures` per measure and item over the days from `from` to `to`.
std::vector<CellSum> sums_between(soci::session& s, long long organisation_id,
                                  const std::vector<std::string>& measures, int from, int to,
                                  const std::string& only_item = "") {
    std::vector<CellSum> out;
    if (measures.empty() || to < from) return out;
    Binds b;
    b.num(organisation_id);
    for (const auto& m : measures)
        b.text(m);
    b.num(from);
    b.num(to);
    std::string sql = "SELECT measure, item, SUM(n) FROM report_counts WHERE organisation_id = :o "
                      "AND measure IN (" +
                      placeholders(measures.size()) + ") AND day BETWEEN :f AND :t";
    if (!only_item.empty()) {
        b.text(only_item);
        sql += " AND item = :it";
    }
    sql += " GROUP BY measure, item";
    soci::statement st(s);
    soci::row r;
    st.exchange(soci::into(r));
    b.prepare(st, sql);
    if (st.execute(true)) do {
            out.push_back({as_str(r, 0), as_str(r, 1), as_ll(r, 2)});
        } while (st.fetch());
    return out;
}

long long count_of(soci::session& s, const std::string& sql, Binds& b) {
    soci::statement st(s);
    soci::row r;
    st.exchange(soci::into(r));
    b.prepare(st, sql);
    if (!st.execute(true) || r.get_indicator(0) == soci::i_null) return 0;
    return as_ll(r, 0);
}

} // namespace

void Transaction::add_to_report(long long organisation_id, const std::vector<ReportCell>& cells) {
    for (const ReportCell& c : cells)
        write_report_.emplace_back(organisation_id, c);
}

void Transaction::keep_write_report() {
    for (const auto& [org, c] : write_report_)
        report_[{org, c.measure, c.day, c.key}] += c.n;
    write_report_.clear();
}

void Transaction::flush_report() {
    keep_write_report();
    for (auto& [place, n] : report_) {
        if (n == 0) continue;
        Binds b;
        b.num(std::get<0>(place));
        b.text(std::get<1>(place));
        b.num(std::get<2>(place));
        b.text(std::get<3>(place));
        b.num(n);
        cache_.run(kAddCount, b);
    }
    report_.clear();
}

long long Transaction::rebuild_report_counts(
    long long organisation_id, int version,
    const std::function<std::vector<ReportCell>(const Complaint&)>& cells_of,
    const std::function<void(long long)>& progress, Instant now) {
    std::map<ReportPlace, long long> sums;
    long long read = 0;
    for (long long after = 0;;) {
        Binds b;
        b.num(organisation_id);
        b.num(after);
        auto page = select_complaints(sql(), b,
                                      "SELECT " + complaint_columns() +
                                          " FROM complaints c WHERE c.organisation_id = :o AND "
                                          "c.id > :a ORDER BY c.id LIMIT 2000");
        if (page.empty()) break;
        for (const Complaint& c : page) {
            for (const ReportCell& cell : cells_of(c))
                sums[{organisation_id, cell.measure, cell.day, cell.key}] += cell.n;
            if (++read % 10000 == 0 && progress) progress(read);
        }
        after = page.back().id;
    }
    sql() << "DELETE FROM report_counts WHERE organisation_id = :o", soci::use(organisation_id);
    write_report_.clear();
    report_.clear();
    for (auto& [place, n] : sums)
        if (n != 0) report_[place] = n;
    flush_report();
    long long at = to_epoch(now);
    sql() << "DELETE FROM report_builds WHERE organisation_id = :o", soci::use(organisation_id);
    sql() << "INSERT INTO report_builds (organisation_id, version, built_at) VALUES (:o, :v, :a)",
        soci::use(organisation_id), soci::use(version), soci::use(at);
    return read;
}

std::optional<int> Database::report_version(long long organisation_id) {
    soci::session s(*pool_);
    int version = 0;
    s << "SELECT version FROM report_builds WHERE organisation_id = :o", soci::use(organisation_id),
        soci::into(version);
    if (!s.got_data()) return std::nullopt;
    return version;
}

ReportSums Database::report_sums(long long organisation_id,
                                 const std::vector<std::string>& measures, const Period& period,
                                 Date today) {
    soci::session s(*pool_);
    ReportSums out;
    const int from = day_number(period.from), to = day_number(period.to);
    out.in_period = sums_between(s, organisation_id, measures, from, to);
    std::vector<std::string> deadlines;
    for (const auto& m : measures)
        if (m.rfind(kDeadlinePrefix, 0) == 0) deadlines.push_back(m);
    out.pending_past_due = sums_between(s, organisation_id, deadlines, from,
                                        std::min(to, day_number(today) - 1), "pending");
    for (const CellSum& c :
         sums_between(s, organisation_id, {kMeasureOpen, kMeasureOverdue}, INT_MIN, to))
        (c.measure == kMeasureOpen ? out.open_at_end : out.overdue_at_end) += c.n;

    // The register is small next to the complaints: counted from its rows.
    const long long start = to_epoch(start_of_local_day(period.from)),
                    end = to_epoch(end_of_local_day(period.to));
    const std::string first = format_date(period.from), last = format_date(period.to);
    auto moments = [&](const std::string& where) {
        Binds b;
        b.num(organisation_id);
        b.num(start);
        b.num(end);
        return count_of(s,
                        "SELECT COUNT(*) FROM actions WHERE organisation_id = :o AND kind <> "
                        "'agreed' AND " +
                            where,
                        b);
    };
    out.measures_opened = moments("created_at BETWEEN :s AND :e");
    out.measures_done = moments("status = 'done' AND done_at BETWEEN :s AND :e");
    auto reviewed = [&](int effective) {
        Binds b;
        b.num(organisation_id);
        b.num(effective);
        b.text(first);
        b.text(last);
        return count_of(s,
                        "SELECT COUNT(*) FROM actions WHERE organisation_id = :o AND kind <> "
                        "'agreed' AND effective = :e AND reviewed_on BETWEEN :f AND :l",
                        b);
    };
    out.measures_effective = reviewed(1);
    out.measures_not_effective = reviewed(0);
    Binds b;
    b.num(organisation_id);
    b.num(start);
    b.num(end);
    out.findings_recorded = count_of(s,
                                     "SELECT COUNT(*) FROM nonconformities WHERE organisation_id "
                                     "= :o AND recorded_at BETWEEN :s AND :e",
                                     b);
    return out;
}

void Transaction::put_report_review(ReportReview& r) {
    long long id = 0, at = to_epoch(r.updated_at);
    sql() << "SELECT id FROM report_reviews WHERE organisation_id = :o AND period = :p",
        soci::use(r.organisation_id), soci::use(r.period), soci::into(id);
    if (sql().got_data()) {
        sql() << "UPDATE report_reviews SET conclusions = :c, updated_at = :a, updated_by = :b "
                 "WHERE id = :i",
            soci::use(r.conclusions), soci::use(at), soci::use(r.updated_by), soci::use(id);
        r.id = id;
        return;
    }
    sql() << "INSERT INTO report_reviews (organisation_id, period, conclusions, updated_at, "
             "updated_by) VALUES (:o, :p, :c, :a, :b)",
        soci::use(r.organisation_id), soci::use(r.period), soci::use(r.conclusions), soci::use(at),
        soci::use(r.updated_by);
    sql() << "SELECT id FROM report_reviews WHERE organisation_id = :o AND period = :p",
        soci::use(r.organisation_id), soci::use(r.period), soci::into(r.id);
}

std::optional<ReportReview> Database::report_review(long long organisation_id,
                                                    const std::string& period) {
    soci::session s(*pool_);
    ReportReview r;
    long long at = 0;
    s << "SELECT id, conclusions, updated_at, updated_by FROM report_reviews WHERE "
         "organisation_id = :o AND period = :p",
        soci::use(organisation_id), soci::use(period), soci::into(r.id), soci::into(r.conclusions),
        soci::into(at), soci::into(r.updated_by);
    if (!s.got_data()) return std::nullopt;
    r.organisation_id = organisation_id;
    r.period = period;
    r.updated_at = from_epoch(at);
    return r;
}

} // namespace kd
