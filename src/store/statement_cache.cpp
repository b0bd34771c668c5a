// statement_cache.cpp: prepare on first use; on any failure the statement is dropped, so the
// next use prepares it afresh. The PostgreSQL pipeline follows libpq's "Pipeline Mode".
#include "store/statement_cache.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cctype>
#include <stdexcept>

namespace kd {

namespace {

// SOCI's ":name" placeholders as PostgreSQL's "$1": a name seen again keeps its number, as
// SOCI binds them. Text in quotes and "::" casts are left alone.
std::string numbered_placeholders(const std::string& sql, std::size_t& count) {
    std::string out;
    std::map<std::string, int> numbers;
    bool quoted = false;
    for (std::size_t i = 0; i < sql.size(); ++i) {
        char c = sql[i];
        if (c == '\'') quoted = !quoted;
        if (quoted || c != ':') {
            out += c;
            continue;
        }
        if (i + 1 < sql.size() && sql[i + 1] == ':') {
            out += "::";
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < sql.size() &&
               (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_'))
            ++j;
        if (j == i + 1) {
            out += c;
            continue;
        }
        auto [it, added] = numbers.emplace(sql.substr(i + 1, j - i - 1), 0);
        if (added) it->second = static_cast<int>(numbers.size());
        out += "$" + std::to_string(it->second);
        i = j - 1;
    }
    count = numbers.size();
    return out;
}

// In a pipeline a block of ids costs one round trip instead of one per row.
constexpr int kIdBlock = 64;
// Sent statements are answered into the server's socket buffer; a sync now and then keeps a
// long write (a purge) from filling it while we are still sending.
constexpr int kMaxUnsynced = 1000;
constexpr std::size_t kMaxPrepared = 500;

} // namespace

StatementCache::StatementCache(soci::session& s)
    : s_(s), sqlite_(s.get_backend_name() == "sqlite3") {}

StatementCache::~StatementCache() {
    discard();
}

StatementCache::Entry& StatementCache::prepared(const std::string& sql, const Binds& values,
                                                bool returns_id) {
    auto it = cache_.find(sql);
    if (it != cache_.end() && !it->second->binds.overwrite(values)) {
        cache_.erase(it);
        it = cache_.end();
    }
    if (it == cache_.end()) {
        // The texts of updates vary with what changed; a few hundred kinds are plenty.
        if (cache_.size() > 500) cache_.clear();
        auto e = std::make_unique<Entry>();
        e->binds = values;
        e->st = std::make_unique<soci::statement>(s_);
        if (returns_id) e->st->exchange(soci::into(e->id));
        e->binds.prepare(*e->st, returns_id ? sql + " RETURNING id" : sql);
        it = cache_.emplace(sql, std::move(e)).first;
    }
    return *it->second;
}

void StatementCache::execute(const std::string& sql, Entry& e) {
    try {
        e.st->execute(true);
    } catch (...) {
        cache_.erase(sql);
        throw;
    }
}

void StatementCache::run(const std::string& sql, const Binds& values) {
    if (pipelined_) return send(sql, values);
    execute(sql, prepared(sql, values, false));
}

long long StatementCache::insert(const std::string& table, const std::string& columns,
                                 const std::string& placeholders, const Binds& values) {
    const std::string sql =
        "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")";
    if (pipelined_) {
        long long id = next_id(table);
        Binds with_id = values;
        with_id.num(id);
        send("INSERT INTO " + table + " (" + columns + ", id) VALUES (" + placeholders +
                 ", :new_id)",
             with_id);
        return id;
    }
    // A RETURNING statement kept open on SQLite would hold its read snapshot; the rowid is
    // there for the asking anyway.
    Entry& e = prepared(sql, values, !sqlite_);
    execute(sql, e);
    if (!sqlite_) return e.id;
    long long id = 0;
    if (!s_.get_last_insert_id(table, id)) throw std::runtime_error("no id for the new row");
    return id;
}

void StatementCache::pipeline() {
    pipelined_ = !sqlite_;
}

pg_conn* StatementCache::connection() {
    // Asked each time rather than kept: the session owns the connection.
    return static_cast<soci::postgresql_session_backend*>(s_.get_backend())->conn_;
}

void StatementCache::send(const std::string& sql, const Binds& values) {
    pg_conn* pg = connection();
    if (!in_pipeline_) {
        if (PQenterPipelineMode(pg) != 1)
            throw std::runtime_error(std::string("pipeline mode: ") + PQerrorMessage(pg));
        in_pipeline_ = true;
    }
    auto it = names_.find(sql);
    if (it == names_.end() && names_.size() >= kMaxPrepared) {
        // The texts of updates vary with what changed: let the server forget the old ones.
        sync();
        for (const auto& [text, name] : names_)
            s_ << "DEALLOCATE " + name;
        names_.clear();
    }
    if (it == names_.end()) {
        std::size_t count = 0;
        std::string text = numbered_placeholders(sql, count);
        if (count != values.size())
            throw std::logic_error("statement has " + std::to_string(count) + " placeholders and " +
                                   std::to_string(values.size()) + " values: " + sql);
        // Never a name used before on this connection: a forgotten one may still be there.
        std::string name = "kd_w" + std::to_string(++prepared_);
        if (PQsendPrepare(pg, name.c_str(), text.c_str(), 0, nullptr) != 1)
            throw std::runtime_error(std::string("prepare: ") + PQerrorMessage(pg));
        ++sent_;
        // Known as prepared from here on; if the pipeline fails before the sync it is
        // forgotten there (it may not have been prepared).
        it = names_.emplace(sql, std::move(name)).first;
        unconfirmed_.push_back(sql);
    }
    std::vector<std::string> numbers;
    std::vector<const char*> params;
    values.as_text(numbers, params);
    if (PQsendQueryPrepared(pg, it->second.c_str(), static_cast<int>(params.size()), params.data(),
                            nullptr, nullptr, 0) != 1)
        throw std::runtime_error(std::string("send: ") + PQerrorMessage(pg));
    if (++sent_ >= kMaxUnsynced) sync();
}

std::string StatementCache::wait_for_results() {
    pg_conn* pg = connection();
    std::string error;
    if (PQpipelineSync(pg) != 1) error = std::string("sync: ") + PQerrorMessage(pg);
    for (bool synced = !error.empty(); !synced;) {
        PGresult* r = PQgetResult(pg);
        if (!r) {
            // Between the answers of two statements; a broken connection answers nothing more.
            if (PQstatus(pg) == CONNECTION_BAD) {
                error = std::string("connection lost: ") + PQerrorMessage(pg);
                break;
            }
            continue;
        }
        switch (PQresultStatus(r)) {
        case PGRES_PIPELINE_SYNC:
            synced = true;
            break;
        case PGRES_FATAL_ERROR:
            if (error.empty()) error = PQresultErrorMessage(r);
            break;
        default:
            break;
        }
        PQclear(r);
    }
    if (PQexitPipelineMode(pg) != 1 && error.empty())
        error = std::string("the database connection is unusable: ") + PQerrorMessage(pg);
    in_pipeline_ = false;
    sent_ = 0;
    if (!error.empty())
        for (const auto& sql : unconfirmed_)
            names_.erase(sql);
    unconfirmed_.clear();
    return error;
}

void StatementCache::sync() {
    if (!in_pipeline_) return;
    std::string error = wait_for_results();
    if (!error.empty()) throw std::runtime_error(error);
}

void StatementCache::discard() noexcept {
    if (!in_pipeline_) return;
    wait_for_results();
}

long long StatementCache::next_id(const std::string& table) {
    auto& ids = ids_[table];
    if (ids.empty()) {
        sync();
        // Ids left unused when the server stops are gaps, as after a rolled-back insert; the
        // complaint's reference, not its id, is the gapless number people see.
        std::vector<long long> block(kIdBlock);
        int n = kIdBlock;
        s_ << "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)",
            soci::use(table), soci::use(n), soci::into(block);
        ids.assign(block.begin(), block.end());
    }
    long long id = ids.front();
    ids.pop_front();
    return id;
}

const std::string& StatementCache::organisation_code(long long organisation_id) {
    auto it = codes_.find(organisation_id);
    if (it != codes_.end()) return it->second;
    sync();
    std::string code;
    s_ << "SELECT code FROM organisations WHERE id = :o", soci::use(organisation_id),
        soci::into(code);
    if (!s_.got_data()) throw std::runtime_error("unknown organisation");
    return codes_[organisation_id] = code;
}

} // namespace kd
