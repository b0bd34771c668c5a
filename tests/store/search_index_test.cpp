// search_index_test.cpp: the register's full-text search follows every change of a complaint's
// text, also when a batch inserts and changes one, and forgets what an undone write wrote. On
// SQLite the index is brought up to date once per batch (migration 25), so these are the
// cases where that could go wrong; FTS5's own integrity check compares index and table. Its
// words are prefixed by organisation (migration 26) and read by FTS5's own tokenizer.
#include "store/writer.hpp"
#include "store_fixture.hpp"

#include <soci/soci.h>

#include <future>

using namespace kd;

namespace {

class SearchIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        db = kd::testing::open_store(kd::testing::store_test_url("search"));
        if (!db) GTEST_SKIP() << "KLACHTDESK_TEST_POSTGRES_URL is not set; scripts/test sets it";
        writer = std::make_unique<Writer>(*db);
        ASSERT_EQ(writer->run([&](Transaction& t) {
            org = t.ensure_organisation({"9S" + std::to_string(::getpid() % 100),
                                         "search-" + std::to_string(::getpid()), "Zoeken", 1,
                                         "test", "(test)", "search_index_test"},
                                        now)
                      .id;
            return true;
        }),
                  WriteStatus::committed);
    }
    void TearDown() override { writer.reset(); }

    Complaint complaint(const std::string& description) const {
        Complaint c;
        c.organisation_id = org;
        c.received_at = c.registered_at = now;
        c.complainant.name = "Klager";
        c.description = description;
        return c;
    }
    std::set<long long> found(const std::string& words) {
        ComplaintQuery q;
        q.organisation_id = org;
        q.text = words;
        q.limit = 100;
        std::set<long long> ids;
        for (const auto& c : db->list(q).items)
            ids.insert(c.id);
        return ids;
    }
    void expect_index_matches_table() {
        if (db->backend() != Backend::sqlite) return;
        // Fails with "database disk image is malformed" when index and table disagree.
        EXPECT_NO_THROW(db->writer_session()
                        << "INSERT INTO complaints_search (complaints_search, rank) VALUES "
                           "('integrity-check', 1)");
        long long queued = -1;
        db->writer_session() << "SELECT COUNT(*) FROM complaints_search_queue", soci::into(queued);
        EXPECT_EQ(queued, 0) << "every batch leaves the queue empty";
    }
    std::future<WriteStatus> submit(std::function<bool(Transaction&)> work) {
        auto p = std::make_shared<std::promise<WriteStatus>>();
        writer->submit(
            {std::move(work), [p](WriteStatus s, const std::string&) { p->set_value(s); }});
        return p->get_future();
    }

    Instant now = from_epoch(1'795'000'000);
    long long org = 0;
    std::unique_ptr<Database> db;
    std::unique_ptr<Writer> writer;
};

TEST_F(SearchIndexTest, AComplaintInsertedAndChangedInOneBatchIsFoundByItsNewText) {
    Complaint c = complaint("De pinguin was zoek");
    ASSERT_EQ(writer->run([&](Transaction& t) {
        t.insert_complaint(c, std::nullopt, {}, now);
        Complaint after = c;
        after.description = "De walrus was zoek";
        t.update_complaint(c, after, std::nullopt, {}, now);
        return true;
    }),
              WriteStatus::committed);
    EXPECT_EQ(found("walrus"), std::set<long long>{c.id});
    EXPECT_TRUE(found("pinguin").empty());
    expect_index_matches_table();

    // A later batch changes it twice: the index forgets the text it held, and the middle one.
    ASSERT_EQ(writer->run([&](Transaction& t) {
        Complaint walrus = *t.complaint(org, c.id);
        Complaint seal = walrus;
        seal.description = "De zeehond was zoek";
        t.update_complaint(walrus, seal, std::nullopt, {}, now);
        Complaint otter = seal;
        otter.description = "De otter was zoek";
        t.update_complaint(seal, otter, std::nullopt, {}, now);
        return true;
    }),
              WriteStatus::committed);
    EXPECT_EQ(found("otter"), std::set<long long>{c.id});
    EXPECT_TRUE(found("walrus").empty());
    EXPECT_TRUE(found("zeehond").empty());
    expect_index_matches_table();
}

