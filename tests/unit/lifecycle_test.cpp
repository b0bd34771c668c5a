// lifecycle_test.cpp: every guard of the lifecycle, each in the procedure that needs it,
// and a walk through each seed procedure from intake to close.
#include "core/lifecycle.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;
using kd::testing::at;
using kd::testing::intake_for;
using kd::testing::seed_procedure;

namespace {

constexpr long long kCoordinator = 1, kHandler = 2, kInvolved = 5, kConfidant = 6;

struct Case {
    Procedure p;
    WorkingDayCalendar cal;
    Complaint c;
    Instant now = at("2026-11-20T11:00");

    explicit Case(const std::string& slug) : p(seed_procedure(slug)), cal(p.calendar) {
        auto r = register_complaint(p, intake_for(p, kInvolved), kCoordinator, now);
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.refusal().message_en);
        if (r) c = r.value();
    }

    // Applies and keeps the result; returns the refusal code or "" when it was accepted.
    std::string step(const Command& cmd) {
        now += std::chrono::hours{1};
        auto r = apply(p, cal, c, cmd, now);
        if (!r) return r.refusal().code;
        c = r.value();
        return "";
    }
};

std::string refusal_of(const Outcome<Complaint>& r) {
    return r ? "" : r.refusal().code;
}

} // namespace

// ---- Intake (R-INTAKE) ----

TEST(Intake, RefusesAFutureOrAncientDateOfReceipt) {
    Procedure p = seed_procedure("jexo");
    Intake in = intake_for(p, kInvolved);
    in.received_at = at("2026-11-21T10:00");
    EXPECT_EQ(refusal_of(register_complaint(p, in, 1, at("2026-11-20T10:00"))),
              "received_in_future");
    in.received_at = at("1989-12-31T10:00");
    EXPECT_EQ(refusal_of(register_complaint(p, in, 1, at("2026-11-20T10:00"))),
              "received_too_early");
}

TEST(Intake, RefusesAChannelTheProcedureDoesNotUse) {
    Procedure p = seed_procedure("jexo");
    p.channels = {Channel::email};
    EXPECT_EQ(
        refusal_of(register_complaint(p, intake_for(p, kInvolved), 1, at("2026-11-20T11:00"))),
        "channel_not_accepted");
}

TEST(Intake, NeedsNameAndDescription) {
    Procedure p = seed_procedure("jexo");
    Intake in = intake_for(p, kInvolved);
    in.complainant.name = "  ";
    auto r = register_complaint(p, in, 1, at("2026-11-20T11:00"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.refusal().field, "complainant.name");
    in = intake_for(p, kInvolved);
    in.description = "";
    EXPECT_EQ(register_complaint(p, in, 1, at("2026-11-20T11:00")).refusal().field, "description");
}

TEST(Intake, Xs2moreClassifiesInItsOwnCategories) {
    Procedure p = seed_procedure("xs2more");
    Intake in = intake_for(p, kInvolved);
    in.category = "weer";
    EXPECT_EQ(refusal_of(register_complaint(p, in, 1, at("2026-11-20T11:00"))), "unknown_category");
}

TEST(Intake, ExactpiNeedsApprovalThenTheProcedureExplained) {
    Procedure p = seed_procedure("exactpi");
    Intake in = intake_for(p, kInvolved);
    in.description_approved = false;
    EXPECT_EQ(refusal_of(register_complaint(p, in, 1, at("2026-11-20T11:00"))),
              "description_not_approved");
    in.description_approved = true;
    in.procedure_explained = false;
    EXPECT_EQ(refusal_of(register_complaint(p, in, 1, at("2026-11-20T11:00"))),
              "procedure_not_explained");
    // Jexo asks neither.
    Procedure j = seed_procedure("jexo");
    Intake plain = intake_for(j, kInvolved);
    EXPECT_TRUE(register_complaint(j, plain, 1, at("2026-11-20T11:00")).ok());
}

TEST(Intake, ConfidentialOnlyWithAConfidantRoute) {
    Procedure j = seed_procedure("jexo");
    Intake in = intake_for(j, kInvolved);
    in.confidential = true;
    in.handler_id = kHandler;
    EXPECT_EQ(refusal_of(register_complaint(j, in, 1, at("2026-11-20T11:00"))),
              "no_confidant_route");

    Procedure q = seed_procedure("quoratio");
    Intake qi = intake_for(q, kInvolved);
    qi.confidential = true;
    EXPECT_EQ(refusal_of(register_complaint(q, qi, 1, at("2026-11-20T11:00"))),
              "confidant_required");
    qi.handler_id = kHandler;
    qi.handler_is_confidant = false;
    EXPECT_EQ(refusal_of(register_complaint(q, qi, 1, at("2026-11-20T11:00"))),
              "handler_not_confidant");
    qi.handler_id = kConfidant;
    qi.handler_is_confidant = true;
    auto ok = register_complaint(q, qi, 1, at("2026-11-20T11:00"));
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok.value().state, State::assigned);
}

