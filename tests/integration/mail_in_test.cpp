// mail_in_test.cpp: mail in through `klachtdesk mailgate` (the binary, as an MTA's pipe alias
// runs it, on the test's own database: SQLite or PostgreSQL) and the inbox routes: a message
// with a file becomes a complaint with that file once staff register it; a reply joins its
// case; machines' messages are no complaints; the confidants' address is theirs (issue 12).
#include "api_fixture.hpp"

#include <cstdlib>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

using namespace kd;
using namespace kd::it;

namespace {

// Runs `klachtdesk mailgate` with `raw` on its standard input; its exit code.
int mailgate(const std::string& org, const std::string& raw, bool confidential = false) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
    posix_spawn_file_actions_addclose(&actions, fds[1]);
    // On the suite's clock, as the server in this process is: a mail server runs mailgate
    // at the moment the message arrives, and that moment is the suite's (Debian's faketime).
    std::time_t t = to_epoch(world->clock.now());
    std::tm utc{};
    ::gmtime_r(&t, &utc);
    char at[32];
    std::strftime(at, sizeof at, "@%Y-%m-%d %H:%M:%S", &utc);
    // Under AddressSanitizer libfaketime is preloaded before ASan's runtime, which ASan
    // refuses unless told that this order is meant.
    const char* asan = std::getenv("ASAN_OPTIONS");
    std::string asan_options = std::string("ASAN_OPTIONS=") + (asan ? asan : "") +
                               (asan && *asan ? ":" : "") + "verify_asan_link_order=0";
    std::vector<std::string> args = {"/usr/bin/faketime",
                                     "-f",
                                     at,
                                     "/usr/bin/env",
                                     "TZ=UTC",
                                     asan_options,
                                     KLACHTDESK_BINARY,
                                     "--database",
                                     world->url,
                                     "--procedures",
                                     kd::testing::source_path("procedures"),
                                     "mailgate",
                                     "--organisation",
                                     org};
    if (confidential) args.push_back("--confidential");
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[0]);
    for (std::size_t done = 0; done < raw.size();) {
        ssize_t n = ::write(fds[1], raw.data() + done, raw.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fds[1]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A message as a mail program writes it; `extra` are more header lines.
std::string message(const std::string& id, const std::string& subject, const std::string& text,
                    const std::string& extra = "",
                    const std::string& from = "Els Visser <els.visser@example.org>") {
    return "From: " + from + "\r\nTo: klachten@example.nl\r\nSubject: " + subject +
           "\r\nDate: Tue, 17 Nov 2026 21:15:00 +0100\r\nMessage-ID: <" + id + ">\r\n" + extra +
           "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"grens\"\r\n\r\n"
           "--grens\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
           text +
           "\r\n--grens\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
           "filename=\"loonstrook.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           "JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9GCg==\r\n"
           "--grens--\r\n";
}

std::string inbox_path(const std::string& org, const std::string& rest = "") {
    return "/api/v1/organisations/" + org + "/inbox" + rest;
}

// The inbox's messages of `status` from `subject`, as `client` sees them.
std::vector<json> in_inbox(HttpClient& client, const std::string& org, const std::string& subject,
                           const std::string& status = "new") {
    auto r = client.get(inbox_path(org, "?status=" + status));
    EXPECT_EQ(r.status, 200) << r.body;
    std::vector<json> out;
    const json body = r.json(); // kept: a loop over r.json()["items"] would outlive it
    for (const auto& m : body["items"])
        if (m["subject"] == subject) out.push_back(m);
    return out;
}

} // namespace

TEST_F(Api, AMailWithAFileBecomesAComplaintWithItsFileWhenStaffRegisterIt) {
    const std::string org = "xs2more";
    const std::string subject = "Klacht over mijn loonstrook van oktober";
    const std::string raw = message("els-1@example.org", subject,
                                    "Mijn loonstrook van oktober mist 12 uur. Zie bijlage.");
    ASSERT_EQ(mailgate(org, raw), 0);
    ASSERT_EQ(mailgate(org, raw), 0); // delivered twice: kept once
    auto found = in_inbox(http(org), org, subject);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0]["from_address"], "els.visser@example.org");
    EXPECT_EQ(found[0]["files"], 1);
    const std::string id = std::to_string(found[0]["id"].get<long long>());

    json m = http(org).get(inbox_path(org, "/" + id)).json();
    json in = m["suggested_intake"];
    EXPECT_EQ(in["received_at"], "2026-11-17T21:15:00+01:00"); // the message's own date
    EXPECT_EQ(in["complainant"]["email"], "els.visser@example.org");
    EXPECT_EQ(in["complainant"]["name"], "Els Visser");
    EXPECT_NE(in["description"].get<std::string>().find("mist 12 uur"), std::string::npos);
    // Staff complete what the procedure needs (004: a category) and register it.
    in["category"] = "dienstverlening";
    in["involved_staff"] = {staff(org, "employee")};
    in["channel"] = "phone"; // whatever is sent, a mail came in by e-mail
    auto r = http(org).post(inbox_path(org, "/" + id + "/register"), in);
    ASSERT_EQ(r.status, 201) << r.body;
    json c = r.json();
    EXPECT_EQ(c["channel"], "email");
    EXPECT_EQ(c["received_at"], "2026-11-17T21:15:00+01:00");
    json full = get(org, c["id"]);
    std::map<std::string, std::string> files;
    for (const auto& a : full["attachments"])
        files[a["file_name"]] = a["kind"];
    EXPECT_EQ(files, (std::map<std::string, std::string>{{"e-mail.eml", "written_complaint"},
                                                         {"loonstrook.pdf", "correspondence"}}));
    // Settled once: a second registration is a conflict, and it has left the new ones.
    EXPECT_EQ(http(org).post(inbox_path(org, "/" + id + "/register"), in).status, 409);
    EXPECT_TRUE(in_inbox(http(org), org, subject).empty());
    EXPECT_EQ(in_inbox(http(org), org, subject, "registered").size(), 1u);
}

