// reminders_test.cpp: when staff are reminded of a deadline and told of a miss (core/reminders):
// counted as terms are, past weekends and holidays; a missed deadline once it passed, and not
// when it passed long before anybody looked.
#include "core/reminders.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;
using kd::testing::at;
using kd::testing::seed_procedure;

TEST(Reminders, OneWorkingDayBeforeIsTheStartOfTheWorkingDayBefore) {
    WorkingDayCalendar cal(HolidayRules{});
    const Term one{1, TermUnit::working_days}, two{2, TermUnit::working_days};
    // Due on a Wednesday evening: reminded from Tuesday 00:00.
    EXPECT_EQ(reminder_moment(cal, at("2026-12-02T23:59:59"), one), at("2026-12-01T00:00"));
    // Due on a Monday: the working day before is Friday.
    EXPECT_EQ(reminder_moment(cal, at("2026-11-30T23:59:59"), one), at("2026-11-27T00:00"));
    // Due Monday 28 December 2026: Christmas (Friday 25th) and the weekend do not count;
    // Thursday 24th is one working day before, Wednesday 23rd two.
    EXPECT_EQ(reminder_moment(cal, at("2026-12-28T23:59:59"), two), at("2026-12-23T00:00"));
    // Zero working days: the start of the due day itself.
    EXPECT_EQ(reminder_moment(cal, at("2026-12-02T17:00"), Term{0, TermUnit::working_days}),
              at("2026-12-02T00:00"));
}

TEST(Reminders, HoursAreExactAndDaysAreWholeDays) {
    WorkingDayCalendar cal(HolidayRules{});
    // 003's 48-hour acknowledgement, reminded 24 hours before, across the end of DST
    // (25 October 2026, 03:00 -> 02:00): exactly 24 elapsed hours, so 10:30 becomes 09:30.
    EXPECT_EQ(reminder_moment(cal, at("2026-10-25T10:30"), Term{24, TermUnit::hours}),
              at("2026-10-24T11:30"));
    EXPECT_EQ(reminder_moment(cal, at("2026-12-02T23:59:59"), Term{3, TermUnit::calendar_days}),
              at("2026-11-29T00:00"));
    EXPECT_EQ(reminder_moment(cal, at("2026-12-02T23:59:59"), Term{1, TermUnit::weeks}),
              at("2026-11-25T00:00"));
}

TEST(Reminders, AReminderBeforeTheDueMomentAMissAfterItNothingWhenDone) {
    Procedure p = seed_procedure("jexo"); // resolve: 14 days from receipt
    WorkingDayCalendar cal(p.calendar);
    Intake in = kd::testing::intake_for(p, 5);
    in.received_at = at("2026-11-18T10:30");
    Complaint c = register_complaint(p, in, 1, at("2026-11-18T10:30")).value();
    const Instant due = at("2026-12-02T23:59:59");
    auto alerts = [&](Instant now, Instant oldest) {
        return deadline_alerts(p, cal, deadlines_of(p, cal, c, now), now, oldest);
    };
    const Instant long_ago = at("2026-01-01T00:00");
    EXPECT_TRUE(alerts(at("2026-11-30T23:59:59"), long_ago).empty());
    auto r = alerts(at("2026-12-01T00:00"), long_ago);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].kind, AlertKind::reminder);
    EXPECT_EQ(r[0].step, StepId::resolve);
    EXPECT_EQ(r[0].due, due);
    auto m = alerts(at("2026-12-03T00:00"), long_ago);
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].kind, AlertKind::missed);
    // A miss from before `oldest` is left to the register.
    EXPECT_TRUE(alerts(at("2026-12-20T00:00"), at("2026-12-13T00:00")).empty());
    // Resolved in time: nothing to say.
    c = apply(p, cal, c, Assign{2, false}, at("2026-11-19T10:00")).value();
    c = apply(p, cal, c, StartHandling{}, at("2026-11-19T11:00")).value();
    c = apply(p, cal, c, kd::testing::a_cause(), at("2026-11-19T12:00")).value();
    c = apply(p, cal, c, Resolve{Resolution::solved, "Excuses", {}}, at("2026-11-20T10:00"))
            .value();
    EXPECT_TRUE(alerts(at("2026-12-01T09:00"), long_ago).empty());
    EXPECT_TRUE(alerts(at("2026-12-03T09:00"), long_ago).empty());
}

TEST(Reminders, TheProcedureSaysHowLongBefore) {
    Procedure p = seed_procedure("jexo");
    WorkingDayCalendar cal(p.calendar);
    p.remind_before = Term{3, TermUnit::working_days};
    Intake in = kd::testing::intake_for(p, 5);
    in.received_at = at("2026-11-18T10:30");
    Complaint c = register_complaint(p, in, 1, at("2026-11-18T10:30")).value();
    auto alerts = [&](Instant now) {
        return deadline_alerts(p, cal, deadlines_of(p, cal, c, now), now, now);
    };
    // Due Wednesday 2 December: three working days before is Friday 27 November.
    EXPECT_TRUE(alerts(at("2026-11-26T23:00")).empty());
    EXPECT_EQ(alerts(at("2026-11-27T00:00")).size(), 1u);
}
