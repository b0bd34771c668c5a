// mail_test.cpp: which step mails whom, with what (core/mail): the complainant is told what
// the procedure promises, with the case's own dates; no address, no mail.
#include "core/mail.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;
using kd::testing::at;
using kd::testing::seed_procedure;

namespace {

constexpr long long kCoordinator = 1, kHandler = 2, kEmployee = 5;

struct Case {
    Procedure p;
    WorkingDayCalendar cal;
    Complaint c;
    Instant now = at("2026-11-20T11:00");
    std::string satisfaction_url; // the outcome mail's link, when the test gives one
    MailTemplates templates;      // the organisation's own texts, when the test writes some

    Case(const std::string& slug, const std::string& email)
        : p(seed_procedure(slug)), cal(p.calendar) {
        Intake in = kd::testing::intake_for(p, kEmployee);
        in.complainant.name = "Jan de Boer";
        in.complainant.email = email;
        c = register_complaint(p, in, kCoordinator, now).value();
    }
    // The mails of `cmd`, applied to the case.
    std::vector<OutgoingMail> step(const Command& cmd) {
        now += std::chrono::hours{1};
        auto r = apply(p, cal, c, cmd, now);
        EXPECT_TRUE(r.ok()) << command_name(cmd) << ": " << r.refusal().message_en;
        if (!r.ok()) return {};
        Complaint before = c;
        c = r.value();
        MailContext context{"Xs2more",
                            "Sanne de Vries",
                            "sanne@xs2more.example",
                            deadlines_of(p, cal, c, now),
                            satisfaction_url,
                            std::nullopt,
                            templates,
                            Language::nl};
        return mails_after_step(p, before, c, cmd, context);
    }
};

} // namespace

TEST(Mail, EachPromiseOfXs2moreIsAMailWithItsOwnDates) {
    Case x("xs2more", "jan@example.org");
    auto ack = x.step(Acknowledge{""});
    ASSERT_EQ(ack.size(), 1u);
    EXPECT_EQ(ack[0].kind, MailKind::acknowledgement);
    EXPECT_EQ(ack[0].to, MailTo::complainant);
    EXPECT_EQ(ack[0].to_address, "jan@example.org");
    EXPECT_NE(ack[0].subject.find(x.c.reference), std::string::npos);
    EXPECT_NE(ack[0].body.find("Beste Jan de Boer"), std::string::npos);
    EXPECT_NE(ack[0].body.find("20-11-2026"), std::string::npos) << ack[0].body; // received
    // R-HANDLE (004): six weeks from receipt, at the end of the day: 01-01-2027.
    EXPECT_NE(ack[0].body.find("uiterlijk 01-01-2027"), std::string::npos) << ack[0].body;

    auto assigned = x.step(Assign{kHandler, false});
    ASSERT_EQ(assigned.size(), 1u);
    EXPECT_EQ(assigned[0].to, MailTo::handler);
    EXPECT_EQ(assigned[0].to_address, "sanne@xs2more.example");
    EXPECT_TRUE(x.step(StartHandling{}).empty());
    EXPECT_TRUE(x.step(RecordHearing{"Beide kanten gehoord"}).empty());
    EXPECT_TRUE(x.step(Assess{true, ""}).empty());
    auto extended = x.step(Extend{try_parse_term("6 weeks").value(), "Inlener op vakantie"});
    ASSERT_EQ(extended.size(), 1u);
    EXPECT_EQ(extended[0].kind, MailKind::extension);
    EXPECT_NE(extended[0].body.find("Inlener op vakantie"), std::string::npos);
    EXPECT_NE(extended[0].body.find("uiterlijk 12-02-2027"), std::string::npos)
        << extended[0].body; // twelve weeks from receipt
    EXPECT_TRUE(x.step(kd::testing::a_cause()).empty());
    auto resolved = x.step(Resolve{Resolution::solved, "Excuses aangeboden", {}});
    ASSERT_EQ(resolved.size(), 1u);
    EXPECT_NE(resolved[0].body.find("Excuses aangeboden"), std::string::npos);
    EXPECT_TRUE(x.step(VerifySatisfaction{false, "", ""}).empty());
    auto referred = x.step(Escalate{""});
    ASSERT_EQ(referred.size(), 1u);
    EXPECT_EQ(referred[0].kind, MailKind::external_referral);
    EXPECT_NE(referred[0].subject.find("Blik op Werk"), std::string::npos);
}

TEST(Mail, AComplaintDeclinedSaysWhy) {
    Case x("xs2more", "jan@example.org");
    auto declined = x.step(Decline{"Gaat over een ander bedrijf"});
    ASSERT_EQ(declined.size(), 1u);
    EXPECT_EQ(declined[0].kind, MailKind::not_taken_into_handling);
    EXPECT_NE(declined[0].body.find("Gaat over een ander bedrijf"), std::string::npos);
}

TEST(Mail, NoAddressNoMailToTheComplainant) {
    Case x("xs2more", "");
    EXPECT_TRUE(x.step(Acknowledge{""}).empty());
    // The handler is still told.
    auto assigned = x.step(Assign{kHandler, false});
    ASSERT_EQ(assigned.size(), 1u);
    EXPECT_EQ(assigned[0].to, MailTo::handler);
}

// R-ACK (003): the acknowledgement carries the description and the first actions.
TEST(Mail, QuoratiosAcknowledgementCarriesTheFirstActions) {
    Case q("quoratio", "jan@example.org");
    auto ack = q.step(Acknowledge{"Klacht over het rooster; eerste actie: gesprek met planner."});
    ASSERT_EQ(ack.size(), 1u);
    EXPECT_NE(ack[0].body.find("eerste actie: gesprek met planner"), std::string::npos);
}

// R-CLOSE: the outcome asks whether the complainant is satisfied, through their own link
// when there is one; their answer there is the written confirmation (003).
TEST(Mail, TheOutcomeAsksWhetherTheComplainantIsSatisfied) {
    Case x("jexo", "jan@example.org");
    x.step(Assign{kHandler, false});
    x.step(StartHandling{});
    x.satisfaction_url = "https://klachten.jexo.example/klacht/jexo/tevredenheid/abc";
    x.step(kd::testing::a_cause());
    auto resolved = x.step(Resolve{Resolution::solved, "Loon nabetaald", {}});
    ASSERT_EQ(resolved.size(), 1u);
    EXPECT_NE(resolved[0].body.find("Bent u tevreden"), std::string::npos) << resolved[0].body;
    EXPECT_NE(resolved[0].body.find(x.satisfaction_url), std::string::npos);
    EXPECT_NE(resolved[0].body.find("schriftelijke bevestiging"), std::string::npos);

    Case y("jexo", "jan@example.org"); // no link: asked to say so
    y.step(Assign{kHandler, false});
    y.step(StartHandling{});
    y.step(kd::testing::a_cause());
    auto plain = y.step(Resolve{Resolution::solved, "Loon nabetaald", {}});
    ASSERT_EQ(plain.size(), 1u);
    EXPECT_NE(plain[0].body.find("Wij horen graag of u hierover tevreden bent."),
              std::string::npos);
}
