// reports.hpp: the management-review report (issue 13, R-REPORT, docs/reports.md): who may
// read it, the figures of a period beside those of the period before, and keeping the counts
// they are summed from built.
#pragma once

#include "core/access.hpp"
#include "core/outcome.hpp"
#include "core/report.hpp"
#include "service/organisations.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kd {

// The version of what report_cells counts. Raise it when the cells change: at the next start
// every organisation's counts are built anew from its complaints.
inline constexpr int kReportCellsVersion = 1;

struct Report {
    Period period;
    Period previous;
    PeriodFigures current;
    PeriodFigures before; // the previous period's
    // Names of the people in either period's handler breakdown, by staff id.
    std::map<long long, std::string> handler_names;
    std::optional<ReportReview> review; // management's conclusions on the period
    std::string reviewed_by;            // the name of who wrote them last
    bool may_review = false;            // the reader may write them
};

class ReportService {
public:
    ReportService(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // The report of `period` as `viewer` may read it: coordinators, management and auditors.
    // `today` tells deadlines still running from those past due.
    Outcome<Report> report(const OrganisationContext& org, const Viewer& viewer,
                           const Period& period, Date today);

    // Management's conclusions and decisions on the period, written over earlier ones: by the
    // coordinator or management, audited (subject "report_review").
    Outcome<ReportReview> review(const OrganisationContext& org, const Period& period,
                                 const std::string& conclusions, const Actor& actor, Instant now);

    // Builds the organisation's counts anew from its complaints, in one write; `progress`
    // sees the complaints read so far. Returns how many complaints were counted.
    Outcome<long long> rebuild(const OrganisationContext& org,
                               const std::function<void(long long)>& progress, Instant now);
    // The same, only when they were never built or built by an older kReportCellsVersion;
    // run at start-up, before serving. Returns -1 when nothing needed doing.
    Outcome<long long> build_if_needed(const OrganisationContext& org,
                                       const std::function<void(long long)>& progress, Instant now);

private:
    Database& db_;
    Writer& writer_;
};

// The names of the procedure's steps that have a term or are timed, oldest versions' steps
// included, in procedure order: the rows of the step and deadline tables.
std::vector<std::string> report_steps(const OrganisationContext& org);

} // namespace kd
