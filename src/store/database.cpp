// database.cpp: SOCI sessions, migrations, the writes of a Transaction, and the reads of
// staff, timelines and the audit log (the register is in register.cpp).
#include "store/database.hpp"

#include "store/audit_chain.hpp"
#include "store/binds.hpp"
#include "store/chain_upgrade.hpp"
#include "store/complaint_rows.hpp"
#include "store/digest_sql.hpp"
#include "store/row_values.hpp"
#include "store/search_queue.hpp"
#include "store/search_words.hpp"
#include "store/statement_cache.hpp"
#include "store/visibility.hpp"

#include <nlohmann/json.hpp>
#include <soci/connection-pool.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <stdexcept>
#include <unordered_map>

namespace kd {
namespace {

std::string insert_event_sql(Backend b) {
    return std::string("INSERT INTO audit_events (") + kAuditEventColumns +
           ") VALUES (:o, :c, :a, :s, :x, :ch, :q, :src, " + digest_param(b, "h") +
           ", :sj, :sid, " + digest_param(b, "st") + ")";
}

std::string percent_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            out += char(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// "postgresql://user:pw@host:port/db?sslmode=require" -> "host=host port=port dbname=db ...".
// SOCI reads the connect string as key=value pairs and mangles a URI, so it is converted.
std::string libpq_keywords(const std::string& url) {
    std::string rest = url.substr(url.find("://") + 3);
    std::string query;
    if (auto q = rest.find('?'); q != std::string::npos) {
        query = rest.substr(q + 1);
        rest = rest.substr(0, q);
    }
    std::string auth, hostport = rest, db;
    if (auto at = rest.rfind('@'); at != std::string::npos) {
        auth = rest.substr(0, at);
        hostport = rest.substr(at + 1);
    }
    if (auto slash = hostport.find('/'); slash != std::string::npos) {
        db = hostport.substr(slash + 1);
        hostport = hostport.substr(0, slash);
    }
    auto quote = [](const std::string& v) {
        std::string o = "'";
        for (char ch : v) {
            if (ch == '\\' || ch == '\'') o += '\\';
            o += ch;
        }
        return o + "'";
    };
    std::string out;
    auto add = [&](const char* k, const std::string& v) {
        if (!v.empty()) out += std::string(out.empty() ? "" : " ") + k + "=" + quote(v);
    };
    std::string host = hostport, port;
    if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.back() != ']') {
        host = hostport.substr(0, colon);
        port = hostport.substr(colon + 1);
    }
    add("host", percent_decode(host));
    add("port", port);
    add("dbname", percent_decode(db));
    if (!auth.empty()) {
        auto colon = auth.find(':');
        add("user", percent_decode(auth.substr(0, colon)));
        if (colon != std::string::npos) add("password", percent_decode(auth.substr(colon + 1)));
    }
    std::size_t start = 0;
    while (start < query.size()) {
        auto amp = query.find('&', start);
        std::string kv =
            query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
        if (auto eq = kv.find('='); eq != std::string::npos)
            add(kv.substr(0, eq).c_str(), percent_decode(kv.substr(eq + 1)));
        if (amp == std::string::npos) break;
        start = amp + 1;
    }
    return out;
}

} // namespace

// ---- Transaction -------------------------------------------------------------------------

std::optional<Complaint> Transaction::complaint(long long organisation_id, long long id) {
    std::vector<Complaint> found;
    {
        soci::rowset<soci::row> rs =
            (sql().prepare << "SELECT " + complaint_columns() +
                                  " FROM complaints c WHERE c.organisation_id = :o AND c.id = :i",
             soci::use(organisation_id), soci::use(id));
        for (const soci::row& r : rs)
            found.push_back(complaint_from_row(r));
    }
    if (found.empty()) return std::nullopt;
    load_lists(sql(), found);
    return std::move(found.front());
}

std::string Transaction::next_reference(long long organisation_id) {
    auto it = state_.counters.find(organisation_id);
    if (it == state_.counters.end()) {
        // Locked on PostgreSQL until commit, so two servers never hand out one number twice.
        Counter counter;
        std::string q = "SELECT next_sequence FROM organisations WHERE id = :o";
        if (backend_ == Backend::postgresql) q += " FOR UPDATE";
        sql() << q, soci::use(organisation_id), soci::into(counter.next);
        if (!sql().got_data()) throw std::runtime_error("unknown organisation");
        it = state_.counters.emplace(organisation_id, counter).first;
    }
    long long seq = it->second.next++;
    it->second.dirty = true;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s-%05lld", cache_.organisation_code(organisation_id).c_str(),
                  seq);
    return buf;
}

void Transaction::insert_complaint(Complaint& c, std::optional<Instant> next_due,
                                   const std::vector<ReportCell>& report, Instant now) {
    c.reference = next_reference(c.organisation_id);
    insert_complaint_row(cache_, c, next_due, now);
    add_to_report(c.organisation_id, report);
}

void Transaction::update_complaint(const Complaint& before, const Complaint& after,
                                   std::optional<Instant> next_due,
                                   const std::vector<ReportCell>& report, Instant now) {
    update_complaint_row(cache_, before, after, next_due, now);
    add_to_report(after.organisation_id, report);
}

