// deadlines_test.cpp: each step's status: due (working days left), met (when), missed (by
// how many working days), and the steps whose clock has not started or that do not apply.
#include "core/deadlines.hpp"
#include "core/lifecycle.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;
using kd::testing::at;
using kd::testing::iso;
using kd::testing::seed_procedure;

namespace {

Complaint received(const Procedure& p, const std::string& when) {
    Intake in;
    in.received_at = at(when);
    in.complainant.name = "Fleur Visser";
    in.description = "Factuur te hoog.";
    in.category = p.categories.empty() ? "" : p.categories.front();
    in.description_approved = in.procedure_explained = true;
    in.acknowledged_at_intake =
        p.requires_step(StepId::acknowledge) && p.step(StepId::acknowledge)->term.amount == 0;
    return register_complaint(p, in, 1, at(when)).value();
}

const StepDeadline& of(const std::vector<StepDeadline>& ds, StepId s) {
    for (const auto& d : ds)
        if (d.step == s) return d;
    throw std::runtime_error("step not in deadlines");
}

} // namespace

TEST(Deadlines, DueCountsWorkingDaysLeft) {
    Procedure p = seed_procedure("een-loket-mk");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-11-20T22:00"); // Friday evening
    auto ds = deadlines_of(p, cal, c, at("2026-11-21T09:00"));
    EXPECT_EQ(of(ds, StepId::acknowledge).status, DeadlineStatus::due);
    EXPECT_EQ(of(ds, StepId::acknowledge).working_days_left, 1); // Monday
    EXPECT_EQ(iso(*of(ds, StepId::resolve).due), "2026-12-18T23:59:59+01:00");
}

TEST(Deadlines, MetWhenDoneInTime) {
    Procedure p = seed_procedure("een-loket-mk");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-11-20T22:00");
    c = apply(p, cal, c, Acknowledge{}, at("2026-11-23T16:00")).value();
    auto d = of(deadlines_of(p, cal, c, at("2026-12-01T09:00")), StepId::acknowledge);
    EXPECT_EQ(d.status, DeadlineStatus::met);
    EXPECT_EQ(iso(*d.done_at), "2026-11-23T16:00:00+01:00");
}

TEST(Deadlines, MissedByWorkingDaysWhenLateOrStillOpen) {
    Procedure p = seed_procedure("een-loket-mk");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-12-23T10:00"); // due Thursday 24 Dec
    auto open = of(deadlines_of(p, cal, c, at("2026-12-29T10:00")), StepId::acknowledge);
    EXPECT_EQ(open.status, DeadlineStatus::missed);
    EXPECT_EQ(open.working_days_late, 2); // Mon 28, Tue 29
    c = apply(p, cal, c, Acknowledge{}, at("2026-12-28T09:00")).value();
    auto late = of(deadlines_of(p, cal, c, at("2027-01-05T10:00")), StepId::acknowledge);
    EXPECT_EQ(late.status, DeadlineStatus::missed);
    EXPECT_EQ(late.working_days_late, 1);
    EXPECT_GT(late.seconds_late, 0);
}

TEST(Deadlines, HourTermsMissedTheSameDayShowSeconds) {
    Procedure p = seed_procedure("quoratio");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-11-23T09:00");
    c = apply(p, cal, c, Acknowledge{"omschrijving en eerste acties"}, at("2026-11-25T10:00"))
            .value();
    auto d = of(deadlines_of(p, cal, c, at("2026-11-26T10:00")), StepId::acknowledge);
    EXPECT_EQ(d.status, DeadlineStatus::missed);
    EXPECT_EQ(d.working_days_late, 0);
    EXPECT_EQ(d.seconds_late, 3600);
    EXPECT_EQ(of(deadlines_of(p, cal, c, at("2026-11-26T10:00")), StepId::resolve).status,
              DeadlineStatus::no_term);
}

TEST(Deadlines, ExtensionMovesTheResolveDeadline) {
    Procedure p = seed_procedure("xs2more");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-11-20T08:00");
    c = apply(p, cal, c, Extend{Term{6, TermUnit::weeks}, "inlener onbereikbaar"},
              at("2026-12-01T09:00"))
            .value();
    auto d = of(deadlines_of(p, cal, c, at("2026-12-01T09:00")), StepId::resolve);
    EXPECT_EQ(iso(*d.due), "2027-02-12T23:59:59+01:00");
    EXPECT_EQ(d.status, DeadlineStatus::due);
}

TEST(Deadlines, ClocksStartAtTheirOwnEvent) {
    Procedure p = seed_procedure("exactpi");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-11-20T10:00");
    auto ds = deadlines_of(p, cal, c, at("2026-11-20T11:00"));
    EXPECT_EQ(of(ds, StepId::first_contact).status, DeadlineStatus::waiting);
    EXPECT_EQ(of(ds, StepId::resolve).status, DeadlineStatus::not_set);
    EXPECT_EQ(of(ds, StepId::verify).status, DeadlineStatus::waiting);
    c = apply(p, cal, c, Assign{2, false}, at("2026-11-24T10:00")).value();
    auto fc = of(deadlines_of(p, cal, c, at("2026-11-24T11:00")), StepId::first_contact);
    EXPECT_EQ(iso(*fc.due), "2026-11-26T23:59:59+01:00"); // from assignment, not receipt
    c = apply(p, cal, c, StartHandling{}, at("2026-11-24T12:00")).value();
    c = apply(p, cal, c, RecordContact{at("2026-12-10T17:00"), ""}, at("2026-11-25T09:00")).value();
    auto res = of(deadlines_of(p, cal, c, at("2026-11-25T10:00")), StepId::resolve);
    EXPECT_EQ(res.status, DeadlineStatus::due);
    EXPECT_EQ(iso(*res.due), "2026-12-10T17:00:00+01:00");
}

TEST(Deadlines, DeclineNoticeOnlyWhenDeclinedAndNextDueForTheRegister) {
    Procedure p = seed_procedure("xs2more");
    WorkingDayCalendar cal(p.calendar);
    Complaint c = received(p, "2026-11-20T08:00");
    auto ds = deadlines_of(p, cal, c, at("2026-11-21T08:00"));
    EXPECT_EQ(of(ds, StepId::decline_notice).status, DeadlineStatus::not_applicable);
    EXPECT_EQ(iso(*next_due(ds)), "2026-12-04T23:59:59+01:00");
    c = apply(p, cal, c, Decline{"Geen klacht maar een vraag"}, at("2026-11-22T08:00")).value();
    ds = deadlines_of(p, cal, c, at("2026-11-23T08:00"));
    EXPECT_EQ(of(ds, StepId::decline_notice).status, DeadlineStatus::due);
    EXPECT_EQ(of(ds, StepId::resolve).status, DeadlineStatus::not_applicable);
    EXPECT_EQ(iso(*next_due(ds)), "2026-12-18T23:59:59+01:00");
}
