// term_test.cpp: each seed procedure's terms at the edges: Friday evening, before a
// holiday, on a holiday, and across daylight-saving changes (docs/terms.md).
#include "core/deadlines.hpp"
#include "core/term.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;
using kd::testing::at;
using kd::testing::iso;
using kd::testing::seed_procedure;

namespace {

std::string due(const std::string& slug, StepId step, const std::string& received) {
    Procedure p = seed_procedure(slug);
    WorkingDayCalendar cal(p.calendar);
    auto t = step_due(p, cal, step, at(received));
    return t ? iso(*t) : "none";
}

} // namespace

TEST(TermParsing, EnglishAndDutchForms) {
    EXPECT_EQ(try_parse_term("48 hours").value(), (Term{48, TermUnit::hours}));
    EXPECT_EQ(try_parse_term("2 werkdagen").value(), (Term{2, TermUnit::working_days}));
    EXPECT_EQ(try_parse_term("1 working day").value(), (Term{1, TermUnit::working_days}));
    EXPECT_EQ(try_parse_term("6 Weken").value(), (Term{6, TermUnit::weeks}));
    EXPECT_EQ(try_parse_term("14 dagen").value(), (Term{14, TermUnit::calendar_days}));
    EXPECT_FALSE(try_parse_term("soon"));
    EXPECT_FALSE(try_parse_term("-1 days"));
    EXPECT_FALSE(try_parse_term("2 fortnights"));
    EXPECT_FALSE(try_parse_term("99999 days"));
}

// 000 Jexo: 14 days, calendar time, ends at the end of the 14th day.
TEST(Terms000, FourteenCalendarDays) {
    EXPECT_EQ(due("jexo", StepId::resolve, "2026-11-20T23:30"), "2026-12-04T23:59:59+01:00");
    // Across the end of summer time the due moment is still the end of the local day.
    EXPECT_EQ(due("jexo", StepId::resolve, "2026-10-20T10:00"), "2026-11-03T23:59:59+01:00");
}

// 001 Exactpi: working days; the day of receipt never counts.
TEST(Terms001, FirstContactTwoWorkingDays) {
    // Friday evening: Monday is day 1, Tuesday day 2.
    EXPECT_EQ(due("exactpi", StepId::first_contact, "2026-11-20T21:00"),
              "2026-11-24T23:59:59+01:00");
    // Friday morning: the same; the hour of receipt does not matter.
    EXPECT_EQ(due("exactpi", StepId::first_contact, "2026-11-20T08:00"),
              "2026-11-24T23:59:59+01:00");
    // Before a holiday: Thursday 24 Dec -> Mon 28 (1), Tue 29 (2).
    EXPECT_EQ(due("exactpi", StepId::first_contact, "2026-12-24T16:00"),
              "2026-12-29T23:59:59+01:00");
    // On a holiday: Christmas Day -> Mon 28 (1), Tue 29 (2).
    EXPECT_EQ(due("exactpi", StepId::first_contact, "2026-12-25T11:00"),
              "2026-12-29T23:59:59+01:00");
    // Before Ascension (Thursday 14 May 2026): Wed 13 -> Fri 15 (1), Mon 18 (2).
    EXPECT_EQ(due("exactpi", StepId::first_contact, "2026-05-13T12:00"),
              "2026-05-18T23:59:59+02:00");
}

TEST(Terms001, VerifyFiveAndRedoTwoWorkingDays) {
    // Resolved Wednesday 23 Dec 2026: 24, 28, 29, 30, 31 -> 31 Dec.
    EXPECT_EQ(due("exactpi", StepId::verify, "2026-12-23T10:00"), "2026-12-31T23:59:59+01:00");
    // Over New Year: resolved 30 Dec -> 31, 2 Jan is Saturday, Jan 4, 5, 6, 7.
    EXPECT_EQ(due("exactpi", StepId::verify, "2026-12-30T10:00"), "2027-01-07T23:59:59+01:00");
    EXPECT_EQ(due("exactpi", StepId::redo, "2026-11-20T17:00"), "2026-11-24T23:59:59+01:00");
    // The seed sets no acknowledgement term (issue 9, item 6).
    EXPECT_EQ(due("exactpi", StepId::acknowledge, "2026-11-23T09:00"), "none");
    EXPECT_EQ(due("exactpi", StepId::resolve, "2026-11-23T09:00"), "none"); // agreed per case
}

