// reminders_test.cpp: the scheduler (issue 12) on SQLite and PostgreSQL, with mails through a
// real SMTP server: a handler is reminded before a deadline, a miss reaches the coordinator
// and management, a confidential case stays with its confidant, each person's morning digest,
// and every one of them written once, also by two servers on one PostgreSQL database.
#include "mail_fixture.hpp"
#include "service/reminders.hpp"

#include <thread>

using namespace kd;
using namespace kd::it;
using kd::testing::at;

namespace {

// The mails of case `id` of this kind, by whom they are for.
std::map<long long, OutboxMail> mails_of_kind(long long organisation_id, long long id,
                                              const std::string& kind) {
    std::map<long long, OutboxMail> out;
    for (auto& m : world->db->mails_of(organisation_id, id))
        if (m.kind == kind) {
            EXPECT_TRUE(m.staff_id.has_value()) << m.subject;
            EXPECT_EQ(out.count(m.staff_id.value_or(0)), 0u) << "twice: " << m.subject;
            out[m.staff_id.value_or(0)] = m;
        }
    return out;
}

} // namespace

TEST_F(Api, JexoRemindsTheHandlerTheDayBeforeAndTellsCoordinatorAndManagementOfAMiss) {
    const std::string org = "jexo";
    const OrganisationContext& o = *world->services->organisations.find(org);
    json in = intake(org);
    in["handler_id"] = staff(org, "sanne");
    json c = create(org, in); // received 18 November; resolve within 14 days: 2 December
    long long id = c["id"];
    const std::string reference = c["reference"];
    ASSERT_EQ(deadline(c, "resolve")["due"], "2026-12-02T23:59:59+01:00");
    Reminders reminders(world->services->complaints, *world->writer);

    // R-HANDLE: one working day before the due day (the procedure's default), not earlier.
    reminders.run(at("2026-11-30T23:59:59"));
    EXPECT_TRUE(mails_of_kind(o.record.id, id, "reminder").empty());
    reminders.run(at("2026-12-01T00:00"));
    reminders.run(at("2026-12-01T09:00"));
    auto reminded = mails_of_kind(o.record.id, id, "reminder");
    ASSERT_EQ(reminded.size(), 1u);
    const OutboxMail& r = reminded.begin()->second;
    EXPECT_EQ(r.staff_id, staff(org, "sanne"));
    EXPECT_EQ(r.to_address, "sanne@jexo.example");
    EXPECT_EQ(r.subject,
              "Herinnering: Afhandeling van klacht " + reference + " uiterlijk 02-12-2026 23:59");

    // Past the due moment without a resolution: the handler, the coordinator and management.
    reminders.run(at("2026-12-03T00:00:01"));
    Reminders restarted(world->services->complaints, *world->writer); // a restarted server
    restarted.run(at("2026-12-03T08:00"));
    auto missed = mails_of_kind(o.record.id, id, "missed");
    ASSERT_EQ(missed.size(), 3u);
    EXPECT_EQ(missed.count(staff(org, "sanne")), 1u);
    EXPECT_EQ(missed.count(staff(org, "coordinator")), 1u);
    EXPECT_EQ(missed.count(staff(org, "management")), 1u);
    EXPECT_EQ(missed[staff(org, "coordinator")].recipient, "coordinator");
    EXPECT_EQ(mails_of_kind(o.record.id, id, "reminder").size(), 1u);

    // They go out through SMTP and are on the case's timeline.
    SmtpCatcher smtp;
    smtp.start();
    MailSender sender(*world->writer, settings_for(smtp));
    send_all(sender, at("2026-12-03T08:01"));
    auto out = smtp.about("Termijn verstreken: Afhandeling van klacht " + reference);
    ASSERT_EQ(out.size(), 3u);
    std::set<std::string> to;
    for (const auto& m : out) {
        std::string address = header(m, "To");
        address = address.substr(address.find('<'));
        to.insert(address);
        EXPECT_NE(m.find("is op 02-12-2026 23:59 verstreken"), std::string::npos) << m;
        EXPECT_NE(m.find(address == "<sanne@jexo.example>" ? "U behandelt deze klacht"
                                                           : "Behandelaar: Sanne de Vries"),
                  std::string::npos)
            << m;
    }
    EXPECT_EQ(to, (std::set<std::string>{"<sanne@jexo.example>", "<kwaliteit@jexo.example>",
                                         "<directie@jexo.example>"}));
    int sent = 0;
    json timeline = get(org, id)["timeline"];
    for (const auto& e : timeline)
        if (e["action"] == "mail-sent" && (e["changes"]["mail_kind"][1] == "missed" ||
                                           e["changes"]["mail_kind"][1] == "reminder"))
            ++sent;
    EXPECT_EQ(sent, 4) << timeline.dump(1);
}