TEST_F(SearchIndexTest, AnUndoneWriteLeavesNothingInTheIndexAndItsNeighboursStay) {
    Complaint kept = complaint("Een ekster in de kantine");
    ASSERT_EQ(writer->run([&](Transaction& t) {
        t.insert_complaint(kept, std::nullopt, {}, now);
        return true;
    }),
              WriteStatus::committed);
    // Three writes in one batch: the middle one changes the text, then is refused.
    std::promise<void> entered, open;
    writer->submit({[&](Transaction&) {
                        entered.set_value();
                        open.get_future().wait();
                        return true;
                    },
                    [](WriteStatus, const std::string&) {}});
    entered.get_future().wait();
    Complaint before_it = complaint("Een merel op het dak");
    auto first = submit([&](Transaction& t) {
        t.insert_complaint(before_it, std::nullopt, {}, now);
        return true;
    });
    auto refused = submit([&](Transaction& t) {
        Complaint k = *t.complaint(org, kept.id);
        Complaint changed = k;
        changed.description = "Een reiger bij de vijver";
        t.update_complaint(k, changed, std::nullopt, {}, now);
        Complaint stray = complaint("Een reiger die nooit kwam");
        t.insert_complaint(stray, std::nullopt, {}, now);
        return false;
    });
    Complaint after_it = complaint("Een merel in de tuin");
    auto last = submit([&](Transaction& t) {
        t.insert_complaint(after_it, std::nullopt, {}, now);
        return true;
    });
    open.set_value();
    EXPECT_EQ(first.get(), WriteStatus::committed);
    EXPECT_EQ(refused.get(), WriteStatus::refused);
    EXPECT_EQ(last.get(), WriteStatus::committed);
    EXPECT_TRUE(found("reiger").empty());
    EXPECT_EQ(found("ekster"), std::set<long long>{kept.id});
    EXPECT_EQ(found("merel"), (std::set<long long>{before_it.id, after_it.id}));
    expect_index_matches_table();
}

TEST_F(SearchIndexTest, EveryPageOfASearchIsCompleteAndInOrder) {
    // On PostgreSQL a page is first looked for along the register's order, and then in the
    // full-text index alone (store/register.cpp): the pages of a word in many complaints take
    // the first way, the last page and a rare word the second.
    std::vector<long long> walruses;
    long long narwhal = 0;
    ASSERT_EQ(writer->run([&](Transaction& t) {
        for (int i = 0; i < 7; ++i) {
            Complaint c = complaint(i == 3 ? "Een narwal en een walrus" : "Een walrus in de haven");
            c.received_at = now + std::chrono::minutes(i);
            t.insert_complaint(c, std::nullopt, {}, now);
            walruses.insert(walruses.begin(), c.id); // newest first
            if (i == 3) narwhal = c.id;
            Complaint other = complaint("Een zeehond");
            t.insert_complaint(other, std::nullopt, {}, now);
        }
        return true;
    }),
              WriteStatus::committed);
    ComplaintQuery q;
    q.organisation_id = org;
    q.text = "walrus";
    q.limit = 2;
    std::vector<long long> seen;
    for (int pages = 0; pages < 10; ++pages) {
        ComplaintPage page = db->list(q);
        for (const auto& c : page.items)
            seen.push_back(c.id);
        if (!page.next) break;
        q.after = page.next;
    }
    EXPECT_EQ(seen, walruses);
    q.after.reset();
    q.text = "narw";
    ComplaintPage rare = db->list(q);
    ASSERT_EQ(rare.items.size(), 1u);
    EXPECT_EQ(rare.items[0].id, narwhal);
    EXPECT_FALSE(rare.next);
}

TEST_F(SearchIndexTest, AWordIsFoundHoweverItIsGluedToItsNeighbours) {
    Complaint c = complaint(
        "Zijn \u201cLoonstrook\u201d kwam te laat\u2014weer; het rooster/plan klopte niet");
    ASSERT_EQ(writer->run([&](Transaction& t) {
        t.insert_complaint(c, std::nullopt, {}, now);
        return true;
    }),
              WriteStatus::committed);
    for (const char* words :
         {"loonstrook", "LOONSTROOK kwa", "laat", "weer", "laat weer", "rooster", "plan", "klopte"})
        EXPECT_EQ(found(words), std::set<long long>{c.id}) << words;
    EXPECT_TRUE(found("loonstrook ekster").empty());
    expect_index_matches_table();
}

