// report_test.cpp: what a complaint counts for the management-review report, the periods,
// and the figures worked out from the counts (R-REPORT, docs/reports.md).
#include "core/amsterdam_time.hpp"
#include "core/report.hpp"
#include "core/report_cells.hpp"
#include "core/retention.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace kd;
using kd::testing::at;

namespace {

int day(const char* iso) {
    return day_number(*try_parse_date(iso));
}

Date date(const char* iso) {
    return *try_parse_date(iso);
}

// The n of one cell, 0 when the complaint does not count it.
long long count_of(const std::vector<ReportCell>& cells, int on, const std::string& measure,
                   const std::string& key = "") {
    long long n = 0;
    for (const auto& c : cells)
        if (c.day == on && c.measure == measure && c.key == key) n += c.n;
    return n;
}

// The running total of a measure at the end of a day.
long long running(const std::vector<ReportCell>& cells, const std::string& measure, int on) {
    long long n = 0;
    for (const auto& c : cells)
        if (c.measure == measure && c.day <= on) n += c.n;
    return n;
}

Complaint received(const char* when) {
    Complaint c;
    c.organisation_id = 1;
    c.received_at = at(when);
    c.category = "Planning";
    c.channel = Channel::email;
    c.complainant.name = "Jan Jansen";
    c.complainant.type = ComplainantType::internal;
    return c;
}

StepDeadline deadline(StepId step, const char* start, const char* due,
                      std::optional<const char*> done = std::nullopt) {
    StepDeadline d;
    d.step = step;
    d.starts_at = at(start);
    d.due = at(due);
    if (done) d.done_at = at(*done);
    d.status = DeadlineStatus::due;
    return d;
}

} // namespace

TEST(ReportCells, AnOpenComplaintCountsOnItsDayOfReceiptAndIsOpenUntilItEnds) {
    Complaint c = received("2026-11-18T23:30"); // late evening: still the 18th in Amsterdam
    auto cells = report_cells(c, {});
    const int d = day("2026-11-18");
    EXPECT_EQ(count_of(cells, d, kMeasureReceived), 1);
    EXPECT_EQ(count_of(cells, d, "category", "Planning"), 1);
    EXPECT_EQ(count_of(cells, d, "channel", "email"), 1);
    EXPECT_EQ(count_of(cells, d, "complainant_type", "internal"), 1);
    EXPECT_EQ(count_of(cells, d, "cause", ""), 1);   // not recorded yet
    EXPECT_EQ(count_of(cells, d, "verdict", ""), 1); // not assessed yet
    EXPECT_EQ(count_of(cells, d, "outcome", ""), 1); // still being handled
    EXPECT_EQ(count_of(cells, d, "handler", ""), 1);
    EXPECT_EQ(running(cells, kMeasureOpen, d - 1), 0);
    EXPECT_EQ(running(cells, kMeasureOpen, d + 400), 1);

    c.closed_at = at("2026-12-02T09:00");
    cells = report_cells(c, {});
    EXPECT_EQ(running(cells, kMeasureOpen, day("2026-12-01")), 1);
    EXPECT_EQ(running(cells, kMeasureOpen, day("2026-12-02")), 0);
}

TEST(ReportCells, AHandledComplaintCountsItsVerdictOutcomeHandlingTimeAndSteps) {
    Complaint c = received("2026-11-02T10:00");
    c.handler_id = 12;
    c.cause_category = "communicatie";
    c.well_founded = true;
    c.resolution = Resolution::solved;
    c.resolved_at = at("2026-11-16T15:00"); // 14 calendar days after receipt
    std::vector<StepDeadline> ds = {
        deadline(StepId::acknowledge, "2026-11-02T10:00", "2026-11-05T23:59", "2026-11-03T09:00"),
        deadline(StepId::resolve, "2026-11-02T10:00", "2026-11-12T23:59", "2026-11-16T15:00"),
    };
    auto cells = report_cells(c, ds);
    const int d = day("2026-11-02");
    EXPECT_EQ(count_of(cells, d, "handler", "12"), 1);
    EXPECT_EQ(count_of(cells, d, "cause", "communicatie"), 1);
    EXPECT_EQ(count_of(cells, d, "verdict", "well_founded"), 1);
    EXPECT_EQ(count_of(cells, d, "outcome", "solved"), 1);
    EXPECT_EQ(count_of(cells, day("2026-11-16"), kMeasureHandling, "14"), 1);
    EXPECT_EQ(count_of(cells, day("2026-11-03"), "step:acknowledge", "1"), 1);
    EXPECT_EQ(count_of(cells, day("2026-11-16"), "step:resolve", "14"), 1);
    // Deadlines count on the day they fell due: met on time, missed when done late.
    EXPECT_EQ(count_of(cells, day("2026-11-05"), "deadline:acknowledge", "met"), 1);
    EXPECT_EQ(count_of(cells, day("2026-11-12"), "deadline:resolve", "missed"), 1);
    // Overdue from the day the resolve term passed until the day it was done.
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-11")), 0);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-12")), 1);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-15")), 1);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-16")), 0);
}