TEST_F(Api, AMissLongBeforeTheSchedulerLooksIsLeftToTheRegister) {
    const std::string org = "jexo";
    const OrganisationContext& o = *world->services->organisations.find(org);
    json old_in = intake(org), recent_in = intake(org);
    old_in["received_at"] = "2026-10-20T09:00";    // due 3 November: weeks before
    recent_in["received_at"] = "2026-11-01T09:00"; // due 15 November: three days before
    old_in["handler_id"] = recent_in["handler_id"] = staff(org, "mohamed");
    long long old_id = create(org, old_in)["id"], recent_id = create(org, recent_in)["id"];
    Reminders(world->services->complaints, *world->writer).run(now());
    EXPECT_TRUE(mails_of_kind(o.record.id, old_id, "missed").empty());
    EXPECT_EQ(mails_of_kind(o.record.id, recent_id, "missed").size(), 3u);
}

TEST_F(Api, AConfidentialCaseIsRemindedToItsConfidantAlone) {
    const std::string org = "quoratio"; // 003: acknowledgement within 48 hours
    const OrganisationContext& o = *world->services->organisations.find(org);
    json in = intake(org);
    in["confidential"] = true;
    in["handler_id"] = staff(org, "vertrouwenspersoon.fatima");
    json c = create(org, in); // received 18 November 07:30; due 20 November 07:30
    long long id = c["id"];
    ASSERT_EQ(deadline(c, "acknowledge")["due"], "2026-11-20T07:30:00+01:00");
    Reminders reminders(world->services->complaints, *world->writer);
    reminders.run(at("2026-11-19T09:00")); // the working day before
    reminders.run(at("2026-11-20T08:00")); // missed
    auto reminded = mails_of_kind(o.record.id, id, "reminder");
    auto missed = mails_of_kind(o.record.id, id, "missed");
    ASSERT_EQ(reminded.size(), 1u);
    ASSERT_EQ(missed.size(), 1u);
    EXPECT_EQ(reminded.begin()->first, staff(org, "vertrouwenspersoon.fatima"));
    EXPECT_EQ(missed.begin()->first, staff(org, "vertrouwenspersoon.fatima"));
}

