// reports_test.cpp: the management-review report (issue 13, R-REPORT, docs/reports.md) over
// HTTP on SQLite and PostgreSQL, on cases whose figures are known by construction: each
// figure of a quarter and of the quarter before, unchanged by retention and by a rebuild.
#include "api_fixture.hpp"
#include "service/retention.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace kd;
using namespace kd::it;

namespace {

const std::string kOrg = "een-loket-mk"; // acknowledge within 1 working day, resolve in 4 weeks

json ok(const HttpReply& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.json();
}

// The count of `key` in the breakdown by `measure`, 0 when absent.
long long count_in(const json& figures, const std::string& measure, const std::string& key) {
    for (const auto& b : figures["breakdowns"])
        if (b["measure"] == measure)
            for (const auto& k : b["counts"])
                if (k["key"] == key) return k["n"];
    return 0;
}

const json& row(const json& list, const std::string& step) {
    for (const auto& r : list)
        if (r["step"] == step) return r;
    throw std::runtime_error("no row for " + step);
}

} // namespace

class Reports : public Api {
protected:
    const OrganisationContext& org() { return *world->services->organisations.find(kOrg); }
    Actor coordinator() {
        const long long id = staff(kOrg, "kwaliteit"); // the demo coordinator
        return Actor{id, "test", viewer_from_roles(id, "coordinator")};
    }

    long long received(const char* when, Channel channel) {
        Intake in;
        in.received_at = kd::testing::at(when);
        in.channel = channel;
        in.complainant = {"Rapport Testpersoon", "rapport@example.nl", "0622222222",
                          ComplainantType::external, "opdrachtgever"};
        in.description = "Klacht van Rapport Testpersoon.";
        auto r = world->services->complaints.register_complaint(org(), in, coordinator(),
                                                                in.received_at);
        EXPECT_TRUE(r) << r.refusal().message_en;
        return r ? r.value().complaint.id : 0;
    }
    void step(long long id, const char* when, Command cmd) {
        auto r = world->services->complaints.apply_command(org(), id, cmd, coordinator(),
                                                           kd::testing::at(when));
        EXPECT_TRUE(r) << command_name(cmd) << ": " << r.refusal().message_en;
    }
    json report(const std::string& query, HttpClient* as_who = nullptr) {
        HttpClient& c = as_who ? *as_who : http(kOrg);
        return ok(c.get("/api/v1/organisations/" + kOrg + "/report?" + query));
    }
};

