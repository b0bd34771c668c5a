// api_test.cpp: the real server on a free port, on SQLite or on the PostgreSQL server that
// scripts/test started; each seed procedure driven from intake to close over HTTP, and bad
// input answered with 4xx while nothing changes.
#include "api/uri.hpp"
#include "api_fixture.hpp"
#include "service/demo_data.hpp"
#include "service/procedure_file.hpp"
#include "service/retention.hpp"
#include "service/runtime.hpp"
#include "store/audit_chain.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <set>
#include <sstream>
#include <thread>

using namespace kd;
using namespace kd::it;

TEST_F(Api, HealthNamesVersionAndBackend) {
    auto r = http().get("/api/health");
    ASSERT_EQ(r.status, 200);
    auto j = r.json();
    EXPECT_EQ(j["version"], KLACHTDESK_VERSION);
    EXPECT_EQ(j["database"], world->db->backend_name());
}

TEST_F(Api, OrganisationsAreSealedFromEachOther) {
    auto r = http("xs2more").get("/api/v1/organisations");
    ASSERT_EQ(r.status, 200);
    ASSERT_EQ(r.json()["items"].size(), 1u); // only one's own
    EXPECT_EQ(r.json()["items"][0]["slug"], "xs2more");
    auto p = http("xs2more").get("/api/v1/organisations/004/procedure").json();
    EXPECT_EQ(p["authorised_by"], "E.M. van As, directeur");
    EXPECT_EQ(http("xs2more").get("/api/v1/organisations/nobody").status, 404);
    // Another organisation answers exactly like one that does not exist.
    auto other = http("xs2more").get("/api/v1/organisations/jexo/complaints");
    auto none = http("xs2more").get("/api/v1/organisations/nobody/complaints");
    EXPECT_EQ(other.status, 404);
    EXPECT_EQ(other.json()["detail_en"].get<std::string>().rfind("Unknown organisation", 0), 0u);
    EXPECT_EQ(none.status, 404);
}

TEST_F(Api, Jexo000FromIntakeToClose) {
    const std::string org = "jexo";
    json c = create(org, intake(org));
    long long id = c["id"];
    EXPECT_EQ(c["state"], "received");
    EXPECT_EQ(deadline(c, "resolve")["status"], "due");
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    act(org, id, "start-handling", json::object());
    // R-HANDLE (000): not responsible, but helped.
    act(org, id, "record-cause",
        {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
    c = act(org, id, "resolve",
            {{"resolution", "not_responsible_helped"},
             {"solution", "Doorverwezen naar de inlener en geholpen."}});
    EXPECT_EQ(deadline(c, "resolve")["status"], "met");
    act(org, id, "verify", {{"satisfied", true}, {"note", "Telefonisch bevestigd"}});
    c = act(org, id, "close", json::object());
    EXPECT_EQ(c["state"], "closed");
    auto full = get(org, id);
    ASSERT_EQ(full["timeline"].size(), 7u);
    EXPECT_EQ(full["timeline"][0]["action"], "register");
    // The register event holds what the complaint was registered with; when and by whom are
    // the event's own moment and actor, not repeated in its changes (issue 8: under 1 KB).
    const json& registered = full["timeline"][0];
    EXPECT_EQ(registered["changes"]["channel"][1], "phone");
    EXPECT_FALSE(registered["changes"].contains("registered_at")) << registered;
    EXPECT_FALSE(registered["changes"].contains("registered_by")) << registered;
    EXPECT_EQ(registered["at"], full["registered_at"]);
    EXPECT_EQ(registered["actor_id"], full["registered_by"]);
    EXPECT_EQ(full["timeline"][6]["action"], "close");
    EXPECT_EQ(full["timeline"][6]["changes"]["state"][0], "resolved");
    EXPECT_EQ(full["timeline"][6]["changes"]["state"][1], "closed");
}

// Issue 9, item 3 (R-ASSIGN): only someone who may handle can be made handler, and only
// the coordinator or management names one, at intake too.
TEST_F(Api, Jexo000OnlyAHandlerIsAssignedAndOnlyByTheCoordinator) {
    const std::string org = "jexo";
    long long id = create(org, intake(org))["id"];
    for (const char* who : {"peter", "auditor", "beheer"}) {
        auto r = act(org, id, "assign", {{"handler_id", staff(org, who)}}, 422);
        EXPECT_EQ(r["type"], "https://klachtdesk.example/problems/not_a_handler") << who;
        EXPECT_EQ(r["errors"][0]["field"], "handler_id") << who;
    }
    EXPECT_EQ(get(org, id)["handler_id"], nullptr); // nothing changed
    // A handler who registers a complaint cannot pick its handler, not even themselves.
    json in = intake(org);
    in["handler_id"] = staff(org, "sanne");
    auto r = as(org, "sanne").post("/api/v1/organisations/jexo/complaints", in);
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(r.json()["detail_en"].get<std::string>().find("Only the coordinator or management"),
              std::string::npos);
    // The coordinator may, at intake, but not an employee as handler.
    in["handler_id"] = staff(org, "peter");
    EXPECT_EQ(create(org, in, 422)["type"], "https://klachtdesk.example/problems/not_a_handler");
    in["handler_id"] = staff(org, "sanne");
    EXPECT_EQ(create(org, in)["state"], "assigned");
}

// Issue 9, item 7: a step is dated when it happened; the audit event keeps when it was
// entered. Not in the future, not before the step it follows.
TEST_F(Api, Jexo000StepsAreDatedWhenTheyHappened) {
    const std::string org = "jexo";
    json in = intake(org);
    in["received_at"] = recent(50);
    long long id = create(org, in)["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}, {"at", recent(60)}}, 422);
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}, {"at", recent(-2)}}, 422);
    auto c = act(org, id, "assign", {{"handler_id", staff(org, "sanne")}, {"at", recent(48)}});
    EXPECT_EQ(c["assigned_at"], recent(48));
    auto r = act(org, id, "start-handling", {{"at", recent(49)}}, 422); // before the assignment
    EXPECT_EQ(r["errors"][0]["field"], "at");
    c = act(org, id, "start-handling", {{"at", recent(26)}});
    EXPECT_EQ(c["handling_started_at"], recent(26));
    auto timeline = get(org, id)["timeline"];
    const json& started = timeline.back();
    EXPECT_EQ(started["action"], "start-handling");
    EXPECT_EQ(started["at"], format_iso_local(now()));      // entered now
    EXPECT_EQ(started["changes"]["handling_started_at"][1], // happened then
              to_epoch(now() - std::chrono::hours{26}));
}

