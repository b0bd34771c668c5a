// retention_test.cpp: R-PRIV (002 keeps cases 2 years): when a finished case is due for
// anonymising, and that anonymising removes personal data but keeps what reports count.
#include "core/lifecycle.hpp"
#include "core/retention.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;
using kd::testing::at;
using kd::testing::iso;
using kd::testing::seed_procedure;

namespace {

Complaint closed_case(const Procedure& p, const std::string& closed) {
    Complaint c;
    c.received_at = at("2023-01-10T09:00");
    c.state = State::closed;
    c.complainant = {"Jan de Boer", "jan@example.nl", "0612345678", ComplainantType::external,
                     "uitzendkracht"};
    c.description = "Loonstrook klopt niet.";
    c.category = "dienstverlening";
    c.involved_staff = {5};
    c.handler_id = 2;
    c.well_founded = true;
    c.resolution = Resolution::solved;
    c.solution = "Nabetaald aan Jan de Boer.";
    c.satisfaction = Satisfaction::satisfied;
    c.satisfaction_evidence = "Mail van jan@example.nl";
    c.acknowledged_at = at("2023-01-11T09:00");
    c.resolved_at = at("2023-01-20T09:00");
    c.closed_at = at(closed);
    c.hearing_summaries = {
        {5, "Jan de Boer zegt dat zijn loon te laat was.", 2, c.resolved_at.value()}};
    (void)p;
    return c;
}

} // namespace

TEST(Retention, EenLoketMkKeepsFinishedCasesTwoYears) {
    Procedure p = seed_procedure("een-loket-mk");
    Complaint c = closed_case(p, "2024-03-15T14:30");
    EXPECT_EQ(iso(*anonymise_after(p, c)), "2026-03-15T14:30:00+01:00");
    EXPECT_FALSE(due_for_anonymisation(p, c, at("2026-03-15T14:29")));
    EXPECT_TRUE(due_for_anonymisation(p, c, at("2026-03-15T14:30")));
    // Closed on 29 February: kept until 28 February two years on.
    Complaint leap = closed_case(p, "2024-02-29T10:00");
    EXPECT_EQ(iso(*anonymise_after(p, leap)), "2026-02-28T10:00:00+01:00");
}

TEST(Retention, OnlyFinishedCasesAndOnlyWhereTheProcedureSetsATerm) {
    Procedure loket = seed_procedure("een-loket-mk");
    Complaint running = closed_case(loket, "2020-01-01T10:00");
    running.state = State::in_handling;
    EXPECT_FALSE(due_for_anonymisation(loket, running, at("2026-11-23T10:00")));
    Complaint withdrawn = closed_case(loket, "2020-01-01T10:00");
    withdrawn.state = State::withdrawn;
    withdrawn.closed_at.reset();
    withdrawn.withdrawn_at = at("2021-05-01T10:00");
    EXPECT_TRUE(due_for_anonymisation(loket, withdrawn, at("2026-11-23T10:00")));
    Procedure jexo = seed_procedure("jexo"); // sets no retention term
    EXPECT_FALSE(
        due_for_anonymisation(jexo, closed_case(jexo, "2020-01-01T10:00"), at("2026-11-23T10:00")));
}

TEST(Retention, AnonymisingRemovesPersonalDataAndKeepsWhatReportsCount) {
    Procedure p = seed_procedure("een-loket-mk");
    Complaint c = closed_case(p, "2024-03-15T14:30");
    Complaint a = anonymised(c, at("2026-11-23T03:00"));
    EXPECT_EQ(a.complainant.name, "[geanonimiseerd]");
    EXPECT_EQ(a.complainant.email, "");
    EXPECT_EQ(a.complainant.phone, "");
    EXPECT_TRUE(a.involved_staff.empty());
    EXPECT_EQ(a.description, "[verwijderd]");
    EXPECT_EQ(a.solution, "[verwijderd]");
    EXPECT_EQ(a.satisfaction_evidence, "[verwijderd]");
    ASSERT_EQ(a.hearing_summaries.size(), 1u);
    EXPECT_EQ(a.hearing_summaries[0].text, "[verwijderd]");
    EXPECT_EQ(a.hearing_summaries[0].employee_id, 0);
    EXPECT_EQ(a.received_at, c.received_at);
    EXPECT_EQ(a.closed_at, c.closed_at);
    EXPECT_EQ(a.acknowledged_at, c.acknowledged_at);
    EXPECT_EQ(a.category, "dienstverlening");
    EXPECT_EQ(a.complainant.type, ComplainantType::external);
    EXPECT_EQ(a.well_founded, std::optional<bool>(true));
    EXPECT_EQ(a.resolution, Resolution::solved);
    EXPECT_EQ(a.satisfaction, Satisfaction::satisfied);
    EXPECT_EQ(a.handler_id, c.handler_id);
    EXPECT_EQ(a.state, State::closed);
    EXPECT_EQ(iso(*a.anonymised_at), "2026-11-23T03:00:00+01:00");
    EXPECT_FALSE(due_for_anonymisation(p, a, at("2030-01-01T00:00"))); // once is enough
}
