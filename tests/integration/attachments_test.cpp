// attachments_test.cpp: the case file over HTTP on SQLite and PostgreSQL: a file comes back
// byte for byte and only as a download, each upload and download is an audit event, what is
// not a document is refused with the reason, and retention removes the files (issue 11).
#include "api_fixture.hpp"
#include "service/retention.hpp"

#include <soci/soci.h>

using namespace kd;
using namespace kd::it;

namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

// A PNG's signature and header: zero bytes in it, and every byte value after it.
std::string png() {
    std::string b("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0", 29);
    for (int i = 0; i < 256; ++i)
        b += static_cast<char>(i);
    return b;
}

std::string files_of(const std::string& org, long long id) {
    return "/api/v1/organisations/" + org + "/complaints/" + std::to_string(id) + "/attachments";
}

HttpReply upload(const HttpClient& c, const std::string& org, long long id,
                 const std::string& query, const std::string& bytes) {
    return c.post(files_of(org, id) + "?" + query, bytes, "application/octet-stream");
}

std::vector<std::string> actions_of(const json& c) {
    std::vector<std::string> out;
    for (const auto& e : c["timeline"])
        out.push_back(e["action"]);
    return out;
}

} // namespace

TEST_F(Api, TheCaseFileKeepsAFileAsSentAndHandsItOutOnlyAsADownload) {
    const std::string org = "een-loket-mk";
    long long id = create(org, intake(org))["id"];
    const std::string bytes = png();
    auto r = upload(http(org), org, id, "file_name=foto%20balie.png&kind=evidence", bytes);
    ASSERT_EQ(r.status, 201) << r.body;
    json added = r.json();
    EXPECT_EQ(added["file_name"], "foto balie.png");
    EXPECT_EQ(added["kind"], "evidence");
    EXPECT_EQ(added["media_type"], "image/png");
    EXPECT_EQ(added["size"], bytes.size());
    EXPECT_EQ(added["sha256"], sha256_hex(bytes));
    EXPECT_EQ(added["uploaded_by"], staff(org, "coordinator"));

    // A Word document's name in UTF-8 keeps its letters in the download's name.
    auto pdf = upload(http(org), org, id,
                      "file_name=klacht%20%C3%A9%C3%A9n.pdf&kind=correspondence", kPdf);
    ASSERT_EQ(pdf.status, 201) << pdf.body;

    json c = get(org, id);
    ASSERT_EQ(c["attachments"].size(), 2u);
    EXPECT_EQ(c["attachments"][0]["id"], added["id"]);
    EXPECT_EQ(c["attachments"][1]["file_name"], "klacht één.pdf");

    auto d = http(org).get(files_of(org, id) + "/" + std::to_string(added["id"].get<long long>()));
    ASSERT_EQ(d.status, 200) << d.body;
    EXPECT_EQ(d.body, bytes); // zero bytes and all, on both databases
    EXPECT_EQ(d.content_type, "image/png");
    EXPECT_EQ(d.header("content-disposition").rfind("attachment; ", 0), 0u)
        << d.header("content-disposition");
    EXPECT_NE(d.header("content-disposition").find("filename*=UTF-8''foto%20balie.png"),
              std::string::npos);
    EXPECT_EQ(d.header("x-content-type-options"), "nosniff");
    EXPECT_NE(d.header("content-security-policy").find("sandbox"), std::string::npos);
    auto d2 =
        http(org).get(files_of(org, id) + "/" + std::to_string(pdf.json()["id"].get<long long>()));
    EXPECT_EQ(d2.body, kPdf);
    EXPECT_NE(d2.header("content-disposition").find("filename*=UTF-8''klacht%20%C3%A9%C3%A9n.pdf"),
              std::string::npos)
        << d2.header("content-disposition");

    // Each upload and each download is in the case's history, with who and what.
    c = get(org, id);
    auto actions = actions_of(c);
    ASSERT_EQ(std::count(actions.begin(), actions.end(), "attachment-added"), 2);
    ASSERT_EQ(std::count(actions.begin(), actions.end(), "attachment-downloaded"), 2);
    for (const auto& e : c["timeline"])
        if (e["action"] == "attachment-added" && e["changes"]["file_name"][1] == "foto balie.png") {
            EXPECT_EQ(e["changes"]["sha256"][1], sha256_hex(bytes));
            EXPECT_EQ(e["subject"]["type"], "attachment");
            EXPECT_EQ(e["subject"]["id"], added["id"]);
            EXPECT_EQ(e["actor_id"], staff(org, "coordinator"));
        }
    // The list of the case file alone.
    auto listed = http(org).get(files_of(org, id));
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.json()["items"].size(), 2u);
    // A step of the procedure still finds the case as its newest event left it.
    act(org, id, "acknowledge", json::object());
}