Transaction::Head& Transaction::head(long long organisation_id) {
    auto it = state_.heads.find(organisation_id);
    if (it != state_.heads.end()) return it->second;
    // The organisation's newest link; on PostgreSQL the row stays locked until commit, so
    // two servers writing at once still build one chain.
    Head h;
    soci::indicator ind = soci::i_null;
    std::string q = "SELECT last_seq, " + digest_column(backend_, "last_hash") +
                    " FROM audit_heads WHERE organisation_id = :o";
    if (backend_ == Backend::postgresql) q += " FOR UPDATE";
    sql() << q, soci::use(organisation_id), soci::into(h.seq), soci::into(h.hash, ind);
    h.stored = sql().got_data();
    h.hash = digest_value(backend_, h.hash);
    if (!h.stored) {
        h.seq = 0;
        h.hash = kGenesisHash;
    }
    return state_.heads.emplace(organisation_id, h).first->second;
}

soci::session& Transaction::sql() {
    cache_.sync();
    return sql_;
}

void Transaction::finish() {
    write_heads_and_counts();
    if (backend_ == Backend::sqlite)
        for (const auto& statement : search_index_update())
            cache_.run(statement);
}

void Transaction::write_heads_and_counts() {
    flush_report();
    for (auto& [org, c] : state_.counters) {
        if (!c.dirty) continue;
        Binds b;
        b.num(c.next);
        b.num(org);
        cache_.run("UPDATE organisations SET next_sequence = :n WHERE id = :o", b);
        c.dirty = false;
    }
    for (auto& [org, h] : state_.heads) {
        if (!h.dirty) continue;
        Binds b;
        if (h.stored) {
            b.num(h.seq);
            bind_digest(b, backend_, h.hash);
            b.num(org);
            cache_.run("UPDATE audit_heads SET last_seq = :s, last_hash = " +
                           digest_param(backend_, "h") + " WHERE organisation_id = :o",
                       b);
        } else {
            b.num(org);
            b.num(h.seq);
            bind_digest(b, backend_, h.hash);
            cache_.run("INSERT INTO audit_heads (organisation_id, last_seq, last_hash) VALUES "
                       "(:o, :s, " +
                           digest_param(backend_, "h") + ")",
                       b);
            h.stored = true;
        }
        h.dirty = false;
    }
    saved_ = state_;
}

// Appends one event to the organisation's chain; `complaint_id` is 0 for events about staff
// or a procedure, and so is `state_digest`.
ChainLink Transaction::next_link(long long organisation_id, long long complaint_id,
                                 const std::string& subject, long long subject_id, Instant at,
                                 const Actor& actor, const std::string& action,
                                 const std::string& changes, const std::string& state_digest,
                                 std::string& hash) {
    Head& h = head(organisation_id);
    ChainLink link{organisation_id, h.seq + 1, complaint_id, to_epoch(at),
                   actor.staff_id,  action,    actor.source, sha256(changes),
                   h.hash,          subject,   subject_id,   state_digest};
    hash = link_hash(link);
    h.seq = link.seq;
    h.hash = hash;
    h.dirty = true;
    return link;
}

void Transaction::append_event(long long organisation_id, long long complaint_id,
                               const std::string& subject, long long subject_id, Instant at,
                               const Actor& actor, const std::string& action,
                               const std::string& changes, const std::string& state_digest) {
    std::string hash;
    ChainLink link = next_link(organisation_id, complaint_id, subject, subject_id, at, actor,
                               action, changes, state_digest, hash);
    Binds b;
    b.num(organisation_id);
    if (complaint_id)
        b.num(complaint_id);
    else
        b.null();
    b.num(link.at);
    b.num(link.actor_id);
    b.text(action);
    b.text(changes);
    b.num(link.seq);
    b.text(link.source);
    bind_digest(b, backend_, hash);
    b.text(link.subject);
    b.num(link.subject_id);
    bind_digest(b, backend_, state_digest);
    static const std::string sql[2] = {insert_event_sql(Backend::sqlite),
                                       insert_event_sql(Backend::postgresql)};
    cache_.run(sql[backend_ == Backend::sqlite ? 0 : 1], b);
}

void Transaction::append_audit(long long organisation_id, long long complaint_id, Instant at,
                               const Actor& actor, const std::string& action,
                               const Complaint* before, const Complaint& after,
                               bool redact_personal) {
    // A row changed behind klachtdesk's back must not be vouched for by the next event: the
    // complaint as read here must be the state its newest event left.
    if (before) {
        std::string newest;
        soci::indicator ind = soci::i_null;
        sql() << "SELECT " + digest_column(backend_, "state_digest") +
                     " FROM audit_events WHERE organisation_id = :o AND complaint_id = :c ORDER "
                     "BY id DESC LIMIT 1",
            soci::use(organisation_id), soci::use(complaint_id), soci::into(newest, ind);
        if (sql().got_data() && ind == soci::i_ok &&
            digest_value(backend_, newest) != complaint_state(*before))
            throw std::runtime_error("complaint " + before->reference +
                                     " is not as its newest audit event left it: it was changed "
                                     "outside the audit trail; nothing more is written to it "
                                     "until that is resolved (klachtdesk audit verify)");
    }
    append_event(organisation_id, complaint_id, "complaint", complaint_id, at, actor, action,
                 complaint_changes(before, after, redact_personal), complaint_state(after));
}

