// nonconformities_test.cpp: the nonconformity register and the actions followed until done
// (issue 13, R-NC, 003's workflow; docs/register.md), over HTTP on SQLite and PostgreSQL:
// anyone records, management has it investigated, measures are done by their owners and
// judged, not effective means a new measure, closing waits for all of it; agreed actions are
// the case's workflow and come up in their owner's work when overdue.
#include "api_fixture.hpp"
#include "service/reminders.hpp"

using namespace kd;
using namespace kd::it;

namespace {

std::string base(const std::string& org) {
    return "/api/v1/organisations/" + org;
}

// The Amsterdam date `days` from `now`, as the API writes it.
std::string day_from(Instant now, int days) {
    return format_date(Date{std::chrono::sys_days{local_date(now)} + std::chrono::days{days}});
}

json ok(const HttpReply& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.json();
}

// The fields a problem document names, in order.
std::vector<std::string> fields(const HttpReply& r) {
    std::vector<std::string> out;
    const json j = r.json();
    if (j.contains("errors"))
        for (const auto& e : j["errors"])
            out.push_back(e["field"]);
    return out;
}

bool lists(const json& page, long long id) {
    for (const auto& n : page["items"])
        if (n["id"] == id) return true;
    return false;
}

} // namespace

// R-NC (000): "De klacht wordt opgenomen in het registratiesysteem en in ons
// afwijkingenregister": at Jexo every complaint, at intake or by the public form, is at once a
// register entry linked to it, audited; at an organisation whose procedure does not say so,
// nothing is added.
TEST_F(Api, Jexo000EveryComplaintIsAlsoInTheAfwijkingenregister) {
    auto entry_of = [&](const std::string& org, long long complaint_id) {
        json page = ok(http(org).get(base(org) + "/nonconformities"));
        for (const auto& n : page["items"])
            if (!n["complaint"].is_null() && n["complaint"]["id"] == complaint_id) return n;
        return json();
    };
    json in = intake("jexo");
    in["category"] = "planning"; // free text at Jexo
    const json c = create("jexo", in);
    const json n = entry_of("jexo", c["id"]);
    ASSERT_TRUE(n.is_object()) << "no register entry for " << c["reference"];
    EXPECT_EQ(n["kind"], "nonconformity");
    EXPECT_EQ(n["source"], "complaint");
    EXPECT_EQ(n["status"], "open");
    EXPECT_EQ(n["occurred_on"], c["received_at"].get<std::string>().substr(0, 10));
    EXPECT_EQ(n["description"], "Klacht " + c["reference"].get<std::string>() +
                                    " (planning): opgenomen in het afwijkingenregister bij de "
                                    "registratie.");
    EXPECT_EQ(n["recorded_by"], staff("jexo", "kwaliteit"));
    const json one = ok(http("jexo").get(base("jexo") + "/nonconformities/" +
                                         std::to_string(n["id"].get<long long>())));
    ASSERT_EQ(one["timeline"].size(), 1u) << one;
    EXPECT_EQ(one["timeline"][0]["action"], "nonconformity-recorded");

    const OrganisationContext& jexo = *world->services->organisations.find("jexo");
    auto receipt = world->services->public_form.submit(
        jexo, {"Webform Indiener", "web@example.nl", "", "Klacht via het formulier.", "", "", ""},
        "192.0.2.7", now());
    ASSERT_TRUE(receipt) << receipt.refusal().message_en;
    auto via_form = world->db->complaint_by_reference(jexo.record.id, receipt.value().reference);
    ASSERT_TRUE(via_form);
    EXPECT_TRUE(entry_of("jexo", *via_form).is_object()) << receipt.value().reference;

    json other = intake("xs2more");
    other["category"] = "dienstverlening";
    const json elsewhere = create("xs2more", other);
    EXPECT_TRUE(entry_of("xs2more", elsewhere["id"]).is_null());
}

