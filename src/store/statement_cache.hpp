// statement_cache.hpp: statements of the write path prepared once per session and run again
// with new values: the single writer runs the same few statements thousands of times a second,
// and parsing each anew cost more than running it. On PostgreSQL the writer's statements are
// also sent without waiting for each answer (libpq's pipeline mode): there a write's cost
// was its round trips, one per statement.
#pragma once

#include "store/binds.hpp"

#include <soci/soci.h>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct pg_conn; // libpq's PGconn

namespace kd {

class StatementCache {
public:
    explicit StatementCache(soci::session& s);
    ~StatementCache();
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // Runs `sql`, a statement that returns no rows (INSERT, UPDATE, DELETE, SAVEPOINT), with
    // `values` bound in order. Statements that return rows are not kept: one that is not
    // stepped to its end would hold a read snapshot open and stop SQLite's WAL checkpoints.
    void run(const std::string& sql, const Binds& values = {});
    // Inserts one row into `table`, whose key is `id`, and returns the id it got: `columns`
    // and `placeholders` are the lists of the INSERT, `values` bound in their order.
    long long insert(const std::string& table, const std::string& columns,
                     const std::string& placeholders, const Binds& values);

    // PostgreSQL: from now on run() and insert() only send; sync() waits for what was sent
    // and throws the first error. Whoever uses the session otherwise must sync() first.
    // The writer turns this on for its own session; a new row's id then comes from the
    // table's sequence, taken a block at a time, not from RETURNING.
    void pipeline();
    void sync();
    // After a failure: waits for what was sent and drops its errors, so that the session
    // can roll back. Never throws.
    void discard() noexcept;

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
    void send(const std::string& sql, const Binds& values);
    long long next_id(const std::string& table);
    std::string wait_for_results();

    soci::session& s_;
    bool sqlite_;
    std::map<std::string, std::unique_ptr<Entry>> cache_;
    std::map<long long, std::string> codes_;

    pg_conn* connection();

    bool pipelined_ = false;                           // pipeline() was called (PostgreSQL)
    bool in_pipeline_ = false;                         // libpq is in pipeline mode now
    int sent_ = 0;                                     // statements sent since the last sync
    std::map<std::string, std::string> names_;         // statement -> its prepared name
    std::vector<std::string> unconfirmed_;             // prepared since the last sync
    long long prepared_ = 0;                           // names given on this connection
    std::map<std::string, std::deque<long long>> ids_; // ids taken from a table's sequence
};

} // namespace kd