void Transaction::append_staff_event(long long organisation_id, long long staff_id, Instant at,
                                     const Actor& actor, const std::string& action,
                                     const std::string& changes_json) {
    append_event(organisation_id, 0, "staff", staff_id, at, actor, action, changes_json, {});
}

void Transaction::append_inbound_mail_event(long long organisation_id, long long inbound_id,
                                            Instant at, const Actor& actor,
                                            const std::string& action,
                                            const std::string& changes_json) {
    append_event(organisation_id, 0, "inbound_mail", inbound_id, at, actor, action, changes_json,
                 {});
}

void Transaction::append_procedure_event(long long organisation_id, int version, Instant at,
                                         const Actor& actor, const std::string& action,
                                         const std::string& changes_json) {
    append_event(organisation_id, 0, "procedure", version, at, actor, action, changes_json, {});
}

void Transaction::append_chain_event(long long organisation_id, int chain_version, Instant at,
                                     const Actor& actor, const std::string& action,
                                     const std::string& changes_json) {
    append_event(organisation_id, 0, "chain", chain_version, at, actor, action, changes_json, {});
}

long long Transaction::insert_staff(const StaffMember& m) {
    long long id = 0;
    int confidant = m.confidant ? 1 : 0, active = m.active ? 1 : 0;
    const std::string language = language_name(m.language);
    sql() << "INSERT INTO staff (organisation_id, name, email, roles, confidant, active, "
             "job_title, language) VALUES (:o, :n, :e, :r, :c, :a, :j, :l) RETURNING id",
        soci::use(m.organisation_id), soci::use(m.name), soci::use(m.email), soci::use(m.roles),
        soci::use(confidant), soci::use(active), soci::use(m.job_title), soci::use(language),
        soci::into(id);
    return id;
}

void Transaction::update_staff(const StaffMember& m) {
    int confidant = m.confidant ? 1 : 0, active = m.active ? 1 : 0;
    const std::string language = language_name(m.language);
    sql() << "UPDATE staff SET name = :n, roles = :r, confidant = :c, active = :a, job_title = "
             ":j, language = :l WHERE id = :i AND organisation_id = :o",
        soci::use(m.name), soci::use(m.roles), soci::use(confidant), soci::use(active),
        soci::use(m.job_title), soci::use(language), soci::use(m.id), soci::use(m.organisation_id);
}

void Transaction::set_password_hash(long long staff_id, const std::string& hash) {
    sql() << "UPDATE staff SET password_hash = :h WHERE id = :i", soci::use(hash),
        soci::use(staff_id);
}

void Transaction::redact_audit_events(long long organisation_id, const Complaint& now_stored,
                                      Instant at, const Actor& actor) {
    struct Row {
        long long id, seq;
        std::string changes;
        bool of_nonconformity;
    };
    std::vector<Row> rows;
    auto read = [&](const std::string& where, bool of_nonconformity) {
        soci::rowset<soci::row> rs =
            (sql().prepare << "SELECT id, seq, changes FROM audit_events WHERE organisation_id = "
                              ":o AND " +
                                  where + " AND original_digest IS NULL",
             soci::use(organisation_id), soci::use(now_stored.id));
        for (const soci::row& r : rs)
            rows.push_back({as_ll(r, 0), as_ll(r, 1), as_str(r, 2), of_nonconformity});
    };
    read("complaint_id = :c", false);
    // A nonconformity's events belong to no complaint; the register's index finds them, and
    // migration 29's the nonconformities of the complaint.
    read(register_subject_is("nonconformity") +
             " AND subject_id IN (SELECT id FROM nonconformities WHERE complaint_id = :c)",
         true);
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.id < b.id; });
    nlohmann::json record = nlohmann::json::object();
    for (auto& [id, seq, changes, of_nonconformity] : rows) {
        std::string redacted =
            of_nonconformity ? redact_nonconformity_changes(changes) : redact_changes(changes);
        if (redacted == changes) continue;
        Binds b;
        b.text(redacted);
        bind_digest(b, backend_, sha256(changes));
        b.num(id);
        cache_.run("UPDATE audit_events SET changes = :c, original_digest = " +
                       digest_param(backend_, "d") + " WHERE id = :i",
                   b);
        record[std::to_string(seq)] = sha256_hex(redacted);
    }
    if (record.empty()) return;
    append_event(organisation_id, now_stored.id, "complaint", now_stored.id, at, actor, "redact",
                 nlohmann::json{{kRedactedEvents, record}}.dump(), complaint_state(now_stored));
}

long long Transaction::system_actor(long long organisation_id) {
    long long id = 0;
    sql() << "SELECT id FROM staff WHERE organisation_id = :o AND roles = 'system'",
        soci::use(organisation_id), soci::into(id);
    if (sql().got_data()) return id;
    std::string email = "systeem+" + std::to_string(organisation_id) + "@klachtdesk.invalid";
    // Inactive, so no request can act as it; it only signs what klachtdesk does by itself.
    sql() << "INSERT INTO staff (organisation_id, name, email, roles, confidant, active) VALUES "
             "(:o, 'klachtdesk (automatisch)', :e, 'system', 0, 0) RETURNING id",
        soci::use(organisation_id), soci::use(email), soci::into(id);
    return id;
}