TEST_F(Api, TheRegisterFromAComplaintToAClosedNonconformityWithItsMeasuresJudged) {
    const std::string org = "xs2more";
    auto in_days = [](int days) { return day_from(now(), days); };
    json in = intake(org);
    in["category"] = "bejegening";
    const json complaint = create(org, in);
    HttpClient& coordinator = http(org);
    HttpClient& peter = as(org, "peter");
    HttpClient& sanne = as(org, "sanne");
    HttpClient& auditor = as(org, "auditor");
    const std::string register_path = base(org) + "/nonconformities";

    // 002: any employee records an improvement idea.
    json idea = ok(peter.post(register_path, json{{"kind", "improvement"},
                                                  {"occurred_on", in_days(0)},
                                                  {"description", "Roosters per app versturen"},
                                                  {"source", "employee"}}),
                   201);
    EXPECT_EQ(idea["status"], "open");
    EXPECT_FALSE(idea["may_edit"]);
    // Every missing field at once, next to each; nothing kept.
    auto bad = peter.post(register_path, json{{"kind", "nonconformity"}});
    EXPECT_EQ(bad.status, 422);
    EXPECT_EQ(fields(bad), (std::vector<std::string>{"occurred_on", "description", "source"}));
    // An auditor reads, and records nothing; an admin has no business here.
    EXPECT_EQ(auditor
                  .post(register_path, json{{"kind", "improvement"},
                                            {"occurred_on", in_days(0)},
                                            {"description", "x"},
                                            {"source", "other"}})
                  .status,
              403);
    EXPECT_EQ(as(org, "beheer").get(register_path).status, 403);

    // The coordinator records one from the complaint.
    json n =
        ok(coordinator.post(register_path,
                            json{{"kind", "nonconformity"},
                                 {"occurred_on", in_days(-1)},
                                 {"description", "Uitzendkracht onvriendelijk te woord gestaan"},
                                 {"source", "complaint"},
                                 {"complaint_id", complaint["id"]},
                                 {"correction", "Excuses aangeboden"}}),
           201);
    const long long id = n["id"];
    const std::string path = register_path + "/" + std::to_string(id);
    EXPECT_EQ(n["reference"].get<std::string>().rfind("004-A", 0), 0u) << n["reference"];
    EXPECT_EQ(n["complaint"],
              (json{{"id", complaint["id"]}, {"reference", complaint["reference"]}}));
    EXPECT_TRUE(n["may_edit"]);

    // Peter sees his own idea, not the coordinator's record; the auditor sees both, read-only.
    json peters = ok(peter.get(register_path));
    EXPECT_TRUE(lists(peters, idea["id"]));
    EXPECT_FALSE(lists(peters, id));
    EXPECT_EQ(peter.get(path).status, 404);
    json audited = ok(auditor.get(register_path));
    EXPECT_TRUE(lists(audited, idea["id"]) && lists(audited, id));
    EXPECT_FALSE(ok(auditor.get(path))["may_edit"]);
    EXPECT_EQ(auditor.patch(path, json{{"cause", "x"}}).status, 403);

    // The cause from the procedure's list (R-NC, 000: "wat de oorzaak is").
    auto wrong = coordinator.patch(path, json{{"cause_category", "het weer"}});
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(fields(wrong), std::vector<std::string>{"cause_category"});
    json changed = ok(coordinator.patch(path, json{{"cause_category", "gedrag of bejegening"},
                                                   {"cause", "Drukte aan de telefoon"}}));
    EXPECT_EQ(changed["cause_category"], "gedrag of bejegening");
    EXPECT_EQ(changed["correction"], "Excuses aangeboden");

    // Measures: a corrective one for Sanne; a procedure change needs its date (001).
    json corrective = ok(
        coordinator.post(path + "/measures", json{{"kind", "corrective"},
                                                  {"what", "Telefoontraining voor de binnendienst"},
                                                  {"owner_id", staff(org, "sanne")},
                                                  {"due_on", in_days(14)},
                                                  {"review_due_on", in_days(60)}}),
        201);
    auto undated = coordinator.post(path + "/measures", json{{"kind", "procedure_change"},
                                                             {"what", "Terugbelnorm in procedure"},
                                                             {"owner_id", staff(org, "directie")},
                                                             {"due_on", in_days(30)}});
    EXPECT_EQ(undated.status, 422);
    EXPECT_EQ(fields(undated), std::vector<std::string>{"effective_from"});
    EXPECT_EQ(coordinator
                  .post(path + "/measures", json{{"kind", "preventive"},
                                                 {"what", "x"},
                                                 {"owner_id", staff(org, "auditor")},
                                                 {"due_on", in_days(3)}})
                  .status,
              422); // an auditor changes nothing, so owns nothing
    json change =
        ok(coordinator.post(path + "/measures", json{{"kind", "procedure_change"},
                                                     {"what", "Terugbelnorm in procedure"},
                                                     {"owner_id", staff(org, "directie")},
                                                     {"due_on", in_days(30)},
                                                     {"effective_from", in_days(45)}}),
           201);
    EXPECT_EQ(change["effective_from"], in_days(45));
    EXPECT_EQ(sanne
                  .post(path + "/measures", json{{"kind", "preventive"},
                                                 {"what", "x"},
                                                 {"owner_id", staff(org, "sanne")},
                                                 {"due_on", in_days(3)}})
                  .status,
              403);

    // Closing waits for the measures.
    auto early = coordinator.post(path + "/close", json{{"note", "Klaar"}});
    EXPECT_EQ(early.status, 409);
    EXPECT_EQ(early.json()["type"], "https://klachtdesk.example/problems/measures_running");

    // Sanne finds her measure in her own work, and reports it done.
    json mine = ok(sanne.get(base(org) + "/actions?mine=true"));
    bool found = false;
    for (const auto& a : mine["items"])
        if (a["id"] == corrective["id"]) {
            found = true;
            EXPECT_EQ(a["nonconformity"]["id"], id);
            EXPECT_TRUE(a["may_update"]);
            EXPECT_FALSE(a["may_review"]);
        }
    EXPECT_TRUE(found) << mine;
    const std::string measure =
        base(org) + "/actions/" + std::to_string(corrective["id"].get<long long>());
    EXPECT_EQ(fields(sanne.post(measure + "/status", json{{"status", "done"}})),
              std::vector<std::string>{"note"});
    EXPECT_EQ(peter.post(measure + "/status", json{{"status", "in_progress"}}).status, 403);
    json done = ok(sanne.post(
        measure + "/status", json{{"status", "done"}, {"note", "Training gegeven op 3 december"}}));
    EXPECT_EQ(done["status"], "done");
    EXPECT_EQ(sanne.post(measure + "/review", json{{"effective", true}, {"evidence", "x"}}).status,
              403);

    // Not effective: a new measure, in the same step (R-NC).
    auto lone = coordinator.post(measure + "/review",
                                 json{{"effective", false}, {"evidence", "Weer twee klachten"}});
    EXPECT_EQ(lone.status, 422);
    EXPECT_EQ(fields(lone), std::vector<std::string>{"follow_up"});
    auto half = coordinator.post(
        measure + "/review",
        json{{"effective", false},
             {"evidence", "Weer twee klachten"},
             {"follow_up", {{"kind", "corrective"}, {"what", "Vaste terugbelmomenten"}}}});
    EXPECT_EQ(fields(half), (std::vector<std::string>{"follow_up.owner_id", "follow_up.due_on"}));
    json reviewed = ok(
        coordinator.post(measure + "/review", json{{"effective", false},
                                                   {"evidence", "Weer twee klachten in december"},
                                                   {"follow_up",
                                                    {{"kind", "corrective"},
                                                     {"what", "Vaste terugbelmomenten"},
                                                     {"owner_id", staff(org, "sanne")},
                                                     {"due_on", in_days(21)}}}}));
    EXPECT_EQ(reviewed["action"]["effective"], false);
    EXPECT_EQ(reviewed["action"]["reviewed_on"], in_days(0));
    EXPECT_EQ(reviewed["follow_up"]["follows_id"], corrective["id"]);
    EXPECT_EQ(
        coordinator.post(measure + "/review", json{{"effective", true}, {"evidence", "x"}}).status,
        409); // judged once

    // Still running: the follow-up and the procedure change.
    EXPECT_EQ(coordinator.post(path + "/close", json{{"note", "Klaar"}}).status, 409);
    for (const json& m : {reviewed["follow_up"], change}) {
        const std::string a = base(org) + "/actions/" + std::to_string(m["id"].get<long long>());
        ok(coordinator.post(a + "/status", json{{"status", "done"}, {"note", "Gedaan"}}));
        EXPECT_EQ(coordinator.post(path + "/close", json{{"note", "Klaar"}}).status, 409);
        ok(coordinator.post(a + "/review",
                            json{{"effective", true}, {"evidence", "Geen klachten"}}));
    }
    EXPECT_EQ(fields(coordinator.post(path + "/close", json{{"note", ""}})),
              std::vector<std::string>{"note"});
    json closed = ok(coordinator.post(path + "/close", json{{"note", "Maatregelen doeltreffend"}}));
    EXPECT_EQ(closed["status"], "closed");
    EXPECT_EQ(closed["measures"].size(), 3u);
    EXPECT_EQ(coordinator.patch(path, json{{"cause", "x"}}).status, 409);

    // Every step is in its timeline, who and what; the chain verifies (TearDown).
    std::vector<std::string> actions;
    for (const auto& e : closed["timeline"])
        actions.push_back(e["action"]);
    EXPECT_EQ(actions, (std::vector<std::string>{
                           "nonconformity-recorded", "nonconformity-changed", "measure-added",
                           "measure-added", "measure-status-changed", "measure-reviewed",
                           "measure-added", "measure-status-changed", "measure-reviewed",
                           "measure-status-changed", "measure-reviewed", "nonconformity-closed"}));
    EXPECT_EQ(closed["timeline"][1]["changes"]["cause_category"],
              (json{"", "gedrag of bejegening"}));

    // The register as the auditor reads it: by period and status.
    json closed_now = ok(auditor.get(register_path + "?from=" + in_days(-1) + "&to=" + in_days(-1) +
                                     "&status=closed"));
    EXPECT_TRUE(lists(closed_now, id));
    EXPECT_FALSE(lists(ok(auditor.get(register_path + "?status=open")), id));
    EXPECT_FALSE(lists(ok(auditor.get(register_path + "?to=" + in_days(-2))), id));
    json ideas = ok(auditor.get(register_path + "?kind=improvement"));
    EXPECT_TRUE(lists(ideas, idea["id"]));
    EXPECT_FALSE(lists(ideas, id));
    auto unreadable = auditor.get(register_path + "?from=gisteren&colour=red");
    EXPECT_EQ(unreadable.status, 400);

    // For Dutch Excel: semicolons, a byte order mark, Dutch dates and words; a formula in
    // someone's words stays text.
    ok(peter.post(register_path, json{{"kind", "improvement"},
                                      {"occurred_on", in_days(0)},
                                      {"description", "=HYPERLINK(\"http://x\")"},
                                      {"source", "employee"}}),
       201);
    auto csv = auditor.get(register_path + "?format=csv&status=closed");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFkenmerk;datum;soort;omschrijving;bron;klacht;", 0), 0u);
    const std::string line = csv.body.substr(csv.body.find(n["reference"].get<std::string>()) - 1);
    EXPECT_EQ(line.rfind("\"" + n["reference"].get<std::string>() + "\";" +
                             format_date_nl(*try_parse_date(in_days(-1))) +
                             ";\"Afwijking\";\"Uitzendkracht onvriendelijk te woord gestaan\";"
                             "\"Klacht\";\"" +
                             complaint["reference"].get<std::string>() +
                             "\";\"gedrag of bejegening\"",
                         0),
              0u)
        << line;
    EXPECT_NE(line.find("Corrigerende maatregel: Telefoontraining voor de binnendienst (Sanne de "
                        "Vries, Gereed, doeltreffend: nee)"),
              std::string::npos)
        << line;
    EXPECT_NE(line.find(";\"2 van 3\";\"gesloten\";18-"), std::string::npos) << line;
    auto ideas_csv = auditor.get(register_path + "?format=csv&kind=improvement");
    EXPECT_NE(ideas_csv.body.find("\"'=HYPERLINK("), std::string::npos) << ideas_csv.body;
    EXPECT_EQ(auditor.get(register_path + "?format=pdf").status, 400);
}

