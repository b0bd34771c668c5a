// import.cpp: imported historic complaints in bulk (Transaction::import_complaints): on SQLite
// through a temporary table and one INSERT ... SELECT per batch, on PostgreSQL by COPY, which
// takes a batch in one stream instead of a round trip per row.
#include "core/complaint_fields.hpp"
#include "store/complaint_rows.hpp"
#include "store/database.hpp"
#include "store/statement_cache.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <future>
#include <stdexcept>

namespace kd {
namespace {

// A value in COPY's text format: \N is null; backslash, tab and line breaks are escaped.
void put_copy_text(std::string& out, std::string_view v) {
    for (char ch : v) {
        switch (ch) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += ch;
        }
    }
}

void put_copy_value(std::string& out, const FieldValue& v) {
    if (const auto* n = std::get_if<long long>(&v))
        out += std::to_string(*n);
    else if (const auto* s = std::get_if<std::string>(&v))
        put_copy_text(out, *s);
    else
        out += "\\N";
}

// A bytea in COPY's text format: \x and hex, its backslash escaped.
void put_copy_bytes(std::string& out, const std::string& raw) {
    if (raw.empty()) {
        out += "\\N";
        return;
    }
    out += "\\\\x";
    out += to_hex(raw);
}

// One COPY ... FROM STDIN, fed as its rows are made: the server takes in and indexes what it
// has while the rest is still being written here.
class CopyIn {
public:
    CopyIn(soci::session& sql, const std::string& copy_sql)
        : conn_(static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_) {
        PGresult* start = PQexec(conn_, copy_sql.c_str());
        bool ready = PQresultStatus(start) == PGRES_COPY_IN;
        PQclear(start);
        if (!ready) fail("COPY did not start");
        open_ = true;
        rows_.reserve(2 * kChunk);
    }
    CopyIn(const CopyIn&) = delete;
    CopyIn& operator=(const CopyIn&) = delete;
    // Stopped halfway (an exception): the server is told, so the connection can roll back.
    ~CopyIn() {
        if (!open_) return;
        PQputCopyEnd(conn_, "the import stopped");
        while (PGresult* r = PQgetResult(conn_))
            PQclear(r);
    }
    // The row's text ends in "\n"; sent once a chunk is full.
    std::string& rows() { return rows_; }
    void row_done() {
        if (rows_.size() >= kChunk) send();
    }
    void end() {
        send();
        if (PQputCopyEnd(conn_, nullptr) != 1) fail("COPY failed");
        open_ = false;
        std::string error;
        while (PGresult* r = PQgetResult(conn_)) {
            if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
            PQclear(r);
        }
        if (!error.empty()) throw std::runtime_error("COPY failed: " + error);
    }

private:
    static constexpr std::size_t kChunk = 1 << 16;
    void send() {
        if (!rows_.empty() &&
            PQputCopyData(conn_, rows_.data(), static_cast<int>(rows_.size())) != 1)
            fail("COPY failed");
        rows_.clear();
    }
    [[noreturn]] void fail(const std::string& what) {
        throw std::runtime_error(what + ": " + PQerrorMessage(conn_));
    }
    PGconn* conn_;
    bool open_ = false;
    std::string rows_;
};

// What each complaint's "import" event holds and vouches for: its changes document and the
// digest of its state. Half of them on a second thread: these and their hashes are most of
// the import's own work, and the writer thread has the database's on top.
struct EventContent {
    std::vector<std::string> changes, states;
};

EventContent event_content(const std::vector<Complaint>& batch) {
    EventContent out;
    out.changes.resize(batch.size());
    out.states.resize(batch.size());
    auto fill = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i) {
            out.changes[i] = complaint_changes(nullptr, batch[i], false);
            out.states[i] = complaint_state(batch[i]);
        }
    };
    const std::size_t half = batch.size() / 2;
    auto other = std::async(std::launch::async, fill, half, batch.size());
    fill(0, half);
    other.get();
    return out;
}

// The row's last change is when the case ended in its own time, not the import: retention
// (store: retention_candidates) looks for cases last changed before its term.
Instant last_change(const Complaint& c, Instant now) {
    return c.closed_at ? *c.closed_at : now;
}

} // namespace

