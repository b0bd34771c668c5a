// mail_templates_test.cpp: an organisation's own mail texts (issue 12) on SQLite and
// PostgreSQL: management writes one and the next mail says it, with the case's dates; a
// complainant who wrote in English is written to in English; a text that would send a broken
// mail is refused next to its field and changes nothing; only management and admins change
// texts, and every change is in the audit trail.
#include "api_fixture.hpp"

using namespace kd;
using namespace kd::it;

namespace {

std::string texts_path(const std::string& org) {
    return "/api/v1/organisations/" + org + "/mail-templates";
}

// The organisation's text of `kind` in `language`, as the editor reads it.
json text_of(HttpClient& client, const std::string& org, const std::string& kind,
             const std::string& language) {
    auto r = client.get(texts_path(org));
    EXPECT_EQ(r.status, 200) << r.body;
    const json all = r.json();
    for (const auto& item : all["items"])
        if (item["kind"] == kind) return item["texts"][language];
    return json();
}

// The mails of case `id` of kind `kind`.
std::vector<OutboxMail> mails(const std::string& org, long long id, const std::string& kind) {
    const OrganisationContext& o = *world->services->organisations.find(org);
    std::vector<OutboxMail> out;
    for (auto& m : world->db->mails_of(o.record.id, id))
        if (m.kind == kind) out.push_back(m);
    return out;
}

int audit_events(HttpClient& client, const std::string& org, const std::string& action) {
    auto r = client.get("/api/v1/organisations/" + org + "/audit?limit=500");
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    int n = 0;
    for (const auto& e : page["items"])
        n += e["action"] == action ? 1 : 0;
    return n;
}

} // namespace

TEST_F(Api, ManagementsOwnAcknowledgementIsTheMailTheComplainantGets) {
    const std::string org = "xs2more";
    HttpClient& directie = as(org, "directie");
    const int before = audit_events(directie, org, "mail-template-changed");
    const json own = {
        {"subject", "Wij hebben uw klacht ({{reference}})"},
        {"body", "Hallo {{complainant_name}},\n\nUw klacht van {{received_on}} is binnen; wij "
                 "reageren binnen {{resolve_term}}.\n"
                 "{{#resolve_by}}\nUiterlijk {{resolve_by}} hoort u van ons.\n{{/resolve_by}}\n"
                 "Groet, {{organisation}}\n"}};
    auto put = directie.put(texts_path(org) + "/acknowledgement/nl", own);
    ASSERT_EQ(put.status, 200) << put.body;
    EXPECT_EQ(put.json()["own"], true);
    EXPECT_EQ(audit_events(directie, org, "mail-template-changed"), before + 1);

    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["email"] = "jan@example.org";
    long long id = create(org, in)["id"];
    json c = act(org, id, "acknowledge", json::object());
    auto ack = mails(org, id, "acknowledgement");
    ASSERT_EQ(ack.size(), 1u);
    const std::string reference = c["reference"];
    EXPECT_EQ(ack[0].subject, "Wij hebben uw klacht (" + reference + ")");
    const std::string received = format_local_nl(now() - std::chrono::hours{3}).substr(0, 10);
    const std::string due = deadline(c, "resolve")["due"].get<std::string>();
    // "2027-01-05T..." as people in the Netherlands write it: "05-01-2027".
    const std::string due_nl = due.substr(8, 2) + "-" + due.substr(5, 2) + "-" + due.substr(0, 4);
    EXPECT_EQ(ack[0].body, "Hallo Jan de Boer,\n\nUw klacht van " + received +
                               " is binnen; wij reageren binnen 6 weken.\nUiterlijk " + due_nl +
                               " hoort u van ons.\nGroet, Xs2more\n");

    // Put back: klachtdesk's own text again, for the next mail; that too is audited.
    auto back = directie.del(texts_path(org) + "/acknowledgement/nl");
    ASSERT_EQ(back.status, 200) << back.body;
    EXPECT_EQ(back.json()["own"], false);
    EXPECT_EQ(audit_events(directie, org, "mail-template-reset"), 1);
    long long second = create(org, in)["id"];
    act(org, second, "acknowledge", json::object());
    auto standard = mails(org, second, "acknowledgement");
    ASSERT_EQ(standard.size(), 1u);
    EXPECT_EQ(standard[0].subject.rfind("Ontvangstbevestiging van uw klacht", 0), 0u);
}