TEST(ReportCells, ACaseIsOverdueOnceWhileSeveralOfItsDeadlinesArePast) {
    Complaint c = received("2026-11-02T10:00");
    std::vector<StepDeadline> ds = {
        deadline(StepId::acknowledge, "2026-11-02T10:00", "2026-11-05T23:59", "2026-11-20T09:00"),
        deadline(StepId::resolve, "2026-11-02T10:00", "2026-11-12T23:59"), // still running
    };
    auto cells = report_cells(c, ds);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-04")), 0);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-05")), 1);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-13")), 1); // both past: still one
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-25")), 1); // resolve still open
    EXPECT_EQ(count_of(cells, day("2026-11-12"), "deadline:resolve", "pending"), 1);

    // A deadline of a case that ended before it fell due does not count at all.
    ds[1].status = DeadlineStatus::not_applicable;
    ds[1].ended_at = at("2026-11-10T12:00");
    cells = report_cells(c, ds);
    EXPECT_EQ(count_of(cells, day("2026-11-12"), "deadline:resolve", "pending"), 0);
    EXPECT_EQ(running(cells, kMeasureOverdue, day("2026-11-25")), 0);
}

TEST(ReportCells, AnonymisingChangesNoCount) {
    Complaint c = received("2026-03-02T10:00");
    c.handler_id = 4;
    c.cause_category = "planning";
    c.cause = "Jan kreeg zijn rooster te laat";
    c.description = "Jan Jansen belde boos";
    c.well_founded = false;
    c.resolution = Resolution::not_solved;
    c.resolved_at = at("2026-03-09T10:00");
    c.closed_at = at("2026-03-10T10:00");
    Complaint a = anonymised(c, at("2028-03-11T02:00"));
    ASSERT_NE(a.complainant.name, c.complainant.name); // it was anonymised
    EXPECT_EQ(report_cells(a, {}), report_cells(c, {}));
    EXPECT_TRUE(report_delta(report_cells(c, {}), report_cells(a, {})).empty());
}

TEST(ReportCells, TheDeltaOfAChangeTakesTheOldCountsAwayAndAddsTheNew) {
    Complaint before = received("2026-11-02T10:00");
    Complaint after = before;
    after.well_founded = true;
    auto delta = report_delta(report_cells(before, {}), report_cells(after, {}));
    ASSERT_EQ(delta.size(), 2u);
    const int d = day("2026-11-02");
    EXPECT_EQ(count_of(delta, d, "verdict", ""), -1);
    EXPECT_EQ(count_of(delta, d, "verdict", "well_founded"), 1);
    // A new complaint's delta is its cells, summed per place.
    auto fresh = report_delta({}, report_cells(after, {}));
    EXPECT_EQ(count_of(fresh, d, kMeasureOpen), 1);
}

TEST(ReportPeriod, QuartersHalfYearsAndYearsByName) {
    auto q = period_named("2026-Q3");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->from, date("2026-07-01"));
    EXPECT_EQ(q->to, date("2026-09-30"));
    EXPECT_EQ(q->kind, PeriodKind::quarter);
    auto h = period_named("2024-H1");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->to, date("2024-06-30"));
    auto y = period_named("2026");
    ASSERT_TRUE(y);
    EXPECT_EQ(y->from, date("2026-01-01"));
    EXPECT_EQ(y->to, date("2026-12-31"));
    for (const char* bad : {"2026-Q5", "2026-Q", "26", "2026-H3", "abcd", "2026-Q1x", ""})
        EXPECT_FALSE(period_named(bad)) << bad;
}