TEST_F(Reports, EveryFigureOfAQuarterAndTheOneBeforeOnCasesWithKnownAnswers) {
    // 2021-Q4: one case, handled in 4 days, not well-founded, closed.
    long long d = received("2021-11-01T09:00", Channel::phone);
    step(d, "2021-11-01T11:00", Acknowledge{});
    step(d, "2021-11-01T11:00", Assign{staff(kOrg, "sanne"), false});
    step(d, "2021-11-02T09:00", StartHandling{});
    step(d, "2021-11-04T09:00", Assess{false, "Afspraak stond in de mail"});
    step(d, "2021-11-04T09:00", RecordCause{"planning en bereikbaarheid", "Rapport Testpersoon"});
    step(d, "2021-11-05T10:00", Resolve{Resolution::not_solved, "Uitgelegd", {}});
    step(d, "2021-11-08T10:00", VerifySatisfaction{true, "", "Brief van Rapport Testpersoon"});
    step(d, "2021-11-08T10:00", Close{});

    // 2022-Q1, case A: everything on time, resolved in 10 days, closed.
    long long a = received("2022-01-10T09:00", Channel::phone);
    step(a, "2022-01-10T15:00", Acknowledge{}); // same day: 0 days
    step(a, "2022-01-10T15:00", Assign{staff(kOrg, "sanne"), false});
    step(a, "2022-01-11T09:00", StartHandling{});
    step(a, "2022-01-17T09:00", Assess{true, "Terecht"});
    step(a, "2022-01-17T09:00", RecordCause{"communicatie", "Rapport Testpersoon belde vaak"});
    step(a, "2022-01-20T10:00", Resolve{Resolution::solved, "Opgelost", {}});
    step(a, "2022-01-21T10:00", VerifySatisfaction{true, "", "Mail van Rapport Testpersoon"});
    step(a, "2022-01-21T10:00", Close{});
    // Case B: acknowledged 3 days late (due the next working day), never resolved: its
    // resolve term (7 March) passed, so it is overdue at the quarter's end.
    long long b = received("2022-02-07T09:00", Channel::letter);
    step(b, "2022-02-10T09:00", Acknowledge{});
    // Case C: withdrawn before its acknowledgement was due: no deadline counts.
    long long c = received("2022-03-07T09:00", Channel::email);
    step(c, "2022-03-08T09:00", Withdraw{"Toch niet nodig"});

    // The register: one finding with a measure, done and found effective, all in the quarter.
    NonconformityService& nc = world->services->nonconformities;
    NewNonconformity finding;
    finding.occurred_on = *try_parse_date("2022-02-09");
    finding.description = "Bevestigingen te laat";
    finding.source = FindingSource::internal_audit;
    auto recorded = nc.record(org(), finding, coordinator(), kd::testing::at("2022-02-10T09:00"));
    ASSERT_TRUE(recorded) << recorded.refusal().message_en;
    NewAction measure{ActionKind::corrective, "Dagelijks de post nalopen",
                      staff(kOrg, "sanne"),   *try_parse_date("2022-03-01"),
                      std::nullopt,           std::nullopt};
    auto m = nc.add_measure(org(), recorded.value().record.id, measure, coordinator(),
                            kd::testing::at("2022-02-10T09:00"));
    ASSERT_TRUE(m) << m.refusal().message_en;
    const long long measure_id = m.value().action.id;
    Actor sanne{staff(kOrg, "sanne"), "test", viewer_from_roles(staff(kOrg, "sanne"), "handler")};
    ASSERT_TRUE(nc.change_status(org(), measure_id, ActionStatus::done, "Gedaan", sanne,
                                 kd::testing::at("2022-02-20T09:00")));
    auto reviewed = nc.review(
        org(), measure_id,
        EffectivenessReview{true, "Geen late bevestigingen meer", *try_parse_date("2022-03-15")},
        std::nullopt, coordinator(), kd::testing::at("2022-03-15T09:00"));
    ASSERT_TRUE(reviewed) << reviewed.refusal().message_en;

    const json r = report("period=2022-Q1");
    EXPECT_EQ(r["period"], (json{{"name", "2022-Q1"},
                                 {"kind", "quarter"},
                                 {"from", "2022-01-01"},
                                 {"to", "2022-03-31"}}));
    EXPECT_EQ(r["previous_period"]["name"], "2021-Q4");
    const json& q = r["current"];
    EXPECT_EQ(q["received"], 3);
    EXPECT_EQ(count_in(q, "channel", "phone"), 1);
    EXPECT_EQ(count_in(q, "channel", "letter"), 1);
    EXPECT_EQ(count_in(q, "channel", "email"), 1);
    EXPECT_EQ(count_in(q, "complainant_type", "external"), 3);
    EXPECT_EQ(count_in(q, "cause", "communicatie"), 1);
    EXPECT_EQ(count_in(q, "cause", ""), 2);
    EXPECT_EQ(count_in(q, "verdict", "well_founded"), 1);
    EXPECT_EQ(count_in(q, "verdict", ""), 2);
    EXPECT_EQ(count_in(q, "outcome", "solved"), 1);
    EXPECT_EQ(count_in(q, "outcome", "withdrawn"), 1);
    EXPECT_EQ(count_in(q, "outcome", ""), 1);
    EXPECT_EQ(count_in(q, "handler", std::to_string(staff(kOrg, "sanne"))), 1);
    EXPECT_EQ(count_in(q, "handler", ""), 2);
    EXPECT_EQ(q["handling"], (json{{"count", 1}, {"median_days", 10}, {"p90_days", 10}}));
    const json& ack_time = row(q["steps"], "acknowledge");
    EXPECT_EQ(ack_time["count"], 2);
    EXPECT_EQ(ack_time["median_days"], 0);
    EXPECT_EQ(ack_time["p90_days"], 3);
    EXPECT_EQ(row(q["steps"], "resolve")["median_days"], 10);
    const json& ack = row(q["deadlines"], "acknowledge");
    EXPECT_EQ(ack["met"], 1);
    EXPECT_EQ(ack["missed"], 1);
    EXPECT_EQ(ack["running"], 0);
    EXPECT_DOUBLE_EQ(ack["on_time_rate"].get<double>(), 0.5);
    const json& res = row(q["deadlines"], "resolve");
    EXPECT_EQ(res["met"], 1);
    EXPECT_EQ(res["missed"], 1); // B's, still open long after its day
    EXPECT_EQ(q["open_at_end"], 1);
    EXPECT_EQ(q["overdue_at_end"], 1);
    EXPECT_EQ(q["findings_recorded"], 1);
    EXPECT_EQ(q["measures"],
              (json{{"opened", 1}, {"done", 1}, {"effective", 1}, {"not_effective", 0}}));

    const json& p = r["previous"];
    EXPECT_EQ(p["received"], 1);
    EXPECT_EQ(count_in(p, "verdict", "not_well_founded"), 1);
    EXPECT_EQ(count_in(p, "cause", "planning en bereikbaarheid"), 1);
    EXPECT_EQ(count_in(p, "outcome", "not_solved"), 1);
    EXPECT_EQ(p["handling"]["median_days"], 4);
    EXPECT_DOUBLE_EQ(row(p["deadlines"], "resolve")["on_time_rate"].get<double>(), 1.0);
    EXPECT_EQ(p["open_at_end"], 0);
    EXPECT_EQ(p["overdue_at_end"], 0);
    EXPECT_EQ(p["measures"]["opened"], 0);

    // The half-year and the year hold the same quarter; a span of days counts its days only.
    EXPECT_EQ(report("period=2022-H1")["current"]["received"], 3);
    EXPECT_EQ(report("period=2022")["current"]["received"], 3);
    EXPECT_EQ(report("from=2022-02-01&to=2022-02-28")["current"]["received"], 1);

    // Retention anonymises the closed and withdrawn cases two years on (002): the figures stay.
    RetentionRun run = run_retention(world->services->complaints, *world->writer,
                                     kd::testing::at("2026-11-18T03:00"), true);
    EXPECT_EQ(run.failed, 0);
    EXPECT_EQ(get(kOrg, a)["complainant"]["name"], "[geanonimiseerd]");
    EXPECT_EQ(report("period=2022-Q1"), r);

    // Built anew from the complaints, the counts are what the writes kept up to date.
    ASSERT_TRUE(world->services->reports.rebuild(org(), {}, now()));
    EXPECT_EQ(report("period=2022-Q1"), r);
}

