// report.hpp: the management-review report (R-REPORT): a period (a quarter, half-year, year or
// any span of days) and its figures, worked out from the day sums of report_cells.
#pragma once

#include "core/instant.hpp"
#include "core/outcome.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

enum class PeriodKind { quarter, half_year, year, custom };

// Both days included.
struct Period {
    PeriodKind kind = PeriodKind::custom;
    Date from{};
    Date to{};
    std::string name; // "2026-Q3", "2026-H1", "2026", or "2026-01-05..2026-02-20"
    friend bool operator==(const Period&, const Period&) = default;
};

// "2026-Q3", "2026-H2", "2026"; nullopt for anything else.
std::optional<Period> period_named(std::string_view name);
// A span of days; nullopt when `to` is before `from` or it is longer than ten years.
std::optional<Period> period_between(Date from, Date to);
// The quarter, half-year or year that holds `day`.
Period period_holding(PeriodKind kind, Date day);
// The one before: the previous quarter, half-year or year; for a span, as many days just
// before it.
Period previous_period(const Period& p);

// What the store sums for a period (the measures of report_cells.hpp).
struct CellSum {
    std::string measure;
    std::string key;
    long long n = 0;
};
struct ReportSums {
    std::vector<CellSum> in_period;        // cells of the period's days, per measure and key
    std::vector<CellSum> pending_past_due; // "pending" deadline cells of days before today
    long long open_at_end = 0;             // sum of "open" up to the period's last day
    long long overdue_at_end = 0;          // sum of "overdue" up to the period's last day
    // The register's measures (corrective, preventive, procedure change) in the period.
    long long measures_opened = 0;
    long long measures_done = 0;
    long long measures_effective = 0;
    long long measures_not_effective = 0;
    long long findings_recorded = 0; // nonconformities, shortcomings, ideas recorded
};

struct KeyCount {
    std::string key;
    long long n = 0;
};
struct Breakdown {
    std::string measure;
    std::vector<KeyCount> counts; // most first; "" is "not recorded"
};
// Calendar days, nearest rank: the median is the value at rank ceil(n/2), p90 at ceil(0.9n).
struct DurationFigure {
    std::string step; // "" for the whole handling, receipt to first resolution
    long long count = 0;
    std::optional<int> median_days;
    std::optional<int> p90_days;
};
struct DeadlineFigure {
    std::string step;
    long long met = 0;
    long long missed = 0;               // done late, or past due and not done
    long long running = 0;              // not done, not yet past due
    std::optional<double> on_time_rate; // met / (met + missed), when that is not 0
};
struct PeriodFigures {
    long long received = 0;
    std::vector<Breakdown> breakdowns; // in kBreakdownMeasures order
    DurationFigure handling;
    std::vector<DurationFigure> steps; // in procedure order as given by `step_order`
    std::vector<DeadlineFigure> deadlines;
    long long open_at_end = 0;
    long long overdue_at_end = 0;
    long long measures_opened = 0;
    long long measures_done = 0;
    long long measures_effective = 0;
    long long measures_not_effective = 0;
    long long findings_recorded = 0;
};

// The conclusions and decisions of a management review: not blank (nullopt when fine).
std::optional<Refusal> check_conclusions(const std::string& conclusions);

// The figures of a period from its sums; steps and deadlines come in `step_order` (the
// procedure's step names), each step the procedure has even when nothing was counted.
PeriodFigures figures_of(const ReportSums& sums, const std::vector<std::string>& step_order);

} // namespace kd