TEST_F(Api, AReplyJoinsItsCaseByItsMessageIdOrItsReference) {
    const std::string org = "xs2more";
    const OrganisationContext& o = *world->services->organisations.find(org);
    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["email"] = "els.visser@example.org";
    json c = create(org, in);
    long long id = c["id"];
    const std::string reference = c["reference"];
    act(org, id, "acknowledge", json::object());
    auto outbox = world->db->mails_of(o.record.id, id);
    ASSERT_EQ(outbox.size(), 1u);
    // By In-Reply-To, whatever the subject says.
    ASSERT_EQ(mailgate(org, message("els-2@example.org", "Re: bedankt",
                                    "Dank voor uw bevestiging, hierbij nog een stuk.",
                                    "In-Reply-To: " + outbox[0].message_id + "\r\n")),
              0);
    // By the reference in the subject, from another mail program.
    ASSERT_EQ(mailgate(org, message("els-3@example.org", "Aanvulling op " + reference,
                                    "Nog een aanvulling.")),
              0);
    json full = get(org, id);
    std::vector<std::string> in_texts;
    int out = 0;
    for (const auto& m : full["correspondence"]) {
        if (m["direction"] == "in") in_texts.push_back(m["text"]);
        if (m["direction"] == "out") ++out;
    }
    EXPECT_EQ(out, 1); // the acknowledgement
    ASSERT_EQ(in_texts.size(), 2u);
    EXPECT_NE(in_texts[0].find("hierbij nog een stuk"), std::string::npos);
    int received = 0, files = 0;
    for (const auto& e : full["timeline"]) {
        if (e["action"] == "mail-received") ++received;
        if (e["action"] == "attachment-added") ++files;
    }
    EXPECT_EQ(received, 2);
    EXPECT_EQ(files, 2);
    EXPECT_TRUE(in_inbox(http(org), org, "Re: bedankt").empty());
}

TEST_F(Api, AReferenceInTheSubjectFromAStrangerJoinsNothing) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["email"] = "els.visser@example.org";
    json c = create(org, in);
    const std::string reference = c["reference"];
    const std::string subject = "Over " + reference;
    ASSERT_EQ(mailgate(org, message("stranger-1@example.org", subject, "Ik weet er meer van.", "",
                                    "Iemand Anders <anders@example.com>")),
              0);
    EXPECT_EQ(in_inbox(http(org), org, subject).size(), 1u); // waits for staff
    const json case_file = get(org, c["id"]);                // kept: the loop below reads into it
    for (const auto& m : case_file["correspondence"])
        EXPECT_NE(m["direction"], "in") << m.dump();
}

TEST_F(Api, AReplyToAConfidentialCaseIsForItsConfidantAlone) {
    const std::string org = "quoratio";
    const OrganisationContext& o = *world->services->organisations.find(org);
    json in = intake(org);
    in["confidential"] = true;
    in["handler_id"] = staff(org, "vertrouwenspersoon.fatima");
    in["complainant"]["email"] = "els.visser@example.org";
    json c = create(org, in);
    long long id = c["id"];
    act_as(as(org, "vertrouwenspersoon.fatima"), org, id, "acknowledge",
           {{"note", "Klacht over gedrag; eerste actie: gesprek."}});
    std::string acknowledgement;
    for (const auto& m : world->db->mails_of(o.record.id, id))
        if (m.kind == "acknowledgement") acknowledgement = m.message_id;
    ASSERT_FALSE(acknowledgement.empty());
    // The reply comes in on the ordinary address, to the acknowledgement.
    const std::string subject = "Re: vertrouwelijk antwoord";
    ASSERT_EQ(mailgate(org, message("conf-reply@example.org", subject, "Nog een detail.",
                                    "In-Reply-To: " + acknowledgement + "\r\n")),
              0);
    EXPECT_TRUE(in_inbox(http(org), org, subject, "joined").empty()); // the coordinator
    EXPECT_TRUE(in_inbox(as(org, "directie"), org, subject, "joined").empty());
    EXPECT_TRUE(in_inbox(as(org, "vertrouwenspersoon.henk"), org, subject, "joined").empty());
    EXPECT_EQ(in_inbox(as(org, "vertrouwenspersoon.fatima"), org, subject, "joined").size(), 1u);
}