TEST_F(Api, TheCaseFileRefusesWhatItShouldNotKeepAndChangesNothing) {
    const std::string org = "een-loket-mk";
    long long id = create(org, intake(org))["id"];
    auto refused = [&](const std::string& query, const std::string& bytes, int status,
                       const std::string& field) {
        auto r = upload(http(org), org, id, query, bytes);
        EXPECT_EQ(r.status, status) << query << ": " << r.body;
        if (!field.empty() && r.status == 422) {
            EXPECT_EQ(r.json()["errors"][0]["field"], field) << r.body;
            EXPECT_FALSE(r.json()["errors"][0]["message"].get<std::string>().empty());
        }
        return r;
    };
    // A web page is not a document, whatever its name says.
    refused("file_name=brief.txt&kind=correspondence", "<!DOCTYPE html><script>alert(1)</script>",
            422, "file");
    refused("file_name=plaatje.svg&kind=evidence", "<svg xmlns='http://www.w3.org/2000/svg'/>", 422,
            "file");
    // A program is refused, named as anything.
    refused("file_name=factuur.pdf&kind=correspondence", std::string("MZ\x90\0\x03\0\0\0", 8), 422,
            "file");
    // The content decides: a PDF called .jpg is refused with the extension it should have.
    auto wrong = refused("file_name=foto.jpg&kind=evidence", kPdf, 422, "file");
    EXPECT_NE(wrong.body.find(".pdf"), std::string::npos) << wrong.body;
    refused("file_name=leeg.pdf&kind=evidence", "", 422, "file");
    refused("file_name=brief.pdf&kind=geheim", kPdf, 422, "kind");
    refused("file_name=%20&kind=evidence", kPdf, 422, "file_name");
    // Larger than the case file takes: refused before the body is read.
    auto limit = world->services->attachments.max_bytes;
    world->services->attachments.max_bytes = 64 * 1024;
    std::string big = kPdf + std::string(100 * 1024, 'x');
    auto too_big = refused("file_name=groot.pdf&kind=evidence", big, 413, "");
    world->services->attachments.max_bytes = limit;
    // Without the session's CSRF token nothing is taken.
    HttpClient no_token = http(org);
    no_token.csrf.clear();
    EXPECT_EQ(upload(no_token, org, id, "file_name=brief.pdf&kind=evidence", kPdf).status, 403);
    // A case of another organisation, or none, answers like one that does not exist.
    EXPECT_EQ(upload(http("jexo"), "jexo", id, "file_name=brief.pdf&kind=evidence", kPdf).status,
              404);
    EXPECT_EQ(upload(http(org), org, 99999999, "file_name=brief.pdf&kind=evidence", kPdf).status,
              404);
    EXPECT_EQ(http(org).get(files_of(org, id) + "/99999999").status, 404);

    json c = get(org, id);
    EXPECT_TRUE(c["attachments"].empty());
    auto actions = actions_of(c);
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "attachment-added"), 0);
}

// R-ASSIGN (003): a confidential case's file is as hidden as the case.
TEST_F(Api, AConfidentialCaseFileIsOnlyForWhoMaySeeTheCase) {
    const std::string org = "quoratio";
    json in = intake(org);
    in["confidential"] = true;
    in["handler_id"] = staff(org, "vertrouwenspersoon.fatima");
    long long id = create(org, in)["id"];
    HttpClient& fatima = as(org, "vertrouwenspersoon.fatima");
    auto r = upload(fatima, org, id, "file_name=bevestiging.pdf&kind=written_confirmation", kPdf);
    ASSERT_EQ(r.status, 201) << r.body;
    std::string file = files_of(org, id) + "/" + std::to_string(r.json()["id"].get<long long>());
    json seen =
        fatima.get("/api/v1/organisations/quoratio/complaints/" + std::to_string(id)).json();
    EXPECT_TRUE(seen["may_add_files"].get<bool>());
    EXPECT_EQ(seen["max_file_bytes"], world->services->attachments.max_bytes);
    for (const char* who : {"kwaliteit", "directie", "beheer", "vertrouwenspersoon.henk"}) {
        EXPECT_EQ(as(org, who).get(file).status, 404) << who;
        EXPECT_EQ(upload(as(org, who), org, id, "file_name=x.pdf&kind=other", kPdf).status, 404)
            << who;
    }
    EXPECT_EQ(fatima.get(file).body, kPdf);
}

// R-PRIV (002): when the case's personal data go, its files go with them, and their names
// leave the history; what remains says there was a file.
TEST_F(Api, RetentionRemovesTheCaseFile) {
    const std::string org = "een-loket-mk";
    const OrganisationContext& o = *world->services->organisations.find(org);
    long long id = finished_case(org, "2023-04-03T10:00", "2023-04-21T10:00");
    Actor coordinator{staff(org, "coordinator"), "test", std::nullopt};
    auto added = world->services->attachments.add(
        o, id, {"brief Retentie Testpersoon.pdf", "written_complaint", kPdf}, coordinator,
        kd::testing::at("2023-04-21T11:00"));
    ASSERT_TRUE(added) << added.refusal().message_en;

    RetentionRun run = run_retention(world->services->complaints, *world->writer,
                                     kd::testing::at("2026-11-23T03:00"), true);
    EXPECT_GE(run.anonymised, 1);
    json c = get(org, id);
    ASSERT_EQ(c["attachments"].size(), 1u);
    EXPECT_EQ(c["attachments"][0]["file_name"], "[verwijderd]");
    EXPECT_FALSE(c["may_add_files"].get<bool>()); // nothing more after retention
    EXPECT_FALSE(c["attachments"][0]["removed_at"].is_null());
    EXPECT_EQ(c["attachments"][0]["size"], kPdf.size());
    EXPECT_EQ(c["timeline"].dump().find("Retentie Testpersoon"), std::string::npos);
    auto actions = actions_of(c);
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "attachments-removed"), 1);
    auto d = http(org).get(files_of(org, id) + "/" + std::to_string(added.value().id));
    EXPECT_EQ(d.status, 409) << d.body;
    EXPECT_EQ(d.body.find("%PDF"), std::string::npos);
    // The bytes are gone from the database itself, not just hidden.
    auto raw = Database::open(world->url, 1);
    long long kept = -1;
    raw->writer_session() << "SELECT COUNT(*) FROM attachments WHERE complaint_id = :c AND "
                             "content IS NOT NULL",
        soci::use(id), soci::into(kept);
    EXPECT_EQ(kept, 0);
}