TEST(Intake, TheHandlerIsNeverAnInvolvedEmployee) {
    Procedure p = seed_procedure("xs2more");
    Intake in = intake_for(p, kInvolved);
    in.handler_id = kInvolved;
    EXPECT_EQ(refusal_of(register_complaint(p, in, 1, at("2026-11-20T11:00"))), "handler_involved");
}

// ---- Transitions ----

TEST(Guards, OnlyAConfidentialCaseGetsPeopleAddedAndNeverTheInvolved) {
    Case open("xs2more");
    EXPECT_EQ(open.step(GrantAccess{kCoordinator}), "not_confidential");
    Case q("quoratio");
    q.c.confidential = true;
    q.c.handler_id = kConfidant;
    EXPECT_EQ(q.step(GrantAccess{0}), "person_required");
    EXPECT_EQ(q.step(GrantAccess{kInvolved}), "person_involved");
    EXPECT_EQ(q.step(GrantAccess{kConfidant}), "already_has_access");
    EXPECT_EQ(q.step(GrantAccess{kCoordinator}), "");
    EXPECT_TRUE(q.c.grants_access_to(kCoordinator));
    EXPECT_EQ(q.step(GrantAccess{kCoordinator}), "already_has_access");
    EXPECT_EQ(q.step(RevokeAccess{kHandler}), "no_access_granted");
    EXPECT_EQ(q.step(RevokeAccess{kCoordinator}), "");
    EXPECT_FALSE(q.c.grants_access_to(kCoordinator));
}

TEST(Guards, ASummaryGoesOnlyToAnInvolvedEmployeeWhileTheCaseIsHandled) {
    Case k("xs2more");
    EXPECT_EQ(k.step(ShareSummary{kInvolved, "Klacht over bejegening.", kHandler}),
              "invalid_transition"); // not yet assigned
    EXPECT_EQ(k.step(Assign{kHandler, false}), "");
    EXPECT_EQ(k.step(ShareSummary{kCoordinator, "Klacht over bejegening.", kHandler}),
              "not_involved");
    EXPECT_EQ(k.step(ShareSummary{kInvolved, "  ", kHandler}), "required");
    EXPECT_EQ(k.step(ShareSummary{kInvolved, "Klacht over bejegening.", kHandler}), "");
    ASSERT_EQ(k.c.hearing_summaries.size(), 1u);
    EXPECT_EQ(k.c.hearing_summaries[0].employee_id, kInvolved);
    EXPECT_EQ(k.c.hearing_summaries[0].shared_by, kHandler);
    EXPECT_EQ(k.c.hearing_summaries[0].shared_at, k.now);
    EXPECT_EQ(k.step(Withdraw{"opgelost"}), "");
    EXPECT_EQ(k.step(ShareSummary{kInvolved, "Nog iets.", kHandler}), "invalid_transition");
}

TEST(Guards, NothingBeforeReceipt) {
    Case k("jexo");
    auto r = apply(k.p, k.cal, k.c, Assign{kHandler, false}, at("2026-11-19T10:00"));
    EXPECT_EQ(refusal_of(r), "before_receipt");
}

TEST(Guards, AcknowledgeOnceAndWithFirstActionsAtQuoratio) {
    Case q("quoratio");
    EXPECT_EQ(q.step(Acknowledge{""}), "required");
    EXPECT_EQ(q.step(Acknowledge{"Klacht: loonstrook. Eerste actie: salarisadministratie nagaan."}),
              "");
    EXPECT_EQ(q.c.state, State::acknowledged);
    EXPECT_EQ(q.step(Acknowledge{"nogmaals"}), "already_acknowledged");
}

TEST(Guards, AssignNeedsAnUninvolvedHandler) {
    Case k("xs2more");
    EXPECT_EQ(k.step(Assign{0, false}), "handler_required");
    EXPECT_EQ(k.step(Assign{kInvolved, false}), "handler_involved");
    EXPECT_EQ(k.step(Assign{kHandler, false}), "");
    EXPECT_EQ(k.c.state, State::assigned);
}