TEST_F(Api, AComplainantWhoWroteInEnglishIsWrittenToInEnglish) {
    const std::string org = "quoratio";
    json in = intake(org);
    in["complainant"]["email"] = "john@example.org";
    in["complainant"]["language"] = "en";
    in["handler_id"] = staff(org, "sanne");
    json made = create(org, in);
    EXPECT_EQ(made["complainant"]["language"], "en");
    long long id = made["id"];
    act(org, id, "acknowledge", {{"note", "Your roster changed late; we talk to the planner."}});
    auto ack = mails(org, id, "acknowledgement");
    ASSERT_EQ(ack.size(), 1u);
    EXPECT_EQ(ack[0].subject.rfind("Your complaint has been received", 0), 0u) << ack[0].subject;
    EXPECT_NE(ack[0].body.find("Dear Jan de Boer"), std::string::npos) << ack[0].body;
    EXPECT_NE(ack[0].body.find("Your roster changed late"), std::string::npos);
    // The handler's mail is in the handler's own language: Dutch for Sanne.
    auto assigned = mails(org, id, "assigned");
    ASSERT_EQ(assigned.size(), 1u);
    EXPECT_EQ(assigned[0].subject.rfind("Klacht ", 0), 0u) << assigned[0].subject;

    // A handler who reads English gets the English text.
    auto made_account = as(org, "beheer")
                            .post("/api/v1/organisations/" + org + "/staff",
                                  json{{"name", "Tom Baker"},
                                       {"email", "tom@quoratio.example"},
                                       {"roles", "handler"},
                                       {"language", "en"},
                                       {"password", "een-lang-wachtwoord-voor-tom"}});
    ASSERT_EQ(made_account.status, 201) << made_account.body;
    const json tom = made_account.json();
    EXPECT_EQ(tom["language"], "en");
    json other = intake(org);
    other["complainant"]["email"] = "els@example.org";
    long long second = create(org, other)["id"];
    act(org, second, "assign", {{"handler_id", tom["id"]}});
    auto english_assigned = mails(org, second, "assigned");
    ASSERT_EQ(english_assigned.size(), 1u);
    EXPECT_EQ(english_assigned[0].subject.rfind("Complaint ", 0), 0u)
        << english_assigned[0].subject;
    EXPECT_NE(english_assigned[0].body.find("Dear Tom Baker"), std::string::npos);
    // The complainant of that case wrote in Dutch, and is written to in Dutch.
    act(org, second, "acknowledge", {{"note", "Gesprek met de planner."}});
    auto dutch = mails(org, second, "acknowledgement");
    ASSERT_EQ(dutch.size(), 1u);
    EXPECT_EQ(dutch[0].subject.rfind("Ontvangstbevestiging", 0), 0u);
    EXPECT_EQ(as(org, "beheer")
                  .post("/api/v1/organisations/" + org + "/staff/" +
                            std::to_string(tom["id"].get<long long>()),
                        json{{"language", "fr"}})
                  .status,
              422);

    // An unknown language is refused next to its field.
    in["complainant"]["language"] = "de";
    auto r = http(org).post("/api/v1/organisations/" + org + "/complaints", in);
    EXPECT_EQ(r.status, 422);
    EXPECT_NE(r.body.find("complainant.language"), std::string::npos) << r.body;
}

TEST_F(Api, TheEnglishPublicFormWritesInEnglish) {
    const std::string org = "jexo";
    auto r = world->http->post("/klacht/" + org + "?lang=en",
                               "name=John+Smith&email=john%40example.org&description=My+pay+"
                               "slip+is+wrong&submission=en-form-1",
                               "application/x-www-form-urlencoded");
    ASSERT_EQ(r.status, 201) << r.body;
    auto list = http(org).get("/api/v1/organisations/" + org + "/complaints?q=John");
    ASSERT_EQ(list.status, 200);
    const json found = list.json();
    ASSERT_FALSE(found["items"].empty()) << found.dump();
    long long id = found["items"][0]["id"];
    EXPECT_EQ(get(org, id)["complainant"]["language"], "en");
}

