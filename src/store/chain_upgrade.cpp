// chain_upgrade.cpp: chain version 1 lives on only here, to link and to check what was
// written under it before it is rewritten as version 2.
#include "store/chain_upgrade.hpp"

#include "store/audit_chain.hpp"
#include "store/binds.hpp"
#include "store/complaint_rows.hpp"
#include "store/database.hpp"
#include "store/digest_sql.hpp"
#include "store/row_values.hpp"
#include "store/statement_cache.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <set>
#include <unordered_map>
#include <vector>

namespace kd {
namespace {

const std::string kGenesisHashV1(64, '0');

struct LinkV1 {
    long long organisation_id = 0, seq = 0, complaint_id = 0, at = 0, actor_id = 0;
    std::string action, source, content_digest, prev_hash; // digests as hex
    std::string subject = "complaint";
    long long subject_id = 0;
};

std::string link_hash_v1(const LinkV1& l) {
    const auto put = put_field;
    std::string enc = "klachtdesk-audit-v1;";
    put(enc, std::to_string(l.organisation_id));
    put(enc, std::to_string(l.seq));
    put(enc, std::to_string(l.complaint_id));
    put(enc, std::to_string(l.at));
    put(enc, std::to_string(l.actor_id));
    put(enc, l.action);
    put(enc, l.source);
    put(enc, l.content_digest);
    put(enc, l.prev_hash);
    if (l.subject != "complaint") {
        put(enc, l.subject);
        put(enc, std::to_string(l.subject_id));
    }
    return sha256_hex(enc);
}

std::vector<long long> organisations_with_events(soci::session& s, const char* where) {
    std::vector<long long> orgs;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string("SELECT DISTINCT organisation_id FROM audit_events WHERE ") +
                          where + " ORDER BY organisation_id");
    for (const soci::row& r : rs)
        orgs.push_back(as_ll(r, 0));
    return orgs;
}

// The columns `complaints` has at this point of the migrations.
std::set<std::string> complaint_columns_now(soci::session& s, Backend backend) {
    std::set<std::string> names;
    soci::rowset<soci::row> rs =
        (s.prepare << (backend == Backend::sqlite
                           ? "SELECT name FROM pragma_table_info('complaints')"
                           : "SELECT column_name FROM information_schema.columns WHERE "
                             "table_name = 'complaints' AND table_schema = current_schema()"));
    for (const soci::row& r : rs)
        names.insert(as_str(r, 0));
    return names;
}

// The state of every complaint of the organisation, by id, read in pages, with the columns
// the schema has now: later migrations add columns whose empty default leaves it the same.
std::unordered_map<long long, std::string> complaint_states(soci::session& s, Backend backend,
                                                            long long org) {
    std::unordered_map<long long, std::string> out;
    const std::string columns = complaint_columns_of_schema(complaint_columns_now(s, backend));
    long long after = 0;
    for (;;) {
        Binds b;
        b.num(org);
        b.num(after);
        auto page = select_complaints(s, b,
                                      "SELECT " + columns +
                                          " FROM complaints c WHERE c.organisation_id = :o AND "
                                          "c.id > :a ORDER BY c.id LIMIT 1000");
        if (page.empty()) break;
        for (const auto& c : page)
            out.emplace(c.id, complaint_state(c));
        after = page.back().id;
    }
    return out;
}

} // namespace

void link_events_from_before_the_chain(soci::session& s, Backend) {
    for (long long org : organisations_with_events(s, "seq IS NULL")) {
        struct Row {
            long long id;
            LinkV1 link;
            std::string changes;
        };
        std::vector<Row> rows;
        {
            soci::rowset<soci::row> rs =
                (s.prepare << "SELECT id, complaint_id, at, actor_id, action, changes, source "
                              "FROM audit_events WHERE organisation_id = :o AND seq IS NULL "
                              "ORDER BY id",
                 soci::use(org));
            for (const soci::row& r : rs) {
                Row row{as_ll(r, 0), {}, as_str(r, 5)};
                row.link = {org,          0,  as_ll(r, 1), as_ll(r, 2), as_ll(r, 3), as_str(r, 4),
                            as_str(r, 6), {}, {}};
                rows.push_back(std::move(row));
            }
        }
        // Schema 1 had no chain, so no organisation has a head yet.
        long long seq = 0;
        std::string prev = kGenesisHashV1;
        for (auto& row : rows) {
            row.link.seq = ++seq;
            row.link.content_digest = sha256_hex(row.changes);
            row.link.prev_hash = prev;
            std::string hash = link_hash_v1(row.link);
            s << "UPDATE audit_events SET seq = :q, content_digest = :d, prev_hash = :p, hash = "
                 ":h WHERE id = :i",
                soci::use(seq), soci::use(row.link.content_digest), soci::use(prev),
                soci::use(hash), soci::use(row.id);
            prev = hash;
        }
        s << "INSERT INTO audit_heads (organisation_id, last_seq, last_hash) VALUES (:o, :s, :h)",
            soci::use(org), soci::use(seq), soci::use(prev);
    }
}