void Transaction::insert_public_link(long long organisation_id, long long complaint_id,
                                     const std::string& token_digest) {
    sql() << "INSERT INTO public_links (token_digest, organisation_id, complaint_id) VALUES "
             "(:t, :o, :c)",
        soci::use(token_digest), soci::use(organisation_id), soci::use(complaint_id);
}

void Transaction::remove_public_links(long long organisation_id, long long complaint_id) {
    sql() << "DELETE FROM public_links WHERE organisation_id = :o AND complaint_id = :c",
        soci::use(organisation_id), soci::use(complaint_id);
    sql() << "DELETE FROM satisfaction_links WHERE organisation_id = :o AND complaint_id = :c",
        soci::use(organisation_id), soci::use(complaint_id);
}

// ---- Database ----------------------------------------------------------------------------

std::unique_ptr<Database> Database::open(const std::string& url, int pool_size) {
    std::unique_ptr<Database> db(new Database());
    std::string connect;
    const soci::backend_factory* factory = nullptr;
    if (url.rfind("sqlite:", 0) == 0) {
        db->backend_ = Backend::sqlite;
        std::string path = url.substr(7);
        if (path.empty())
            throw std::invalid_argument("sqlite: needs a path, like sqlite:data/klachtdesk.db");
        connect = "db=" + path + " timeout=30";
        factory = &soci::sqlite3;
    } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
        db->backend_ = Backend::postgresql;
        connect = libpq_keywords(url);
        factory = &soci::postgresql;
    } else {
        throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
    }
    try {
        db->pool_size_ = std::max(1, pool_size);
        db->pool_ = std::make_unique<soci::connection_pool>(db->pool_size_);
        for (int i = 0; i < db->pool_size_; ++i) {
            soci::session& s = db->pool_->at(i);
            s.open(*factory, connect);
            db->configure(s);
        }
        db->writer_ = std::make_unique<soci::session>(*factory, connect);
        db->configure(*db->writer_);
    } catch (const soci::soci_error& e) {
        throw std::runtime_error(std::string("cannot open the database: ") + e.what());
    }
    return db;
}

Database::~Database() = default;

void Database::configure(soci::session& s) {
    if (backend_ == Backend::sqlite) {
        // Durable before "saved": WAL with a full fsync on every commit (docs/architecture.md,
        // Storage).
        s << "PRAGMA journal_mode = WAL";
        s << "PRAGMA synchronous = FULL";
        s << "PRAGMA foreign_keys = ON";
        s << "PRAGMA busy_timeout = 30000";
        // Each write of a batch runs in a savepoint, whose undo journal would otherwise be a
        // temporary file created, written and deleted for every batch.
        s << "PRAGMA temp_store = MEMORY";
        // Pages are read from the file's mapping, shared by every connection, rather than
        // copied by a read() per page into each connection's 2 MB cache: at 1M complaints that
        // copying was a tenth of a register page's time. Writes still go through write().
        s << "PRAGMA mmap_size = 1073741824";
        // The search index's words (migration 26).
        add_search_functions(s);
    } else {
        s << "SET synchronous_commit = on";
        s << "SET client_min_messages = warning";
    }
}

const char* Database::backend_name() const {
    return backend_ == Backend::sqlite ? "sqlite" : "postgresql";
}

int Database::latest_schema_version() const {
    auto all = migrations_for(backend_);
    return all.empty() ? 0 : all.back().version;
}

int Database::schema_version() {
    soci::session& s = *writer_;
    s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "description TEXT NOT NULL, applied_at BIGINT NOT NULL)";
    int v = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
    return ind == soci::i_ok ? v : 0;
}

int Database::migrate(int up_to) {
    int current = schema_version();
    int ran = 0;
    for (const Migration& m : migrations_for(backend_)) {
        if (m.version <= current || m.version > up_to) continue;
        soci::transaction tr(*writer_);
        for (const auto& stmt : m.statements)
            *writer_ << stmt;
        // Events written before the chain existed are linked once, by the migration that
        // made the chain; an event that appears unlinked later is reported by
        // verify_audit, never adopted.
        if (m.version == 2) link_events_from_before_the_chain(*writer_, backend_);
        // The migration's own moment: migrations run before any service and its clock.
        auto wall =
            std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
        long long now = wall.time_since_epoch().count();
        if (m.version == 11) upgrade_chain_to_v2(*writer_, backend_, wall);
        for (const auto& stmt : m.finally)
            *writer_ << stmt;
        *writer_ << "INSERT INTO schema_migrations (version, description, applied_at) VALUES "
                    "(:v, :d, :a)",
            soci::use(m.version), soci::use(m.description), soci::use(now);
        tr.commit();
        ++ran;
    }
    // A migration that changed complaints leaves them in the search queue (migration 25),
    // which since migration 26 also holds their organisation.
    if (backend_ == Backend::sqlite && ran > 0 && schema_version() >= 26) {
        soci::transaction tr(*writer_);
        for (const auto& statement : search_index_update())
            *writer_ << statement;
        tr.commit();
    }
    return ran;
}