TEST_F(Api, AutoRepliesBouncesAndLoopsAreNoComplaints) {
    const std::string org = "jexo";
    ASSERT_EQ(mailgate(org, message("auto-1@example.org", "Afwezig: uw klacht", "Ik ben er niet.",
                                    "Auto-Submitted: auto-replied\r\n")),
              0);
    ASSERT_EQ(
        mailgate(org, message("bounce-1@example.org", "Undelivered Mail Returned", "Onbestelbaar.",
                              "", "Mail Delivery System <MAILER-DAEMON@example.org>")),
        0);
    ASSERT_EQ(mailgate(org, message("loop-1@example.org", "Lus", "Rondje.", "",
                                    "klachtdesk <klachtdesk@localhost>")),
              0);
    for (const char* subject : {"Afwezig: uw klacht", "Undelivered Mail Returned", "Lus"}) {
        EXPECT_TRUE(in_inbox(http(org), org, subject).empty()) << subject;
        auto ignored = in_inbox(http(org), org, subject, "ignored");
        ASSERT_EQ(ignored.size(), 1u) << subject;
        EXPECT_FALSE(ignored[0]["reason"].get<std::string>().empty());
    }
}

TEST_F(Api, MailToTheConfidantsAddressIsForTheConfidantsOnly) {
    const std::string org = "quoratio";
    const std::string subject = "Vertrouwelijk: ongewenst gedrag";
    ASSERT_EQ(mailgate(org, message("conf-1@example.org", subject, "Ik wil dit vertrouwelijk."),
                       /*confidential=*/true),
              0);
    EXPECT_TRUE(in_inbox(http(org), org, subject).empty()); // the coordinator
    EXPECT_TRUE(in_inbox(as(org, "directie"), org, subject).empty());
    auto seen = in_inbox(as(org, "vertrouwenspersoon.henk"), org, subject);
    ASSERT_EQ(seen.size(), 1u);
    const std::string id = std::to_string(seen[0]["id"].get<long long>());
    EXPECT_EQ(http(org).get(inbox_path(org, "/" + id)).status, 404);
    json in = as(org, "vertrouwenspersoon.henk")
                  .get(inbox_path(org, "/" + id))
                  .json()["suggested_intake"];
    EXPECT_EQ(in["confidential"], true);
    in["involved_staff"] = {staff(org, "employee")};
    in["handler_id"] = staff(org, "vertrouwenspersoon.henk");
    auto r = as(org, "vertrouwenspersoon.henk").post(inbox_path(org, "/" + id + "/register"), in);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["confidential"], true);
}

TEST_F(Api, StaffDismissAMessageWithAReasonAndOnlyTheyMay) {
    const std::string org = "jexo";
    const std::string subject = "Aanbieding kantoorartikelen";
    ASSERT_EQ(mailgate(org, message("spam-1@example.org", subject, "Koop nu!")), 0);
    auto found = in_inbox(http(org), org, subject);
    ASSERT_EQ(found.size(), 1u);
    const std::string path = inbox_path(org, "/" + std::to_string(found[0]["id"].get<long long>()));
    // A handler or an employee does not see the inbox.
    EXPECT_EQ(as(org, "sanne").get(inbox_path(org)).status, 403);
    EXPECT_EQ(as(org, "peter").get(inbox_path(org)).status, 403);
    auto no_reason = http(org).post(path + "/dismiss", json{{"reason", " "}});
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(no_reason.json()["errors"][0]["field"], "reason");
    EXPECT_EQ(http(org).post(path + "/dismiss", json{{"reason", "Reclame, geen klacht"}}).status,
              200);
    EXPECT_EQ(http(org).post(path + "/dismiss", json{{"reason", "nog eens"}}).status, 409);
    auto dismissed = in_inbox(http(org), org, subject, "dismissed");
    ASSERT_EQ(dismissed.size(), 1u);
    EXPECT_EQ(dismissed[0]["reason"], "Reclame, geen klacht");
}

TEST_F(Api, TheMailgateSaysWhatAnMtaShouldDo) {
    EXPECT_EQ(mailgate("jexo", "dit is geen e-mail"), 65);             // bounced to the sender
    EXPECT_EQ(mailgate("bestaat-niet", message("x@y", "s", "t")), 67); // no such mailbox
}
