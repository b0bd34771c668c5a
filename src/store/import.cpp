// import.cpp: imported historic complaints in bulk (Transaction::import_complaints): on SQLite
// through the prepared statements every write uses, on PostgreSQL by COPY, which takes a batch
// in one round trip instead of one per row.
#include "core/complaint_fields.hpp"
#include "store/complaint_rows.hpp"
#include "store/database.hpp"
#include "store/statement_cache.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

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

// Sends `rows` (COPY text format) to `copy_sql` ("COPY t (...) FROM STDIN") on the session.
void copy_in(soci::session& sql, const std::string& copy_sql, const std::string& rows) {
    auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
    PGconn* conn = backend->conn_;
    auto fail = [&](const std::string& what) {
        throw std::runtime_error(what + ": " + PQerrorMessage(conn));
    };
    PGresult* start = PQexec(conn, copy_sql.c_str());
    bool ready = PQresultStatus(start) == PGRES_COPY_IN;
    PQclear(start);
    if (!ready) fail("COPY did not start");
    if (PQputCopyData(conn, rows.data(), static_cast<int>(rows.size())) != 1 ||
        PQputCopyEnd(conn, nullptr) != 1)
        fail("COPY failed");
    bool ok = true;
    std::string error;
    while (PGresult* r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            ok = false;
            error = PQresultErrorMessage(r);
        }
        PQclear(r);
    }
    if (!ok) throw std::runtime_error("COPY failed: " + error);
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
    for (Complaint& c : batch) {
        insert_complaint(c, std::nullopt, {}, last_change(c, now));
        append_audit(c.organisation_id, c.id, now, actor, action, nullptr, c);
    }
}

void Transaction::copy_imported(std::vector<Complaint>& batch, const Actor& actor,
                                const std::string& action, Instant now) {
    // The ids first, from the table's own sequence, so that rows and events can name them.
    std::vector<long long> ids(batch.size());
    const long long n = static_cast<long long>(batch.size());
    sql_ << "SELECT nextval(pg_get_serial_sequence('complaints', 'id')) FROM "
            "generate_series(1, :n)",
        soci::use(n), soci::into(ids);
    if (ids.size() != batch.size()) throw std::runtime_error("complaint ids: too few");

    static const std::string complaints_sql = [] {
        std::string cols = "id, organisation_id";
        for (const auto& f : complaint_fields())
            cols += std::string(", ") + f.name;
        return "COPY complaints (" + cols + ", next_due_at, updated_at) FROM STDIN";
    }();
    std::string rows, events;
    rows.reserve(batch.size() * 512);
    events.reserve(batch.size() * 1024);
    const std::string nothing_due = "\t" + std::to_string(kNothingDue) + "\t";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        Complaint& c = batch[i];
        c.id = ids[i];
        c.reference = next_reference(c.organisation_id);
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

        std::string changes = complaint_changes(nullptr, c, false);
        std::string state = complaint_state(c);
        std::string hash;
        ChainLink link = next_link(c.organisation_id, c.id, "complaint", c.id, now, actor, action,
                                   changes, state, hash);
        for (const std::string& v : {std::to_string(c.organisation_id), std::to_string(c.id),
                                     std::to_string(link.at), std::to_string(link.actor_id)}) {
            events += v;
            events += '\t';
        }
        put_copy_text(events, action);
        events += '\t';
        put_copy_text(events, changes);
        events += '\t';
        events += std::to_string(link.seq);
        events += '\t';
        put_copy_text(events, link.source);
        events += '\t';
        put_copy_bytes(events, hash);
        events += "\tcomplaint\t";
        events += std::to_string(c.id);
        events += '\t';
        put_copy_bytes(events, state);
        events += '\n';
    }
    copy_in(sql_, complaints_sql, rows);
    copy_in(sql_,
            "COPY audit_events (organisation_id, complaint_id, at, actor_id, action, changes, seq, "
            "source, hash, subject, subject_id, state_digest) FROM STDIN",
            events);
}

} // namespace kd