AuditCheck Database::verify_audit(long long organisation_id,
                                  const std::function<void(long long)>& progress) {
    soci::session s(*pool_);
    // One snapshot for the chain, its head and the complaints, so that writes going on
    // meanwhile are neither half seen nor reported as tampering.
    soci::transaction snapshot(s);
    if (backend_ == Backend::postgresql)
        s << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY";
    AuditCheck out;
    auto broken = [&](long long seq, long long id, std::string why) {
        out.intact = false;
        out.seq = seq;
        out.event_id = id;
        out.problem = std::move(why);
        return out;
    };
    auto event = [](long long seq) { return "event " + std::to_string(seq); };
    long long unchained = 0;
    s << "SELECT COUNT(*) FROM audit_events WHERE organisation_id = :o AND seq IS NULL",
        soci::use(organisation_id), soci::into(unchained);
    if (unchained > 0) {
        long long id = 0;
        s << "SELECT MIN(id) FROM audit_events WHERE organisation_id = :o AND seq IS NULL",
            soci::use(organisation_id), soci::into(id);
        return broken(0, id,
                      "event " + std::to_string(id) +
                          " is outside the chain: it was inserted directly");
    }
    struct Redacted {
        long long id;
        std::string now_holds; // sha256 of its changes as they are now
    };
    std::map<long long, Redacted> unvouched;                                 // by seq
    std::unordered_map<long long, std::pair<long long, std::string>> newest; // complaint ->
                                                                             // (seq, state)
    long long expect = 1;
    std::string prev = kGenesisHash;
    for (long long after = 0;;) {
        // Pages by seq, so that PostgreSQL never holds a whole chain in memory.
        soci::rowset<soci::row> rs =
            (s.prepare << "SELECT id, seq, complaint_id, at, actor_id, action, source, changes, " +
                              digest_column(backend_, "original_digest") + ", " +
                              digest_column(backend_, "hash") + ", subject, subject_id, " +
                              digest_column(backend_, "state_digest") +
                              " FROM audit_events WHERE organisation_id = :o AND seq > :a "
                              "ORDER BY seq LIMIT 10000",
             soci::use(organisation_id), soci::use(after));
        long long rows = 0;
        for (const soci::row& r : rs) {
            ++rows;
            long long id = as_ll(r, 0), seq = as_ll(r, 1);
            std::string changes = as_str(r, 7);
            std::string original = digest_value(backend_, as_str(r, 8));
            std::string hash = digest_value(backend_, as_str(r, 9));
            ChainLink link{organisation_id,
                           seq,
                           as_ll(r, 2),
                           as_ll(r, 3),
                           as_ll(r, 4),
                           as_str(r, 5),
                           as_str(r, 6),
                           sha256(changes),
                           prev,
                           as_str(r, 10),
                           as_ll(r, 11),
                           digest_value(backend_, as_str(r, 12))};
            if (seq != expect)
                return broken(expect, 0, event(expect) + " is missing: it was deleted");
            if (!original.empty()) {
                // A redacted event links by what it held first; a later redaction must vouch
                // for what it holds now.
                link.content_digest = original;
                unvouched[seq] = {id, sha256_hex(changes)};
            }
            if (link_hash(link) != hash)
                return broken(seq, id,
                              event(seq) +
                                  " no longer matches its hash: what it records (who, when, "
                                  "what, where, or what changed) was altered after it was "
                                  "written, or the event before it was replaced");
            if (link.action == "chain-upgrade" || link.action == "redact") {
                auto doc = nlohmann::json::parse(changes, nullptr, false);
                if (doc.is_object() && doc.contains(kRedactedEvents) &&
                    doc[kRedactedEvents].is_object())
                    for (const auto& [key, digest] : doc[kRedactedEvents].items()) {
                        long long which = 0;
                        std::from_chars(key.data(), key.data() + key.size(), which);
                        auto u = unvouched.find(which);
                        if (u == unvouched.end() || !digest.is_string() ||
                            digest.get<std::string>() != u->second.now_holds)
                            return broken(which, u == unvouched.end() ? 0 : u->second.id,
                                          event(which) + " does not hold what the redaction in " +
                                              event(seq) +
                                              " recorded: it was changed after it "
                                              "was redacted");
                        unvouched.erase(u);
                    }
                const auto* v1 =
                    doc.is_object() && doc.contains("version_1") ? &doc["version_1"] : nullptr;
                if (v1 && v1->is_object() && v1->contains("intact") &&
                    (*v1)["intact"] != nlohmann::json(true))
                    return broken(seq, id,
                                  "the chain was already broken when it was upgraded to version "
                                  "2 (" +
                                      event(seq) + "): " +
                                      (v1->contains("problem") && (*v1)["problem"].is_string()
                                           ? (*v1)["problem"].get<std::string>()
                                           : std::string("?")));
            }
            if (link.subject == "complaint" && link.complaint_id)
                newest[link.complaint_id] = {seq, link.state_digest};
            prev = hash;
            ++expect;
            ++out.events;
            if (progress && out.events % 100000 == 0) progress(out.events);
        }
        if (rows == 0) break;
        after = expect - 1;
    }
    if (!unvouched.empty()) {
        auto& [seq, r] = *unvouched.begin();
        return broken(seq, r.id,
                      event(seq) + " is marked as redacted, but no redaction records it: what "
                                   "it holds was replaced");
    }
    long long head_seq = 0;
    std::string head_hash;
    soci::indicator ind = soci::i_null;
    s << "SELECT last_seq, " + digest_column(backend_, "last_hash") +
             " FROM audit_heads WHERE organisation_id = :o",
        soci::use(organisation_id), soci::into(head_seq), soci::into(head_hash, ind);
    head_hash = s.got_data() ? digest_value(backend_, head_hash) : kGenesisHash;
    if (head_seq != out.events || head_hash != prev)
        return broken(out.events + 1, 0,
                      "the chain ends at event " + std::to_string(out.events) + " but event " +
                          std::to_string(head_seq) +
                          " was written: the newest events were deleted");

    // Each complaint as stored must be the state its newest event vouches for.
    for (long long after = 0;;) {
        Binds b;
        b.num(organisation_id);
        b.num(after);
        auto page = select_complaints(s, b,
                                      "SELECT " + complaint_columns() +
                                          " FROM complaints c WHERE c.organisation_id = :o AND "
                                          "c.id > :a ORDER BY c.id LIMIT 1000");
        if (page.empty()) break;
        for (const auto& c : page) {
            auto n = newest.find(c.id);
            if (n == newest.end())
                return broken(0, 0,
                              "complaint " + c.reference +
                                  " has no events: it was put in the database directly");
            if (n->second.second != complaint_state(c))
                return broken(n->second.first, 0,
                              "complaint " + c.reference + " is not as its newest event (" +
                                  event(n->second.first) +
                                  ") left it: it was changed outside the audit trail");
            newest.erase(n);
        }
        after = page.back().id;
    }
    if (!newest.empty())
        return broken(newest.begin()->second.first, 0,
                      "complaint " + std::to_string(newest.begin()->first) +
                          " has events but is gone: it was deleted");
    return out;
}