TEST_F(Reports, ManagementRecordsItsConclusionsOnAPeriodAndEachChangeIsAudited) {
    const std::string path = "/api/v1/organisations/" + kOrg + "/report/review?period=2025-H2";
    HttpClient& management = as(kOrg, "directie");
    EXPECT_TRUE(report("period=2025-H2")["review"].is_null());
    EXPECT_TRUE(report("period=2025-H2")["may_review"]);
    auto blank = management.put(path, json{{"conclusions", "  \n"}});
    EXPECT_EQ(blank.status, 422);
    EXPECT_EQ(blank.json()["errors"][0]["field"], "conclusions");
    EXPECT_TRUE(report("period=2025-H2")["review"].is_null()); // nothing kept
    EXPECT_EQ(as(kOrg, "auditor").put(path, json{{"conclusions", "Goed"}}).status, 403);
    EXPECT_FALSE(report("period=2025-H2", &as(kOrg, "auditor"))["may_review"]);

    json saved =
        ok(management.put(path, json{{"conclusions", "Procedure blijft; training in Q1."}}));
    EXPECT_EQ(saved["updated_by"]["id"], staff(kOrg, "directie"));
    ok(http(kOrg).put(path, json{{"conclusions", "Procedure blijft; training in Q2."}}));
    json review = report("period=2025-H2")["review"];
    EXPECT_EQ(review["conclusions"], "Procedure blijft; training in Q2.");
    EXPECT_EQ(review["updated_by"]["id"], staff(kOrg, "kwaliteit"));
    // Another period has its own.
    EXPECT_TRUE(report("period=2025-H1")["review"].is_null());

    // Both versions are in the audit trail, each with what it said.
    auto events = [&](const std::string& action) {
        return ok(as(kOrg, "auditor")
                      .get("/api/v1/organisations/" + kOrg + "/audit?action=" + action))["items"];
    };
    json first = events("report-review-recorded"), second = events("report-review-changed");
    ASSERT_EQ(first.size(), 1u);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(first[0]["subject"]["type"], "report_review");
    EXPECT_NE(second[0].dump().find("training in Q2"), std::string::npos) << second[0];
}

