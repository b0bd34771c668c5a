// visibility_test.cpp: who may see a case is one rule (core/access.cpp, can_see) that the
// store also writes as SQL for the register and the audit log. Here both answer for every
// person over a table of cases; they must agree on each pair. Also: the register events' index.
#include "core/access.hpp"
#include "store/audit_chain.hpp"
#include "store/writer.hpp"
#include "store_fixture.hpp"

#include <soci/soci.h>

#include <stdexcept>

using namespace kd;

namespace {

struct Person {
    const char* name;
    const char* roles;
    long long id = 0;
};

TEST(Visibility, TheSqlRuleAndTheCoreRuleAgreeOnEveryCase) {
    std::string url = kd::testing::store_test_url("visibility");
    auto db = kd::testing::open_store(url);
    if (!db) GTEST_SKIP() << "KLACHTDESK_TEST_POSTGRES_URL is not set; scripts/test sets it";
    Writer writer(*db);
    Instant now = from_epoch(1'795'000'000);
    std::vector<Person> people = {
        {"registers", "employee"},
        {"handles", "handler"},
        {"coordinates", "coordinator"},
        {"directs", "management"},
        {"audits", "auditor"},
        {"administers", "admin"},
        {"confides", "confidant"},
        {"is-involved", "employee,handler"},
        {"was-added", "employee"},
        {"coordinates-too", "coordinator,handler"},
        {"confides-too", "confidant,management"},
    };
    auto id_of = [&](const std::string& name) {
        for (const auto& p : people)
            if (name == p.name) return p.id;
        return 0LL;
    };
    long long org = 0;
    std::vector<Complaint> cases;
    ASSERT_EQ(writer.run([&](Transaction& t) {
        // An organisation of its own, so other tests' cases on PostgreSQL do not count.
        org = t.ensure_organisation({"9V" + std::to_string(::getpid() % 100),
                                     "vis-" + std::to_string(::getpid()), "Zichtbaarheid", 1,
                                     "test", "(test)", "visibility_test"},
                                    now)
                  .id;
        for (auto& p : people)
            p.id = t.insert_staff({0, org, p.name, std::string(p.name) + "@vis.example", p.roles,
                                   std::string(p.roles).find("confidant") != std::string::npos,
                                   true, ""});
        // Every combination that the rule looks at.
        for (bool confidential : {false, true})
            for (const char* handler : {"", "handles", "confides", "coordinates-too"})
                for (const char* registrar : {"registers", "coordinates", "handles"})
                    for (bool involved : {false, true})
                        for (bool added : {false, true}) {
                            Complaint c;
                            c.organisation_id = org;
                            c.received_at = c.registered_at = now;
                            c.registered_by = id_of(registrar);
                            c.complainant.name = "Klager";
                            c.description = "Omschrijving";
                            c.confidential = confidential;
                            if (*handler) c.handler_id = id_of(handler);
                            if (involved) c.involved_staff = {id_of("is-involved")};
                            // Only a confidential case has people a confidant added.
                            if (added && !confidential) continue;
                            if (added) c.granted_access = {id_of("was-added")};
                            t.insert_complaint(c, std::nullopt, {}, now);
                            cases.push_back(c);
                        }
        return true;
    }),
              WriteStatus::committed);
    int compared = 0;
    for (const auto& p : people) {
        Viewer v = viewer_from_roles(p.id, p.roles);
        ComplaintQuery q;
        q.organisation_id = org;
        q.viewer = v;
        q.limit = 1000;
        std::set<long long> by_sql;
        for (const auto& c : db->list(q).items)
            by_sql.insert(c.id);
        for (const auto& c : cases) {
            EXPECT_EQ(by_sql.count(c.id) == 1, can_see(v, c))
                << p.name << " and case " << c.id << " (confidential " << c.confidential
                << ", handler " << c.handler_id.value_or(0) << ", registered by " << c.registered_by
                << ", involved " << !c.involved_staff.empty() << ", added "
                << !c.granted_access.empty() << ")";
            ++compared;
        }
        // The audit log applies the same rule to the events of each case it lists.
        if (!sees_all_open_cases(v)) continue;
        std::set<long long> in_log;
        writer.run([&](Transaction& t) {
            for (const auto& c : cases)
                t.append_audit(org, c.id, now, Actor{p.id, "test", v}, "view", &c, c);
            return true;
        });
        AuditQuery aq;
        aq.organisation_id = org;
        aq.viewer = v;
        aq.actor_id = p.id;
        aq.limit = 1000;
        for (const auto& e : db->audit_log(aq))
            in_log.insert(e.event.complaint_id);
        for (const auto& c : cases)
            EXPECT_EQ(in_log.count(c.id) == 1, can_see(v, c)) << p.name << " in the audit log";
    }
    EXPECT_EQ(compared, static_cast<int>(people.size() * cases.size()));
    EXPECT_EQ(cases.size(), 72u);
}

} // namespace

// The register's events are found through their partial index (migration 22): SQLite takes it
// only when the statement repeats its condition; without, each lookup walked the whole chain.
TEST(RegisterEvents, AreLookedUpThroughTheirPartialIndex) {
    auto db = kd::testing::open_store(kd::testing::store_test_url("register_events"));
    if (!db) GTEST_SKIP() << "KLACHTDESK_TEST_POSTGRES_URL is not set; scripts/test sets it";
    if (db->backend() != Backend::sqlite) GTEST_SKIP() << "PostgreSQL's planner weighs costs";
    EXPECT_THROW(register_subject_is("complaint"), std::invalid_argument);
    for (const char* subject : {"nonconformity", "action"}) {
        soci::rowset<soci::row> plan =
            db->writer_session().prepare
            << "EXPLAIN QUERY PLAN SELECT id FROM audit_events WHERE organisation_id = 1 AND " +
                   register_subject_is(subject) + " AND subject_id = 7";
        std::string steps;
        for (const soci::row& r : plan)
            steps += r.get<std::string>(3) + "\n";
        EXPECT_NE(steps.find("audit_by_register_subject"), std::string::npos) << steps;
    }
}
