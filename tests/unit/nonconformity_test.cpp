// nonconformity_test.cpp: the rules of the nonconformity register and of the actions followed
// until done (R-NC, 003's workflow; docs/register.md).
#include "core/amsterdam_time.hpp"
#include "core/nonconformity.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace kd;
using kd::testing::at;
using kd::testing::seed_procedure;

namespace {

constexpr long long kCoordinator = 1, kOwner = 7;
const Instant kNow = at("2026-11-24T10:00");

Date day(const char* iso) {
    return *try_parse_date(iso);
}

// The fields a refusal names, sorted.
std::vector<std::string> fields_of(const Refusal& r) {
    std::vector<std::string> out;
    for (const auto& f : r.fields)
        out.push_back(f.field);
    if (!r.field.empty()) out.push_back(r.field);
    std::sort(out.begin(), out.end());
    return out;
}

NewAction measure(ActionKind kind = ActionKind::corrective) {
    return {kind,         "Roosters een week vooruit versturen",
            kOwner,       day("2026-12-15"),
            std::nullopt, std::nullopt};
}

TrackedAction done_measure() {
    TrackedAction a = plan_action(measure(), std::nullopt, 3, kCoordinator, kNow).value();
    a.id = 11;
    return change_status(a, ActionStatus::done, "Verstuurd sinds 1 december", kNow).value();
}

} // namespace

TEST(TrackedActions, APlanNamesEveryMissingFieldAtOnce) {
    auto r = plan_action({ActionKind::corrective, " ", 0, std::nullopt, std::nullopt, std::nullopt},
                         std::nullopt, 3, kCoordinator, kNow);
    ASSERT_FALSE(r);
    EXPECT_EQ(fields_of(r.refusal()), (std::vector<std::string>{"due_on", "owner_id", "what"}));
    // Not before the day it is given (Amsterdam date).
    NewAction late = measure();
    late.due_on = day("2026-11-23");
    EXPECT_EQ(fields_of(plan_action(late, std::nullopt, 3, kCoordinator, kNow).refusal()),
              std::vector<std::string>{"due_on"});
    late.due_on = day("2026-11-24");
    EXPECT_TRUE(plan_action(late, std::nullopt, 3, kCoordinator, kNow));
}

// R-HANDLE (001): a procedure change records the date it takes effect; nothing else has one.
TEST(TrackedActions, AProcedureChangeHasTheDateItTakesEffect) {
    auto without =
        plan_action(measure(ActionKind::procedure_change), std::nullopt, 3, kCoordinator, kNow);
    EXPECT_EQ(fields_of(without.refusal()), std::vector<std::string>{"effective_from"});
    NewAction change = measure(ActionKind::procedure_change);
    change.effective_from = day("2027-01-01");
    auto with = plan_action(change, std::nullopt, 3, kCoordinator, kNow);
    ASSERT_TRUE(with);
    EXPECT_EQ(with.value().effective_from, day("2027-01-01"));
    NewAction corrective = measure();
    corrective.effective_from = day("2027-01-01");
    EXPECT_EQ(fields_of(plan_action(corrective, std::nullopt, 3, kCoordinator, kNow).refusal()),
              std::vector<std::string>{"effective_from"});
}

// An agreed action belongs to a case (003), a measure to a nonconformity; a measure's review
// comes after its due date.
TEST(TrackedActions, EachKindBelongsWhereItBelongs) {
    NewAction agreed{ActionKind::agreed, "Terugbellen", kOwner,
                     day("2026-11-26"),  std::nullopt,  std::nullopt};
    EXPECT_TRUE(plan_action(agreed, 17, std::nullopt, kCoordinator, kNow));
    EXPECT_FALSE(plan_action(agreed, std::nullopt, 3, kCoordinator, kNow));
    EXPECT_FALSE(plan_action(measure(), 17, std::nullopt, kCoordinator, kNow));
    agreed.review_due_on = day("2026-12-30");
    EXPECT_EQ(fields_of(plan_action(agreed, 17, std::nullopt, kCoordinator, kNow).refusal()),
              std::vector<std::string>{"review_due_on"});
    NewAction early = measure();
    early.review_due_on = day("2026-12-01");
    EXPECT_EQ(fields_of(plan_action(early, std::nullopt, 3, kCoordinator, kNow).refusal()),
              std::vector<std::string>{"review_due_on"});
}

