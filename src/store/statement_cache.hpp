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
    explicit StatementCache(soci::session& s);

    // Runs `sql`, a statement that returns no rows (INSERT, UPDATE, DELETE, SAVEPOINT), with
    // `values` bound in order. Statements that return rows are not kept: one that is not
    // stepped to its end would hold a read snapshot open and stop SQLite's WAL checkpoints.
    void run(const std::string& sql, const Binds& values = {});
    // Runs `insert`, an INSERT of one row into a table whose key is `id`, and returns the
    // id it got (SQLite's last rowid; PostgreSQL's RETURNING, read to its end).
    long long insert(const std::string& insert, const Binds& values);

    // An organisation's code, read once: it never changes for an id.
    const std::string& organisation_code(long long organisation_id);

private:
    struct Entry {
        Binds binds;
        std::unique_ptr<soci::statement> st;
        long long id = 0; // what a RETURNING id gave
    };
    Entry& prepared(const std::string& sql, const Binds& values, bool returns_id);
    void execute(const std::string& sql, Entry& e);

    soci::session& s_;
    bool sqlite_;
    std::map<std::string, std::unique_ptr<Entry>> cache_;
    std::map<long long, std::string> codes_;
};

} // namespace kd