TEST_F(Api, EachPersonGetsOneDigestOnAWorkingMorning) {
    const std::string org = "een-loket-mk"; // 002: acknowledgement within 1 working day
    // A handler of its own: a digest goes once a day, and other tests' schedulers ran on
    // these days with their own cases.
    StaffMember m{0, 0, "Digest Proef", "digest@een-loket-mk.example", "handler", false, true, ""};
    auto added =
        world->services->accounts.add(world->services->organisations.find(org)->record.id, m,
                                      "een-lang-wachtwoord", Actor{0, "test", std::nullopt}, now());
    ASSERT_TRUE(added) << added.refusal().message_en;
    json in = intake(org);
    in["handler_id"] = added.value().id;
    const std::string reference = create(org, in)["reference"];
    SmtpCatcher smtp;
    smtp.start();
    MailSender sender(*world->writer, settings_for(smtp));
    const std::string subject = "Uw klachten op 19-11-2026";
    auto digests_to = [&](const std::string& address) {
        std::vector<std::string> out;
        for (const auto& m : smtp.about(subject))
            if (header(m, "To").find(address) != std::string::npos) out.push_back(m);
        return out;
    };
    Reminders reminders(world->services->complaints, *world->writer);
    reminders.run(at("2026-11-19T06:59"));
    send_all(sender, at("2026-11-19T06:59"));
    EXPECT_TRUE(smtp.about(subject).empty());
    reminders.run(at("2026-11-19T07:00"));
    Reminders(world->services->complaints, *world->writer).run(at("2026-11-19T07:30"));
    send_all(sender, at("2026-11-19T07:31"));
    auto digest = digests_to("digest@een-loket-mk.example");
    ASSERT_EQ(digest.size(), 1u);
    // The acknowledgement was due on the 19th at the end of the day, Afhandeling four weeks on.
    EXPECT_NE(digest[0].find("- " + reference + ": Ontvangstbevestiging, uiterlijk 19-11-2026"),
              std::string::npos)
        << digest[0];
    EXPECT_NE(digest[0].find("- " + reference + ": Afhandeling, uiterlijk 16-12-2026"),
              std::string::npos)
        << digest[0];
    // Not on a Saturday.
    reminders.run(at("2026-11-21T09:00"));
    send_all(sender, at("2026-11-21T09:01"));
    EXPECT_TRUE(smtp.about("Uw klachten op 21-11-2026").empty());
}

// Two servers on one PostgreSQL database each run the scheduler at the same moment: each
// reminder is written, and so sent, once.
TEST_F(Api, TwoSchedulersOnOneDatabaseWriteEachReminderOnce) {
    if (world->db->backend() != Backend::postgresql)
        GTEST_SKIP() << "only PostgreSQL is shared by two servers";
    const std::string org = "jexo";
    const OrganisationContext& o = *world->services->organisations.find(org);
    std::vector<long long> ids;
    for (int i = 0; i < 20; ++i) {
        json in = intake(org);
        in["handler_id"] = staff(org, "sanne");
        ids.push_back(create(org, in)["id"]);
    }
    auto other_db = Database::open(world->url, 2);
    Writer other_writer(*other_db);
    Organisations other_orgs(*other_db, other_writer);
    for (const auto& x : world->services->organisations.all())
        other_orgs.put_in_force(x->procedure, x->procedure_text, "test", now());
    ComplaintService other_service(*other_db, other_writer, other_orgs);
    Reminders here(world->services->complaints, *world->writer), there(other_service, other_writer);
    const Instant missed = at("2026-12-03T09:00");
    std::thread a([&] { here.run(missed); }), b([&] { there.run(missed); });
    a.join();
    b.join();
    for (long long id : ids)
        EXPECT_EQ(mails_of_kind(o.record.id, id, "missed").size(), 3u) << id;
}

// What makes two schedulers write a reminder once: the outbox takes a once_key once, also
// when the second writer does not know of the first (the read before the write misses it).
TEST_F(Api, AMailWithAOnceKeyIsWrittenOnce) {
    const long long org = world->services->organisations.find("jexo")->record.id;
    auto write = [&](const std::string& message_id) {
        bool written = false;
        world->writer->run([&](Transaction& t) {
            OutboxMail m;
            m.organisation_id = org;
            m.kind = "digest";
            m.recipient = "handler";
            m.to_address = "sanne@jexo.example";
            m.subject = m.body = "x";
            m.message_id = message_id;
            m.once_key = "test:written-once";
            m.created_at = m.next_attempt_at = now();
            written = t.queue_mail(m);
            return true;
        });
        return written;
    };
    EXPECT_TRUE(write("<once-1@test.klachtdesk>"));
    EXPECT_FALSE(write("<once-2@test.klachtdesk>"));
    EXPECT_EQ(world->db->once_keys_written({"test:written-once"}).size(), 1u);
}