TEST(TrackedActions, DoneAndCancelledSayWhyAndAreFinal) {
    TrackedAction a = plan_action(measure(), std::nullopt, 3, kCoordinator, kNow).value();
    EXPECT_EQ(change_status(a, ActionStatus::done, "", kNow).refusal().field, "note");
    EXPECT_EQ(change_status(a, ActionStatus::cancelled, " ", kNow).refusal().field, "note");
    auto going = change_status(a, ActionStatus::in_progress, "", kNow);
    ASSERT_TRUE(going);
    EXPECT_EQ(change_status(going.value(), ActionStatus::in_progress, "", kNow).refusal().code,
              "nothing_to_change");
    auto done = change_status(going.value(), ActionStatus::done, "Gedaan", at("2026-11-25T09:00"));
    ASSERT_TRUE(done);
    EXPECT_EQ(done.value().done_at, at("2026-11-25T09:00"));
    EXPECT_EQ(done.value().result, "Gedaan");
    auto again = change_status(done.value(), ActionStatus::cancelled, "toch niet", kNow);
    EXPECT_EQ(again.refusal().code, "action_final");
    EXPECT_EQ(again.refusal().kind, RefusalKind::conflict);
}

TEST(TrackedActions, OverdueIsStillToDoAfterTheDueDate) {
    TrackedAction a = plan_action(measure(), std::nullopt, 3, kCoordinator, kNow).value();
    EXPECT_FALSE(is_overdue(a, day("2026-12-15")));
    EXPECT_TRUE(is_overdue(a, day("2026-12-16")));
    a.status = ActionStatus::done;
    EXPECT_FALSE(is_overdue(a, day("2026-12-16")));
    a.review_due_on = day("2027-01-15");
    EXPECT_FALSE(is_review_overdue(a, day("2027-01-15")));
    EXPECT_TRUE(is_review_overdue(a, day("2027-01-16")));
    a.effective = true;
    EXPECT_FALSE(is_review_overdue(a, day("2027-01-16")));
}

// R-NC (000, 004): the effectiveness of each measure, with evidence; not effective means a
// new measure.
TEST(TrackedActions, AMeasureIsJudgedOnceWithEvidenceAndANewOneWhenItFailed) {
    TrackedAction open = plan_action(measure(), std::nullopt, 3, kCoordinator, kNow).value();
    EXPECT_EQ(
        review_measure(open, {true, "x", std::nullopt}, false, kCoordinator, kNow).refusal().code,
        "measure_not_done");
    TrackedAction done = done_measure();
    auto bare = review_measure(done, {false, "", std::nullopt}, false, kCoordinator, kNow);
    EXPECT_EQ(fields_of(bare.refusal()), (std::vector<std::string>{"evidence", "follow_up"}));
    auto future = review_measure(done, {true, "Geen klachten meer", day("2026-11-25")}, false,
                                 kCoordinator, kNow);
    EXPECT_EQ(fields_of(future.refusal()), std::vector<std::string>{"reviewed_on"});
    auto failed =
        review_measure(done, {false, "Weer twee klachten", std::nullopt}, true, kCoordinator, kNow);
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed.value().effective, false);
    EXPECT_EQ(failed.value().reviewed_on, day("2026-11-24"));
    EXPECT_EQ(failed.value().reviewed_by, kCoordinator);
    EXPECT_EQ(review_measure(failed.value(), {true, "x", std::nullopt}, false, kCoordinator, kNow)
                  .refusal()
                  .code,
              "already_reviewed");
    TrackedAction agreed = done;
    agreed.kind = ActionKind::agreed;
    EXPECT_EQ(
        review_measure(agreed, {true, "x", std::nullopt}, false, kCoordinator, kNow).refusal().code,
        "not_a_measure");
}