TEST_F(SearchIndexTest, PostgreSQLIndexesEachWordUnderItsOrganisation) {
    if (db->backend() != Backend::postgresql) GTEST_SKIP() << "SQLite's index: the test above";
    Complaint c = complaint("De klachten over het advies kwamen te laat");
    ASSERT_EQ(writer->run([&](Transaction& t) {
        t.insert_complaint(c, std::nullopt, {}, now);
        return true;
    }),
              WriteStatus::committed);
    std::string lexemes;
    db->writer_session() << "SELECT search::text FROM complaints WHERE id = :id", soci::use(c.id),
        soci::into(lexemes);
    const std::string mine = "'" + std::to_string(org) + "_";
    EXPECT_NE(lexemes.find(mine + "klacht'"), std::string::npos) << lexemes;
    EXPECT_NE(lexemes.find(mine + "lat'"), std::string::npos) << lexemes;
    EXPECT_EQ(lexemes.find("'klacht'"), std::string::npos) << "no lexeme without its organisation";
    // Stemmed and prefixed alike on the query's side, the last word also as a beginning.
    EXPECT_EQ(found("klacht la"), std::set<long long>{c.id});
    EXPECT_TRUE(found("de het").empty()) << "only stop words: nothing to look for";

    // Migration 28 rewrote the function without recomputing the stored column: it must give
    // exactly the words migration 27's definition gave (its body, as a query, on the right).
    const std::string as_in_27 =
        "array_to_tsvector(coalesce((SELECT array_agg(:o::text || '_' || lexeme) FROM "
        "unnest(to_tsvector('dutch', :w))), '{}'))";
    for (const char* words :
         {"", "de het een", "De klachten over het advies kwamen te laat",
          "Caf\u00e9 d\u00e9j\u00e0 vu 12 mei 004 05001 jan example nl", "a a a b  \t c"}) {
        std::string w = words;
        int same = 0;
        db->writer_session() << "SELECT CASE WHEN klachtdesk_search_words(:o, :w) = " + as_in_27 +
                                    " THEN 1 ELSE 0 END",
            soci::use(org, "o"), soci::use(w, "w"), soci::into(same);
        EXPECT_EQ(same, 1) << words;
    }
}

TEST_F(SearchIndexTest, SQLiteIndexesEachWordUnderItsOrganisation) {
    if (db->backend() != Backend::sqlite) GTEST_SKIP() << "PostgreSQL's index is a GIN index";
    std::string text;
    db->writer_session()
        << "SELECT kd_search_text(7, 'Een \u201cLoonstrook\u201d \u2014 caf\u00e9', "
           "NULL, 'te-laat')",
        soci::into(text);
    EXPECT_EQ(text, "7_een 7_loonstrook 7_cafe 7_te 7_laat");
    std::string match;
    db->writer_session() << "SELECT kd_search_match(7, 'caf\u00e9', 'a\u2019b', '\u2014', 'laat')",
        soci::into(match);
    EXPECT_EQ(match, "\"7_cafe\" \"7_a 7_b\" \"7_laat\"*");

    // The same word in two organisations: each one's search reads only its own entries.
    long long other = 0;
    ASSERT_EQ(writer->run([&](Transaction& t) {
        other = t.ensure_organisation({"9T" + std::to_string(::getpid() % 100),
                                       "search-other-" + std::to_string(::getpid()), "Ander", 1,
                                       "test", "(test)", "search_index_test"},
                                      now)
                    .id;
        return true;
    }),
              WriteStatus::committed);
    Complaint mine = complaint("Een pinguin bij de balie");
    Complaint theirs = complaint("Een pinguin bij de deur");
    theirs.organisation_id = other;
    ASSERT_EQ(writer->run([&](Transaction& t) {
        t.insert_complaint(mine, std::nullopt, {}, now);
        t.insert_complaint(theirs, std::nullopt, {}, now);
        return true;
    }),
              WriteStatus::committed);
    auto ids = [&](const std::string& fts5) {
        std::set<long long> out;
        soci::rowset<long long> rows =
            (db->writer_session().prepare
                 << "SELECT rowid FROM complaints_search WHERE complaints_search MATCH :m",
             soci::use(fts5));
        for (long long id : rows)
            out.insert(id);
        return out;
    };
    EXPECT_EQ(ids("\"" + std::to_string(org) + "_pinguin\""), std::set<long long>{mine.id});
    EXPECT_EQ(ids("\"" + std::to_string(other) + "_pinguin\""), std::set<long long>{theirs.id});
    EXPECT_TRUE(ids("pinguin").empty()) << "no word is indexed without its organisation";
    EXPECT_EQ(found("pinguin"), std::set<long long>{mine.id});
    expect_index_matches_table();

    // Nothing moves a case to another organisation today; if something did, its words move
    // with it and the index stays whole.
    db->writer_session() << "UPDATE complaints SET organisation_id = :o WHERE id = :id",
        soci::use(other), soci::use(mine.id);
    // The next batch brings the index up to date with what the queue noted.
    ASSERT_EQ(writer->run([](Transaction&) { return true; }), WriteStatus::committed);
    EXPECT_EQ(ids("\"" + std::to_string(other) + "_balie\""), std::set<long long>{mine.id});
    EXPECT_TRUE(ids("\"" + std::to_string(org) + "_balie\"").empty());
    expect_index_matches_table();
}

} // namespace
