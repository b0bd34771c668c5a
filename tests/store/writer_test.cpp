// writer_test.cpp: the single writer's promises, on a real database: each write in a batch
// stands alone (savepoints), a commit that fails stores nothing and says so to every write
// of the batch, and nobody hears "done" before the commit.
#include "store/writer.hpp"
#include "store_fixture.hpp"

#include <soci/soci.h>

#include <future>

using namespace kd;

namespace {

class WriterTest : public ::testing::Test {
protected:
    void SetUp() override {
        url = kd::testing::store_test_url("writer");
        db = kd::testing::open_store(url);
        if (!db) GTEST_SKIP() << "KLACHTDESK_TEST_POSTGRES_URL is not set; scripts/test sets it";
        soci::session& s = db->writer_session();
        s << "DROP TABLE IF EXISTS probe_child";
        s << "DROP TABLE IF EXISTS probe_parent";
        s << "CREATE TABLE probe_parent (id INTEGER PRIMARY KEY)";
        // Checked at COMMIT, not at the INSERT: the one way to make a commit fail for real.
        s << "CREATE TABLE probe_child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES "
             "probe_parent(id) DEFERRABLE INITIALLY DEFERRED)";
        writer = std::make_unique<Writer>(*db);
    }
    void TearDown() override { writer.reset(); }

    static std::function<bool(Transaction&)> insert_parent(int id) {
        return [id](Transaction& t) {
            t.session() << "INSERT INTO probe_parent (id) VALUES (:i)", soci::use(id);
            return true;
        };
    }

    // Holds the writer inside a batch until release() so the next writes queue up and are
    // committed together.
    struct Gate {
        std::promise<void> entered, open;
        std::future<void> opened = open.get_future();
    };
    void hold(Gate& g) {
        writer->submit({[&g](Transaction&) {
                            g.entered.set_value();
                            g.opened.wait();
                            return true;
                        },
                        [](WriteStatus, const std::string&) {}});
        g.entered.get_future().wait();
    }

    std::future<WriteStatus> submit(std::function<bool(Transaction&)> work) {
        auto p = std::make_shared<std::promise<WriteStatus>>();
        writer->submit(
            {std::move(work), [p](WriteStatus s, const std::string&) { p->set_value(s); }});
        return p->get_future();
    }

