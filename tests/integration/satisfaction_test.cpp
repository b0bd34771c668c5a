// satisfaction_test.cpp: the link in the outcome mail (issue 12, R-CLOSE) on SQLite and
// PostgreSQL, through the public pages as a complainant uses them: not satisfied at Exact PI
// (001) sends the case back to its handler with 2 working days; at Quoratio (003) the answer
// is the written confirmation that closing needs; a link answers once and expires.
#include "api_fixture.hpp"

#include <regex>

using namespace kd;
using namespace kd::it;

namespace {

// The token of the satisfaction link in case `id`'s outcome mail.
std::string satisfaction_token(const std::string& org, long long id) {
    const OrganisationContext& o = *world->services->organisations.find(org);
    for (const auto& m : world->db->mails_of(o.record.id, id)) {
        if (m.kind != "outcome") continue;
        std::smatch found;
        std::regex link(world->base + "/klacht/" + org + "/tevredenheid/([0-9a-f]{64})");
        if (std::regex_search(m.body, found, link)) return found[1];
    }
    return "";
}

HttpReply answer(const std::string& org, const std::string& token, const std::string& form) {
    return world->http->post("/klacht/" + org + "/tevredenheid/" + token, form,
                             "application/x-www-form-urlencoded");
}

} // namespace

TEST_F(Api, NotSatisfiedThroughTheLinkSendsExactPisCaseBackToItsHandler) {
    const std::string org = "exactpi";
    json in = intake(org);
    in["description_approved"] = in["procedure_explained"] = in["acknowledged_at_intake"] = true;
    in["complainant"]["email"] = "jan@example.org";
    long long id = create(org, in)["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    act(org, id, "start-handling", json::object());
    act(org, id, "record-contact",
        {{"agreed_resolve_by", format_iso_local(now() + std::chrono::hours{24 * 10})}});
    act(org, id, "resolve", {{"solution", "Loon nabetaald"}});
    const std::string token = satisfaction_token(org, id);
    ASSERT_EQ(token.size(), 64u) << "the outcome mail has the link";
    // Only the complainant has it: staff see the mail with the link hidden.
    const std::string shown = get(org, id)["correspondence"].dump();
    EXPECT_EQ(shown.find(token), std::string::npos);
    EXPECT_NE(shown.find("[persoonlijke link]"), std::string::npos) << shown;

    auto page = world->http->get("/klacht/" + org + "/tevredenheid/" + token);
    EXPECT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("Bent u tevreden?"), std::string::npos);
    EXPECT_NE(page.body.find("Loon nabetaald"), std::string::npos);
    // No choice made: asked again, nothing recorded.
    EXPECT_EQ(answer(org, token, "comment=x").status, 422);
    EXPECT_EQ(get(org, id)["state"], "resolved");

    auto r = answer(org, token, "answer=not_satisfied&comment=Vakantiegeld+ontbreekt+nog");
    EXPECT_EQ(r.status, 200) << r.body;
    json c = get(org, id);
    EXPECT_EQ(c["state"], "in_handling"); // R-CLOSE (001): back to the handler
    EXPECT_EQ(c["satisfaction"], "dissatisfied");
    EXPECT_EQ(c["satisfaction_note"], "Vakantiegeld ontbreekt nog");
    EXPECT_NE(c["satisfaction_evidence"].get<std::string>().find("niet tevreden"),
              std::string::npos);
    EXPECT_EQ(deadline(c, "redo")["status"], "due");
    EXPECT_EQ(deadline(c, "redo")["term"], "2 working days");
    const json& last = c["timeline"].back();
    EXPECT_EQ(last["action"], "verify");
    EXPECT_EQ(last["source"], "klachtdesk:satisfaction-link");

    // Once: a second answer changes nothing, and the page thanks instead of asking.
    EXPECT_EQ(answer(org, token, "answer=satisfied").status, 409);
    EXPECT_EQ(get(org, id)["satisfaction"], "dissatisfied");
    auto again = world->http->get("/klacht/" + org + "/tevredenheid/" + token);
    EXPECT_NE(again.body.find("uw antwoord is ontvangen"), std::string::npos) << again.body;
}

TEST_F(Api, QuoratiosAnswerThroughTheLinkIsTheWrittenConfirmation) {
    const std::string org = "quoratio";
    json in = intake(org);
    in["complainant"]["email"] = "els@example.org";
    in["handler_id"] = staff(org, "sanne");
    long long id = create(org, in)["id"];
    act(org, id, "acknowledge", {{"note", "Klacht over het rooster; eerste actie: gesprek."}});
    act(org, id, "start-handling", json::object());
    act(org, id, "resolve", {{"solution", "Rooster aangepast"}});
    // R-CLOSE (003): closing needs the written confirmation; there is none yet.
    act(org, id, "close", json::object(), 422);
    const std::string token = satisfaction_token(org, id);
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(answer(org, token, "answer=satisfied&comment=Dank+u").status, 200);
    json c = get(org, id);
    EXPECT_EQ(c["satisfaction"], "satisfied");
    EXPECT_NE(c["satisfaction_evidence"].get<std::string>().find("tevredenheidslink"),
              std::string::npos);
    EXPECT_EQ(act(org, id, "close", json::object())["state"], "closed");
}

TEST_F(Api, ASatisfactionLinkIsUnknownWhenMadeUpOrExpired) {
    const std::string org = "jexo";
    json in = intake(org);
    in["complainant"]["email"] = "piet@example.org";
    in["handler_id"] = staff(org, "sanne");
    long long id = create(org, in)["id"];
    act(org, id, "start-handling", json::object());
    act(org, id, "record-cause",
        {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
    act(org, id, "resolve", {{"solution", "Opgelost"}});
    const std::string token = satisfaction_token(org, id);
    ASSERT_EQ(token.size(), 64u);
    EXPECT_EQ(world->http->get("/klacht/" + org + "/tevredenheid/" + std::string(64, 'a')).status,
              404);
    EXPECT_EQ(world->http->get("/klacht/xs2more/tevredenheid/" + token).status, 404);
    const OrganisationContext& o = *world->services->organisations.find(org);
    auto later = now() + ComplaintService::kSatisfactionLinkLife + std::chrono::hours{1};
    EXPECT_FALSE(world->services->satisfaction.question(o, token, later));
    EXPECT_FALSE(world->services->satisfaction.answer(o, token, true, "", later));
    EXPECT_EQ(get(org, id)["state"], "resolved");
}
