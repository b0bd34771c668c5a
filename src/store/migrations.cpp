// migrations.cpp: the schema, written once with a few placeholders for what differs between
// SQLite and PostgreSQL. Never edit a released migration; add the next one.
#include "store/migrations.hpp"

namespace kd {
namespace {

std::string for_backend(std::string sql, Backend b) {
    const std::string key = "{ID}";
    const std::string id = b == Backend::sqlite ? "INTEGER PRIMARY KEY" : "BIGSERIAL PRIMARY KEY";
    for (auto pos = sql.find(key); pos != std::string::npos; pos = sql.find(key))
        sql.replace(pos, key.size(), id);
    return sql;
}

} // namespace

std::vector<Migration> migrations_for(Backend b) {
    std::vector<Migration> all = {
        {1,
         "organisations, procedures, staff, complaints, audit events",
         {
             R"(CREATE TABLE organisations (
                  id {ID},
                  code TEXT NOT NULL UNIQUE,
                  slug TEXT NOT NULL UNIQUE,
                  name TEXT NOT NULL,
                  procedure_version INTEGER NOT NULL,
                  next_sequence BIGINT NOT NULL DEFAULT 1))",
             // Every version of a procedure stays, so a complaint's deadlines can always be
             // explained by the text that was in force when it came in.
             R"(CREATE TABLE procedure_versions (
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  version INTEGER NOT NULL,
                  authorised_by TEXT NOT NULL,
                  source_text TEXT NOT NULL,
                  loaded_at BIGINT NOT NULL,
                  PRIMARY KEY (organisation_id, version)))",
             R"(CREATE TABLE staff (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  name TEXT NOT NULL,
                  email TEXT NOT NULL,
                  role TEXT NOT NULL,
                  confidant SMALLINT NOT NULL DEFAULT 0,
                  active SMALLINT NOT NULL DEFAULT 1,
                  UNIQUE (organisation_id, email)))",
             // The document holds the whole complaint; the columns beside it are what lists
             // filter and sort on, kept in step by the one write path.
             R"(CREATE TABLE complaints (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  reference TEXT NOT NULL,
                  state TEXT NOT NULL,
                  received_at BIGINT NOT NULL,
                  category TEXT NOT NULL,
                  handler_id BIGINT REFERENCES staff(id),
                  next_due_at BIGINT,
                  search_text TEXT NOT NULL,
                  updated_at BIGINT NOT NULL,
                  document TEXT NOT NULL,
                  UNIQUE (organisation_id, reference)))",
             "CREATE INDEX complaints_received ON complaints (organisation_id, received_at, id)",
             R"(CREATE INDEX complaints_state
                 ON complaints (organisation_id, state, received_at, id))",
             "CREATE INDEX complaints_due ON complaints (organisation_id, next_due_at)",
             R"(CREATE INDEX complaints_handler
                 ON complaints (organisation_id, handler_id, received_at))",
             R"(CREATE INDEX complaints_category
                 ON complaints (organisation_id, category, received_at))",
             R"(CREATE TABLE audit_events (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  at BIGINT NOT NULL,
                  actor_id BIGINT NOT NULL REFERENCES staff(id),
                  action TEXT NOT NULL,
                  changes TEXT NOT NULL))",
             "CREATE INDEX audit_by_complaint ON audit_events (organisation_id, complaint_id, id)",
         }},
        {2,
         "hash-chained audit events with their source",
         {
             "ALTER TABLE audit_events ADD COLUMN seq BIGINT",
             "ALTER TABLE audit_events ADD COLUMN source TEXT NOT NULL DEFAULT ''",
             "ALTER TABLE audit_events ADD COLUMN content_digest TEXT",
             "ALTER TABLE audit_events ADD COLUMN prev_hash TEXT",
             "ALTER TABLE audit_events ADD COLUMN hash TEXT",
             // Retention (issue 3) redacts personal data from old events; the chain covers
             // the digest of the content, which stays.
             "ALTER TABLE audit_events ADD COLUMN redacted SMALLINT NOT NULL DEFAULT 0",
             "CREATE UNIQUE INDEX audit_chain ON audit_events (organisation_id, seq)",
             // The newest link per organisation: deleting the newest events is detectable.
             R"(CREATE TABLE audit_heads (
                  organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
                  last_seq BIGINT NOT NULL,
                  last_hash TEXT NOT NULL))",
         }},
        {3,
         "retention: when a complaint's personal data was removed",
         {
             "ALTER TABLE complaints ADD COLUMN anonymised_at BIGINT",
         }},
        {4,
         "accounts: several roles per person, passwords, sessions",
         {
             "ALTER TABLE staff RENAME COLUMN role TO roles",
             "ALTER TABLE staff ADD COLUMN password_hash TEXT",
             // Staff log in with their e-mail address, so it names one account everywhere.
             "CREATE UNIQUE INDEX staff_login ON staff (email)",
             // Sessions live in the database so several servers can share them; only a hash
             // of the token is stored, so a copy of the database opens no session.
             R"(CREATE TABLE sessions (
                  token_hash TEXT PRIMARY KEY,
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  staff_id BIGINT NOT NULL REFERENCES staff(id),
                  csrf_token TEXT NOT NULL,
                  source TEXT NOT NULL,
                  created_at BIGINT NOT NULL,
                  last_seen_at BIGINT NOT NULL,
                  expires_at BIGINT NOT NULL,
                  revoked_at BIGINT))",
         }},
        {5,
         "who may see a complaint: confidential, who registered it, involved employees",
         {
             "ALTER TABLE complaints ADD COLUMN confidential SMALLINT NOT NULL DEFAULT 0",
             "ALTER TABLE complaints ADD COLUMN registered_by BIGINT",
             R"(CREATE TABLE complaint_involved (
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  staff_id BIGINT NOT NULL REFERENCES staff(id),
                  PRIMARY KEY (complaint_id, staff_id)))",
             "CREATE INDEX complaint_involved_staff ON complaint_involved (organisation_id, "
             "staff_id)",
         }},
    };
    // Events about accounts and roles have no complaint: complaint_id may be NULL, and each
    // event names its subject. SQLite cannot drop NOT NULL, so there the table is rebuilt.
    Migration v6{6, "audit events about accounts and roles, not only complaints", {}};
    if (b == Backend::postgresql) {
        v6.statements = {
            "ALTER TABLE audit_events ALTER COLUMN complaint_id DROP NOT NULL",
            "ALTER TABLE audit_events ADD COLUMN subject TEXT NOT NULL DEFAULT 'complaint'",
            "ALTER TABLE audit_events ADD COLUMN subject_id BIGINT",
            "UPDATE audit_events SET subject_id = complaint_id",
        };
    } else {
        v6.statements = {
            R"(CREATE TABLE audit_events_v6 (
                 id INTEGER PRIMARY KEY,
                 organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                 complaint_id BIGINT REFERENCES complaints(id),
                 at BIGINT NOT NULL,
                 actor_id BIGINT NOT NULL REFERENCES staff(id),
                 action TEXT NOT NULL,
                 changes TEXT NOT NULL,
                 seq BIGINT,
                 source TEXT NOT NULL DEFAULT '',
                 content_digest TEXT,
                 prev_hash TEXT,
                 hash TEXT,
                 redacted SMALLINT NOT NULL DEFAULT 0,
                 subject TEXT NOT NULL DEFAULT 'complaint',
                 subject_id BIGINT))",
            R"(INSERT INTO audit_events_v6 (id, organisation_id, complaint_id, at, actor_id,
                 action, changes, seq, source, content_digest, prev_hash, hash, redacted,
                 subject, subject_id)
               SELECT id, organisation_id, complaint_id, at, actor_id, action, changes, seq,
                 source, content_digest, prev_hash, hash, redacted, 'complaint', complaint_id
               FROM audit_events)",
            "DROP TABLE audit_events",
            "ALTER TABLE audit_events_v6 RENAME TO audit_events",
            "CREATE INDEX audit_by_complaint ON audit_events (organisation_id, complaint_id, id)",
            "CREATE UNIQUE INDEX audit_chain ON audit_events (organisation_id, seq)",
        };
    }
    all.push_back(v6);
    all.push_back({7,
                   "people a confidant added to a confidential complaint",
                   {
                       R"(CREATE TABLE complaint_access (
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  staff_id BIGINT NOT NULL REFERENCES staff(id),
                  PRIMARY KEY (complaint_id, staff_id)))",
                       "CREATE INDEX complaint_access_staff ON complaint_access (organisation_id, "
                       "staff_id)",
                   }});
    for (auto& m : all)
        for (auto& s : m.statements)
            s = for_backend(s, b);
    return all;
}

} // namespace kd
