// report_cells.hpp: what one complaint adds to the management-review figures (R-REPORT), as
// counts per Amsterdam day, so that a report over any period adds up days, not cases.
#pragma once

#include "core/complaint.hpp"
#include "core/deadlines.hpp"

#include <string>
#include <vector>

namespace kd {

// One count: on `day` (day_number of an Amsterdam date), `measure` has `n` more of `key`.
// The store keeps the sum of every complaint's cells per organisation; a change of a case
// adds the difference between its cells after and before, so the sums are always those of the
// cases as they are now. Cells depend only on what retention keeps (no names, no texts), so
// the figures survive anonymisation unchanged.
struct ReportCell {
    int day = 0;
    std::string measure;
    std::string key;
    long long n = 0;
    friend bool operator==(const ReportCell&, const ReportCell&) = default;
};

// The measures, by the day they are counted on (names are stored; docs/reports.md):
//   day of receipt:   received (key ""), category, cause (the cause category), channel,
//                     complainant_type, handler (staff id), verdict (well_founded,
//                     not_well_founded), outcome (a resolution, declined, withdrawn);
//                     "" is "not (yet) recorded".
//   day it was done:  handling (key: calendar days from receipt to the first resolution),
//                     step:<step> (calendar days from what starts the step's clock to it).
//   day it fell due:  deadline:<step> with key met, missed, or pending (not done, case open).
//   running totals:   open (+1 at receipt, -1 when the case ends) and overdue (+1 when a
//                     deadline of the case is first past due, -1 when none is any more): the
//                     sum of the days up to a day is the number at that day's end.
inline constexpr const char* kMeasureReceived = "received";
inline constexpr const char* kMeasureOpen = "open";
inline constexpr const char* kMeasureOverdue = "overdue";
inline constexpr const char* kMeasureHandling = "handling";
inline constexpr const char* kStepPrefix = "step:";
inline constexpr const char* kDeadlinePrefix = "deadline:";
// The measures counted on the day of receipt, in the order a report shows them.
inline constexpr const char* kBreakdownMeasures[] = {
    "category", "cause", "channel", "complainant_type", "verdict", "outcome", "handler"};

// The complaint's cells, from its deadlines (deadlines_of; their `now` does not matter here).
// An imported complaint (imported_from) has no step or deadline cells.
std::vector<ReportCell> report_cells(const Complaint& c,
                                     const std::vector<StepDeadline>& deadlines);

// What to add to the sums when a complaint's cells change from `before` to `after`: equal
// cells cancel, the rest come out summed per (day, measure, key), none with n == 0.
std::vector<ReportCell> report_delta(const std::vector<ReportCell>& before,
                                     const std::vector<ReportCell>& after);

} // namespace kd