TEST(Guards, RequiredStepsCannotBeSkipped) {
    Case l("een-loket-mk"); // acknowledgement required before handling
    EXPECT_EQ(l.step(StartHandling{}), "invalid_transition"); // not assigned yet
    EXPECT_EQ(l.step(Assign{kHandler, false}), "");
    EXPECT_EQ(l.step(StartHandling{}), "acknowledgement_missing");
    EXPECT_EQ(l.step(Acknowledge{}), "");
    EXPECT_EQ(l.step(StartHandling{}), "");

    Case e("exactpi"); // first contact before resolving
    e.step(Assign{kHandler, false});
    EXPECT_EQ(e.step(StartHandling{}), "");
    EXPECT_EQ(e.step(Resolve{Resolution::solved, "Opgelost", {}}), "contact_missing");

    Case x("xs2more"); // hearing and assessment before resolving
    x.step(Acknowledge{});
    x.step(Assign{kHandler, false});
    x.step(StartHandling{});
    EXPECT_EQ(x.step(Resolve{Resolution::solved, "Opgelost", {}}), "hearing_missing");
    EXPECT_EQ(x.step(RecordHearing{""}), "required");
    EXPECT_EQ(x.step(RecordHearing{"Beide kanten gehoord"}), "");
    EXPECT_EQ(x.step(Resolve{Resolution::solved, "Opgelost", {}}), "assessment_missing");
    EXPECT_EQ(x.step(Assess{false, "Ongegrond"}), "");
    // R-REPORT (004): the complaint is analysed, its cause recorded, before it is resolved.
    EXPECT_EQ(x.step(Resolve{Resolution::solved, "Uitleg gegeven", {}}), "cause_missing");
    EXPECT_EQ(x.step(RecordCause{"", "x"}), "required");
    EXPECT_EQ(x.step(RecordCause{"het weer", "x"}), "unknown_cause");
    EXPECT_EQ(x.step(kd::testing::a_cause()), "");
    EXPECT_EQ(x.c.cause_category, "communicatie");
    EXPECT_EQ(x.step(kd::testing::a_cause()), "nothing_to_correct");
    EXPECT_EQ(x.step(Resolve{Resolution::solved, "", {}}), "required");
    EXPECT_EQ(x.step(Resolve{Resolution::solved, "Uitleg gegeven", {}}), "");
}

TEST(Guards, AgreedTermOnlyWhereTheProcedureAgreesItPerCase) {
    Case x("xs2more");
    x.step(Acknowledge{});
    x.step(Assign{kHandler, false});
    x.step(StartHandling{});
    EXPECT_EQ(x.step(RecordContact{at("2026-12-20T10:00"), ""}), "term_not_agreed_per_case");
    Case e("exactpi");
    e.step(Assign{kHandler, false});
    e.step(StartHandling{});
    EXPECT_EQ(e.step(RecordContact{at("2026-11-01T10:00"), ""}), "agreed_term_in_past");
    EXPECT_EQ(e.step(RecordContact{at("2026-12-20T10:00"), "Gebeld"}), "");
    EXPECT_EQ(e.c.agreed_resolve_by, at("2026-12-20T10:00"));
    EXPECT_EQ(e.step(RecordContact{std::nullopt, "tweede keer"}), ""); // contact without a term
}

TEST(Guards, ExtensionOnceWithinTheMaximumWithAReason) {
    Case j("jexo");
    EXPECT_EQ(j.step(Extend{Term{1, TermUnit::weeks}, "drukte"}), "extension_not_allowed");
    Case x("xs2more");
    EXPECT_EQ(x.step(Extend{Term{6, TermUnit::weeks}, ""}), "required");
    EXPECT_EQ(x.step(Extend{Term{0, TermUnit::weeks}, "onderzoek"}), "extension_empty");
    EXPECT_EQ(x.step(Extend{Term{7, TermUnit::weeks}, "onderzoek"}), "extension_too_long");
    EXPECT_EQ(x.step(Extend{Term{43, TermUnit::calendar_days}, "onderzoek"}), "extension_too_long");
    EXPECT_EQ(x.step(Extend{Term{42, TermUnit::calendar_days}, "onderzoek bij inlener"}), "");
    EXPECT_EQ(x.step(Extend{Term{1, TermUnit::weeks}, "nog meer"}), "extension_used");
    EXPECT_EQ(x.c.extensions_used, 1);
    EXPECT_EQ(x.c.extension_reason, "onderzoek bij inlener");
}

TEST(Guards, ClosesOnlyWithSatisfactionOrAnExternalReferral) {
    Case j("jexo");
    j.step(Assign{kHandler, false});
    j.step(StartHandling{});
    EXPECT_EQ(j.step(Close{}), "close_needs_satisfaction");
    j.step(kd::testing::a_cause());
    j.step(Resolve{Resolution::not_responsible_helped, "Doorverwezen naar de inlener", {}});
    EXPECT_EQ(j.step(Close{}), "close_needs_satisfaction"); // satisfaction not recorded yet
    EXPECT_EQ(j.step(Escalate{"Geschillencommissie"}), "escalation_needs_dissatisfaction");
    EXPECT_EQ(j.step(VerifySatisfaction{true, "", ""}), "");
    EXPECT_EQ(j.step(Close{}), "");
    EXPECT_EQ(j.c.state, State::closed);
    EXPECT_EQ(j.step(Withdraw{"te laat"}), "invalid_transition");
}