OrganisationRecord Transaction::ensure_organisation(const ProcedureAdoption& p, Instant now) {
    Transaction& t = *this;
    long long id = 0;
    std::string slug, name;
    int in_force = 0;
    sql() << "SELECT id, slug, name, procedure_version FROM organisations WHERE code = :c",
        soci::use(p.code), soci::into(id), soci::into(slug), soci::into(name), soci::into(in_force);
    bool is_new = !sql().got_data();
    if (is_new) {
        sql() << "INSERT INTO organisations (code, slug, name, procedure_version) VALUES (:c, :s, "
                 ":n, "
                 ":v) RETURNING id",
            soci::use(p.code), soci::use(p.slug), soci::use(p.name), soci::use(p.version),
            soci::into(id);
    } else if (slug != p.slug || name != p.name || in_force != p.version) {
        sql() << "UPDATE organisations SET slug = :s, name = :n, procedure_version = :v WHERE id = "
                 ":i",
            soci::use(p.slug), soci::use(p.name), soci::use(p.version), soci::use(id);
    }
    auto version_text = [&](int version) -> std::optional<std::pair<std::string, std::string>> {
        std::string text, by;
        sql()
            << "SELECT source_text, authorised_by FROM procedure_versions WHERE organisation_id = "
               ":i AND version = :v",
            soci::use(id), soci::use(version), soci::into(text), soci::into(by);
        if (!sql().got_data()) return std::nullopt;
        return std::make_pair(text, by);
    };
    auto known = version_text(p.version);
    // Before 2026-11-24 a file not named <code>-<slug>.toml had its text stored empty: such a
    // version gets its text now, as an event, instead of refusing to start.
    if (known && known->first.empty() && !p.text.empty()) {
        sql() << "UPDATE procedure_versions SET source_text = :t WHERE organisation_id = :i AND "
                 "version = :v",
            soci::use(p.text), soci::use(id), soci::use(p.version);
        Actor system{t.system_actor(id), p.source, std::nullopt};
        t.append_procedure_event(
            id, p.version, now, system, "procedure-text-recorded",
            nlohmann::json{{"text", nlohmann::json::array({"", p.text})}}.dump());
        known->first = p.text;
    }
    if (known && known->first != p.text)
        throw ProcedureConflict(
            "procedure " + p.code + " version " + std::to_string(p.version) +
            " is already in use with a different text; complaints' deadlines were computed from "
            "that text, so raise `version` in " +
            p.source + " to record the change");
    if (!known) {
        long long at = to_epoch(now);
        sql() << "INSERT INTO procedure_versions (organisation_id, version, authorised_by, "
                 "source_text, loaded_at) VALUES (:i, :v, :a, :t, :l)",
            soci::use(id), soci::use(p.version), soci::use(p.authorised_by), soci::use(p.text),
            soci::use(at);
    }
    if (is_new || in_force != p.version || name != p.name || slug != p.slug) {
        nlohmann::json changes = nlohmann::json::object();
        auto change = [&](const char* key, const nlohmann::json& before,
                          const nlohmann::json& after) {
            if (before != after) changes[key] = nlohmann::json::array({before, after});
        };
        auto old = is_new ? std::nullopt : version_text(in_force);
        auto null_or = [&](auto v) { return is_new ? nlohmann::json(nullptr) : nlohmann::json(v); };
        change("version", null_or(in_force), p.version);
        change("authorised_by", old ? nlohmann::json(old->second) : nlohmann::json(nullptr),
               p.authorised_by);
        change("text", old ? nlohmann::json(old->first) : nlohmann::json(nullptr), p.text);
        change("name", null_or(name), p.name);
        change("slug", null_or(slug), p.slug);
        Actor system{t.system_actor(id), p.source, std::nullopt};
        const char* action = is_new                  ? "procedure-adopt"
                             : in_force != p.version ? "procedure-change"
                                                     : "organisation-change";
        t.append_procedure_event(id, p.version, now, system, action, changes.dump());
    }
    return OrganisationRecord{id, p.code, p.slug, p.name, p.version};
}

