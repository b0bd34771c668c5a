// offered_actions_test.cpp: the steps a case page offers follow the state, the role and the
// procedure, and a step that needs something first says what.
#include "core/offered_actions.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace kd;
using kd::testing::at;
using kd::testing::seed_procedure;

namespace {

constexpr long long kCoordinator = 1, kHandler = 2, kEmployee = 5;

struct Offer {
    Procedure p;
    WorkingDayCalendar cal;
    Complaint c;
    Instant now = at("2026-11-20T11:00");

    explicit Offer(const std::string& slug) : p(seed_procedure(slug)), cal(p.calendar) {
        c = register_complaint(p, kd::testing::intake_for(p, kEmployee), kCoordinator, now).value();
    }
    void step(const Command& cmd) {
        now += std::chrono::hours{1};
        auto r = apply(p, cal, c, cmd, now);
        ASSERT_TRUE(r.ok()) << command_name(cmd) << ": " << r.refusal().message_en;
        c = r.value();
    }
    // action -> "" when offered, or the code of what blocks it.
    std::map<std::string, std::string> as(long long id, const char* roles) const {
        std::map<std::string, std::string> out;
        for (const auto& a : offered_actions(p, cal, c, viewer_from_roles(id, roles), now))
            out[a.action] = a.blocked ? a.blocked->code : "";
        return out;
    }
};

} // namespace

TEST(OfferedActions, FollowTheStateAndTheRole) {
    Offer j("jexo");
    auto coordinator = j.as(kCoordinator, "coordinator");
    EXPECT_EQ(coordinator.count("assign"), 1u);
    EXPECT_EQ(coordinator.count("start-handling"), 0u); // no handler yet: wrong state
    EXPECT_EQ(coordinator.count("close"), 0u);
    EXPECT_EQ(coordinator.count("extend"), 0u); // 000 has no extension
    // An employee may not handle complaints, let alone one about themselves.
    EXPECT_TRUE(j.as(kEmployee, "employee").empty());

    j.step(Assign{kHandler, false});
    auto handler = j.as(kHandler, "handler");
    EXPECT_EQ(handler.at("start-handling"), "");
    EXPECT_EQ(handler.count("assign"), 0u); // the coordinator assigns
    j.step(StartHandling{});
    j.step(kd::testing::a_cause());
    j.step(Resolve{Resolution::solved, "Loon nabetaald", {}});
    handler = j.as(kHandler, "handler");
    // Closing needs the complainant's satisfaction first, and says so.
    EXPECT_EQ(handler.at("close"), "close_needs_satisfaction");
    EXPECT_EQ(handler.at("verify"), "");
    j.step(VerifySatisfaction{true, "Telefonisch", ""});
    EXPECT_EQ(j.as(kHandler, "handler").at("close"), "");
    j.step(Close{});
    // A closed case can still be corrected and its cause analysed (issue 13), nothing else.
    auto closed = j.as(kCoordinator, "coordinator");
    EXPECT_EQ(closed.size(), 2u);
    EXPECT_EQ(closed.count("correct"), 1u);
    EXPECT_EQ(closed.count("record-cause"), 1u);
}

TEST(OfferedActions, AStepThatNeedsSomethingFirstSaysWhat) {
    Offer x("xs2more"); // 004: one extension, before the handling term has passed
    x.step(Assign{kHandler, false});
    // Handling waits for the acknowledgement, and the page says so.
    EXPECT_EQ(x.as(kHandler, "handler").at("start-handling"), "acknowledgement_missing");
    x.step(Acknowledge{"Ontvangst bevestigd per brief"});
    x.step(StartHandling{});
    EXPECT_EQ(x.as(kHandler, "handler").at("extend"), "");
    x.step(RecordHearing{"Beide kanten gehoord"});
    x.step(Assess{true, "Gegrond"});
    // R-REPORT (004): resolving waits for the cause, and says so.
    EXPECT_EQ(x.as(kHandler, "handler").at("resolve"), "cause_missing");
    EXPECT_EQ(x.as(kHandler, "handler").at("record-cause"), "");
    x.step(kd::testing::a_cause());
    EXPECT_EQ(x.as(kHandler, "handler").at("resolve"), "");
    x.now += std::chrono::days{60};
    EXPECT_EQ(x.as(kHandler, "handler").at("extend"), "extension_after_term");
}

// R-HANDLE: a summary for the hearing goes to an involved employee; with nobody involved the
// step waits and says how to go on.
TEST(OfferedActions, ASummaryWaitsForSomeoneInvolved) {
    Offer j("jexo");
    j.step(Assign{kHandler, false});
    j.step(StartHandling{});
    EXPECT_EQ(j.as(kHandler, "handler").at("share-summary"), "");
    j.c.involved_staff.clear();
    EXPECT_EQ(j.as(kHandler, "handler").at("share-summary"), "nobody_involved");
}