void Transaction::import_complaints(std::vector<Complaint>& batch, const Actor& actor,
                                    const std::string& action, Instant now) {
    if (batch.empty()) return;
    if (backend_ == Backend::postgresql) {
        copy_imported(batch, actor, action, now);
        return;
    }
    // SQLite's default cache (2 MB) spills a large transaction's pages to the WAL and reads
    // them back for every index; an import keeps them in memory, up to 512 MB. It stays so
    // for the connection: an import runs in a command's own process, which ends after it.
    sql() << "PRAGMA cache_size = -524288";
    // The rows go to a temporary table first and into `complaints` with one INSERT ... SELECT
    // per batch. Chosen when the triggers still wrote the full-text index, which FTS5 writes
    // out at every statement inside a savepoint (row by row it was eight times slower); since
    // migration 25 the index is written once, at the end.
    sql() << "CREATE TEMP TABLE IF NOT EXISTS import_rows AS SELECT * FROM main.complaints "
             "WHERE 0";
    static const std::string insert_sql = "INSERT INTO temp.import_rows (id, " +
                                          complaint_row_columns() + ") VALUES (:id, " +
                                          complaint_row_placeholders() + ")";
    long long id = 0;
    sql() << "SELECT COALESCE(MAX(id), 0) FROM main.complaints", soci::into(id);
    for (Complaint& c : batch) {
        c.id = ++id;
        c.reference = next_reference(c.organisation_id);
        c.registered_by = actor.staff_id;
        Binds b;
        b.num(c.id);
        bind_complaint_row(b, c, std::nullopt, last_change(c, now));
        cache_.run(insert_sql, b);
    }
    cache_.run("INSERT INTO main.complaints SELECT * FROM temp.import_rows");
    cache_.run("DELETE FROM temp.import_rows");
    EventContent content = event_content(batch);
    for (std::size_t i = 0; i < batch.size(); ++i)
        append_event(batch[i].organisation_id, batch[i].id, "complaint", batch[i].id, now, actor,
                     action, content.changes[i], content.states[i]);
}

void Transaction::copy_imported(std::vector<Complaint>& batch, const Actor& actor,
                                const std::string& action, Instant now) {
    // The ids first, from the table's own sequence, so that rows and events can name them.
    std::vector<long long> ids(batch.size());
    const long long n = static_cast<long long>(batch.size());
    sql() << "SELECT nextval(pg_get_serial_sequence('complaints', 'id')) FROM "
             "generate_series(1, :n)",
        soci::use(n), soci::into(ids);
    if (ids.size() != batch.size()) throw std::runtime_error("complaint ids: too few");

    static const std::string complaints_sql =
        "COPY complaints (id, " + complaint_row_columns() + ") FROM STDIN";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i].id = ids[i];
        batch[i].reference = next_reference(batch[i].organisation_id);
        batch[i].registered_by = actor.staff_id;
    }
    // The events' content is made on other threads while the rows go to the server.
    auto content = std::async(std::launch::async, event_content, std::cref(batch));
    const std::string nothing_due = "\t" + std::to_string(kNothingDue) + "\t";
    CopyIn complaints(sql(), complaints_sql);
    for (const Complaint& c : batch) {
        std::string& rows = complaints.rows();
        rows += std::to_string(c.id);
        rows += '\t';
        rows += std::to_string(c.organisation_id);
        for (const auto& f : complaint_fields()) {
            rows += '\t';
            put_copy_value(rows, f.get(c));
        }
        rows += nothing_due;
        rows += std::to_string(to_epoch(last_change(c, now)));
        rows += '\n';
        complaints.row_done();
    }
    EventContent made = content.get();
    complaints.end();

    // The chain heads are read (and locked) before the COPY: no other statement can run while
    // one is open.
    for (const Complaint& c : batch)
        head(c.organisation_id);
    CopyIn events(sql(), std::string("COPY audit_events (") + kAuditEventColumns + ") FROM STDIN");
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Complaint& c = batch[i];
        const std::string& changes = made.changes[i];
        const std::string& state = made.states[i];
        std::string hash;
        ChainLink link = next_link(c.organisation_id, c.id, "complaint", c.id, now, actor, action,
                                   changes, state, hash);
        std::string& out = events.rows();
        for (long long v : {c.organisation_id, c.id, link.at, link.actor_id}) {
            out += std::to_string(v);
            out += '\t';
        }
        put_copy_text(out, action);
        out += '\t';
        put_copy_text(out, changes);
        out += '\t';
        out += std::to_string(link.seq);
        out += '\t';
        put_copy_text(out, link.source);
        out += '\t';
        put_copy_bytes(out, hash);
        out += "\tcomplaint\t";
        out += std::to_string(c.id);
        out += '\t';
        put_copy_bytes(out, state);
        out += '\n';
        events.row_done();
    }
    events.end();
}

} // namespace kd