TEST_F(Reports, TheReportAsAPdfMadeByTheServerWithItsFiguresChartsAndConclusions) {
    const std::string base = "/api/v1/organisations/" + kOrg + "/report";
    ok(as(kOrg, "directie")
           .put(
               base + "/review?period=2026-Q4",
               json{{"conclusions", "Klachten per kwartaal gedaald.\nBesluit: pdf-test blijft."}}));
    auto pdf = as(kOrg, "auditor").get(base + "?period=2026-Q4&format=pdf");
    ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_NE(
        pdf.header("content-disposition").find("directiebeoordeling-een-loket-mk-2026-Q4.pdf"),
        std::string::npos);
    ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

    // Read back by poppler, as a PDF reader does: the text, and each page as an image.
    char dir[] = "/tmp/klachtdesk-pdf-XXXXXX";
    ASSERT_NE(mkdtemp(dir), nullptr);
    const std::string file = std::string(dir) + "/report.pdf";
    std::ofstream(file, std::ios::binary) << pdf.body;
    auto run = [](const std::string& command) {
        std::string out;
        if (FILE* p = popen(command.c_str(), "r")) {
            char buf[4096];
            for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;)
                out.append(buf, n);
            EXPECT_EQ(pclose(p), 0) << command;
        }
        return out;
    };
    std::string text = run("pdftotext -layout " + file + " -");
    for (const char* expected :
         {"Directiebeoordeling klachtenbehandeling", "Een Loket MK", "4e kwartaal 2026",
          "Vergeleken met: 3e kwartaal 2026", "Ontvangen klachten", "Termijnen gehaald",
          "Ontvangstbevestiging", "Ontvangen klachten naar categorie",
          "Klachten per kwartaal gedaald.", "Besluit: pdf-test blijft."})
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    run("pdftoppm -r 50 -png " + file + " " + dir + "/page");
    std::ifstream first(std::string(dir) + "/page-1.png", std::ios::binary);
    EXPECT_TRUE(first.good()) << "pdftoppm made no image of page 1";
    std::filesystem::remove_all(dir);

    EXPECT_EQ(as(kOrg, "sanne").get(base + "?format=pdf").status, 403);
    EXPECT_EQ(http(kOrg).get(base + "?format=docx").status, 400);
}

TEST_F(Reports, OnlyThoseWhoRunOrAuditTheRegisterReadItAndABadPeriodIsNamed) {
    EXPECT_EQ(as(kOrg, "auditor").get("/api/v1/organisations/" + kOrg + "/report").status, 200);
    EXPECT_EQ(as(kOrg, "sanne").get("/api/v1/organisations/" + kOrg + "/report").status, 403);
    EXPECT_EQ(http().get("/api/v1/organisations/" + kOrg + "/report").status, 401);
    // Without a period: the quarter of today.
    EXPECT_EQ(report("")["period"]["name"], "2026-Q4");
    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"period=2026-Q5", "period"},
             {"from=2026-02-01", "to"},
             {"from=2026-02-01&to=2026-01-01", "to"},
             {"from=2026-02-30&to=2026-03-01", "from"},
             {"period=2026&from=2026-01-01&to=2026-02-01", "period"},
             {"colour=blue", "colour"}}) {
        auto bad = http(kOrg).get("/api/v1/organisations/" + kOrg + "/report?" + query);
        EXPECT_EQ(bad.status, 400) << query;
        ASSERT_TRUE(bad.json().contains("errors")) << bad.body;
        EXPECT_EQ(bad.json()["errors"][0]["field"], field) << query;
    }
}