// Issue 9, item 5 (R-CLOSE, 000 "nadat de klacht naar behoren is afgehandeld"): a complaint
// whose complainant stays dissatisfied is closed by the handler, with the reason, and shows
// apart from a satisfied close.
TEST_F(Api, Jexo000TheHandlerClosesWithDissatisfactionRecorded) {
    const std::string org = "jexo";
    long long id = create(org, intake(org))["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    HttpClient& sanne = as(org, "sanne");
    act_as(sanne, org, id, "start-handling", json::object());
    act_as(sanne, org, id, "record-cause", {{"category", "communicatie"}});
    act_as(sanne, org, id, "resolve", {{"solution", "Loonstrook gecorrigeerd"}});
    act_as(sanne, org, id, "verify", {{"satisfied", false}, {"note", "Wil een vergoeding"}});
    auto r = act_as(sanne, org, id, "close", json::object(), 422);
    EXPECT_EQ(r["errors"][0]["field"], "reason");
    auto c = act_as(sanne, org, id, "close",
                    {{"reason", "Correctie gedaan; een vergoeding is niet aan de orde"}});
    EXPECT_EQ(c["state"], "closed_unsatisfied");
    EXPECT_EQ(c["state_nl"], "Gesloten, niet tevreden");
    EXPECT_EQ(c["satisfaction"], "dissatisfied");
    EXPECT_EQ(c["close_reason"], "Correctie gedaan; een vergoeding is niet aan de orde");
    auto listed =
        http(org).get("/api/v1/organisations/jexo/complaints?state=closed_unsatisfied").json();
    bool found = false;
    for (const auto& x : listed["items"])
        found = found || x["id"] == id;
    EXPECT_TRUE(found);
    // Named: a range-for over a member of a temporary would read freed memory.
    json closed = http(org).get("/api/v1/organisations/jexo/complaints?state=closed").json();
    for (const auto& x : closed["items"])
        EXPECT_NE(x["id"], id);
}

TEST_F(Api, Exactpi001FromIntakeToCloseWithAgreedTermAndRedo) {
    const std::string org = "exactpi";
    json in = intake(org);
    auto refused = create(org, in, 422);
    EXPECT_EQ(refused["errors"][0]["field"], "description_approved");
    in["description_approved"] = true;
    in["procedure_explained"] = true;
    in["acknowledged_at_intake"] = true;
    json c = create(org, in);
    long long id = c["id"];
    EXPECT_EQ(c["state"], "acknowledged");
    // Item 6: the seed sets no acknowledgement term, so there is no such deadline.
    for (const auto& d : c["deadlines"])
        EXPECT_NE(d["step"], "acknowledge");
    // The handler is never an involved employee.
    act(org, id, "assign", {{"handler_id", staff(org, "employee")}}, 422);
    c = act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    EXPECT_EQ(deadline(c, "first_contact")["status"], "due");
    // Item 9 (R-ASSIGN, 001): "Naam en functie van de klacht-afhandelaar worden vastgelegd".
    auto handler = get(org, id)["handler"];
    EXPECT_EQ(handler["name"], "Sanne de Vries");
    EXPECT_EQ(handler["job_title"], "Relatiemanager");
    act(org, id, "start-handling", json::object());
    act(org, id, "resolve", {{"solution", "x"}}, 422); // contact first
    std::string agreed = format_iso_local(now() + std::chrono::hours{24 * 10});
    // Item 12: a term in 2101 is a typing error, told as such.
    auto far = act(org, id, "record-contact", {{"agreed_resolve_by", "2101-01-10T12:00"}}, 422);
    EXPECT_EQ(far["errors"][0]["field"], "agreed_resolve_by");
    c = act(org, id, "record-contact",
            {{"agreed_resolve_by", agreed}, {"note", "Gebeld, termijn afgesproken"}});
    EXPECT_EQ(deadline(c, "first_contact")["status"], "met");
    // Item 1: the note of the contact is kept, on the case and in its event.
    EXPECT_EQ(c["contact_note"], "Gebeld, termijn afgesproken");
    EXPECT_EQ(get(org, id)["timeline"].back()["changes"]["contact_note"][1],
              "Gebeld, termijn afgesproken");
    EXPECT_EQ(deadline(c, "resolve")["due"], agreed);
    act(org, id, "resolve",
        {{"solution", "Loon nabetaald"}, {"procedure_change_effective", "2027-01-15"}});
    c = act(org, id, "verify", {{"satisfied", false}, {"note", "Vakantiegeld ontbreekt nog"}});
    EXPECT_EQ(c["state"], "in_handling");
    EXPECT_EQ(deadline(c, "redo")["status"], "due");
    act(org, id, "resolve", {{"solution", "Vakantiegeld nabetaald"}});
    act(org, id, "verify", {{"satisfied", true}});
    c = act(org, id, "close", json::object());
    EXPECT_EQ(c["state"], "closed");
    EXPECT_EQ(deadline(c, "redo")["status"], "met");
    EXPECT_EQ(deadline(c, "verify")["status"], "met");
}

TEST_F(Api, EenLoketMk002FromIntakeToCloseWithEvidence) {
    const std::string org = "een-loket-mk";
    json c = create(org, intake(org));
    long long id = c["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "mohamed")}});
    act(org, id, "start-handling", json::object(), 422); // acknowledge first
    act(org, id, "acknowledge", json::object());
    act(org, id, "start-handling", json::object());
    act(org, id, "record-cause",
        {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
    act(org, id, "resolve", {{"solution", "Factuur gecrediteerd"}});
    auto r = act(org, id, "verify", {{"satisfied", true}}, 422);
    EXPECT_EQ(r["errors"][0]["field"], "evidence");
    act(org, id, "verify", {{"satisfied", true}, {"evidence", "E-mail van klant, 3 december"}});
    c = act(org, id, "close", json::object());
    EXPECT_EQ(c["state"], "closed");
    EXPECT_EQ(c["satisfaction_evidence"], "E-mail van klant, 3 december");

    // Item 5 (R-CLOSE, 002 "afgesloten wanneer de klant aangegeven heeft tevreden te zijn"):
    // a dissatisfied complainant's case is closed by the coordinator, not the handler.
    long long other = create(org, intake(org))["id"];
    act(org, other, "assign", {{"handler_id", staff(org, "mohamed")}});
    act(org, other, "acknowledge", json::object());
    act(org, other, "start-handling", json::object());
    act(org, other, "record-cause",
        {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
    act(org, other, "resolve", {{"solution", "Creditnota aangeboden"}});
    act(org, other, "verify", {{"satisfied", false}, {"note", "Wil volledige terugbetaling"}});
    HttpClient& mohamed = as(org, "mohamed");
    act_as(mohamed, org, other, "close", {{"reason", "Niet meer te doen"}}, 403);
    c = act(org, other, "close", {{"reason", "Aanbod gedaan; klant blijft ontevreden"}});
    EXPECT_EQ(c["state"], "closed_unsatisfied");
}

TEST_F(Api, Quoratio003ConfidentialThroughAConfidant) {
    const std::string org = "quoratio";
    json in = intake(org);
    in["confidential"] = true;
    in["handler_id"] = staff(org, "sanne"); // not a confidant
    EXPECT_EQ(create(org, in, 422)["type"],
              "https://klachtdesk.example/problems/handler_not_confidant");
    in["handler_id"] = staff(org, "vertrouwenspersoon.fatima");
    // Item 2 (R-ACK, 003): an acknowledgement at intake needs its content as well.
    in["acknowledged_at_intake"] = true;
    EXPECT_EQ(create(org, in, 422)["errors"][0]["field"], "acknowledgement_note");
    in["acknowledgement_note"] = "Klacht over de werkdruk; eerste actie: gesprek binnen een week.";
    json acknowledged = create(org, in);
    EXPECT_EQ(acknowledged["acknowledgement_note"], in["acknowledgement_note"]);
    EXPECT_EQ(acknowledged["state"], "assigned");
    EXPECT_FALSE(acknowledged["acknowledged_at"].is_null());
    in.erase("acknowledged_at_intake");
    in.erase("acknowledgement_note");
    json c = create(org, in);
    long long id = c["id"];
    EXPECT_EQ(c["state"], "assigned");
    // R-ASSIGN (003): only the chosen confidant sees it; not the coordinator who registered
    // it, not management, not the admin, not the other confidant.
    for (const char* who :
         {"kwaliteit", "directie", "beheer", "auditor", "vertrouwenspersoon.henk"})
        EXPECT_EQ(as(org, who)
                      .get("/api/v1/organisations/quoratio/complaints/" + std::to_string(id))
                      .status,
                  404)
            << who;
    act(org, id, "acknowledge", {{"note", "x"}}, 404);
    HttpClient& fatima = as(org, "vertrouwenspersoon.fatima");
    act_as(fatima, org, id, "acknowledge", json::object(), 422); // needs the first actions
    c = act_as(fatima, org, id, "acknowledge",
               {{"note", "Klacht over rooster; eerste actie: gesprek met planner."}});
    EXPECT_EQ(deadline(c, "acknowledge")["status"], "met");
    act_as(fatima, org, id, "start-handling", json::object());
    // Item 12: management that the confidant let read the case is told why it cannot work it.
    act_as(fatima, org, id, "grant-access", {{"staff_id", staff(org, "directie")}});
    auto no = act_as(as(org, "directie"), org, id, "record-hearing", {{"note", "x"}}, 403);
    EXPECT_EQ(no["detail_en"], "Only the confidant works this confidential complaint; you may "
                               "only read it.");
    act_as(fatima, org, id, "revoke-access", {{"staff_id", staff(org, "directie")}});
    c = act_as(fatima, org, id, "resolve", {{"solution", "Rooster aangepast"}});
    EXPECT_EQ(deadline(c, "resolve")["status"], "met");
    act_as(fatima, org, id, "verify",
           {{"satisfied", true}, {"evidence", "Ondertekende bevestiging"}});
    EXPECT_EQ(act_as(fatima, org, id, "close", json::object())["state"], "closed");
    // Reading it is recorded too.
    auto seen = fatima.get("/api/v1/organisations/quoratio/complaints/" + std::to_string(id));
    ASSERT_EQ(seen.status, 200);
    EXPECT_EQ(seen.json()["timeline"].back()["action"], "view");
    EXPECT_EQ(seen.json()["timeline"].back()["actor_id"], staff(org, "vertrouwenspersoon.fatima"));
    // The register of others does not list it.
    auto listed =
        as(org, "directie").get("/api/v1/organisations/quoratio/complaints?limit=200").json();
    for (auto& x : listed["items"])
        EXPECT_NE(x["id"], id);
}

TEST_F(Api, Xs2more004FromIntakeToExternalReferral) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["type"] = "external";
    json c = create(org, in);
    long long id = c["id"];
    act(org, id, "acknowledge", json::object());
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    c = act(org, id, "start-handling", json::object());
    EXPECT_EQ(deadline(c, "take_into_handling")["status"], "met");
    act(org, id, "resolve", {{"solution", "x"}}, 422); // hearing first
    act(org, id, "record-hearing", {{"note", "Klager en medewerker gehoord"}});
    act(org, id, "assess", {{"well_founded", true}, {"note", "Gegrond"}});
    act(org, id, "extend", {{"term", "7 weeks"}, {"reason", "Inlener op vakantie"}}, 422);
    act(org, id, "extend", {{"term", "6 weeks"}}, 422); // no reason
    c = act(org, id, "extend", {{"term", "6 weeks"}, {"reason", "Inlener op vakantie"}});
    EXPECT_EQ(c["extension"], "6 weeks");
    act(org, id, "extend", {{"term", "1 week"}, {"reason", "nog eens"}}, 422); // once only
    act(org, id, "record-cause",
        {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
    act(org, id, "resolve", {{"solution", "Excuses en gesprek met medewerker"}});
    act(org, id, "close", json::object(), 422); // no satisfaction recorded
    act(org, id, "verify", {{"satisfied", false}});
    c = act(org, id, "escalate", json::object());
    EXPECT_EQ(c["external_body"], "College voor Klachten en Arbitrage van Blik op Werk");
    c = act(org, id, "close", json::object());
    EXPECT_EQ(c["state"], "closed");
}

// Issue 9, item 4 (R-HANDLE, 004): an extension is decided within the term; a case whose
// six weeks have run out cannot be extended into a met term. Item 5: with an external body,
// a dissatisfied complainant is referred there, not closed without it.
TEST_F(Api, Xs2more004NoExtensionAfterTheTermAndNoCloseWithoutReferral) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "bejegening";
    in["received_at"] = recent(24 * 7 * 8); // eight weeks ago
    long long id = create(org, in)["id"];
    act(org, id, "acknowledge", json::object());
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    auto c = act(org, id, "start-handling", json::object());
    EXPECT_EQ(deadline(c, "resolve")["status"], "missed");
    auto r = act(org, id, "extend", {{"term", "6 weeks"}, {"reason", "Inlener op vakantie"}}, 409);
    EXPECT_EQ(r["type"], "https://klachtdesk.example/problems/extension_after_term");
    c = get(org, id);
    EXPECT_EQ(c["extension"], nullptr);
    EXPECT_EQ(deadline(c, "resolve")["status"], "missed");
    act(org, id, "record-hearing", {{"note", "Klager en medewerker gehoord"}});
    act(org, id, "assess", {{"well_founded", false}, {"note", "Ongegrond"}});
    // R-REPORT (004): the cause before the outcome, from the procedure's own list.
    json refused = act(org, id, "resolve", {{"solution", "Uitleg gegeven"}}, 422);
    EXPECT_EQ(refused["type"], "https://klachtdesk.example/problems/cause_missing");
    refused = act(org, id, "record-cause", {{"category", "het weer"}}, 422);
    EXPECT_EQ(refused["errors"][0]["field"], "category");
    act(org, id, "record-cause",
        {{"category", "planning en bereikbaarheid"}, {"text", "Rooster te laat"}});
    EXPECT_EQ(act(org, id, "resolve", {{"solution", "Uitleg gegeven"}})["cause_category"],
              "planning en bereikbaarheid");
    act(org, id, "verify", {{"satisfied", false}});
    r = act(org, id, "close", {{"reason", "Klager blijft ontevreden"}}, 422);
    EXPECT_EQ(r["type"], "https://klachtdesk.example/problems/close_needs_satisfaction");
    EXPECT_EQ(act(org, id, "escalate", json::object())["state"], "escalated");
}

// Issue 9, item 8: what was recorded at intake can be corrected, under the intake's own
// rules, and the audit event keeps the earlier value.
TEST_F(Api, Xs2more004TheIntakeIsCorrectedAndTheEarlierValueKept) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "bejegening";
    long long id = create(org, in)["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    act(org, id, "correct", json::object(), 422); // nothing to correct
    act(org, id, "correct", {{"category", "geen-categorie"}}, 422);
    act(org, id, "correct", {{"description", "  "}}, 422);
    auto r = act(org, id, "correct", {{"involved_staff", {staff(org, "sanne")}}}, 422);
    EXPECT_EQ(r["errors"][0]["field"], "involved_staff"); // the handler, R-ASSIGN
    act(org, id, "correct", {{"involved_staff", {999999}}}, 422);
    act(org, id, "correct", {{"complainant", {{"nickname", "x"}}}}, 422);
    auto c = act(org, id, "correct",
                 {{"description", "Mijn loonstrook van week 12 klopt niet: overuren ontbreken."},
                  {"category", "dienstverlening"},
                  {"complainant", {{"phone", "0687654321"}, {"email", "jan@example.nl"}}},
                  {"involved_staff", {staff(org, "peter"), staff(org, "mohamed")}}});
    EXPECT_EQ(c["category"], "dienstverlening");
    EXPECT_EQ(c["complainant"]["phone"], "0687654321");
    EXPECT_EQ(c["complainant"]["name"], "Jan de Boer"); // not given, not changed
    EXPECT_EQ(c["involved_staff"].size(), 2u);
    auto event = get(org, id)["timeline"].back();
    EXPECT_EQ(event["action"], "correct");
    EXPECT_EQ(event["changes"]["category"][0], "bejegening");
    EXPECT_EQ(event["changes"]["complainant_phone"][0], "0612345678");
    EXPECT_EQ(event["changes"]["description"][0], "Mijn loonstrook klopt niet.");
    // Who may not work the case may not correct it either.
    act_as(as(org, "peter"), org, id, "correct", {{"category", "overig"}}, 404);
}

TEST_F(Api, Xs2more004DeclinedWithNotice) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "overig";
    long long id = create(org, in)["id"];
    act(org, id, "decline", {{"reason", "Een vraag, geen klacht"}});
    auto c = act(org, id, "notify-decline", json::object());
    EXPECT_EQ(deadline(c, "decline_notice")["status"], "met");
    EXPECT_EQ(c["state"], "declined");
}

TEST_F(Api, BadInputIsRefusedAndChangesNothing) {
    const std::string org = "jexo";
    long long id = create(org, intake(org))["id"];
    auto base = "/api/v1/organisations/" + org + "/complaints/" + std::to_string(id);
    auto before = get(org, id);

    auto r = http(org).post(base + "/assign", std::string("{\"handler_id\": 1,"));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.content_type, "application/problem+json; charset=utf-8");
    r = http(org).post(base + "/assign", json{{"handler_id", "twee"}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["field"], "handler_id");
    r = http(org).post(base + "/assign",
                       json{{"handler_id", staff(org, "sanne")}, {"urgent", true}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["field"], "urgent");
    r = http(org).post(base + "/assign", std::string(70000, ' '));
    EXPECT_EQ(r.status, 413);
    r = http(org).post(base + "/assign", std::string("handler=2"),
                       "application/x-www-form-urlencoded");
    EXPECT_EQ(r.status, 415);
    // Issue 10, item 9: the media type is parsed, not searched for.
    std::string withdraw = json{{"reason", "Ingetrokken"}}.dump();
    for (const char* type :
         {"text/plain; x=application/json", "multipart/form-data; boundary=application/json",
          "application/jsonx", "application/json; charset=latin1"}) {
        r = http(org).post(base + "/withdraw", withdraw, type);
        EXPECT_EQ(r.status, 415) << type;
    }
    EXPECT_EQ(get(org, id)["state"], "received"); // none of them withdrew it
    // Issue 10, item 10: a limit in characters counts characters: 7,000 euro signs are
    // 21,000 bytes but fit in 20,000 characters; 20,001 do not.
    std::string euros;
    for (int i = 0; i < 7000; ++i)
        euros += "\u20ac";
    std::string other = "/api/v1/organisations/" + org + "/complaints/" +
                        std::to_string(create(org, intake(org))["id"].get<long long>());
    r = http(org).post(other + "/acknowledge", std::string("{\"note\": \"") + euros + "\"}",
                       "Application/JSON; charset=UTF-8");
    EXPECT_EQ(r.status, 200) << r.body;
    r = http(org).post(base + "/record-hearing", json{{"note", std::string(20001, 'x')}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["field"], "note");
    r = http(org).post(base + "/teleport", json::object());
    EXPECT_EQ(r.status, 404);
    // The actor is whoever is logged in; a body cannot name another.
    r = http(org).post(base + "/assign",
                       json{{"actor_id", 1}, {"handler_id", staff(org, "sanne")}});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(r.json()["errors"][0]["field"], "actor_id");
    // Another organisation's staff and complaint ids are unknown here.
    r = http(org).post(base + "/assign", json{{"handler_id", staff("xs2more", "sanne")}});
    EXPECT_EQ(r.status, 422);
    r = http(org).post("/api/v1/organisations/xs2more/complaints/" + std::to_string(id) +
                           "/withdraw",
                       json{{"reason", "x"}});
    EXPECT_EQ(r.status, 404);
    r = http("xs2more").post("/api/v1/organisations/xs2more/complaints/" + std::to_string(id) +
                                 "/withdraw",
                             json{{"reason", "x"}});
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(http("xs2more")
                  .get("/api/v1/organisations/xs2more/complaints/" + std::to_string(id))
                  .status,
              404);
    // Without the session's CSRF token a change is refused.
    HttpClient no_csrf = http(org);
    no_csrf.csrf.clear();
    EXPECT_EQ(no_csrf.post(base + "/withdraw", json{{"reason", "x"}}).status, 403);
    no_csrf.csrf = std::string(64, 'a');
    EXPECT_EQ(no_csrf.post(base + "/withdraw", json{{"reason", "x"}}).status, 403);
    EXPECT_EQ(http(org).get(base + "0000").status, 404);
    EXPECT_EQ(http(org).get("/api/v1/organisations/jexo/complaints/abc").status, 404);
    // Closing a complaint that was never handled is not a step of its state.
    r = http(org).post(base + "/close", json::object());
    EXPECT_EQ(r.status, 409);

    auto after = get(org, id);
    EXPECT_EQ(after, before);
}

TEST_F(Api, ListFiltersSortsAndPages) {
    const std::string org = "een-loket-mk";
    json in = intake(org);
    in["description"] = "Zoekwoord-pinguin in de omschrijving";
    in["received_at"] = format_iso_local(now() - std::chrono::hours{24 * 40});
    long long old_id = create(org, in)["id"]; // acknowledgement long overdue
    for (int i = 0; i < 3; ++i)
        create(org, intake(org));
    auto list = [&](const std::string& q) {
        auto r = http(org).get("/api/v1/organisations/" + org + "/complaints" + q);
        EXPECT_EQ(r.status, 200) << q << ": " << r.body;
        return r.json();
    };
    auto found = list("?q=PINGUIN");
    ASSERT_EQ(found["items"].size(), 1u);
    EXPECT_EQ(found["items"][0]["id"], old_id);
    auto overdue = list("?overdue=true");
    bool has_old = false;
    for (auto& c : overdue["items"]) {
        EXPECT_TRUE(c["overdue"].get<bool>());
        has_old |= c["id"] == old_id;
    }
    EXPECT_TRUE(has_old);
    auto page = list("?limit=2&sort=received_at");
    EXPECT_EQ(page["items"].size(), 2u);
    EXPECT_TRUE(page["has_more"].get<bool>());
    EXPECT_EQ(page["items"][0]["id"], old_id);
    auto newest = list("?limit=1");
    EXPECT_NE(newest["items"][0]["id"], old_id);
    std::string day = format_iso_local(now() - std::chrono::hours{24 * 40}).substr(0, 10);
    auto between = list("?received_from=" + day + "&received_to=" + day);
    ASSERT_GE(between["items"].size(), 1u);
    for (auto& c : between["items"])
        EXPECT_EQ(c["received_at"].get<std::string>().substr(0, 10), day);
    EXPECT_EQ(list("?state=closed,withdrawn&q=pinguin")["items"].size(), 0u);
    EXPECT_EQ(list("?state=received&q=pinguin")["items"].size(), 1u);
    // Full-text search: the start of a word, several words, the reference; punctuation only
    // finds nothing.
    EXPECT_EQ(list("?q=pingu")["items"].size(), 1u);
    EXPECT_EQ(list("?q=omschrijving%20zoekwoord")["items"].size(), 1u);
    EXPECT_EQ(list("?q=omschrijving%20nergens")["items"].size(), 0u);
    std::string reference = found["items"][0]["reference"];
    EXPECT_EQ(list("?q=" + reference)["items"][0]["id"], old_id);
    EXPECT_EQ(list("?q=---")["items"].size(), 0u);
    // Text that is not UTF-8 is refused before any database sees it (PostgreSQL would fail).
    EXPECT_EQ(http(org).get("/api/v1/organisations/" + org + "/complaints?q=%C3").status, 400);
    EXPECT_EQ(http(org).get("/api/v1/organisations/" + org + "/complaints?category=%FF%FE").status,
              400);
    EXPECT_EQ(list("?q=caf%C3%A9")["items"].size(), 0u); // valid UTF-8 is searched as usual
    long long h = staff(org, "sanne");
    act(org, old_id, "assign", {{"handler_id", h}});
    auto by_handler = list("?handler=" + std::to_string(h));
    ASSERT_GE(by_handler["items"].size(), 1u);
    for (auto& c : by_handler["items"])
        EXPECT_EQ(c["handler_id"], h);
    EXPECT_EQ(http(org).get("/api/v1/organisations/" + org + "/complaints?state=lost").status, 400);
    EXPECT_EQ(http(org).get("/api/v1/organisations/" + org + "/complaints?limit=100000").status,
              400);
    EXPECT_EQ(http(org).get("/api/v1/organisations/" + org + "/complaints?colour=red").status, 400);
}

// Keyset paging: following next_cursor visits every row once, in the order of the sort, and
// the same rows as pages by offset.
TEST_F(Api, TheRegisterPagesWithACursorInEverySortOrder) {
    const std::string org = "exactpi";
    for (int i = 0; i < 7; ++i) {
        json in = intake(org);
        in["received_at"] = recent(1 + i % 3); // equal moments: the id breaks the tie
        in["description_approved"] = in["procedure_explained"] = true; // R-INTAKE (001)
        create(org, in);
    }
    auto get = [&](const std::string& q) {
        auto r = http(org).get("/api/v1/organisations/" + org + "/complaints" + q);
        EXPECT_EQ(r.status, 200) << q << ": " << r.body;
        return r.json();
    };
    for (std::string sort : {"-received_at", "received_at", "next_due_at", "reference"}) {
        std::vector<long long> by_offset, by_cursor;
        for (int offset = 0;; offset += 3) {
            json page = get("?limit=3&sort=" + sort + "&offset=" + std::to_string(offset));
            for (auto& c : page["items"])
                by_offset.push_back(c["id"]);
            if (!page["has_more"].get<bool>()) break;
        }
        std::string cursor;
        for (int pages = 0; pages < 100; ++pages) {
            json page = get("?limit=3&sort=" + sort + (cursor.empty() ? "" : "&cursor=" + cursor));
            for (auto& c : page["items"])
                by_cursor.push_back(c["id"]);
            if (page["next_cursor"].is_null()) break;
            cursor = page["next_cursor"];
        }
        EXPECT_GE(by_offset.size(), 7u) << sort;
        EXPECT_EQ(by_cursor, by_offset) << sort;
    }
    auto bad = [&](const std::string& q) {
        return http(org).get("/api/v1/organisations/" + org + "/complaints" + q).status;
    };
    EXPECT_EQ(bad("?cursor=nonsense"), 400);
    EXPECT_EQ(bad("?cursor=received_desc.12.x"), 400);
    EXPECT_EQ(bad("?sort=reference&cursor=received_desc.1795000000.3"), 400);
    EXPECT_EQ(bad("?cursor=received_desc.1795000000.3&offset=3"), 400);
}

TEST_F(Api, ASavedComplaintIsDurableBeforeTheAnswer) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "dienstverlening";
    long long id = create(org, in)["id"];
    // A second, independent connection sees it at once: the commit came before the 201.
    auto other = Database::open(world->url, 1);
    auto c = other->complaint(world->services->organisations.find(org)->record.id, id);
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->description, "Mijn loonstrook klopt niet.");
    EXPECT_EQ(other->timeline(c->organisation_id, id).size(), 1u);
}

// R-REPORT: every change is traceable; an edit, insertion or deletion made directly in the
// database is found by `audit verify`, at the first broken link. Each tampering is undone
// before the next, so the chain is intact again at the end.
TEST_F(Api, AuditChainCatchesChangesMadeDirectlyInTheDatabase) {
    const std::string org = "jexo";
    long long org_id = world->services->organisations.find(org)->record.id;
    long long id = create(org, intake(org))["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    act(org, id, "start-handling", json::object());
    auto timeline = get(org, id)["timeline"];
    ASSERT_EQ(timeline.size(), 3u);
    EXPECT_EQ(timeline[1]["source"], "127.0.0.1");
    long long event = timeline[1]["id"], seq = timeline[1]["seq"];
    ASSERT_TRUE(world->db->verify_audit(org_id).intact);

    auto raw = Database::open(world->url, 1);
    soci::session& sql = raw->writer_session();
    auto expect_broken_at = [&](long long at_seq, const std::string& why) {
        AuditCheck r = world->db->verify_audit(org_id);
        EXPECT_FALSE(r.intact);
        EXPECT_EQ(r.seq, at_seq) << r.problem;
        EXPECT_NE(r.problem.find(why), std::string::npos) << r.problem;
    };
    auto expect_intact = [&] {
        AuditCheck r = world->db->verify_audit(org_id);
        EXPECT_TRUE(r.intact) << r.problem;
    };

    // What changed: the handler recorded in the event is rewritten.
    std::string changes;
    sql << "SELECT changes FROM audit_events WHERE id = :i", soci::use(event), soci::into(changes);
    std::string forged = changes;
    forged.replace(forged.find("handler_id"), 10, "handler_ix");
    sql << "UPDATE audit_events SET changes = :c WHERE id = :i", soci::use(forged),
        soci::use(event);
    expect_broken_at(seq, "no longer matches its hash");

    // Issue 10, item 1: the same forgery dressed up as a redaction (the event marked as
    // redacted, with the digest of what it first held) is caught too: no redaction in the
    // chain records it.
    const bool lite = raw->backend() == Backend::sqlite;
    std::string original_digest = lite ? sha256(changes) : to_hex(sha256(changes));
    std::string mark_redacted =
        lite ? "UPDATE audit_events SET original_digest = CAST(:d AS BLOB) WHERE id = :i"
             : "UPDATE audit_events SET original_digest = decode(:d, 'hex') WHERE id = :i";
    sql << mark_redacted, soci::use(original_digest), soci::use(event);
    expect_broken_at(seq, "is marked as redacted, but no redaction records it");
    sql << "UPDATE audit_events SET changes = :c, original_digest = NULL WHERE id = :i",
        soci::use(changes), soci::use(event);
    expect_intact();

    // Who: the actor is swapped.
    long long actor = 0;
    sql << "SELECT actor_id FROM audit_events WHERE id = :i", soci::use(event), soci::into(actor);
    long long other = staff(org, "management");
    sql << "UPDATE audit_events SET actor_id = :a WHERE id = :i", soci::use(other),
        soci::use(event);
    expect_broken_at(seq, "no longer matches its hash");
    sql << "UPDATE audit_events SET actor_id = :a WHERE id = :i", soci::use(actor),
        soci::use(event);

    // Item 3: a complaint event's subject is in the hash too.
    sql << "UPDATE audit_events SET subject_id = subject_id + 1 WHERE id = :i", soci::use(event);
    expect_broken_at(seq, "no longer matches its hash");
    sql << "UPDATE audit_events SET subject_id = subject_id - 1 WHERE id = :i", soci::use(event);
    expect_intact();

    // A deleted event in the middle, and the newest event deleted.
    auto remove_and_restore = [&](long long victim, long long broken_seq, const std::string& why) {
        sql << "CREATE TABLE kept_event AS SELECT * FROM audit_events WHERE id = :i",
            soci::use(victim);
        sql << "DELETE FROM audit_events WHERE id = :i", soci::use(victim);
        expect_broken_at(broken_seq, why);
        sql << "INSERT INTO audit_events SELECT * FROM kept_event";
        sql << "DROP TABLE kept_event";
        expect_intact();
    };
    remove_and_restore(event, seq, "is missing: it was deleted");
    long long newest = timeline[2]["id"], newest_seq = timeline[2]["seq"];
    remove_and_restore(newest, newest_seq, "the newest events were deleted");

    // Item 2: an event inserted directly stays outside the chain, also after the database is
    // opened again (opening it used to adopt such rows).
    sql << "INSERT INTO audit_events (organisation_id, complaint_id, at, actor_id, action, "
           "changes) "
           "VALUES (:o, :c, 0, :a, 'close', '{}')",
        soci::use(org_id), soci::use(id), soci::use(actor);
    AuditCheck r = world->db->verify_audit(org_id);
    EXPECT_FALSE(r.intact);
    EXPECT_NE(r.problem.find("inserted directly"), std::string::npos) << r.problem;
    {
        auto reopened = Database::open(world->url, 1);
        reopened->migrate();
        AuditCheck again = reopened->verify_audit(org_id);
        EXPECT_FALSE(again.intact);
        EXPECT_NE(again.problem.find("inserted directly"), std::string::npos) << again.problem;
    }
    sql << "DELETE FROM audit_events WHERE seq IS NULL AND organisation_id = :o", soci::use(org_id);
    expect_intact();

    // Item 3: the complaint rows are in the proof: a handler or a description changed in the
    // table, outside any event, is reported; put back, the chain verifies again.
    long long handler = 0;
    sql << "SELECT handler_id FROM complaints WHERE id = :i", soci::use(id), soci::into(handler);
    sql << "UPDATE complaints SET handler_id = :h WHERE id = :i", soci::use(other), soci::use(id);
    expect_broken_at(newest_seq, "changed outside the audit trail");
    // The next step does not vouch for the changed row: it is refused, and nothing is written.
    act(org, id, "record-hearing", {{"note", "Gehoord"}}, 503);
    expect_broken_at(newest_seq, "changed outside the audit trail");
    sql << "UPDATE complaints SET handler_id = :h WHERE id = :i", soci::use(handler), soci::use(id);
    expect_intact();
    std::string description;
    sql << "SELECT description FROM complaints WHERE id = :i", soci::use(id),
        soci::into(description);
    sql << "UPDATE complaints SET description = 'Iets anders' WHERE id = :i", soci::use(id);
    expect_broken_at(newest_seq, "changed outside the audit trail");
    sql << "UPDATE complaints SET description = :d WHERE id = :i", soci::use(description),
        soci::use(id);
    // An involved employee added in its own table is a change of the complaint as well.
    sql << "INSERT INTO complaint_involved (organisation_id, complaint_id, staff_id) VALUES (:o, "
           ":c, :s)",
        soci::use(org_id), soci::use(id), soci::use(other);
    expect_broken_at(newest_seq, "changed outside the audit trail");
    sql << "DELETE FROM complaint_involved WHERE complaint_id = :c AND staff_id = :s",
        soci::use(id), soci::use(other);
    expect_intact();
}

// R-PRIV (002): finished cases past the 2-year term lose their personal data; the yearly
// counts stay the same and the audit chain still verifies.
TEST_F(Api, RetentionAnonymisesOldCasesAndKeepsCountsAndChain) {
    const std::string org = "een-loket-mk";
    const OrganisationContext& o = *world->services->organisations.find(org);
    long long old_case = finished_case(org, "2023-03-01T10:00", "2023-03-20T10:00");
    long long recent_case = finished_case(org, "2025-06-02T10:00", "2025-06-20T10:00");
    auto counts = [&] {
        std::map<std::string, int> by_year;
        for (int offset = 0;; offset += 200) {
            auto page = http(org)
                            .get("/api/v1/organisations/" + org +
                                 "/complaints?limit=200&offset=" + std::to_string(offset))
                            .json();
            for (auto& c : page["items"])
                by_year[c["received_at"].get<std::string>().substr(0, 4)]++;
            if (!page["has_more"].get<bool>()) break;
        }
        return by_year;
    };
    auto before = counts();
    Instant now = kd::testing::at("2026-11-23T03:00");

    RetentionRun dry = run_retention(world->services->complaints, *world->writer, now, false);
    EXPECT_GE(dry.due, 1);
    EXPECT_EQ(dry.anonymised, 0);
    EXPECT_EQ(get(org, old_case)["complainant"]["name"], "Retentie Testpersoon");

    // The private link of the public form leads to the old case until retention.
    const std::string token_digest = sha256_hex("a private link's token");
    ASSERT_EQ(world->writer->run([&](Transaction& t) {
        t.insert_public_link(o.record.id, old_case, token_digest);
        return true;
    }),
              WriteStatus::committed);
    EXPECT_TRUE(world->db->complaint_by_public_link(o.record.id, token_digest));
    // An action agreed on the case names the complainant (issue 13).
    ASSERT_EQ(world->writer->run([&](Transaction& t) {
        auto c = t.complaint(o.record.id, old_case);
        TrackedAction a;
        a.organisation_id = o.record.id;
        a.complaint_id = old_case;
        a.what = "Retentie Testpersoon terugbellen";
        a.owner_id = staff(org, "sanne");
        a.due_on = *try_parse_date("2023-03-10");
        a.created_at = kd::testing::at("2023-03-05T10:00");
        a.created_by = staff(org, "sanne");
        t.insert_action(a);
        t.append_case_event(o.record.id, *c, "action", a.id, a.created_at,
                            Actor{a.created_by, "test", std::nullopt}, "action-added",
                            json{{"what", {nullptr, a.what}}}.dump());
        return true;
    }),
              WriteStatus::committed);

    // A nonconformity recorded from the case, whose words name the complainant, with a
    // measure; and one about something else, which retention leaves alone.
    const std::string register_path = "/api/v1/organisations/" + org + "/nonconformities";
    auto record = [&](const json& body) {
        auto r = http(org).post(register_path, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return register_path + "/" + std::to_string(r.json()["id"].get<long long>());
    };
    const std::string from_case =
        record({{"kind", "nonconformity"},
                {"occurred_on", "2023-03-01"},
                {"description", "Retentie Testpersoon kreeg geen ontvangstbevestiging"},
                {"source", "complaint"},
                {"complaint_id", old_case},
                {"correction", "Retentie Testpersoon alsnog gebeld"}});
    auto investigated =
        http(org).patch(from_case, json{{"cause_category", "communicatie"},
                                        {"cause", "Adres van Retentie Testpersoon onjuist"}});
    EXPECT_EQ(investigated.status, 200) << investigated.body;
    auto measure =
        http(org).post(from_case + "/measures", json{{"kind", "corrective"},
                                                     {"what", "Adrescontrole bij intake"},
                                                     {"owner_id", staff(org, "sanne")},
                                                     {"due_on", "2026-12-01"}});
    EXPECT_EQ(measure.status, 201) << measure.body;
    const std::string unrelated = record({{"kind", "improvement"},
                                          {"occurred_on", "2023-03-02"},
                                          {"description", "Retentie-overleg inplannen"},
                                          {"source", "employee"}});

    RetentionRun run = run_retention(world->services->complaints, *world->writer, now, true);
    EXPECT_EQ(run.anonymised, dry.due);
    // The nonconformity keeps its kind, dates, cause category and measure; its own words go,
    // from the register and from its events (R-PRIV).
    json nc = http(org).get(from_case).json();
    EXPECT_EQ(nc["description"], "[verwijderd]");
    EXPECT_EQ(nc["cause"], "[verwijderd]");
    EXPECT_EQ(nc["correction"], "[verwijderd]");
    EXPECT_EQ(nc["cause_category"], "communicatie");
    EXPECT_EQ(nc["occurred_on"], "2023-03-01");
    EXPECT_EQ(nc.dump().find("Retentie Testpersoon"), std::string::npos) << nc.dump();
    EXPECT_NE(nc.dump().find("Adrescontrole bij intake"), std::string::npos) << nc.dump();
    EXPECT_EQ(http(org).get(unrelated).json()["description"], "Retentie-overleg inplannen");
    EXPECT_FALSE(world->db->complaint_by_public_link(o.record.id, token_digest));
    EXPECT_EQ(run.failed, 0);
    auto c = get(org, old_case);
    EXPECT_EQ(c["complainant"]["name"], "[geanonimiseerd]");
    EXPECT_EQ(c["description"], "[verwijderd]");
    EXPECT_EQ(c["state"], "closed");
    EXPECT_FALSE(c["anonymised_at"].is_null());
    std::string all_events = c["timeline"].dump();
    EXPECT_EQ(all_events.find("Retentie Testpersoon"), std::string::npos);
    ASSERT_EQ(c["agreed_actions"].size(), 1u);
    EXPECT_EQ(c["agreed_actions"][0]["what"], "[verwijderd]");
    EXPECT_EQ(c["agreed_actions"][0]["owner_id"], staff(org, "sanne"));
    EXPECT_EQ(all_events.find("retentie@example.nl"), std::string::npos);
    // Anonymising is an event, and so is redacting the earlier events: the last one records
    // what each redacted event holds now (issue 10, item 1).
    ASSERT_GE(c["timeline"].size(), 2u);
    EXPECT_EQ(c["timeline"][c["timeline"].size() - 2]["action"], "anonymise");
    EXPECT_EQ(c["timeline"].back()["action"], "redact");
    // The summary shared for the hearing goes too, also from the employee's own list.
    EXPECT_EQ(c["hearing_summaries"][0]["text"], "[verwijderd]");
    auto shared = as(org, "mohamed").get("/api/v1/organisations/" + org + "/hearing-summaries");
    ASSERT_EQ(shared.status, 200);
    json shared_items = shared.json()["items"];
    std::set<std::string> references;
    for (const auto& h : shared_items)
        references.insert(h["reference"].get<std::string>());
    EXPECT_FALSE(references.count(c["reference"].get<std::string>()));
    EXPECT_TRUE(references.count(get(org, recent_case)["reference"].get<std::string>()));
    // The search no longer finds the person.
    auto found = http(org).get("/api/v1/organisations/" + org + "/complaints?q=retentie").json();
    for (auto& f : found["items"])
        EXPECT_NE(f["id"], old_case);
    EXPECT_EQ(get(org, recent_case)["complainant"]["name"], "Retentie Testpersoon");
    EXPECT_EQ(counts(), before);
    AuditCheck chain = world->db->verify_audit(o.record.id);
    EXPECT_TRUE(chain.intact) << chain.problem;
    EXPECT_EQ(run_retention(world->services->complaints, *world->writer, now, true).anonymised, 0);

    // A redacted event whose content is forged afterwards no longer holds what the redaction
    // recorded, even though it is marked as redacted.
    long long redacted_event = c["timeline"][0]["id"], redacted_seq = c["timeline"][0]["seq"];
    auto raw = Database::open(world->url, 1);
    soci::session& sql = raw->writer_session();
    std::string kept;
    sql << "SELECT changes FROM audit_events WHERE id = :i", soci::use(redacted_event),
        soci::into(kept);
    ASSERT_NE(kept.find("[verwijderd]"), std::string::npos) << kept;
    sql << "UPDATE audit_events SET changes = '{\"description\":[null,\"vervalst\"]}' WHERE id "
           "= :i",
        soci::use(redacted_event);
    AuditCheck forged = world->db->verify_audit(o.record.id);
    EXPECT_FALSE(forged.intact);
    EXPECT_EQ(forged.seq, redacted_seq);
    EXPECT_NE(forged.problem.find("does not hold what the redaction"), std::string::npos)
        << forged.problem;
    sql << "UPDATE audit_events SET changes = :c WHERE id = :i", soci::use(kept),
        soci::use(redacted_event);
    EXPECT_TRUE(world->db->verify_audit(o.record.id).intact);
}

// A server told to stop does not first finish a retention run over a large register: no new
// chunk of cases is begun once its stop token is stopped, and the next run does the rest.
TEST_F(Api, RetentionStopsBetweenChunksWhenTheServerStops) {
    const std::string org = "een-loket-mk";
    finished_case(org, "2023-04-03T10:00", "2023-04-20T10:00");
    finished_case(org, "2023-04-04T10:00", "2023-04-21T10:00");
    const Instant now = kd::testing::at("2026-11-23T03:00");
    auto& complaints = world->services->complaints;
    const long long due = run_retention(complaints, *world->writer, now, false).due;
    ASSERT_GE(due, 2);
    std::stop_source stop;
    int chunks = 0;
    RetentionRun first = run_retention(
        complaints, *world->writer, now, true,
        [&](const std::string&, long long) {
            ++chunks;
            stop.request_stop(); // as the server's shutdown does, during the first chunk
        },
        stop.get_token(), /*chunk=*/1);
    EXPECT_EQ(chunks, 1);
    EXPECT_LE(first.anonymised, 1);
    EXPECT_EQ(run_retention(complaints, *world->writer, now, false).due, due - first.anonymised);
    RetentionRun rest = run_retention(complaints, *world->writer, now, true);
    EXPECT_EQ(rest.anonymised, due - first.anonymised);
    EXPECT_EQ(run_retention(complaints, *world->writer, now, false).due, 0);
}

TEST_F(Api, LoggingInAndOut) {
    HttpClient c(world->base);
    // Without a session every route but the health check and logging in answers 401.
    for (const char* path : {"/api/v1/organisations", "/api/v1/organisations/jexo",
                             "/api/v1/organisations/jexo/complaints", "/api/v1/session"})
        EXPECT_EQ(c.get(path).status, 401) << path;
    EXPECT_EQ(c.post("/api/v1/organisations/jexo/complaints", intake("jexo")).status, 401);
    EXPECT_EQ(c.get("/api/health").status, 200);

    // A wrong password and an unknown account get the very same answer.
    auto wrong = c.login("sanne@jexo.example", "not-the-password");
    auto unknown = c.login("nobody@jexo.example", "not-the-password");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(wrong.body, unknown.body);

    auto ok = c.login("sanne@jexo.example", kDemoPassword);
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_NE(c.set_cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(c.set_cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(ok.json()["staff"]["roles"], "handler");
    EXPECT_EQ(ok.json()["organisation"]["slug"], "jexo");
    auto me = c.get("/api/v1/session");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json()["staff"]["email"], "sanne@jexo.example");

    // The change is signed by who is logged in.
    auto created = c.post("/api/v1/organisations/jexo/complaints", intake("jexo"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.json()["registered_by"], staff("jexo", "sanne"));

    // Logging out needs the CSRF token, then the session is gone for good.
    HttpClient forged = c;
    forged.csrf.clear();
    EXPECT_EQ(forged.del("/api/v1/session").status, 403);
    EXPECT_EQ(c.del("/api/v1/session").status, 204);
    EXPECT_EQ(c.get("/api/v1/session").status, 401);
    EXPECT_EQ(forged.get("/api/v1/session").status, 401);
}

TEST_F(Api, FailedLoginsAreLimitedPerAccount) {
    HttpClient c(world->base);
    c.local_address = "127.0.0.2"; // its failures do not limit the other tests' address
    // An account of its own: it stays locked for 15 minutes.
    const std::string email = "gesloten@jexo.example";
    AccountService& accounts = world->services->accounts;
    StaffMember m{0, 0, "Op slot", email, "employee", false, true, ""};
    ASSERT_TRUE(accounts.add(world->services->organisations.find("jexo")->record.id, m,
                             "een-lang-wachtwoord", Actor{0, "test", std::nullopt}, now()));
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(c.login(email, "wrong-password-" + std::to_string(i)).status, 401);
    auto limited = c.login(email, kDemoPassword); // even the right password, for now
    EXPECT_EQ(limited.status, 429);
    // Another account from the same address can still log in.
    EXPECT_EQ(c.login("auditor@quoratio.example", kDemoPassword).status, 200);
}

// Invented e-mail addresses must not grow the failure counters for ever: expired ones go.
TEST_F(Api, FailedLoginCountersOfThePastAreForgotten) {
    AuthSettings few;
    few.failure_keys_before_pruning = 4;
    Authenticator auth(*world->db, *world->writer, few);
    Instant t0 = now();
    for (int i = 0; i < 2; ++i)
        auth.login("verzonnen" + std::to_string(i) + "@x.example", "wrong-password", "10.0.0.1",
                   t0);
    EXPECT_EQ(auth.failure_keys(), 3u); // two accounts and one address
    auth.login("verzonnen9@x.example", "wrong-password", "10.0.0.2", t0 + std::chrono::minutes{16});
    EXPECT_EQ(auth.failure_keys(), 2u); // only the new account and address are counted
    // Within the window nothing is forgotten: the limit still holds.
    for (int i = 0; i < 4; ++i)
        auth.login("verzonnen9@x.example", "wrong-password", "10.0.0.2",
                   t0 + std::chrono::minutes{17});
    EXPECT_EQ(auth.login("verzonnen9@x.example", "wrong-password", "10.0.0.3",
                         t0 + std::chrono::minutes{17})
                  .kind,
              Authenticator::LoginResult::limited);
}

// No plain password anywhere in the database: not in staff, sessions or audit events, and on
// SQLite not even in a freed page of the file or its write-ahead log.
TEST_F(Api, APasswordIsWrittenNowhereInTheDatabase) {
    const std::string org = "xs2more";
    const std::string first = "eerste-Zq8vX1", wrong = "fout-Zq8vX2", second = "tweede-Zq8vX3";
    auto made =
        as(org, "beheer")
            .post("/api/v1/organisations/xs2more/staff", json{{"name", "Wachtwoord Proef"},
                                                              {"email", "proef@xs2more.example"},
                                                              {"roles", "employee"},
                                                              {"password", first}});
    ASSERT_EQ(made.status, 201) << made.body;
    HttpClient c(world->base);
    EXPECT_EQ(c.login("proef@xs2more.example", wrong).status, 401);
    ASSERT_EQ(c.login("proef@xs2more.example", first).status, 200);
    EXPECT_EQ(c.post("/api/v1/session/password",
                     json{{"current_password", wrong}, {"new_password", second}})
                  .status,
              422);
    EXPECT_EQ(c.post("/api/v1/session/password",
                     json{{"current_password", first}, {"new_password", second}})
                  .status,
              200);
    ASSERT_EQ(HttpClient(world->base).login("proef@xs2more.example", second).status, 200);
    world->writer->run([](Transaction&) { return true; }); // everything before it is committed
    std::string everything;
    if (world->url.rfind("sqlite:", 0) == 0) {
        // Read by another process: closing a descriptor of the database file in this one
        // would drop SQLite's POSIX locks on it, and a second process (the mailgate test)
        // would then take the write-ahead log for abandoned.
        const std::string db = world->url.substr(7);
        FILE* files = popen(("cat '" + db + "' '" + db + "-wal'").c_str(), "r");
        ASSERT_NE(files, nullptr);
        char buf[65536];
        for (std::size_t n; (n = fread(buf, 1, sizeof buf, files)) > 0;)
            everything.append(buf, n);
        ASSERT_EQ(pclose(files), 0);
        ASSERT_GT(everything.size(), 100000u);
    } else {
        FILE* dump = popen(("pg_dump --data-only '" + world->url + "'").c_str(), "r");
        ASSERT_NE(dump, nullptr);
        char buf[65536];
        for (std::size_t n; (n = fread(buf, 1, sizeof buf, dump)) > 0;)
            everything.append(buf, n);
        ASSERT_EQ(pclose(dump), 0);
        ASSERT_NE(everything.find("proef@xs2more.example"), std::string::npos);
    }
    for (const auto& p : {first, wrong, second})
        EXPECT_EQ(everything.find(p), std::string::npos) << p;
}

TEST_F(Api, PasswordsAreStoredOnlyAsArgon2idHashes) {
    auto raw = Database::open(world->url, 1);
    soci::session& sql = raw->writer_session();
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT password_hash FROM staff WHERE password_hash IS NOT NULL");
    int n = 0;
    for (const soci::row& r : rs) {
        std::string h = r.get<std::string>(0);
        EXPECT_EQ(h.rfind("$argon2id$", 0), 0u);
        EXPECT_EQ(h.find(kDemoPassword), std::string::npos);
        ++n;
    }
    EXPECT_GE(n, 35);
}

TEST_F(Api, SessionsExpireWhenIdleAndAfterTwelveHours) {
    Authenticator auth(*world->db, *world->writer);
    Instant t0 = now();
    auto r = auth.login("directie@exactpi.example", kDemoPassword, "test", t0);
    ASSERT_EQ(r.kind, Authenticator::LoginResult::ok);
    using namespace std::chrono;
    EXPECT_TRUE(auth.authenticate(r.token, t0 + minutes{29})); // and keeps it alive
    EXPECT_TRUE(auth.authenticate(r.token, t0 + minutes{58}));
    EXPECT_FALSE(auth.authenticate(r.token, t0 + minutes{58 + 31})); // idle 31 minutes
    auto s = auth.login("directie@exactpi.example", kDemoPassword, "test", t0);
    Instant t = t0;
    for (int i = 0; i < 12 * 3; ++i) { // busy all day, never idle
        t += minutes{20};
        bool alive = auth.authenticate(s.token, t).has_value();
        EXPECT_EQ(alive, t < t0 + hours{12}) << i;
    }
    EXPECT_FALSE(auth.authenticate("not-a-token", t0));
}

// A logged-in user is not held up by a busy writer. Keeping a session alive is a write; it was
// made beside the writer, where SQLite's lock was polled for and seldom won while writes kept
// coming: during a retention run every logged-in request stalled, then failed after 30 s.
TEST_F(Api, ASessionIsKeptAliveWhileTheWriterIsBusy) {
    HttpClient c(world->base);
    ASSERT_EQ(c.login("kwaliteit@jexo.example", kDemoPassword).status, 200);
    const Instant was = now();
    world->clock.advance(std::chrono::minutes{2}); // the session is due its touch
    std::atomic<bool> stop{false};
    std::atomic<long long> writes{0};
    std::vector<std::thread> load;
    load.reserve(2);
    // Two streams of 200 writes at a time, as retention sends them, so the queue never
    // empties; each holds the transaction for a millisecond, as anonymising a case does.
    for (int i = 0; i < 2; ++i)
        load.emplace_back([&] {
            while (!stop) {
                auto left = std::make_shared<std::atomic<int>>(200);
                auto all_done = std::make_shared<std::promise<void>>();
                for (int w = 0; w < 200; ++w)
                    world->writer->submit(
                        {[](Transaction& t) {
                             t.session()
                                 << "UPDATE organisations SET name = name WHERE slug = 'jexo'";
                             std::this_thread::sleep_for(std::chrono::milliseconds{1});
                             return true;
                         },
                         [left, all_done, &writes](WriteStatus, const std::string&) {
                             ++writes;
                             if (--*left == 0) all_done->set_value();
                         }});
                all_done->get_future().wait();
            }
        });
    while (writes < 100)
        std::this_thread::sleep_for(std::chrono::milliseconds{1});
    HttpReply r;
    try {
        r = c.get("/api/v1/organisations/jexo/complaints?limit=1");
    } catch (const std::exception& e) { // the client gives up after 30 s
        ADD_FAILURE() << e.what();
    }
    stop = true;
    for (auto& t : load)
        t.join();
    world->clock.set(was);
    EXPECT_EQ(r.status, 200) << r.body;
    long long last_seen = 0;
    std::string token_hash = sha256_hex(c.cookie.substr(c.cookie.find('=') + 1));
    auto own = Database::open(world->url, 1); // the writer's session is its thread's
    own->writer_session() << "SELECT last_seen_at FROM sessions WHERE token_hash = :t",
        soci::use(token_hash), soci::into(last_seen);
    EXPECT_EQ(last_seen, to_epoch(was + std::chrono::minutes{2})) << "the touch was written";
}

// Every route, called as every role, as nobody and as a user of another organisation; the
// expected answers are this table. A route the server has and the table lacks fails.
TEST_F(Api, AccessMatrix) {
    const std::string org = "quoratio";
    // The case: registered by employee Peter, handled by Sanne, about Mohamed.
    HttpClient& peter = as(org, "peter");
    json in = intake(org);
    in["involved_staff"] = {staff(org, "mohamed")};
    auto made = peter.post("/api/v1/organisations/quoratio/complaints", in);
    ASSERT_EQ(made.status, 201) << made.body;
    long long id = made.json()["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    const std::string one = "/api/v1/organisations/quoratio/complaints/" + std::to_string(id);
    auto file = http(org).post(one + "/attachments?file_name=brief.pdf&kind=correspondence",
                               std::string("%PDF-1.4\n"), "application/octet-stream");
    ASSERT_EQ(file.status, 201) << file.body;
    const std::string file_id = std::to_string(file.json()["id"].get<long long>());
    auto mail = world->services->inbound_mail.receive(
        *world->services->organisations.find(org),
        "From: a@example.org\r\nSubject: toegang\r\nMessage-ID: <matrix@example.org>\r\n\r\nx",
        false, now());
    ASSERT_TRUE(mail) << mail.refusal().message_en;
    const std::string message =
        "/api/v1/organisations/quoratio/inbox/" + std::to_string(mail.value().id);
    // Issue 13: a nonconformity the coordinator recorded, with a measure Sanne owns, and an
    // action agreed on the case, Sanne's too.
    const std::string today = format_date(local_date(now()));
    auto finding = http(org).post("/api/v1/organisations/quoratio/nonconformities",
                                  json{{"kind", "nonconformity"},
                                       {"occurred_on", today},
                                       {"description", "Rooster te laat"},
                                       {"source", "internal_audit"}});
    ASSERT_EQ(finding.status, 201) << finding.body;
    const std::string nonconformity = "/api/v1/organisations/quoratio/nonconformities/" +
                                      std::to_string(finding.json()["id"].get<long long>());
    ASSERT_EQ(http(org)
                  .post(nonconformity + "/measures", json{{"kind", "corrective"},
                                                          {"what", "Roosters eerder sturen"},
                                                          {"owner_id", staff(org, "sanne")},
                                                          {"due_on", today}})
                  .status,
              201);
    auto agreed = as(org, "sanne")
                      .post(one + "/actions", json{{"what", "Terugbellen"},
                                                   {"owner_id", staff(org, "sanne")},
                                                   {"due_on", today}});
    ASSERT_EQ(agreed.status, 201) << agreed.body;
    const std::string action = "/api/v1/organisations/quoratio/actions/" +
                               std::to_string(agreed.json()["id"].get<long long>());

    HttpClient nobody(world->base);
    struct Who {
        const char* name;
        HttpClient* client;
    };
    std::vector<Who> who = {
        {"employee", &peter},
        {"handler", &as(org, "sanne")},
        {"involved", &as(org, "mohamed")},
        {"coordinator", &as(org, "kwaliteit")},
        {"management", &as(org, "directie")},
        {"confidant", &as(org, "vertrouwenspersoon.henk")},
        {"auditor", &as(org, "auditor")},
        {"admin", &as(org, "beheer")},
        {"other-org", &as("jexo", "kwaliteit")},
        {"nobody", &nobody},
    };
    struct Row {
        const char* method;
        std::string pattern, path;
        json body;
        std::vector<int> expect; // in the order of `who`
    };
    json extend = {{"term", "1 week"}, {"reason", "test"}}; // refused by the rules if allowed
    const std::string c = "/api/v1/organisations/quoratio";
    std::vector<Row> rows = {
        {"GET",
         "/api/health",
         "/api/health",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
        {"GET",
         "/api/v1/session",
         "/api/v1/session",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
        {"GET",
         "/api/v1/organisations",
         "/api/v1/organisations",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 200, 401}},
        {"GET",
         "/api/v1/organisations/:org",
         c,
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/procedure",
         c + "/procedure",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/staff",
         c + "/staff",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/complaints",
         c + "/complaints",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/complaints",
         c + "/complaints",
         intake(org),
         {201, 201, 201, 201, 201, 201, 403, 403, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/audit",
         c + "/audit",
         nullptr,
         {403, 403, 403, 200, 200, 403, 200, 403, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/complaints/:id",
         one,
         nullptr,
         {200, 200, 404, 200, 200, 404, 200, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/complaints/:id/:action",
         one + "/extend",
         extend,
         {403, 422, 404, 422, 422, 404, 403, 404, 404, 401}},
        // The case file: an auditor reads it but adds nothing; an upload without a name
        // or kind is refused with both fields named.
        {"GET",
         "/api/v1/organisations/:org/complaints/:id/attachments",
         one + "/attachments",
         nullptr,
         {200, 200, 404, 200, 200, 404, 200, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/complaints/:id/attachments",
         one + "/attachments",
         nullptr,
         {422, 422, 404, 422, 422, 404, 403, 404, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/complaints/:id/attachments/:file",
         one + "/attachments/" + file_id,
         nullptr,
         {200, 200, 404, 200, 200, 404, 200, 404, 404, 401}},
        {"POST",
         "/api/v1/session/password",
         "/api/v1/session/password",
         json{{"current_password", "not-my-password"}, {"new_password", "een-nieuw-wachtwoord"}},
         {422, 422, 422, 422, 422, 422, 422, 422, 422, 401}},
        {"POST",
         "/api/v1/organisations/:org/staff",
         c + "/staff",
         json{{"name", "X"},
              {"email", "x@quoratio.example"},
              {"roles", "boss"},
              {"password", "een-lang-wachtwoord"}},
         {403, 403, 403, 403, 422, 403, 403, 422, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/staff/:id",
         c + "/staff/" + std::to_string(staff(org, "peter")),
         json{{"roles", "boss"}},
         {403, 403, 403, 403, 422, 403, 403, 422, 404, 401}},
        // Anyone may try to log in; the sixth failure for one account in 15 minutes is refused.
        {"POST",
         "/api/v1/session",
         "/api/v1/session",
         json{{"email", "x@y.example"}, {"password", "wrong-password"}},
         {401, 401, 401, 401, 401, 429, 429, 429, 429, 429}},
        // Mail that came in: for the coordinator and management; the confidants see only what
        // came in on their address, so this message is unknown to them as to everybody else.
        {"GET",
         "/api/v1/organisations/:org/inbox",
         c + "/inbox",
         nullptr,
         {403, 403, 403, 200, 200, 200, 403, 403, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/outbox",
         c + "/outbox?status=failed",
         nullptr,
         {403, 403, 403, 200, 200, 200, 403, 403, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/inbox/:id",
         message,
         nullptr,
         {404, 404, 404, 200, 200, 404, 404, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/inbox/:id/register",
         message + "/register",
         intake(org),
         {404, 404, 404, 201, 409, 404, 404, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/inbox/:id/dismiss",
         message + "/dismiss",
         json{{"reason", ""}},
         {404, 404, 404, 422, 422, 404, 404, 404, 404, 401}},
        // The organisation's own mail texts: management and admins change them; coordinators
        // and auditors read them. This text lacks its reference, so nothing is kept.
        {"GET",
         "/api/v1/organisations/:org/mail-templates",
         c + "/mail-templates",
         nullptr,
         {403, 403, 403, 200, 200, 403, 200, 200, 404, 401}},
        {"PUT",
         "/api/v1/organisations/:org/mail-templates/:kind/:language",
         c + "/mail-templates/acknowledgement/nl",
         json{{"subject", "Ontvangen"}, {"body", "Beste {{complainant_name}}"}},
         {403, 403, 403, 403, 422, 403, 403, 422, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/mail-templates/:kind/:language/preview",
         c + "/mail-templates/acknowledgement/nl/preview",
         json{{"subject", "Ontvangen"}, {"body", "Beste {{complainant_name}}"}},
         {403, 403, 403, 422, 422, 403, 422, 422, 404, 401}},
        {"DELETE",
         "/api/v1/organisations/:org/mail-templates/:kind/:language",
         c + "/mail-templates/acknowledgement/nl",
         nullptr,
         {403, 403, 403, 403, 200, 403, 403, 200, 404, 401}},
        // Issue 13 (docs/register.md): anyone who works here reports and reads their own;
        // coordinators and management investigate; auditors read; admins have no part.
        // The management-review report: for those who run or audit the register.
        {"GET",
         "/api/v1/organisations/:org/report",
         c + "/report?period=2026-Q3",
         nullptr,
         {403, 403, 403, 200, 200, 403, 200, 403, 404, 401}},
        {"PUT",
         "/api/v1/organisations/:org/report/review",
         c + "/report/review?period=2026-Q3",
         json{{"conclusions", " "}},
         {403, 403, 403, 422, 422, 403, 403, 403, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/nonconformities",
         c + "/nonconformities",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 403, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/nonconformities",
         c + "/nonconformities",
         json{{"kind", "improvement"},
              {"occurred_on", today},
              {"description", ""},
              {"source", "employee"}},
         {422, 422, 422, 422, 422, 422, 403, 403, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/nonconformities/:id",
         nonconformity,
         nullptr,
         {404, 200, 404, 200, 200, 404, 200, 404, 404, 401}},
        {"PATCH",
         "/api/v1/organisations/:org/nonconformities/:id",
         nonconformity,
         json::object(),
         {404, 403, 404, 422, 422, 404, 403, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/nonconformities/:id/close",
         nonconformity + "/close",
         json{{"note", ""}},
         {404, 403, 404, 409, 409, 404, 403, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/nonconformities/:id/measures",
         nonconformity + "/measures",
         json{{"kind", "preventive"}, {"what", ""}},
         {404, 403, 404, 422, 422, 404, 403, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/complaints/:id/actions",
         one + "/actions",
         json{{"what", ""}},
         {403, 422, 404, 422, 422, 404, 403, 404, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/actions",
         c + "/actions",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 403, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/actions/:id/status",
         action + "/status",
         json{{"status", "done"}},
         {403, 422, 404, 422, 422, 404, 403, 404, 404, 401}},
        {"POST",
         "/api/v1/organisations/:org/actions/:id/review",
         action + "/review",
         json{{"effective", true}, {"evidence", ""}},
         {403, 403, 404, 409, 409, 404, 403, 404, 404, 401}},
        {"GET",
         "/api/v1/organisations/:org/hearing-summaries",
         c + "/hearing-summaries",
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 404, 401}},
        // The public form and its status page are for anyone, with or without a session;
        // a form without a way to reach the sender is refused, a made-up link is unknown.
        {"GET",
         "/klacht/:org",
         "/klacht/" + org,
         nullptr,
         {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
        {"POST",
         "/klacht/:org",
         "/klacht/" + org,
         nullptr,
         {422, 422, 422, 422, 422, 422, 422, 422, 422, 422}},
        {"GET",
         "/klacht/:org/tevredenheid/:token",
         "/klacht/" + org + "/tevredenheid/" + std::string(64, 'a'),
         nullptr,
         {404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
        {"POST",
         "/klacht/:org/tevredenheid/:token",
         "/klacht/" + org + "/tevredenheid/" + std::string(64, 'a'),
         nullptr,
         {404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
        {"GET",
         "/klacht/:org/status/:token",
         "/klacht/" + org + "/status/" + std::string(64, 'a'),
         nullptr,
         {404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
        {"DELETE",
         "/api/v1/session",
         "/api/v1/session",
         nullptr,
         {204, 204, 204, 204, 204, 204, 204, 204, 204, 401}},
    };
    for (const auto& route : world->server->routes()) {
        bool listed = std::any_of(rows.begin(), rows.end(), [&](const Row& r) {
            return r.method == route.first && r.pattern == route.second;
        });
        EXPECT_TRUE(listed) << "no row in the access matrix for " << route.first << " "
                            << route.second;
    }
    for (const auto& row : rows) {
        ASSERT_EQ(row.expect.size(), who.size());
        for (std::size_t i = 0; i < who.size(); ++i) {
            HttpClient& cl = *who[i].client;
            std::string m = row.method;
            HttpReply r = m == "GET"      ? cl.get(row.path)
                          : m == "DELETE" ? cl.del(row.path)
                          : m == "PUT"    ? cl.put(row.path, row.body)
                          : m == "PATCH"  ? cl.patch(row.path, row.body)
                                          : cl.post(row.path, row.body);
            EXPECT_EQ(r.status, row.expect[i])
                << row.method << " " << row.path << " as " << who[i].name << ": " << r.body;
        }
    }
    world->people.clear(); // the DELETE row logged everyone out
    world->coordinators.clear();
}

// R-ASSIGN (003): only the chosen confidant and the people they add see a confidential case,
// in the case and in the register; nobody else adds anyone, and removing takes it away.
// Issue 11: docs/openapi.json describes exactly the routes the server has (the contract test
// in web/tests/contract.test.mjs checks the answers against it).
TEST_F(Api, TheOpenApiDescriptionListsEveryRouteAndNoOther) {
    std::ifstream in(kd::testing::source_path("docs/openapi.json"));
    ASSERT_TRUE(in) << "docs/openapi.json is missing";
    json spec = json::parse(in);
    std::set<std::string> described, served;
    for (const auto& [path, item] : spec["paths"].items())
        for (const auto& [method, operation] : item.items())
            if (method != "parameters" && method != "summary" && method != "description") {
                std::string m = method;
                for (char& ch : m)
                    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                described.insert(m + " " + path);
            }
    for (const auto& [method, pattern] : world->server->routes()) {
        // "/complaints/:id" is "/complaints/{id}" in OpenAPI.
        std::string path;
        auto segments = path_segments(pattern);
        ASSERT_TRUE(segments) << pattern;
        for (const auto& segment : *segments)
            path +=
                "/" + (!segment.empty() && segment.front() == ':' ? "{" + segment.substr(1) + "}"
                                                                  : segment);
        served.insert(method + " " + path);
    }
    EXPECT_EQ(described, served);
}

TEST_F(Api, TheConfidantAddsPeopleToAConfidentialCase) {
    const std::string org = "quoratio";
    json in = intake(org); // about Peter
    in["confidential"] = true;
    in["handler_id"] = staff(org, "vertrouwenspersoon.henk");
    long long id = create(org, in)["id"];
    const std::string path = "/api/v1/organisations/quoratio/complaints/" + std::to_string(id);
    HttpClient& henk = as(org, "vertrouwenspersoon.henk");
    auto in_register = [&](const std::string& who) {
        auto r = as(org, who).get("/api/v1/organisations/quoratio/complaints?limit=200");
        EXPECT_EQ(r.status, 200);
        json page = r.json();
        return std::any_of(page["items"].begin(), page["items"].end(),
                           [&](const json& x) { return x["id"] == id; });
    };
    // management (sees all open cases), a handler, and the admin (sees no content): three
    // different ways into the register, each opened only by being added.
    const std::vector<std::string> added = {"directie", "sanne", "beheer"};
    for (const auto& who : added) {
        EXPECT_EQ(as(org, who).get(path).status, 404) << who;
        EXPECT_FALSE(in_register(who)) << who;
    }
    act_as(as(org, "directie"), org, id, "grant-access", {{"staff_id", staff(org, "directie")}},
           404);
    EXPECT_EQ(
        act_as(henk, org, id, "grant-access", {{"staff_id", staff(org, "peter")}}, 422)["type"],
        "https://klachtdesk.example/problems/person_involved");
    EXPECT_EQ(act_as(henk, org, id, "grant-access", {{"staff_id", 999999}}, 422)["type"],
              "https://klachtdesk.example/problems/unknown_staff");
    act_as(henk, org, id, "grant-access", json::object(), 422);
    json c;
    for (const auto& who : added)
        c = act_as(henk, org, id, "grant-access", {{"staff_id", staff(org, who)}});
    EXPECT_EQ(c["granted_access"].size(), 3u);
    act_as(henk, org, id, "grant-access", {{"staff_id", staff(org, "sanne")}}, 422);
    for (const auto& who : added) {
        auto seen = as(org, who).get(path);
        ASSERT_EQ(seen.status, 200) << who;
        // Reading it is recorded, as for the confidant.
        EXPECT_EQ(seen.json()["timeline"].back()["action"], "view");
        EXPECT_EQ(seen.json()["timeline"].back()["actor_id"], staff(org, who));
        EXPECT_TRUE(in_register(who)) << who;
    }
    // Added people read; the confidant alone works the case and adds people.
    act_as(as(org, "directie"), org, id, "acknowledge", {{"note", "x"}}, 403);
    act_as(as(org, "directie"), org, id, "grant-access", {{"staff_id", staff(org, "auditor")}},
           403);
    EXPECT_EQ(as(org, "kwaliteit").get(path).status, 404);
    EXPECT_EQ(as(org, "auditor").get(path).status, 404);
    for (const auto& who : added)
        act_as(henk, org, id, "revoke-access", {{"staff_id", staff(org, who)}});
    act_as(henk, org, id, "revoke-access", {{"staff_id", staff(org, "sanne")}}, 422);
    for (const auto& who : added) {
        EXPECT_EQ(as(org, who).get(path).status, 404) << who;
        EXPECT_FALSE(in_register(who)) << who;
    }
    json timeline = henk.get(path).json()["timeline"];
    auto count = [&](const char* action) {
        return std::count_if(timeline.begin(), timeline.end(), [&](const json& e) {
            return e["action"] == action && e["actor_id"] == staff(org, "vertrouwenspersoon.henk");
        });
    };
    EXPECT_EQ(count("grant-access"), 3);
    EXPECT_EQ(count("revoke-access"), 3);
    // The summary shared with Peter, whom it is about, is part of the confidential case:
    // reading it is recorded too.
    act_as(henk, org, id, "share-summary",
           {{"employee_id", staff(org, "peter")}, {"text", "Een klacht over uw gedrag."}});
    auto shared = as(org, "peter").get("/api/v1/organisations/quoratio/hearing-summaries");
    ASSERT_EQ(shared.status, 200);
    EXPECT_NE(shared.body.find("Een klacht over uw gedrag."), std::string::npos);
    json last = henk.get(path).json()["timeline"];
    ASSERT_GE(last.size(), 2u);
    EXPECT_EQ(last[last.size() - 2]["action"], "view-summary"); // then henk's own "view"
    EXPECT_EQ(last[last.size() - 2]["actor_id"], staff(org, "peter"));
    // An ordinary case has no one to add: the coordinator assigns a handler instead.
    long long open = create(org, intake(org))["id"];
    act(org, open, "assign", {{"handler_id", staff(org, "sanne")}});
    act_as(as(org, "sanne"), org, open, "grant-access", {{"staff_id", staff(org, "mohamed")}}, 403);
}

// Hearing of both sides: the employee a complaint is about never sees the case, only the
// summary its handler shares with them.
TEST_F(Api, TheInvolvedEmployeeReadsOnlyTheSharedSummary) {
    const std::string org = "quoratio";
    json in = intake(org);
    in["involved_staff"] = {staff(org, "mohamed")};
    json made = create(org, in);
    long long id = made["id"];
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    HttpClient& sanne = as(org, "sanne");
    HttpClient& mohamed = as(org, "mohamed");
    auto summaries_of = [&](HttpClient& who) {
        auto r = who.get("/api/v1/organisations/quoratio/hearing-summaries");
        EXPECT_EQ(r.status, 200) << r.body;
        json items = json::array();
        json page = r.json();
        for (const auto& s : page["items"])
            if (s["reference"] == made["reference"]) items.push_back(s);
        return items;
    };
    EXPECT_TRUE(summaries_of(mohamed).empty());
    const std::string text = "Een uitzendkracht zegt dat u onvriendelijk was aan de telefoon "
                             "op 12-11-2026. Graag hoor ik uw kant.";
    act_as(sanne, org, id, "share-summary", {{"employee_id", staff(org, "peter")}, {"text", text}},
           422); // Peter is not who it is about
    act_as(sanne, org, id, "share-summary", {{"employee_id", staff(org, "mohamed")}, {"text", ""}},
           422);
    act_as(as(org, "auditor"), org, id, "share-summary",
           {{"employee_id", staff(org, "mohamed")}, {"text", text}}, 403);
    json c = act_as(sanne, org, id, "share-summary",
                    {{"employee_id", staff(org, "mohamed")}, {"text", text}});
    ASSERT_EQ(c["hearing_summaries"].size(), 1u);
    json timeline = get(org, id)["timeline"];
    EXPECT_EQ(timeline.back()["action"], "share-summary");
    EXPECT_EQ(timeline.back()["actor_id"], staff(org, "sanne"));
    json mine = summaries_of(mohamed);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0]["text"], text);
    EXPECT_EQ(mine[0]["shared_by"], staff(org, "sanne"));
    // Only the summary: the case itself, its complainant and its register row stay hidden.
    EXPECT_FALSE(mine[0].contains("complainant"));
    EXPECT_FALSE(mine[0].contains("description"));
    EXPECT_EQ(mohamed.get("/api/v1/organisations/quoratio/complaints/" + std::to_string(id)).status,
              404);
    EXPECT_TRUE(summaries_of(as(org, "peter")).empty());
    EXPECT_TRUE(summaries_of(sanne).empty());
}

// Issue 3, "tried as a new user would": the demo data of seed-demo, then every demo account
// of every organisation logs in and reads the register, each case in it, and the summaries
// shared with them. What each sees is checked against the role table of the issue, written
// out here over the stored cases.
TEST_F(Api, EveryDemoAccountSeesOnlyWhatItsRoleShould) {
    ASSERT_EQ(generate_complaints(world->services->complaints, *world->writer, 80, now(),
                                  std::chrono::days{49}, 7),
              80);
    const std::set<std::string> demo_accounts = {"kwaliteit",
                                                 "sanne",
                                                 "mohamed",
                                                 "directie",
                                                 "peter",
                                                 "auditor",
                                                 "beheer",
                                                 "vertrouwenspersoon.henk",
                                                 "vertrouwenspersoon.fatima"};
    int accounts_tried = 0;
    int confidential_seen = 0, summaries_seen = 0, own_registered_seen = 0;
    for (const auto& o : world->services->organisations.all()) {
        const std::string org = o->record.slug;
        ComplaintQuery all;
        all.organisation_id = o->record.id;
        all.limit = 100000;
        auto stored = world->db->list(all).items;
        for (const auto& m : world->db->staff(o->record.id)) {
            const std::string local = m.email.substr(0, m.email.find('@'));
            if (m.email != local + "@" + org + ".example" || !demo_accounts.count(local))
                continue; // accounts other tests made
            ++accounts_tried;
            auto role = [&](const char* r) { return m.has_role(r); };
            std::set<long long> expected;
            std::size_t expected_summaries = 0;
            for (const auto& c : stored) {
                for (const auto& h : c.hearing_summaries)
                    expected_summaries += h.employee_id == m.id;
                bool about_me = std::count(c.involved_staff.begin(), c.involved_staff.end(), m.id);
                bool handles = c.handler_id == m.id;
                bool added = std::count(c.granted_access.begin(), c.granted_access.end(), m.id);
                bool sees = false;
                if (about_me)
                    sees = false; // never the case about yourself
                else if (c.confidential)
                    sees = handles || added; // only the confidant and whom they added
                else if (handles || role("coordinator") || role("management") || role("auditor"))
                    sees = true;
                else if (role("employee") || role("handler") || role("confidant"))
                    sees = c.registered_by == m.id;
                if (sees) expected.insert(c.id);
            }
            HttpClient& me = as(org, local);
            std::set<long long> listed;
            for (int offset = 0;; offset += 200) {
                auto r = me.get("/api/v1/organisations/" + org +
                                "/complaints?limit=200&offset=" + std::to_string(offset));
                ASSERT_EQ(r.status, 200) << m.email << ": " << r.body;
                json page = r.json();
                for (const auto& c : page["items"])
                    listed.insert(c["id"].get<long long>());
                if (!page["has_more"].get<bool>()) break;
            }
            EXPECT_EQ(listed, expected) << m.email << " (" << m.roles << ")";
            for (long long id : expected) {
                auto r =
                    me.get("/api/v1/organisations/" + org + "/complaints/" + std::to_string(id));
                EXPECT_EQ(r.status, 200) << m.email << " reading " << id;
                if (r.status == 200 && r.json()["confidential"].get<bool>()) ++confidential_seen;
                if (r.status == 200 && r.json()["registered_by"] == m.id && role("employee"))
                    ++own_registered_seen;
            }
            for (const auto& c : stored) {
                if (expected.count(c.id)) continue;
                auto r =
                    me.get("/api/v1/organisations/" + org + "/complaints/" + std::to_string(c.id));
                EXPECT_EQ(r.status, 404) << m.email << " reading " << c.id;
            }
            auto sums = me.get("/api/v1/organisations/" + org + "/hearing-summaries").json();
            EXPECT_EQ(sums["items"].size(), expected_summaries) << m.email;
            summaries_seen += static_cast<int>(expected_summaries);
        }
    }
    EXPECT_EQ(accounts_tried, 5 * 7 + 2); // seven roles everywhere, two confidants at 003
    // The demo data gives every kind of reader something to see.
    EXPECT_GT(confidential_seen, 0);
    EXPECT_GT(summaries_seen, 0);
    EXPECT_GT(own_registered_seen, 0);
}

TEST_F(Api, TheRegisterShowsEachRoleOnlyItsOwn) {
    const std::string org = "exactpi";
    json in = intake(org);
    in["description_approved"] = in["procedure_explained"] = true;
    auto mine = as(org, "peter").post("/api/v1/organisations/exactpi/complaints", in);
    ASSERT_EQ(mine.status, 201) << mine.body;
    long long peters = mine.json()["id"];
    auto list = [&](const std::string& who) {
        auto r = as(org, who).get("/api/v1/organisations/exactpi/complaints?limit=200");
        EXPECT_EQ(r.status, 200);
        std::set<long long> ids;
        json page = r.json();
        for (auto& c : page["items"])
            ids.insert(c["id"].get<long long>());
        return ids;
    };
    auto peter = list("peter"), admin = list("beheer"), coordinator = list("kwaliteit"),
         mohamed = list("mohamed");
    EXPECT_FALSE(peter.count(peters)); // it is about Peter himself (intake() involves him)
    EXPECT_TRUE(admin.empty());        // accounts and settings, not content
    EXPECT_TRUE(coordinator.count(peters));
    EXPECT_FALSE(mohamed.count(peters)); // neither handler nor registrant
    // Registered by Peter about Mohamed: Peter sees it, Mohamed does not.
    in["involved_staff"] = {staff(org, "mohamed")};
    auto second = as(org, "peter").post("/api/v1/organisations/exactpi/complaints", in);
    ASSERT_EQ(second.status, 201) << second.body;
    long long about_mohamed = second.json()["id"];
    EXPECT_TRUE(list("peter").count(about_mohamed));
    EXPECT_FALSE(list("mohamed").count(about_mohamed));
    peter = list("peter");
    for (long long id : peter) {
        auto c = as(org, "peter")
                     .get("/api/v1/organisations/exactpi/complaints/" + std::to_string(id))
                     .json();
        EXPECT_EQ(c["registered_by"], staff(org, "peter"));
    }
}

// R-REPORT: the organisation-wide audit log, filterable and as CSV, for the auditor.
TEST_F(Api, AuditLogForTheAuditorAsJsonAndCsv) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "overig";
    long long id = create(org, in)["id"];
    act(org, id, "withdraw", {{"reason", "Opgelost in een gesprek"}});
    HttpClient& auditor = as(org, "auditor");
    auto all = auditor.get("/api/v1/organisations/xs2more/audit?limit=1000");
    ASSERT_EQ(all.status, 200) << all.body;
    json page = all.json();
    long long last_seq = 0;
    bool found = false;
    for (auto& e : page["items"]) {
        EXPECT_GT(e["seq"].get<long long>(), last_seq); // chain order
        last_seq = e["seq"];
        found |= e["complaint_id"] == id && e["action"] == "withdraw";
    }
    EXPECT_TRUE(found);
    json only = auditor
                    .get("/api/v1/organisations/xs2more/audit?action=withdraw&complaint=" +
                         std::to_string(id))
                    .json();
    ASSERT_EQ(only["items"].size(), 1u);
    EXPECT_EQ(only["items"][0]["actor_id"], staff(org, "coordinator"));
    auto csv = auditor.get("/api/v1/organisations/xs2more/audit?format=csv&complaint=" +
                           std::to_string(id));
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFvolgnummer;tijdstip;medewerker;bron;actie;onderwerp;"
                             "onderwerp_id;klacht;wijzigingen;hash\r\n",
                             0),
              0u);
    EXPECT_NE(csv.body.find(";\"withdraw\";"), std::string::npos);
    // Issue 3: putting a procedure in force is in the same log, signed by klachtdesk itself.
    auto adopted = auditor.get("/api/v1/organisations/xs2more/audit?action=procedure-adopt").json();
    ASSERT_EQ(adopted["items"].size(), 1u);
    EXPECT_EQ(adopted["items"][0]["subject"], (json{{"type", "procedure"}, {"id", 3}}));
    EXPECT_EQ(adopted["items"][0]["source"],
              kd::testing::source_path("procedures") + "/004-xs2more.toml");
    EXPECT_EQ(adopted["items"][0]["changes"]["version"], (json{nullptr, 3}));
    EXPECT_EQ(auditor.get("/api/v1/organisations/xs2more/audit?colour=red").status, 400);
    EXPECT_EQ(as(org, "beheer").get("/api/v1/organisations/xs2more/audit").status, 403);
}

// Issue 3: the admin manages accounts and roles; people change their own password; every
// such change is an audit event in the same chain, without the password in it.
TEST_F(Api, AdminManagesAccountsAndEveryChangeIsAudited) {
    const std::string org = "een-loket-mk";
    HttpClient& admin = as(org, "beheer");
    const std::string base = "/api/v1/organisations/een-loket-mk/staff";
    auto made = admin.post(base, json{{"name", "Nieuwe Handelaar"},
                                      {"email", "nieuw@een-loket-mk.example"},
                                      {"roles", "handler,employee"},
                                      {"job_title", "Relatiemanager"},
                                      {"password", "eerste-wachtwoord"}});
    ASSERT_EQ(made.status, 201) << made.body;
    long long id = made.json()["id"];
    EXPECT_EQ(made.json()["job_title"], "Relatiemanager");
    // The function (R-ASSIGN, 001) is kept with the account and its changes are audited.
    auto retitled =
        admin.post(base + "/" + std::to_string(id), json{{"job_title", "Senior relatiemanager"}});
    ASSERT_EQ(retitled.status, 200) << retitled.body;
    EXPECT_EQ(retitled.json()["job_title"], "Senior relatiemanager");
    EXPECT_EQ(admin
                  .post(base, json{{"name", "Dubbel"},
                                   {"email", "nieuw@een-loket-mk.example"},
                                   {"roles", "handler"},
                                   {"password", "eerste-wachtwoord"}})
                  .status,
              422);
    EXPECT_EQ(admin
                  .post(base, json{{"name", "Kort"},
                                   {"email", "kort@een-loket-mk.example"},
                                   {"roles", "handler"},
                                   {"password", "kort"}})
                  .status,
              422);

    HttpClient newcomer(world->base);
    ASSERT_EQ(newcomer.login("nieuw@een-loket-mk.example", "eerste-wachtwoord").status, 200);
    EXPECT_EQ(newcomer
                  .post("/api/v1/session/password", json{{"current_password", "eerste-wachtwoord"},
                                                         {"new_password", "tweede-wachtwoord"}})
                  .status,
              200);
    HttpClient again(world->base);
    EXPECT_EQ(again.login("nieuw@een-loket-mk.example", "eerste-wachtwoord").status, 401);
    EXPECT_EQ(again.login("nieuw@een-loket-mk.example", "tweede-wachtwoord").status, 200);

    // Issue 10, item 4: a role that opens complaints is management's to grant.
    EXPECT_EQ(admin.post(base + "/" + std::to_string(id), json{{"roles", "coordinator"}}).status,
              403);
    auto changed =
        as(org, "directie").post(base + "/" + std::to_string(id), json{{"roles", "coordinator"}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.json()["roles"], "coordinator");
    EXPECT_EQ(admin.post(base + "/" + std::to_string(id), json{{"active", false}}).status, 200);
    HttpClient gone(world->base);
    EXPECT_EQ(gone.login("nieuw@een-loket-mk.example", "tweede-wachtwoord").status, 401);
    EXPECT_EQ(again.get("/api/v1/session").status, 401); // an inactive account's session ends
    EXPECT_EQ(admin.post(base + "/999999", json{{"active", false}}).status, 404);

    auto log = as(org, "auditor").get("/api/v1/organisations/een-loket-mk/audit?limit=1000");
    ASSERT_EQ(log.status, 200);
    json events = log.json();
    std::vector<std::string> actions;
    for (auto& e : events["items"])
        if (e["changes"].dump().find("nieuw@een-loket-mk.example") != std::string::npos ||
            e["action"] == "password-change" || e["action"] == "account-change")
            actions.push_back(e["action"]);
    EXPECT_NE(std::find(actions.begin(), actions.end(), "account-add"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "password-change"), actions.end());
    EXPECT_NE(std::find(actions.begin(), actions.end(), "account-change"), actions.end());
    EXPECT_EQ(log.body.find("eerste-wachtwoord"), std::string::npos);
    EXPECT_EQ(log.body.find("tweede-wachtwoord"), std::string::npos);
    AuditCheck chain = world->db->verify_audit(world->services->organisations.find(org)->record.id);
    EXPECT_TRUE(chain.intact) << chain.problem;
}

// Issue 9, item 10 (R-PROC): a complaint keeps the procedure version it came in under. Jexo
// raises its term from 14 to 21 days in version 3; the complaint of version 2 is still due
// after 14 days, the new one after 21, also after a restart.
TEST(ProcedureVersions, EachComplaintRunsUnderItsOwnVersion) {
    namespace fs = std::filesystem;
    fs::path dir =
        fs::temp_directory_path() / ("klachtdesk-versions-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "procs");
    fs::copy_file(kd::testing::source_path("procedures/000-jexo.toml"), dir / "procs/000.toml");
    std::string url = "sqlite:" + (dir / "k.db").string();
    ManualClock clock(kd::testing::at("2026-11-02T10:00"));
    auto register_one = [&](Runtime& rt) {
        const OrganisationContext& o = *rt.services().organisations.find("jexo");
        seed_demo_staff(rt.services().complaints, rt.services().accounts, clock.now());
        long long who = 0;
        for (const auto& s : rt.db().staff(o.record.id))
            if (s.roles == "coordinator") who = s.id;
        Intake in;
        in.received_at = clock.now();
        in.complainant.name = "Versie Test";
        in.description = "Onder welke versie?";
        auto r =
            rt.services().complaints.register_complaint(o, in, Actor{who, "test", {}}, clock.now());
        EXPECT_TRUE(r) << r.refusal().message_en;
        return r.value().complaint.id;
    };
    auto resolve_due = [&](Runtime& rt, long long id) {
        const OrganisationContext& o = *rt.services().organisations.find("jexo");
        auto file = rt.services().complaints.read_case(o, id, Actor{}, clock.now());
        EXPECT_TRUE(file);
        for (const auto& d : file.value().deadlines)
            if (d.step == StepId::resolve && d.due) return format_iso_local(*d.due);
        return std::string("none");
    };
    long long old_case = 0;
    {
        std::string procs = (dir / "procs").string();
        Runtime rt(url, load_procedure_dir(procs), clock);
        old_case = register_one(rt);
        EXPECT_EQ(resolve_due(rt, old_case), "2026-11-16T23:59:59+01:00");
    }
    {
        std::ifstream in(dir / "procs/000.toml");
        std::string text(std::istreambuf_iterator<char>(in), {});
        text.replace(text.find("version = 4"), 11, "version = 5");
        text.replace(text.find("term = \"14 days\""), 16, "term = \"21 days\"");
        std::ofstream(dir / "procs/000.toml") << text;
    }
    std::string procs = (dir / "procs").string();
    Runtime rt(url, load_procedure_dir(procs), clock);
    long long new_case = register_one(rt);
    EXPECT_EQ(resolve_due(rt, new_case), "2026-11-23T23:59:59+01:00");
    EXPECT_EQ(resolve_due(rt, old_case), "2026-11-16T23:59:59+01:00");
    auto old_complaint =
        rt.db().complaint(rt.services().organisations.find("jexo")->record.id, old_case);
    ASSERT_TRUE(old_complaint);
    EXPECT_EQ(old_complaint->procedure_version, 4);
    if (!::testing::Test::HasFailure()) fs::remove_all(dir);
}

// Issue 10, item 4 (docs/access.md): the admin sees no content, so it cannot hand itself, or
// anyone, a role that opens complaints; no one changes their own roles.
TEST_F(Api, AnAdminCannotGiveItselfAccessToComplaints) {
    const std::string org = "exactpi";
    const std::string base = "/api/v1/organisations/exactpi/staff";
    HttpClient& admin = as(org, "beheer");
    long long self = staff(org, "beheer");
    for (const char* roles : {"admin,coordinator", "admin,management", "admin,auditor"}) {
        auto r = admin.post(base + "/" + std::to_string(self), json{{"roles", roles}});
        EXPECT_EQ(r.status, 403) << roles << ": " << r.body;
    }
    auto r = admin.post(base, json{{"name", "Tweede Ik"},
                                   {"email", "tweede.ik@exactpi.example"},
                                   {"roles", "coordinator"},
                                   {"password", "een-lang-wachtwoord"}});
    EXPECT_EQ(r.status, 403) << r.body;
    // Accounts that open nothing are the admin's to make.
    r = admin.post(base, json{{"name", "Nieuwe Medewerker"},
                              {"email", "nieuwe.medewerker@exactpi.example"},
                              {"roles", "employee"},
                              {"password", "een-lang-wachtwoord"}});
    EXPECT_EQ(r.status, 201) << r.body;
    // Management cannot change its own roles either, but grants them to others.
    HttpClient& boss = as(org, "directie");
    EXPECT_EQ(boss.post(base + "/" + std::to_string(staff(org, "directie")),
                        json{{"roles", "management,admin"}})
                  .status,
              403);
    r = boss.post(base + "/" + std::to_string(r.json()["id"].get<long long>()),
                  json{{"roles", "employee,auditor"}});
    EXPECT_EQ(r.status, 200) << r.body;
    // Every attempt changed nothing: the admin still sees no complaint.
    EXPECT_EQ(admin.get("/api/v1/organisations/exactpi/complaints").json()["items"].size(), 0u);
}

// Issue 10, item 5: deactivating an account or changing its password ends its sessions at
// once, and reactivating it does not bring them back.
TEST_F(Api, DeactivationAndANewPasswordEndEverySession) {
    const std::string org = "quoratio";
    const std::string base = "/api/v1/organisations/quoratio/staff";
    HttpClient& admin = as(org, "beheer");
    auto made = admin.post(base, json{{"name", "Sessie Test"},
                                      {"email", "sessie@quoratio.example"},
                                      {"roles", "employee"},
                                      {"password", "eerste-wachtwoord"}});
    ASSERT_EQ(made.status, 201) << made.body;
    std::string id = std::to_string(made.json()["id"].get<long long>());
    HttpClient first(world->base), second(world->base);
    ASSERT_EQ(first.login("sessie@quoratio.example", "eerste-wachtwoord").status, 200);
    ASSERT_EQ(second.login("sessie@quoratio.example", "eerste-wachtwoord").status, 200);
    EXPECT_EQ(first.get("/api/v1/session").status, 200);
    ASSERT_EQ(admin.post(base + "/" + id, json{{"active", false}}).status, 200);
    EXPECT_EQ(first.get("/api/v1/session").status, 401); // at once, not a second later
    ASSERT_EQ(admin.post(base + "/" + id, json{{"active", true}}).status, 200);
    EXPECT_EQ(first.get("/api/v1/session").status, 401); // and not back
    EXPECT_EQ(second.get("/api/v1/session").status, 401);

    ASSERT_EQ(first.login("sessie@quoratio.example", "eerste-wachtwoord").status, 200);
    ASSERT_EQ(second.login("sessie@quoratio.example", "eerste-wachtwoord").status, 200);
    auto changed =
        first.post("/api/v1/session/password", json{{"current_password", "eerste-wachtwoord"},
                                                    {"new_password", "tweede-wachtwoord"}});
    ASSERT_EQ(changed.status, 200) << changed.body;
    first.cookie = first.set_cookie.substr(0, first.set_cookie.find(';'));
    first.csrf = changed.json()["csrf_token"];
    EXPECT_EQ(second.get("/api/v1/session").status, 401); // the other session ended
    EXPECT_EQ(first.get("/api/v1/session").status, 200);  // the changer goes on in a new one
}

// Issue 10, item 7: e-mail addresses compare without regard to case, and the answer to a
// taken address does not tell whether it is taken in this organisation or another.
TEST_F(Api, EmailAddressesIgnoreCaseAndDoNotRevealOtherOrganisations) {
    HttpClient& admin = as("jexo", "beheer");
    auto attempt = [&](const std::string& email) {
        return admin.post("/api/v1/organisations/jexo/staff",
                          json{{"name", "Dubbel"},
                               {"email", email},
                               {"roles", "employee"},
                               {"password", "een-lang-wachtwoord"}});
    };
    auto own = attempt("PETER@JEXO.EXAMPLE");
    auto other = attempt("Peter@Xs2more.Example");
    EXPECT_EQ(own.status, 422);
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(own.body, other.body);
    EXPECT_EQ(other.body.find("xs2more"), std::string::npos);
    HttpClient c(world->base);
    EXPECT_EQ(c.login("Sanne@Jexo.Example", kDemoPassword).status, 200);
}

// Issue 10, item 6: the failed-login limit holds under concurrent attempts, and guessing the
// current password to change it is limited the same way.
TEST_F(Api, FailedAttemptsAreLimitedEvenWhenConcurrent) {
    const std::string org = "xs2more";
    auto made = as(org, "beheer")
                    .post("/api/v1/organisations/xs2more/staff",
                          json{{"name", "Slot Test"},
                               {"email", "slot.gelijktijdig@xs2more.example"},
                               {"roles", "employee"},
                               {"password", "het-echte-wachtwoord"}});
    ASSERT_EQ(made.status, 201) << made.body;
    std::atomic<int> refused{0}, limited{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 30; ++i)
        threads.emplace_back([&] {
            HttpClient c(world->base);
            c.local_address = "127.0.0.3"; // 30 failures: not from the other tests' address
            int status = c.login("slot.gelijktijdig@xs2more.example", "fout").status;
            if (status == 401) ++refused;
            if (status == 429) ++limited;
        });
    for (auto& t : threads)
        t.join();
    EXPECT_LE(refused.load(), 5);
    EXPECT_EQ(refused.load() + limited.load(), 30);

    HttpClient& peter = as(org, "peter");
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(peter
                      .post("/api/v1/session/password",
                            json{{"current_password", "geraden-" + std::to_string(i)},
                                 {"new_password", "een-nieuw-wachtwoord"}})
                      .status,
                  422);
    auto r = peter.post("/api/v1/session/password", json{{"current_password", kDemoPassword},
                                                         {"new_password", "een-nieuw-wachtwoord"}});
    EXPECT_EQ(r.status, 429) << r.body; // even the right one, until the window passes
}
