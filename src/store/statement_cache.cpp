// statement_cache.cpp: prepare on first use; on any failure the statement is dropped, so the
// next use prepares it afresh.
#include "store/statement_cache.hpp"

#include <stdexcept>

namespace kd {

StatementCache::StatementCache(soci::session& s)
    : s_(s), sqlite_(s.get_backend_name() == "sqlite3") {}

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
    execute(sql, prepared(sql, values, false));
}

long long StatementCache::insert(const std::string& insert, const Binds& values) {
    // A RETURNING statement kept open on SQLite would hold its read snapshot; the rowid is
    // there for the asking anyway.
    Entry& e = prepared(insert, values, !sqlite_);
    execute(insert, e);
    if (!sqlite_) return e.id;
    long long id = 0;
    if (!s_.get_last_insert_id("", id)) throw std::runtime_error("no id for the new row");
    return id;
}

const std::string& StatementCache::organisation_code(long long organisation_id) {
    auto it = codes_.find(organisation_id);
    if (it != codes_.end()) return it->second;
    std::string code;
    s_ << "SELECT code FROM organisations WHERE id = :o", soci::use(organisation_id),
        soci::into(code);
    if (!s_.got_data()) throw std::runtime_error("unknown organisation");
    return codes_[organisation_id] = code;
}

} // namespace kd
