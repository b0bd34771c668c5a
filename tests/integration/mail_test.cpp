// mail_test.cpp: outgoing mail against a real SMTP server (Debian's python3-aiosmtpd, started
// on a free port by the test and stopped after) on SQLite and PostgreSQL: the mails Xs2more's
// procedure (004) promises, each with its terms; a server that is down loses nothing, and a
// mail is never sent twice (issue 12).
#include "mail_fixture.hpp"

#include <thread>

using namespace kd;
using namespace kd::it;

TEST_F(Api, Xs2more004SendsTheMailsItsProcedurePromisesWithTheirTerms) {
    SmtpCatcher smtp;
    smtp.start();
    MailSender sender(*world->writer, settings_for(smtp));
    const std::string org = "xs2more";
    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["email"] = "jan.deboer@example.org";
    json c = create(org, in);
    long long id = c["id"];
    const std::string reference = c["reference"];
    act(org, id, "acknowledge", json::object());
    act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
    act(org, id, "start-handling", json::object());
    act(org, id, "record-hearing", {{"note", "Klager en medewerker gehoord"}});
    act(org, id, "assess", {{"well_founded", true}, {"note", "Gegrond"}});
    c = act(org, id, "extend", {{"term", "6 weeks"}, {"reason", "Inlener op vakantie"}});
    std::string resolve_due = deadline(c, "resolve")["due"]; // "2027-...T23:59:59+01:00"
    act(org, id, "record-cause",
        {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
    act(org, id, "resolve", {{"solution", "Excuses en gesprek met medewerker"}});
    act(org, id, "verify", {{"satisfied", false}});
    act(org, id, "escalate", json::object());
    // Written with the steps, sent by the sender: nothing left before it runs.
    EXPECT_TRUE(smtp.about(reference).empty());
    send_all(sender, now());

    auto mails = smtp.about(reference);
    ASSERT_EQ(mails.size(), 5u); // acknowledgement, assigned, extension, outcome, referral
    std::map<std::string, std::string> by_to_and_subject;
    for (const auto& m : mails)
        by_to_and_subject[header(m, "To") + " | " + header(m, "Subject")] = m;
    auto mail = [&](const std::string& to, const std::string& subject) {
        auto it = by_to_and_subject.find(to + " | " + subject + " (" + reference + ")");
        if (it == by_to_and_subject.end()) it = by_to_and_subject.find(to + " | " + subject);
        EXPECT_NE(it, by_to_and_subject.end()) << to << " | " << subject;
        return it == by_to_and_subject.end() ? std::string() : it->second;
    };
    const std::string jan = "Jan de Boer <jan.deboer@example.org>";
    std::string ack = mail(jan, "Ontvangstbevestiging van uw klacht");
    EXPECT_NE(ack.find("Klachtenregeling"), std::string::npos) << ack;
    std::string extension = mail(jan, "De behandeling van uw klacht duurt langer");
    EXPECT_NE(extension.find("6 weken extra"), std::string::npos) << extension;
    EXPECT_NE(extension.find("Inlener op vakantie"), std::string::npos);
    // The new date, as people in the Netherlands write it: 2027-01-05 -> 05-01-2027.
    std::string due_nl =
        resolve_due.substr(8, 2) + "-" + resolve_due.substr(5, 2) + "-" + resolve_due.substr(0, 4);
    EXPECT_NE(extension.find("uiterlijk " + due_nl), std::string::npos) << extension;
    EXPECT_NE(mail(jan, "Uw klacht is afgehandeld").find("Excuses en gesprek met medewerker"),
              std::string::npos);
    EXPECT_NE(mail(jan, "Uw klacht gaat naar College voor Klachten en Arbitrage van Blik op Werk")
                  .find("doorverwezen"),
              std::string::npos);
    std::string assigned = mail("Sanne de Vries <sanne@xs2more.example>",
                                "Klacht " + reference + " is aan u toegewezen");
    EXPECT_NE(assigned.find("Beste Sanne de Vries"), std::string::npos) << assigned;
    for (const auto& m : mails) {
        EXPECT_EQ(header(m, "From"), "Klachtdesk Xs2more <klachten@xs2more.example>");
        EXPECT_EQ(header(m, "Auto-Submitted"), "auto-generated");
    }

    // Every mail is on the case's timeline with its Message-ID, as the outbox holds it.
    const OrganisationContext& o = *world->services->organisations.find(org);
    auto outbox = world->db->mails_of(o.record.id, id);
    ASSERT_EQ(outbox.size(), 5u);
    json full = get(org, id);
    int sent_events = 0;
    for (const auto& e : full["timeline"])
        if (e["action"] == "mail-sent") {
            ++sent_events;
            EXPECT_EQ(e["subject"]["type"], "mail");
        }
    EXPECT_EQ(sent_events, 5);
    for (const auto& m : outbox) {
        EXPECT_TRUE(m.sent_at.has_value()) << m.subject;
        EXPECT_EQ(smtp.about(m.message_id).size(), 1u) << m.message_id;
    }
}

TEST_F(Api, AnSmtpServerThatIsDownLosesNoMailAndNoneIsSentTwice) {
    SmtpCatcher smtp; // not started yet: nothing listens on its port
    MailSender sender(*world->writer, settings_for(smtp));
    const std::string org = "xs2more";
    const OrganisationContext& o = *world->services->organisations.find(org);
    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["email"] = "wacht@example.org";
    long long id = create(org, in)["id"];
    act(org, id, "acknowledge", json::object());
    Instant t = now();
    send_all(sender, t);
    auto outbox = world->db->mails_of(o.record.id, id);
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_FALSE(outbox[0].sent_at);
    EXPECT_FALSE(outbox[0].failed_at);
    EXPECT_EQ(outbox[0].attempts, 1);
    EXPECT_FALSE(outbox[0].last_error.empty());
    EXPECT_EQ(outbox[0].next_attempt_at, t + MailSender::backoff(1));

    smtp.start();
    send_all(sender, t + std::chrono::seconds{30}); // not due yet
    EXPECT_TRUE(smtp.about(outbox[0].message_id).empty());
    send_all(sender, t + std::chrono::minutes{2});
    EXPECT_EQ(smtp.about(outbox[0].message_id).size(), 1u);
    // Nothing is sent again, however often the sender runs.
    send_all(sender, t + std::chrono::hours{30});
    EXPECT_EQ(smtp.about(outbox[0].message_id).size(), 1u);
    auto after = world->db->mails_of(o.record.id, id);
    EXPECT_TRUE(after[0].sent_at);
    EXPECT_EQ(after[0].attempts, 2);
}

TEST_F(Api, AMailThatKeepsFailingIsGivenUpAndShownOnTheCase) {
    SmtpCatcher smtp; // never started
    MailSender sender(*world->writer, settings_for(smtp));
    const std::string org = "xs2more";
    const OrganisationContext& o = *world->services->organisations.find(org);
    json in = intake(org);
    in["category"] = "bejegening";
    in["complainant"]["email"] = "nooit@example.org";
    long long id = create(org, in)["id"];
    act(org, id, "acknowledge", json::object());
    Instant t = now();
    for (int attempt = 1; attempt <= MailSender::kMaxAttempts; ++attempt) {
        send_all(sender, t);
        t += MailSender::backoff(attempt) + std::chrono::seconds{1};
    }
    auto outbox = world->db->mails_of(o.record.id, id);
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_TRUE(outbox[0].failed_at);
    EXPECT_EQ(outbox[0].attempts, MailSender::kMaxAttempts);
    json c = get(org, id);
    bool shown = false;
    for (const auto& e : c["timeline"])
        if (e["action"] == "mail-failed")
            shown = !e["changes"]["error"][1].get<std::string>().empty();
    EXPECT_TRUE(shown) << c["timeline"].dump();
    // And in the list of mails given up, with its case, for someone to write or call instead.
    auto list = http(org).get("/api/v1/organisations/" + org + "/outbox?status=failed");
    ASSERT_EQ(list.status, 200) << list.body;
    bool listed = false;
    const json items = list.json()["items"];
    for (const auto& m : items)
        listed =
            listed || (m["reference"] == c["reference"] && m["address"] == "nooit@example.org" &&
                       !m["error"].get<std::string>().empty());
    EXPECT_TRUE(listed) << list.body;
    EXPECT_EQ(as(org, "sanne").get("/api/v1/organisations/" + org + "/outbox").status, 403);
}

// Two servers on one PostgreSQL database each run a sender: every mail goes out once.
TEST_F(Api, TwoSendersOnOneDatabaseSendEachMailOnce) {
    if (world->db->backend() != Backend::postgresql)
        GTEST_SKIP() << "only PostgreSQL is shared by two servers";
    SmtpCatcher smtp;
    smtp.start();
    const std::string org = "xs2more";
    const OrganisationContext& o = *world->services->organisations.find(org);
    std::vector<long long> ids;
    for (int i = 0; i < 30; ++i) {
        json in = intake(org);
        in["category"] = "bejegening";
        in["complainant"]["email"] = "twee" + std::to_string(i) + "@example.org";
        long long id = create(org, in)["id"];
        act(org, id, "acknowledge", json::object());
        ids.push_back(id);
    }
    // The second server: its own connections and its own writer on the same database.
    auto other_db = Database::open(world->url, 2);
    Writer other_writer(*other_db);
    MailSender here(*world->writer, settings_for(smtp)), there(other_writer, settings_for(smtp));
    std::thread a([&] { send_all(here, now()); }), b([&] { send_all(there, now()); });
    a.join();
    b.join();
    for (long long id : ids)
        for (const auto& m : world->db->mails_of(o.record.id, id)) {
            EXPECT_TRUE(m.sent_at) << m.message_id;
            EXPECT_EQ(smtp.about(m.message_id).size(), 1u) << m.message_id;
        }
}

namespace {

// The mails about `reference` that reached the SMTP server, by To and Subject.
std::map<std::string, std::string> sent_about(const SmtpCatcher& smtp,
                                              const std::string& reference) {
    std::map<std::string, std::string> out;
    for (const auto& m : smtp.about(reference))
        out[header(m, "To") + " | " + header(m, "Subject")] = m;
    return out;
}

std::vector<std::string> keys_of(const std::map<std::string, std::string>& m) {
    std::vector<std::string> out;
    for (const auto& [k, v] : m)
        out.push_back(k);
    return out;
}

} // namespace

// The mails of the other four procedures, each with its own terms (issue 12): which step
// sends which mail to whom, and what the procedure's term makes the mail promise.
TEST_F(Api, EachProcedureSendsItsOwnMailsWithItsOwnTerms) {
    SmtpCatcher smtp;
    smtp.start();
    MailSender sender(*world->writer, settings_for(smtp));
    const std::string jan = "Jan de Boer <jan@example.org>";
    auto sanne = [](const std::string& org) {
        return "Sanne de Vries <sanne@" + org + ".example>";
    };
    auto begin = [&](const std::string& org, json in) {
        in["complainant"]["email"] = "jan@example.org";
        return create(org, in);
    };

    { // 000 Jexo: no acknowledgement step; handling within 14 days.
        const std::string org = "jexo";
        json in = intake(org);
        in["handler_id"] = staff(org, "sanne");
        json c = begin(org, in);
        long long id = c["id"];
        const std::string ref = c["reference"];
        act(org, id, "start-handling", json::object());
        act(org, id, "record-cause",
            {{"category", "communicatie"}, {"text", "Rooster niet doorgegeven"}});
        act(org, id, "resolve", {{"solution", "Loon nabetaald"}});
        send_all(sender, now());
        auto mails = sent_about(smtp, ref);
        EXPECT_EQ(keys_of(mails), (std::vector<std::string>{
                                      jan + " | Uw klacht is afgehandeld (" + ref + ")",
                                      sanne(org) + " | Klacht " + ref + " is aan u toegewezen"}));
        const std::string& to_sanne =
            mails[sanne(org) + " | Klacht " + ref + " is aan u toegewezen"];
        EXPECT_NE(to_sanne.find("(Afhandeling) loopt af op 02-12-2026 23:59"), std::string::npos)
            << to_sanne;
        const std::string& outcome = mails[jan + " | Uw klacht is afgehandeld (" + ref + ")"];
        EXPECT_NE(outcome.find("Loon nabetaald"), std::string::npos);
        EXPECT_NE(outcome.find("/klacht/jexo/tevredenheid/"), std::string::npos) << outcome;
    }
    { // 001 Exact PI: acknowledged at intake; the handler contacts within 2 working days;
      // the resolution term is agreed per case, so the acknowledgement promises no date.
        const std::string org = "exactpi";
        json in = intake(org);
        in["description_approved"] = in["procedure_explained"] = in["acknowledged_at_intake"] =
            true;
        json c = begin(org, in);
        long long id = c["id"];
        const std::string ref = c["reference"];
        act(org, id, "assign", {{"handler_id", staff(org, "sanne")}});
        send_all(sender, now());
        auto mails = sent_about(smtp, ref);
        ASSERT_EQ(mails.size(), 2u) << ::testing::PrintToString(keys_of(mails));
        const std::string& ack = mails[jan + " | Ontvangstbevestiging van uw klacht (" + ref + ")"];
        EXPECT_NE(ack.find("zo snel mogelijk"), std::string::npos) << ack;
        const std::string& to_sanne =
            mails[sanne(org) + " | Klacht " + ref + " is aan u toegewezen"];
        // Assigned Wednesday 18 November: 2 working days, to Friday 20 November.
        EXPECT_NE(to_sanne.find("(Eerste contact door behandelaar) loopt af op 20-11-2026 23:59"),
                  std::string::npos)
            << to_sanne;
    }
    { // 002 Een Loket MK: acknowledged within 1 working day; handled within 4 weeks.
        const std::string org = "een-loket-mk";
        json c = begin(org, intake(org));
        long long id = c["id"];
        const std::string ref = c["reference"];
        act(org, id, "acknowledge", json::object());
        send_all(sender, now());
        auto mails = sent_about(smtp, ref);
        ASSERT_EQ(mails.size(), 1u) << ::testing::PrintToString(keys_of(mails));
        const std::string& ack = mails[jan + " | Ontvangstbevestiging van uw klacht (" + ref + ")"];
        EXPECT_NE(ack.find("uiterlijk 16-12-2026"), std::string::npos) << ack;
    }
    { // 003 Quoratio: the acknowledgement carries the description and the first actions;
      // the resolution has no fixed term.
        const std::string org = "quoratio";
        json c = begin(org, intake(org));
        long long id = c["id"];
        const std::string ref = c["reference"];
        act(org, id, "acknowledge",
            {{"note", "U klaagt over het rooster. Eerste actie: gesprek met de planner."}});
        send_all(sender, now());
        auto mails = sent_about(smtp, ref);
        ASSERT_EQ(mails.size(), 1u) << ::testing::PrintToString(keys_of(mails));
        const std::string& ack = mails[jan + " | Ontvangstbevestiging van uw klacht (" + ref + ")"];
        EXPECT_NE(ack.find("Eerste actie: gesprek met de planner."), std::string::npos) << ack;
        EXPECT_NE(ack.find("zo snel mogelijk"), std::string::npos) << ack;
    }
}
