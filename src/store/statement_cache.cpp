// statement_cache.cpp: prepare on first use; on any failure the statement is dropped, so the
// next use prepares it afresh.
#include "store/statement_cache.hpp"

#include <stdexcept>

namespace kd {

void StatementCache::run(const std::string& sql, const Binds& values) {
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
        e->binds.prepare(*e->st, sql);
        it = cache_.emplace(sql, std::move(e)).first;
    }
    Entry& e = *it->second;
    try {
        e.st->execute(true);
    } catch (...) {
        cache_.erase(sql);
        throw;
    }
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