TEST(Guards, SatisfactionNeedsEvidenceWhereTheProcedureSaysSo) {
    for (std::string slug : {"een-loket-mk", "quoratio"}) {
        Case k(slug);
        k.step(Acknowledge{"Omschrijving en eerste acties"});
        k.step(Assign{kHandler, false});
        k.step(StartHandling{});
        k.step(kd::testing::a_cause());
        k.step(Resolve{Resolution::solved, "Opgelost", {}});
        EXPECT_EQ(k.step(VerifySatisfaction{true, "tevreden", ""}), "required") << slug;
        EXPECT_EQ(k.step(VerifySatisfaction{true, "tevreden", "brief van 3-12"}), "") << slug;
    }
}

TEST(Guards, DissatisfiedGoesBackToHandlingThenExternalBody) {
    Case x("xs2more");
    x.step(Acknowledge{});
    x.step(Assign{kHandler, false});
    x.step(StartHandling{});
    x.step(RecordHearing{"gehoord"});
    x.step(Assess{true, "gegrond"});
    x.step(kd::testing::a_cause());
    x.step(Resolve{Resolution::solved, "Correctie", {}});
    EXPECT_EQ(x.step(VerifySatisfaction{false, "niet tevreden", ""}), "");
    EXPECT_EQ(x.c.state, State::in_handling);
    EXPECT_EQ(x.c.reopen_count, 1);
    EXPECT_EQ(x.step(Escalate{""}), "");
    EXPECT_EQ(x.c.external_body, "College voor Klachten en Arbitrage van Blik op Werk");
    EXPECT_EQ(x.step(Close{}), "");
}

TEST(Guards, DeclineNeedsReasonsAndItsNoticeOnce) {
    Case x("xs2more");
    EXPECT_EQ(x.step(NotifyDecline{}), "invalid_transition");
    EXPECT_EQ(x.step(Decline{" "}), "required");
    EXPECT_EQ(x.step(Decline{"Valt buiten de definitie van een klacht"}), "");
    EXPECT_EQ(x.c.state, State::declined);
    EXPECT_EQ(x.step(NotifyDecline{}), "");
    EXPECT_EQ(x.step(NotifyDecline{}), "already_notified");
    EXPECT_EQ(x.step(Assign{kHandler, false}), "invalid_transition");
}

TEST(Guards, WithdrawWithAReasonUnlessEnded) {
    Case j("jexo");
    EXPECT_EQ(j.step(Withdraw{""}), "required");
    EXPECT_EQ(j.step(Withdraw{"Opgelost in gesprek"}), "");
    EXPECT_EQ(j.step(Withdraw{"nogmaals"}), "invalid_transition");
}

TEST(Guards, ARefusalLeavesTheComplaintAsItWas) {
    Case x("xs2more");
    Complaint before = x.c;
    EXPECT_NE(x.step(Close{}), "");
    EXPECT_EQ(x.c.state, before.state);
    EXPECT_EQ(x.c.closed_at, before.closed_at);
}

TEST(Lifecycle, ExactpiFromIntakeToCloseWithARedo) {
    Procedure p = seed_procedure("exactpi");
    Intake in = intake_for(p, kInvolved);
    in.acknowledged_at_intake = true;
    auto r = register_complaint(p, in, kCoordinator, at("2026-11-20T11:00"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r.value().state, State::acknowledged);
    Case e("exactpi");
    e.c = r.value();
    EXPECT_EQ(e.step(Assign{kHandler, false}), "");
    EXPECT_EQ(e.step(StartHandling{}), "");
    EXPECT_EQ(e.step(RecordContact{at("2026-12-04T17:00"), "Gebeld"}), "");
    EXPECT_EQ(e.step(Resolve{Resolution::solved, "Loon nabetaald", *try_parse_date("2027-01-15")}),
              "");
    // R-HANDLE (001): the date a procedure change takes effect is kept.
    EXPECT_EQ(format_date(*e.c.procedure_change_effective), "2027-01-15");
    EXPECT_EQ(e.step(VerifySatisfaction{false, "Nog niet alles", ""}), "");
    EXPECT_EQ(e.step(Resolve{Resolution::solved, "Rest nabetaald", {}}), "");
    EXPECT_EQ(e.step(VerifySatisfaction{true, "Tevreden", ""}), "");
    EXPECT_EQ(e.step(Close{}), "");
    EXPECT_EQ(e.c.reopen_count, 1);
    EXPECT_LT(*e.c.resolved_at, *e.c.last_resolved_at);
}