    std::string url;
    std::unique_ptr<Database> db;
    std::unique_ptr<Writer> writer;
};

TEST_F(WriterTest, ARefusedOrFailingWriteUndoesOnlyItself) {
    Gate gate;
    hold(gate);
    auto kept = submit(insert_parent(1));
    auto refused = submit([](Transaction& t) {
        t.session() << "INSERT INTO probe_parent (id) VALUES (2)";
        return false; // a rule said no after writing: its row must go
    });
    auto failed = submit([](Transaction& t) {
        t.session() << "INSERT INTO probe_parent (id) VALUES (3)";
        t.session() << "INSERT INTO probe_parent (id) VALUES (1)"; // duplicate key
        return true;
    });
    auto after = submit(insert_parent(4));
    gate.open.set_value();
    EXPECT_EQ(kept.get(), WriteStatus::committed);
    EXPECT_EQ(refused.get(), WriteStatus::refused);
    EXPECT_EQ(failed.get(), WriteStatus::failed);
    EXPECT_EQ(after.get(), WriteStatus::committed);
    writer->stop();
    std::vector<int> ids(10);
    soci::session& s = db->writer_session();
    s << "SELECT id FROM probe_parent ORDER BY id", soci::into(ids);
    EXPECT_EQ(ids, (std::vector<int>{1, 4}));
}

// On PostgreSQL the writer's own statements are sent without waiting (a pipeline): an error
// comes back later than the statement. It must still fail only the write that sent it, and
// undo that write's link of the audit chain, so the next write's event extends an intact one.
TEST_F(WriterTest, AnErrorAnsweredLaterStillFailsOnlyItsOwnWrite) {
    Instant now = from_epoch(1'795'000'000);
    long long org = 0, staff = 0;
    ASSERT_EQ(writer->run([&](Transaction& t) {
        org = t.ensure_organisation({"9W" + std::to_string(::getpid() % 100),
                                     "writer-" + std::to_string(::getpid()), "Schrijver", 1, "test",
                                     "(test)", "writer_test"},
                                    now)
                  .id;
        staff = t.insert_staff(
            {0, org, "Kwaliteit", "kwaliteit@writer.example", "coordinator", false, true, ""});
        return true;
    }),
              WriteStatus::committed);
    auto event = [&](long long actor) {
        return [&, actor](Transaction& t) {
            t.append_staff_event(org, staff, now, Actor{actor, "test", std::nullopt}, "probe",
                                 "{}");
            return true;
        };
    };
    Gate gate;
    hold(gate);
    auto before = submit(event(staff));
    auto failing = submit(event(staff + 1'000'000)); // no such staff member: a foreign key
    auto after = submit(event(staff));
    gate.open.set_value();
    EXPECT_EQ(before.get(), WriteStatus::committed);
    EXPECT_EQ(failing.get(), WriteStatus::failed);
    EXPECT_EQ(after.get(), WriteStatus::committed);
    writer->stop();
    AuditCheck check = db->verify_audit(org, {});
    EXPECT_TRUE(check.intact) << check.problem;
    long long probes = 0;
    db->writer_session() << "SELECT COUNT(*) FROM audit_events WHERE organisation_id = :o AND "
                            "action = 'probe'",
        soci::use(org), soci::into(probes);
    EXPECT_EQ(probes, 2);
}

// A write that reads after it has written: on PostgreSQL the read must wait for the answers
// to what the write sent (ensure_organisation records a missing procedure text as an event,
// then reads the version in force to record a change of name).
TEST_F(WriterTest, AWriteThatReadsAfterWritingSeesWhatItWrote) {
    Instant now = from_epoch(1'795'000'000);
    const std::string code = "9R" + std::to_string(::getpid() % 100);
    const std::string slug = "reader-" + std::to_string(::getpid());
    long long org = 0;
    ASSERT_EQ(writer->run([&](Transaction& t) {
        org = t.ensure_organisation({code, slug, "Lezer", 1, "test", "(tekst)", "writer_test"}, now)
                  .id;
        return true;
    }),
              WriteStatus::committed);
    // As a version stored before 2026-11-24 could be: without its text.
    db->writer_session() << "UPDATE procedure_versions SET source_text = '' WHERE "
                            "organisation_id = :o",
        soci::use(org);
    std::string error;
    EXPECT_EQ(writer->run(
                  [&](Transaction& t) {
                      t.ensure_organisation(
                          {code, slug, "Lezer B.V.", 1, "test", "(tekst)", "writer_test"}, now);
                      return true;
                  },
                  &error),
              WriteStatus::committed)
        << error;
    writer->stop();
    std::vector<std::string> actions(10);
    db->writer_session() << "SELECT action FROM audit_events WHERE organisation_id = :o ORDER BY "
                            "seq",
        soci::use(org), soci::into(actions);
    EXPECT_EQ(actions, (std::vector<std::string>{"procedure-adopt", "procedure-text-recorded",
                                                 "organisation-change"}));
    EXPECT_TRUE(db->verify_audit(org, {}).intact);
}

TEST_F(WriterTest, AFailedCommitStoresNothingAndTellsEveryWrite) {
    Gate gate;
    hold(gate);
    auto good = submit(insert_parent(10));
    auto bad = submit([](Transaction& t) {
        t.session() << "INSERT INTO probe_child (id, parent) VALUES (1, 999)";
        return true; // fine until COMMIT checks the deferred foreign key
    });
    gate.open.set_value();
    EXPECT_EQ(good.get(), WriteStatus::failed);
    EXPECT_EQ(bad.get(), WriteStatus::failed);
    // The writer goes on after a failed commit.
    EXPECT_EQ(writer->run(insert_parent(11)), WriteStatus::committed);
    writer->stop();
    std::vector<int> ids(10);
    db->writer_session() << "SELECT id FROM probe_parent ORDER BY id", soci::into(ids);
    EXPECT_EQ(ids, (std::vector<int>{11}));
}

TEST_F(WriterTest, DoneIsCalledOnlyAfterTheCommit) {
    // Another connection looks from inside `done`: the row must already be visible there.
    auto other = Database::open(url, 1);
    std::promise<long long> seen;
    writer->submit({insert_parent(20), [&](WriteStatus s, const std::string&) {
                        long long n = -1;
                        if (s == WriteStatus::committed)
                            other->writer_session()
                                << "SELECT COUNT(*) FROM probe_parent WHERE id = 20",
                                soci::into(n);
                        seen.set_value(n);
                    }});
    EXPECT_EQ(seen.get_future().get(), 1);
}

TEST_F(WriterTest, AWriteAfterStopFailsAtOnce) {
    writer->stop();
    EXPECT_EQ(writer->run(insert_parent(30)), WriteStatus::failed);
}

} // namespace