void upgrade_chain_to_v2(soci::session& s, Backend backend, Instant now) {
    StatementCache cache(s);
    for (long long org : organisations_with_events(s, "seq IS NOT NULL")) {
        // Which event is the newest of each complaint: it vouches for the complaint's state.
        std::unordered_map<long long, long long> newest; // seq -> complaint
        {
            soci::rowset<soci::row> rs =
                (s.prepare << "SELECT complaint_id, MAX(seq) FROM audit_events WHERE "
                              "organisation_id = :o AND complaint_id IS NOT NULL AND seq IS NOT "
                              "NULL GROUP BY complaint_id",
                 soci::use(org));
            for (const soci::row& r : rs)
                newest.emplace(as_ll(r, 1), as_ll(r, 0));
        }
        auto states = complaint_states(s, backend, org);

        std::string problem, prev_v1 = kGenesisHashV1, prev = kGenesisHash;
        long long expect = 1;
        nlohmann::json redacted_events = nlohmann::json::object();
        auto found = [&](long long seq, const std::string& what) {
            if (problem.empty()) problem = "event " + std::to_string(seq) + ": " + what;
        };
        for (long long after = 0;;) {
            struct Row {
                long long id;
                LinkV1 v1;
                std::string changes, hash_v1;
                bool redacted;
            };
            std::vector<Row> rows;
            {
                soci::rowset<soci::row> rs =
                    (s.prepare << "SELECT id, seq, complaint_id, at, actor_id, action, source, "
                                  "changes, content_digest, prev_hash, v1_hash, redacted, "
                                  "subject, subject_id FROM audit_events WHERE organisation_id = "
                                  ":o AND seq > :a ORDER BY seq LIMIT 10000",
                     soci::use(org), soci::use(after));
                for (const soci::row& r : rs) {
                    Row row{as_ll(r, 0), {}, as_str(r, 7), as_str(r, 10), as_ll(r, 11) != 0};
                    row.v1 = {org,          as_ll(r, 1),   as_ll(r, 2),  as_ll(r, 3),
                              as_ll(r, 4),  as_str(r, 5),  as_str(r, 6), as_str(r, 8),
                              as_str(r, 9), as_str(r, 12), as_ll(r, 13)};
                    rows.push_back(std::move(row));
                }
            }
            if (rows.empty()) break;
            after = rows.back().v1.seq;
            for (const auto& row : rows) {
                const LinkV1& v1 = row.v1;
                if (v1.seq != expect) found(expect, "missing");
                if (v1.prev_hash != prev_v1) found(v1.seq, "does not follow the one before it");
                if (!row.redacted && sha256_hex(row.changes) != v1.content_digest)
                    found(v1.seq, "what changed no longer matches what was written");
                if (link_hash_v1(v1) != row.hash_v1) found(v1.seq, "changed after it was written");
                prev_v1 = row.hash_v1;
                expect = v1.seq + 1;

                ChainLink link{org,         v1.seq,     v1.complaint_id, v1.at,
                               v1.actor_id, v1.action,  v1.source,       sha256(row.changes),
                               prev,        v1.subject, v1.subject_id,   {}};
                std::string original;
                if (row.redacted) {
                    original = from_hex(v1.content_digest);
                    link.content_digest = original;
                    redacted_events[std::to_string(v1.seq)] = sha256_hex(row.changes);
                }
                if (auto n = newest.find(v1.seq); n != newest.end())
                    if (auto st = states.find(n->second); st != states.end())
                        link.state_digest = st->second;
                prev = link_hash(link);
                Binds b;
                bind_digest(b, backend, prev);
                bind_digest(b, backend, original);
                bind_digest(b, backend, link.state_digest);
                b.num(row.id);
                cache.run("UPDATE audit_events SET hash = " + digest_param(backend, "h") +
                              ", original_digest = " + digest_param(backend, "d") +
                              ", state_digest = " + digest_param(backend, "s") + " WHERE id = :i",
                          b);
            }
        }
        long long head_seq = 0;
        std::string head_v1;
        s << "SELECT last_seq, v1_last_hash FROM audit_heads WHERE organisation_id = :o",
            soci::use(org), soci::into(head_seq), soci::into(head_v1);
        if (!s.got_data() || head_seq != expect - 1 || head_v1 != prev_v1)
            found(expect, "the chain ends before the newest event that was written");
        Binds b;
        bind_digest(b, backend, prev);
        b.num(expect - 1);
        b.num(org);
        if (s.got_data())
            cache.run("UPDATE audit_heads SET last_hash = " + digest_param(backend, "h") +
                          ", last_seq = :s WHERE organisation_id = :o",
                      b);
        else
            cache.run("INSERT INTO audit_heads (last_hash, last_seq, organisation_id, "
                      "v1_last_hash) VALUES (" +
                          digest_param(backend, "h") + ", :s, :o, '')",
                      b);

        Transaction t(s, backend, cache);
        Actor system{t.system_actor(org), "klachtdesk:migration", std::nullopt};
        nlohmann::json record = {
            {"chain_version", nlohmann::json::array({1, 2})},
            {"version_1", {{"events", expect - 1}, {"head", prev_v1}, {"intact", problem.empty()}}},
        };
        if (!problem.empty()) record["version_1"]["problem"] = problem;
        if (!redacted_events.empty()) record[kRedactedEvents] = redacted_events;
        t.append_chain_event(org, 2, now, system, "chain-upgrade", record.dump());
        t.write_heads_and_counts();
    }
}

} // namespace kd