// 002 Een Loket MK: acknowledge by the next working day; handle within 4 weeks.
TEST(Terms002, NextWorkingDayAndFourWeeks) {
    EXPECT_EQ(due("een-loket-mk", StepId::acknowledge, "2026-11-20T22:00"),
              "2026-11-23T23:59:59+01:00");
    EXPECT_EQ(due("een-loket-mk", StepId::acknowledge, "2026-04-03T10:00"),
              "2026-04-07T23:59:59+02:00"); // Good Friday, Easter Monday
    EXPECT_EQ(due("een-loket-mk", StepId::acknowledge, "2026-04-27T10:00"),
              "2026-04-28T23:59:59+02:00"); // on King's Day
    EXPECT_EQ(due("een-loket-mk", StepId::resolve, "2026-11-20T22:00"),
              "2026-12-18T23:59:59+01:00");
}

// 003 Quoratio: 48 hours of elapsed time, daylight saving included.
TEST(Terms003, FortyEightHoursElapsed) {
    EXPECT_EQ(due("quoratio", StepId::acknowledge, "2026-11-20T21:15"),
              "2026-11-22T21:15:00+01:00");
    // Summer time starts Sunday 29 March 2026 02:00: 48 real hours show as 49 on the clock.
    EXPECT_EQ(due("quoratio", StepId::acknowledge, "2026-03-28T12:00"),
              "2026-03-30T13:00:00+02:00");
    // Summer time ends Sunday 25 October 2026 03:00: 48 real hours show as 47.
    EXPECT_EQ(due("quoratio", StepId::acknowledge, "2026-10-24T12:00"),
              "2026-10-26T11:00:00+01:00");
    EXPECT_EQ(due("quoratio", StepId::resolve, "2026-10-24T12:00"), "none"); // as soon as possible
}

// 004 Xs2more: two, four and six weeks, and the extension of six weeks on top.
TEST(Terms004, WeeksFromReceipt) {
    EXPECT_EQ(due("xs2more", StepId::acknowledge, "2026-11-20T23:59"), "2026-12-04T23:59:59+01:00");
    EXPECT_EQ(due("xs2more", StepId::take_into_handling, "2026-11-20T08:00"),
              "2026-12-04T23:59:59+01:00");
    EXPECT_EQ(due("xs2more", StepId::decline_notice, "2026-11-20T08:00"),
              "2026-12-18T23:59:59+01:00");
    EXPECT_EQ(due("xs2more", StepId::resolve, "2026-11-20T08:00"), "2027-01-01T23:59:59+01:00");
    Procedure p = seed_procedure("xs2more");
    WorkingDayCalendar cal(p.calendar);
    auto extended =
        step_due(p, cal, StepId::resolve, at("2026-11-20T08:00"), Term{6, TermUnit::weeks});
    EXPECT_EQ(iso(*extended), "2027-02-12T23:59:59+01:00");
}

TEST(Terms, LocalTimeParsingHandlesTheDaylightSavingGapAndOverlap) {
    // 02:30 on 29 March 2026 does not exist: it moves forward by the gap.
    EXPECT_EQ(iso(at("2026-03-29T02:30")), "2026-03-29T03:30:00+02:00");
    // 02:30 on 25 October 2026 happens twice: the earlier (summer time) reading is taken.
    EXPECT_EQ(iso(at("2026-10-25T02:30")), "2026-10-25T02:30:00+02:00");
    EXPECT_EQ(iso(at("2026-10-25T01:30:00Z")), "2026-10-25T02:30:00+01:00");
}
