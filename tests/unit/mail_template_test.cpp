// mail_template_test.cpp: an organisation's own mail texts (core/mail_template): placeholders
// and sections are filled in, a section's tag on its own line leaves no empty line, every text
// klachtdesk starts with passes its own check, and a text that would send a broken mail does
// not; the mails of a case use the organisation's text in the complainant's language.
#include "core/mail.hpp"
#include "core/mail_template.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

using namespace kd;

TEST(MailTemplate, ValuesAndSectionsAreFilledIn) {
    TemplateValues v{{"name", "Els"}, {"due", ""}};
    EXPECT_EQ(fill_in("Beste {{name}}, {{ name }}!", v), "Beste Els, Els!");
    EXPECT_EQ(fill_in("{{#due}}uiterlijk {{due}}{{/due}}{{^due}}zo snel mogelijk{{/due}}", v),
              "zo snel mogelijk");
    v["due"] = "05-01-2027";
    EXPECT_EQ(fill_in("{{#due}}uiterlijk {{due}}{{/due}}{{^due}}zo snel mogelijk{{/due}}", v),
              "uiterlijk 05-01-2027");
    // Tags alone on their lines take their lines with them.
    EXPECT_EQ(fill_in("Hallo\n{{#due}}\nUiterlijk {{due}}.\n{{/due}}\nGroet\n", v),
              "Hallo\nUiterlijk 05-01-2027.\nGroet\n");
    v["due"] = "";
    EXPECT_EQ(fill_in("Hallo\n{{#due}}\nUiterlijk {{due}}.\n{{/due}}\nGroet\n", v),
              "Hallo\nGroet\n");
    // A value is never read as a template: braces in a complainant's words stay as they are.
    v["name"] = "{{due}} {{#x}}";
    EXPECT_EQ(fill_in("{{name}}", v), "{{due}} {{#x}}");
    EXPECT_EQ(one_line("Klacht\r\nBcc: x@example.org"), "Klacht  Bcc: x@example.org");
}

TEST(MailTemplate, KlachtdesksOwnTextsPassTheirCheck) {
    for (auto k : all_template_kinds())
        for (auto l : {Language::nl, Language::en}) {
            auto p = check_template(k, default_template(k, l));
            EXPECT_FALSE(p) << template_kind_name(k) << "/" << language_name(l) << ": "
                            << p->message_en;
            // Every placeholder a text uses has an example, so the preview shows all of it.
            std::string shown = fill_in(default_template(k, l).body, example_values(k, l));
            EXPECT_EQ(shown.find("{{"), std::string::npos) << shown;
        }
}

TEST(MailTemplate, ATextThatWouldSendABrokenMailIsRefused) {
    auto problem = [](TemplateKind k, std::string subject, std::string body) {
        auto p = check_template(k, {std::move(subject), std::move(body)});
        return p ? p->part + ": " + p->message_en : std::string("fine");
    };
    const auto ack = TemplateKind::acknowledgement;
    EXPECT_EQ(problem(ack, "Ontvangen ({{reference}})", "Beste {{complainant_name}}"), "fine");
    EXPECT_NE(problem(ack, "Ontvangen ({{reference}})", "Beste {{naam}}").find("body: Unknown"),
              std::string::npos);
    // A placeholder of another kind is unknown here: the acknowledgement has no solution yet.
    EXPECT_NE(problem(ack, "Ontvangen ({{reference}})", "{{solution}}").find("Unknown"),
              std::string::npos);
    EXPECT_NE(problem(ack, "Ontvangen", "Beste").find("subject: Put {{reference}}"),
              std::string::npos);
    EXPECT_NE(problem(ack, "Ontvangen\n({{reference}})", "x").find("one line"), std::string::npos);
    EXPECT_NE(problem(ack, "({{reference}})", "{{#resolve_by}}x").find("not closed"),
              std::string::npos);
    EXPECT_NE(problem(ack, "({{reference}})", "x{{/resolve_by}}").find("closes nothing"),
              std::string::npos);
    EXPECT_NE(problem(ack, "({{reference}})", "{{#resolve_by}}{{^reference}}{{/resolve_by}}")
                  .find("closes nothing"),
              std::string::npos);
    EXPECT_NE(problem(ack, "({{reference}})", "x {{reference").find("'{{' without"),
              std::string::npos);
    EXPECT_NE(problem(ack, "({{reference}})", "  \n ").find("body: Write"), std::string::npos);
    EXPECT_NE(problem(TemplateKind::outcome, "({{reference}})", "{{solution}}")
                  .find("{{satisfaction_request}}"),
              std::string::npos);
    EXPECT_NE(
        problem(TemplateKind::satisfaction_request, "", "Bel ons.").find("{{satisfaction_url}}"),
        std::string::npos);
    // Mails to staff need no reference in the subject: no reply of theirs joins a case.
    EXPECT_EQ(problem(TemplateKind::assigned, "Nieuw werk", "Beste {{staff_name}}"), "fine");
}

TEST(MailTemplate, TheCasesMailsUseTheOrganisationsTextInTheComplainantsLanguage) {
    Procedure p = kd::testing::seed_procedure("quoratio");
    WorkingDayCalendar cal(p.calendar);
    Intake in = kd::testing::intake_for(p, 5);
    in.complainant.name = "John Smith";
    in.complainant.email = "john@example.org";
    in.complainant.language = Language::en;
    const Instant now = kd::testing::at("2026-11-20T11:00");
    Complaint c = register_complaint(p, in, 1, now).value();
    c.reference = "003-00001";
    MailContext context;
    context.organisation_name = "Quoratio";
    context.deadlines = deadlines_of(p, cal, c, now);
    // The acknowledgement, with the first actions (R-ACK, 003).
    Complaint after = apply(p, cal, c, Acknowledge{"Roster"}, now).value();
    auto english = mails_after_step(p, c, after, Acknowledge{"Roster"}, context);
    ASSERT_EQ(english.size(), 1u);
    EXPECT_EQ(english[0].subject, "Your complaint has been received (003-00001)");
    EXPECT_EQ(
        english[0].body.rfind("Dear John Smith,\n\nWe received your complaint of 20-11-2026", 0),
        0u)
        << english[0].body;

    context.templates.set(TemplateKind::acknowledgement, Language::en,
                          {"Received: {{reference}}",
                           "Hi {{complainant_name}}: {{acknowledgement_note}} ({{resolve_term}})"});
    context.templates.set(TemplateKind::acknowledgement, Language::nl,
                          {"Ontvangen: {{reference}}", "Dag {{complainant_name}}"});
    auto own = mails_after_step(p, c, after, Acknowledge{"Roster"}, context);
    ASSERT_EQ(own.size(), 1u);
    EXPECT_EQ(own[0].subject, "Received: 003-00001");
    // R-HANDLE (003): the procedure's own term, "zo spoedig mogelijk", in English.
    EXPECT_EQ(own[0].body, "Hi John Smith: Roster (as soon as possible)");
}