// 002: anyone records what went wrong or could be better, with what the register needs.
TEST(Nonconformities, ARecordHasWhenWhatAndWhereItCameFrom) {
    Procedure p = seed_procedure("xs2more");
    auto empty = record_nonconformity(p, {}, kOwner, kNow);
    EXPECT_EQ(fields_of(empty.refusal()),
              (std::vector<std::string>{"description", "occurred_on", "source"}));
    NewNonconformity in;
    in.kind = FindingKind::shortcoming;
    in.occurred_on = day("2026-11-25");
    in.description = "Rooster te laat";
    in.source = FindingSource::complaint;
    in.cause_category = "het weer";
    EXPECT_EQ(fields_of(record_nonconformity(p, in, kOwner, kNow).refusal()),
              (std::vector<std::string>{"cause_category", "complaint_id", "occurred_on"}));
    in.occurred_on = day("2026-11-20");
    in.complaint_id = 17;
    in.cause_category = "planning en bereikbaarheid";
    auto made = record_nonconformity(p, in, kOwner, kNow);
    ASSERT_TRUE(made);
    EXPECT_EQ(made.value().recorded_by, kOwner);
    EXPECT_EQ(made.value().recorded_at, kNow);
    in.source = FindingSource::internal_audit; // a complaint goes with the source "complaint"
    EXPECT_EQ(fields_of(record_nonconformity(p, in, kOwner, kNow).refusal()),
              std::vector<std::string>{"complaint_id"});
    EXPECT_EQ(nonconformity_reference("004", 3), "004-A0003");
    EXPECT_EQ(nonconformity_reference("004", 12345), "004-A12345");
}

TEST(Nonconformities, TheInvestigationChangesWhatIsGivenUntilClosed) {
    Procedure p = seed_procedure("xs2more");
    Nonconformity n;
    n.description = "Rooster te laat";
    NonconformityChange c;
    EXPECT_EQ(change_nonconformity(p, n, c).refusal().code, "nothing_to_correct");
    c.cause_category = "communicatie";
    c.correction = "Rooster alsnog gestuurd";
    auto changed = change_nonconformity(p, n, c);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed.value().description, "Rooster te laat");
    EXPECT_EQ(changed.value().correction, "Rooster alsnog gestuurd");
    c.cause_category = "onbekend";
    EXPECT_EQ(fields_of(change_nonconformity(p, n, c).refusal()),
              std::vector<std::string>{"cause_category"});
    n.closed_at = kNow;
    c.cause_category = "communicatie";
    EXPECT_EQ(change_nonconformity(p, n, c).refusal().code, "nonconformity_closed");
}

// R-NC: closed once its cause is known, no measure runs still and each one done is judged.
TEST(Nonconformities, ClosingNeedsTheCauseAndEveryMeasureDoneAndJudged) {
    Nonconformity n;
    n.kind = FindingKind::nonconformity;
    EXPECT_EQ(close_nonconformity(n, {}, "Opgelost", kCoordinator, kNow).refusal().code,
              "cause_missing");
    n.cause_category = "communicatie";
    TrackedAction running = plan_action(measure(), std::nullopt, 3, kCoordinator, kNow).value();
    EXPECT_EQ(close_nonconformity(n, {running}, "Opgelost", kCoordinator, kNow).refusal().code,
              "measures_running");
    TrackedAction done = done_measure();
    EXPECT_EQ(close_nonconformity(n, {done}, "Opgelost", kCoordinator, kNow).refusal().code,
              "effectiveness_pending");
    TrackedAction judged =
        review_measure(done, {false, "Weer een klacht", std::nullopt}, true, kCoordinator, kNow)
            .value();
    TrackedAction cancelled =
        change_status(running, ActionStatus::cancelled, "Vervangen", kNow).value();
    EXPECT_EQ(close_nonconformity(n, {judged, cancelled}, " ", kCoordinator, kNow)
                  .refusal()
                  .fields[0]
                  .field,
              "note");
    auto closed = close_nonconformity(n, {judged, cancelled}, "Opgelost", kCoordinator, kNow);
    ASSERT_TRUE(closed);
    EXPECT_EQ(closed.value().closed_at, kNow);
    EXPECT_EQ(closed.value().closed_by, kCoordinator);
    EXPECT_EQ(
        close_nonconformity(closed.value(), {}, "Nog eens", kCoordinator, kNow).refusal().code,
        "nonconformity_closed");
    // An improvement idea needs no cause.
    Nonconformity idea;
    idea.kind = FindingKind::improvement;
    EXPECT_TRUE(close_nonconformity(idea, {}, "Ingevoerd", kCoordinator, kNow));
}