std::vector<std::pair<int, std::string>> Database::procedure_versions(long long organisation_id) {
    soci::session s(*pool_);
    std::vector<std::pair<int, std::string>> out;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT version, source_text FROM procedure_versions WHERE "
                      "organisation_id = :o ORDER BY version",
         soci::use(organisation_id));
    for (const soci::row& r : rs)
        out.emplace_back(static_cast<int>(as_ll(r, 0)), as_str(r, 1));
    return out;
}

std::vector<OrganisationRecord> Database::organisations() {
    soci::session s(*pool_);
    std::vector<OrganisationRecord> out;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT id, code, slug, name, procedure_version "
                                               "FROM organisations ORDER BY code");
    for (const soci::row& r : rs)
        out.push_back({as_ll(r, 0), as_str(r, 1), as_str(r, 2), as_str(r, 3), int(as_ll(r, 4))});
    return out;
}

std::vector<StaffMember> Database::staff(long long organisation_id) {
    soci::session s(*pool_);
    std::vector<StaffMember> out;
    soci::rowset<soci::row> rs =
        (s.prepare
             << "SELECT id, organisation_id, name, email, roles, confidant, active, job_title, "
                "language FROM staff WHERE organisation_id = :o ORDER BY id",
         soci::use(organisation_id));
    for (const soci::row& r : rs)
        out.push_back({as_ll(r, 0), as_ll(r, 1), as_str(r, 2), as_str(r, 3), as_str(r, 4),
                       as_ll(r, 5) != 0, as_ll(r, 6) != 0, as_str(r, 7),
                       language_from_name(as_str(r, 8)).value_or(Language::nl)});
    return out;
}

std::optional<StaffMember> Database::staff_member(long long organisation_id, long long id) {
    for (auto& m : staff(organisation_id))
        if (m.id == id) return m;
    return std::nullopt;
}

std::optional<Complaint> Database::complaint(long long organisation_id, long long id) {
    soci::session s(*pool_);
    StatementCache unused(s);
    Transaction t(s, backend_, unused); // read-only use of the same query
    return t.complaint(organisation_id, id);
}

std::optional<Complaint> Database::complaint_by_public_link(long long organisation_id,
                                                            const std::string& token_digest) {
    long long id = 0;
    {
        soci::session s(*pool_);
        s << "SELECT complaint_id FROM public_links WHERE token_digest = :t AND "
             "organisation_id = :o",
            soci::use(token_digest), soci::use(organisation_id), soci::into(id);
        if (!s.got_data()) return std::nullopt;
    }
    return complaint(organisation_id, id);
}

std::vector<Complaint> Database::complaints_about(long long organisation_id, long long staff_id) {
    soci::session s(*pool_);
    Binds b;
    b.num(organisation_id);
    b.num(staff_id);
    return select_complaints(s, b,
                             "SELECT " + complaint_columns() +
                                 " FROM complaints c JOIN complaint_involved ci ON "
                                 "ci.complaint_id = c.id WHERE ci.organisation_id = :o AND "
                                 "ci.staff_id = :s ORDER BY c.received_at DESC");
}

std::vector<Complaint> Database::complaints_due_by(long long organisation_id, Instant until,
                                                   long long after_id, int limit) {
    soci::session s(*pool_);
    Binds b;
    b.num(organisation_id);
    b.num(std::min(to_epoch(until), kNothingDue - 1));
    b.num(after_id);
    return select_complaints(s, b,
                             "SELECT " + complaint_columns() +
                                 " FROM complaints c WHERE c.organisation_id = :o AND "
                                 "c.next_due_at <= :u AND c.id > :a ORDER BY c.id LIMIT " +
                                 std::to_string(limit));
}

// By id, not seq: an organisation's events get ids in chain order, and "ORDER BY seq" led
// SQLite to walk the whole organisation's chain (half a second per case page at 1M).
namespace {

// The organisation's events `where` says (with :i bound to `id`), oldest first.
std::vector<AuditEvent> events_where(soci::session& s, Backend backend, long long organisation_id,
                                     const std::string& where, long long id) {
    std::vector<AuditEvent> out;
    soci::rowset<soci::row> rs =
        (s.prepare
             << "SELECT id, organisation_id, complaint_id, at, actor_id, action, changes, "
                "seq, source, " +
                    digest_hex_column(backend, "hash") +
                    ", subject, subject_id FROM audit_events WHERE organisation_id = :o AND " +
                    where + " ORDER BY id",
         soci::use(organisation_id), soci::use(id));
    for (const soci::row& r : rs)
        out.push_back({as_ll(r, 0), as_ll(r, 1), as_ll(r, 2), from_epoch(as_ll(r, 3)), as_ll(r, 4),
                       as_str(r, 5), as_str(r, 6), as_ll(r, 7), as_str(r, 8), as_str(r, 9),
                       as_str(r, 10), as_ll(r, 11)});
    return out;
}

} // namespace