// 003: "De afgesproken acties worden vastgelegd en gekoppeld aan een workflow op casusniveau."
TEST_F(Api, AgreedActionsAreTheCasesWorkflowAndComeUpWhenOverdue) {
    const std::string org = "quoratio";
    auto in_days = [](int days) { return day_from(now(), days); };
    json in = intake(org);
    in["handler_id"] = staff(org, "sanne");
    const json complaint = create(org, in);
    const long long id = complaint["id"];
    const std::string actions = base(org) + "/complaints/" + std::to_string(id) + "/actions";
    HttpClient& sanne = as(org, "sanne");
    HttpClient& peter = as(org, "peter");

    auto empty = sanne.post(actions, json::object());
    EXPECT_EQ(fields(empty), (std::vector<std::string>{"what", "owner_id", "due_on"}));
    EXPECT_EQ(
        sanne
            .post(actions,
                  json{{"what", "x"}, {"owner_id", staff(org, "sanne")}, {"due_on", in_days(-1)}})
            .status,
        422);
    json a = ok(sanne.post(actions, json{{"what", "Indiener terugbellen over het rooster"},
                                         {"owner_id", staff(org, "sanne")},
                                         {"due_on", in_days(1)}}),
                201);
    EXPECT_EQ(a["kind"], "agreed");
    EXPECT_EQ(a["complaint"]["id"], id);
    // Someone who does not work the case gives no actions on it.
    EXPECT_EQ(
        peter
            .post(actions,
                  json{{"what", "x"}, {"owner_id", staff(org, "peter")}, {"due_on", in_days(1)}})
            .status,
        404);

    json c = get(org, id);
    ASSERT_EQ(c["agreed_actions"].size(), 1u);
    EXPECT_EQ(c["agreed_actions"][0]["what"], "Indiener terugbellen over het rooster");
    EXPECT_FALSE(c["agreed_actions"][0]["overdue"]);

    // On Monday morning it is overdue, in Sanne's own work and in her morning digest.
    const Instant was = now();
    world->clock.set(kd::testing::at("2026-11-23T08:00"));
    Reminders(world->services->complaints, *world->writer).run(now());
    bool in_digest = false;
    for (const auto& row :
         world->db->outbox_list(world->services->organisations.find(org)->record.id, false, 500))
        if (row.mail.staff_id == staff(org, "sanne") &&
            row.mail.subject.find("Uw klachten op 23-11-2026") != std::string::npos &&
            row.mail.body.find(
                complaint["reference"].get<std::string>() +
                ": actie \"Indiener terugbellen over het rooster\", verstreken op") !=
                std::string::npos)
            in_digest = true;
    EXPECT_TRUE(in_digest);
    HttpClient later(world->base); // the session of two days ago has ended
    ASSERT_EQ(later.login("sanne@" + org + ".example", kDemoPassword).status, 200);
    json mine = ok(later.get(base(org) + "/actions?mine=true"));
    bool overdue = false;
    for (const auto& x : mine["items"])
        if (x["id"] == a["id"]) overdue = x["overdue"];
    EXPECT_TRUE(overdue) << mine;
    const std::string one = base(org) + "/actions/" + std::to_string(a["id"].get<long long>());
    ok(later.post(one + "/status", json{{"status", "done"}, {"note", "Gebeld op dinsdag"}}));
    EXPECT_FALSE(lists(ok(later.get(base(org) + "/actions?mine=true")), a["id"]));
    EXPECT_TRUE(lists(ok(later.get(base(org) + "/actions?mine=true&open=false")), a["id"]));
    EXPECT_EQ(later.post(one + "/review", json{{"effective", true}, {"evidence", "x"}}).status,
              403); // not a measure, and not hers to judge
    world->clock.set(was);

    // On the case's timeline, where the handling is.
    std::vector<std::string> seen;
    const json after = get(org, id);
    for (const auto& e : after["timeline"])
        seen.push_back(e["action"]);
    EXPECT_NE(std::find(seen.begin(), seen.end(), "action-added"), seen.end());
    EXPECT_NE(std::find(seen.begin(), seen.end(), "action-status-changed"), seen.end());
    EXPECT_EQ(after["agreed_actions"][0]["status"], "done");
}