TEST_F(Api, AMailTextThatWouldSendABrokenMailIsRefusedAndChangesNothing) {
    const std::string org = "exactpi";
    HttpClient& directie = as(org, "directie");
    const json standard = text_of(directie, org, "outcome", "nl");
    ASSERT_EQ(standard["own"], false);
    struct Bad {
        json text;
        std::string field, says;
    };
    const std::vector<Bad> bad = {
        {{{"subject", "Afgehandeld ({{reference}})"}, {"body", "Beste {{naam}},"}},
         "body",
         "Onbekende invulplek '{{naam}}'"},
        {{{"subject", "Afgehandeld"}, {"body", "{{solution}}\n{{satisfaction_request}}"}},
         "subject",
         "{{reference}}"},
        {{{"subject", "Afgehandeld ({{reference}})"}, {"body", "Wat wij deden: {{solution}}"}},
         "body",
         "{{satisfaction_request}}"},
        {{{"subject", "Afgehandeld ({{reference}})"},
          {"body", "{{#solution}}{{solution}}\n{{satisfaction_request}}"}},
         "body",
         "wordt niet gesloten"},
        {{{"subject", "Afgehandeld ({{reference}})"}, {"body", "{{solution"}}, "body", "'{{'"},
        {{{"subject", ""}, {"body", "{{solution}} {{satisfaction_request}}"}}, "subject", ""},
    };
    for (const auto& b : bad) {
        auto r = directie.put(texts_path(org) + "/outcome/nl", b.text);
        EXPECT_EQ(r.status, 422) << b.text.dump() << ": " << r.body;
        const json problem = r.json();
        ASSERT_TRUE(problem.contains("errors")) << r.body;
        EXPECT_EQ(problem["errors"][0]["field"], b.field) << r.body;
        EXPECT_NE(problem["errors"][0]["message"].dump().find(b.says), std::string::npos) << r.body;
    }
    // A satisfaction request without the link would leave the complainant nothing to answer.
    auto r = directie.put(texts_path(org) + "/satisfaction_request/nl",
                          {{"subject", ""}, {"body", "Bent u tevreden? Bel ons."}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(text_of(directie, org, "outcome", "nl"), standard);
    EXPECT_EQ(directie.put(texts_path(org) + "/outcome/fr", standard).status, 404);
    EXPECT_EQ(directie.put(texts_path(org) + "/welcome/nl", standard).status, 404);
}

TEST_F(Api, OnlyManagementAndAdminsChangeMailTexts) {
    const std::string org = "jexo";
    const json text = {{"subject", "Klacht {{reference}} is van u"},
                       {"body", "Beste {{staff_name}}, klacht {{reference}} is aan u."}};
    // The coordinator reads them (the preview too) but does not change them.
    EXPECT_EQ(http(org).get(texts_path(org)).status, 200);
    EXPECT_EQ(http(org).put(texts_path(org) + "/assigned/nl", text).status, 403);
    EXPECT_EQ(as(org, "sanne").get(texts_path(org)).status, 403);
    EXPECT_EQ(as(org, "sanne").del(texts_path(org) + "/assigned/nl").status, 403);
    EXPECT_EQ(text_of(http(org), org, "assigned", "nl")["own"], false);

    auto preview = http(org).post(texts_path(org) + "/assigned/nl/preview", text);
    ASSERT_EQ(preview.status, 200) << preview.body;
    EXPECT_EQ(preview.json()["body"], "Beste Sanne de Vries, klacht XS2-2026-0042 is aan u.");
    EXPECT_EQ(as(org, "directie").put(texts_path(org) + "/assigned/nl", text).status, 200);
    EXPECT_EQ(text_of(http(org), org, "assigned", "nl")["own"], true);
}