std::vector<AuditEvent> Database::timeline(long long organisation_id, long long complaint_id) {
    soci::session s(*pool_);
    return events_where(s, backend_, organisation_id, "complaint_id = :i", complaint_id);
}

std::string register_subject_is(const std::string& subject) {
    if (subject != "nonconformity" && subject != "action")
        throw std::invalid_argument("not a register subject: " + subject);
    // SQLite takes a partial index only for a statement that repeats the index's own
    // condition (migration 22); `subject = 'action'` alone walked the organisation's whole
    // chain (0.5 s a case for retention at 1M). The subject is written in for the same reason.
    return "subject IN ('nonconformity', 'action') AND subject = '" + subject + "'";
}

std::vector<AuditEvent> Database::subject_events(long long organisation_id,
                                                 const std::string& subject, long long subject_id) {
    soci::session s(*pool_);
    return events_where(s, backend_, organisation_id,
                        register_subject_is(subject) + " AND subject_id = :i", subject_id);
}

std::vector<long long> Database::retention_candidates(long long organisation_id, Instant cutoff,
                                                      long long after_id, int limit) {
    soci::session s(*pool_);
    std::vector<long long> ids;
    long long before = to_epoch(cutoff);
    soci::rowset<soci::row> rs =
        (s.prepare
             << "SELECT id FROM complaints WHERE organisation_id = :o AND state IN "
                "('closed', 'closed_unsatisfied', 'declined', 'withdrawn') AND anonymised_at IS "
                "NULL AND "
                "updated_at < :b AND id > :a ORDER BY id LIMIT " +
                    std::to_string(limit),
         soci::use(organisation_id), soci::use(before), soci::use(after_id));
    for (const soci::row& r : rs)
        ids.push_back(as_ll(r, 0));
    return ids;
}

std::vector<AuditLogEntry> Database::audit_log(const AuditQuery& q) {
    soci::session s(*pool_);
    std::string sql =
        "SELECT e.id, e.organisation_id, e.complaint_id, e.at, e.actor_id, e.action, e.changes, "
        "e.seq, e.source, " +
        digest_hex_column(backend_, "e.hash") +
        ", c.reference, e.subject, e.subject_id FROM audit_events e LEFT "
        "JOIN complaints c ON c.id = "
        "e.complaint_id WHERE e.organisation_id = :o";
    Binds b;
    b.num(q.organisation_id);
    // The same visibility as the register: no events of cases the reader may not see.
    sql += " AND (e.complaint_id IS NULL OR " + visible_to(q.viewer, "c", b) + ")";
    if (q.from) {
        sql += " AND e.at >= :f";
        b.num(to_epoch(*q.from));
    }
    if (q.until) {
        sql += " AND e.at < :u";
        b.num(to_epoch(*q.until));
    }
    if (q.actor_id) {
        sql += " AND e.actor_id = :a";
        b.num(*q.actor_id);
    }
    if (q.complaint_id) {
        sql += " AND e.complaint_id = :c";
        b.num(*q.complaint_id);
    }
    if (!q.action.empty()) {
        sql += " AND e.action = :x";
        b.text(q.action);
    }
    sql += " ORDER BY e.seq LIMIT " + std::to_string(q.limit + 1) + " OFFSET " +
           std::to_string(q.offset);
    soci::statement st(s);
    long long id = 0, org = 0, complaint = 0, at = 0, actor = 0, seq = 0;
    std::string action, changes, source, hash, reference;
    soci::indicator seq_ind = soci::i_ok, src_ind = soci::i_ok, hash_ind = soci::i_ok;
    st.exchange(soci::into(id));
    st.exchange(soci::into(org));
    soci::indicator complaint_ind = soci::i_ok;
    st.exchange(soci::into(complaint, complaint_ind));
    st.exchange(soci::into(at));
    st.exchange(soci::into(actor));
    st.exchange(soci::into(action));
    st.exchange(soci::into(changes));
    st.exchange(soci::into(seq, seq_ind));
    st.exchange(soci::into(source, src_ind));
    st.exchange(soci::into(hash, hash_ind));
    soci::indicator ref_ind = soci::i_ok;
    st.exchange(soci::into(reference, ref_ind));
    std::string subject;
    long long subject_id = 0;
    soci::indicator subject_id_ind = soci::i_ok;
    st.exchange(soci::into(subject));
    st.exchange(soci::into(subject_id, subject_id_ind));
    b.prepare(st, sql);
    std::vector<AuditLogEntry> out;
    if (st.execute(true)) {
        do {
            out.push_back(
                {AuditEvent{id, org, complaint_ind == soci::i_ok ? complaint : 0, from_epoch(at),
                            actor, action, changes, seq_ind == soci::i_ok ? seq : 0,
                            src_ind == soci::i_ok ? source : "", hash_ind == soci::i_ok ? hash : "",
                            subject, subject_id_ind == soci::i_ok ? subject_id : 0},
                 ref_ind == soci::i_ok ? reference : std::string()});
        } while (st.fetch());
    }
    return out;
}

long long Database::count_complaints(long long organisation_id) {
    soci::session s(*pool_);
    long long n = 0;
    s << "SELECT COUNT(*) FROM complaints WHERE organisation_id = :o", soci::use(organisation_id),
        soci::into(n);
    return n;
}

} // namespace kd
