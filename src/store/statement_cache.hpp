// statement_cache.hpp: statements of the write path prepared once per session and run again
// with new values: the single writer runs the same few statements thousands of times a second,
// and parsing each anew cost more than running it.
#pragma once

#include "store/binds.hpp"

#include <soci/soci.h>

#include <map>
#include <memory>
#include <string>

namespace kd {

class StatementCache {
public:
    explicit StatementCache(soci::session& s) : s_(s) {}

    // Runs `sql`, a statement that returns no rows (INSERT, UPDATE, DELETE, SAVEPOINT), with
    // `values` bound in order. Statements that return rows are not kept: one that is not
    // stepped to its end would hold a read snapshot open and stop SQLite's WAL checkpoints.
    void run(const std::string& sql, const Binds& values = {});

    // An organisation's code, read once: it never changes for an id.
    const std::string& organisation_code(long long organisation_id);

private:
    struct Entry {
        Binds binds;
        std::unique_ptr<soci::statement> st;
    };
    soci::session& s_;
    std::map<std::string, std::unique_ptr<Entry>> cache_;
    std::map<long long, std::string> codes_;
};

} // namespace kd