TEST(ReportPeriod, ThePreviousPeriodIsTheQuarterHalfYearOrYearBefore) {
    EXPECT_EQ(previous_period(*period_named("2026-Q1")).name, "2025-Q4");
    EXPECT_EQ(previous_period(*period_named("2026-Q4")).name, "2026-Q3");
    EXPECT_EQ(previous_period(*period_named("2026-H1")).name, "2025-H2");
    EXPECT_EQ(previous_period(*period_named("2026")).name, "2025");
    // A span of days: as many days just before it.
    auto span = period_between(date("2026-03-10"), date("2026-03-19"));
    ASSERT_TRUE(span);
    auto before = previous_period(*span);
    EXPECT_EQ(before.from, date("2026-02-28"));
    EXPECT_EQ(before.to, date("2026-03-09"));
    EXPECT_FALSE(period_between(date("2026-03-10"), date("2026-03-09")));
    EXPECT_EQ(period_holding(PeriodKind::quarter, date("2026-11-24")).name, "2026-Q4");
    EXPECT_EQ(period_holding(PeriodKind::half_year, date("2026-06-30")).name, "2026-H1");
}

TEST(ReportFigures, MedianAndNinetiethPercentileByNearestRank) {
    ReportSums s;
    // Ten cases handled: five in 1 day, four in 3 days, one in 10 days.
    s.in_period = {{kMeasureHandling, "1", 5},
                   {kMeasureHandling, "3", 4},
                   {kMeasureHandling, "10", 1},
                   {kMeasureReceived, "", 12}};
    auto f = figures_of(s, {});
    EXPECT_EQ(f.received, 12);
    EXPECT_EQ(f.handling.count, 10);
    EXPECT_EQ(f.handling.median_days, 1);               // rank 5
    EXPECT_EQ(f.handling.p90_days, 3);                  // rank 9
    s.in_period.push_back({kMeasureHandling, "10", 1}); // rank 10 of 11 is 10 days
    EXPECT_EQ(figures_of(s, {}).handling.p90_days, 10);
    EXPECT_FALSE(figures_of(ReportSums{}, {}).handling.median_days);
}

TEST(ReportFigures, DeadlinesStillPendingPastTheirDayAreMissed) {
    ReportSums s;
    s.in_period = {{"deadline:resolve", "met", 6},
                   {"deadline:resolve", "missed", 1},
                   {"deadline:resolve", "pending", 3}};
    s.pending_past_due = {{"deadline:resolve", "pending", 1}};
    auto f = figures_of(s, {"acknowledge", "resolve"});
    ASSERT_EQ(f.deadlines.size(), 2u);
    EXPECT_EQ(f.deadlines[0].step, "acknowledge");
    EXPECT_FALSE(f.deadlines[0].on_time_rate); // nothing fell due
    const DeadlineFigure& r = f.deadlines[1];
    EXPECT_EQ(r.met, 6);
    EXPECT_EQ(r.missed, 2);
    EXPECT_EQ(r.running, 2);
    ASSERT_TRUE(r.on_time_rate);
    EXPECT_DOUBLE_EQ(*r.on_time_rate, 0.75);
}

TEST(ReportFigures, BreakdownsComeMostFirstAndLeaveOutWhatCancelled) {
    ReportSums s;
    s.in_period = {{"category", "Planning", 2}, {"category", "Salaris", 5}, {"category", "Weg", 0}};
    auto f = figures_of(s, {});
    const auto& b = *std::find_if(f.breakdowns.begin(), f.breakdowns.end(),
                                  [](const Breakdown& x) { return x.measure == "category"; });
    ASSERT_EQ(b.counts.size(), 2u);
    EXPECT_EQ(b.counts[0].key, "Salaris");
    EXPECT_EQ(b.counts[1].n, 2);
}
