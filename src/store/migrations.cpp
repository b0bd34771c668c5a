// migrations.cpp: the schema, written once with a few placeholders for what differs between
// SQLite and PostgreSQL. Never edit a released migration; add the next one.
#include "store/migrations.hpp"

namespace kd {
namespace {

std::string for_backend(std::string sql, Backend b) {
    const bool lite = b == Backend::sqlite;
    for (const auto& [key, value] :
         {std::pair<std::string, std::string>{"{ID}", lite ? "INTEGER PRIMARY KEY"
                                                           : "BIGSERIAL PRIMARY KEY"},
          {"{DIGEST}", lite ? "BLOB" : "BYTEA"},
          {"{BYTES}", lite ? "BLOB" : "BYTEA"}})
        for (auto pos = sql.find(key); pos != std::string::npos; pos = sql.find(key))
            sql.replace(pos, key.size(), value);
    return sql;
}

// Reads a value of the old JSON document, per backend: `path` like "$.complainant.name".
std::string doc(Backend b, const std::string& path, const char* pg_type = nullptr) {
    if (b == Backend::sqlite) return "json_extract(document, '" + path + "')";
    std::string keys = path.substr(2);
    for (char& ch : keys)
        if (ch == '.') ch = ',';
    std::string v = "(document::jsonb #>> '{" + keys + "}')";
    return pg_type ? v + "::" + pg_type : v;
}

std::vector<std::string> backfill_visibility(Backend b) {
    if (b == Backend::sqlite)
        return {"UPDATE complaints SET confidential = json_extract(document, '$.confidential'), "
                "registered_by = json_extract(document, '$.registered_by')",
                "INSERT INTO complaint_involved (organisation_id, complaint_id, staff_id) SELECT "
                "DISTINCT c.organisation_id, c.id, j.value FROM complaints c, "
                "json_each(c.document, '$.involved_staff') j"};
    return {"UPDATE complaints SET confidential = CASE WHEN (document::jsonb ->> 'confidential') "
            "= 'true' THEN 1 ELSE 0 END, registered_by = (document::jsonb ->> "
            "'registered_by')::bigint",
            "INSERT INTO complaint_involved (organisation_id, complaint_id, staff_id) SELECT "
            "DISTINCT organisation_id, id, jsonb_array_elements_text(document::jsonb -> "
            "'involved_staff')::bigint FROM complaints"};
}

// Schema 8: every field of a complaint in a typed column of its own, so reports count
// columns and nothing is stored twice; the JSON document and the lower-cased search copy go.
Migration typed_columns(Backend b) {
    struct Col {
        const char* name;
        const char* type;
        std::string from; // the value of the old document
    };
    bool lite = b == Backend::sqlite;
    auto flag = [&](const char* key) {
        return lite ? doc(b, std::string("$.") + key)
                    : "CASE WHEN " + doc(b, std::string("$.") + key) + " = 'true' THEN 1 WHEN " +
                          doc(b, std::string("$.") + key) + " = 'false' THEN 0 END";
    };
    auto big = [&](const char* key) { return doc(b, std::string("$.") + key, "bigint"); };
    auto text = [&](const std::string& path) { return "COALESCE(" + doc(b, path) + ", '')"; };
    std::string amount = doc(b, "$.extension.amount", "integer"),
                unit = doc(b, "$.extension.unit", "integer");
    std::string extension = "CASE WHEN " + amount + " IS NULL THEN NULL ELSE " +
                            (lite ? amount : "CAST(" + amount + " AS TEXT)") + " || CASE " + unit +
                            " WHEN 0 THEN ' hour' WHEN 1 THEN ' day' WHEN 2 THEN " +
                            "' working day' ELSE ' week' END || CASE WHEN " + amount +
                            " = 1 THEN '' ELSE 's' END END";
    std::string day = doc(b, "$.procedure_change_effective", "integer");
    std::string effective = lite ? "date(" + day + " * 86400, 'unixepoch')"
                                 : "to_char(DATE '1970-01-01' + " + day + ", 'YYYY-MM-DD')";
    std::vector<Col> cols = {
        {"procedure_version", "INTEGER NOT NULL DEFAULT 0",
         doc(b, "$.procedure_version", "integer")},
        {"registered_at", "BIGINT NOT NULL DEFAULT 0", big("registered_at")},
        {"channel", "TEXT NOT NULL DEFAULT 'phone'", text("$.channel")},
        {"complainant_name", "TEXT NOT NULL DEFAULT ''", text("$.complainant.name")},
        {"complainant_email", "TEXT NOT NULL DEFAULT ''", text("$.complainant.email")},
        {"complainant_phone", "TEXT NOT NULL DEFAULT ''", text("$.complainant.phone")},
        {"complainant_type", "TEXT NOT NULL DEFAULT 'external'", text("$.complainant.type")},
        {"complainant_relation", "TEXT NOT NULL DEFAULT ''", text("$.complainant.relation")},
        {"description", "TEXT NOT NULL DEFAULT ''", text("$.description")},
        {"description_approved", "SMALLINT NOT NULL DEFAULT 0", flag("description_approved")},
        {"procedure_explained", "SMALLINT NOT NULL DEFAULT 0", flag("procedure_explained")},
        {"acknowledged_at", "BIGINT", big("acknowledged_at")},
        {"acknowledgement_note", "TEXT NOT NULL DEFAULT ''", text("$.acknowledgement_note")},
        {"assigned_at", "BIGINT", big("assigned_at")},
        {"handling_started_at", "BIGINT", big("handling_started_at")},
        {"first_contact_at", "BIGINT", big("first_contact_at")},
        {"agreed_resolve_by", "BIGINT", big("agreed_resolve_by")},
        {"hearing_at", "BIGINT", big("hearing_at")},
        {"hearing_note", "TEXT NOT NULL DEFAULT ''", text("$.hearing_note")},
        {"assessed_at", "BIGINT", big("assessed_at")},
        {"well_founded", "SMALLINT", flag("well_founded")},
        {"assessment_note", "TEXT NOT NULL DEFAULT ''", text("$.assessment_note")},
        {"extensions_used", "INTEGER NOT NULL DEFAULT 0",
         "COALESCE(" + doc(b, "$.extensions_used", "integer") + ", 0)"},
        {"extension", "TEXT", extension},
        {"extension_reason", "TEXT NOT NULL DEFAULT ''", text("$.extension_reason")},
        {"resolved_at", "BIGINT", big("resolved_at")},
        {"last_resolved_at", "BIGINT", big("last_resolved_at")},
        {"resolution", "TEXT", doc(b, "$.resolution")},
        {"solution", "TEXT NOT NULL DEFAULT ''", text("$.solution")},
        {"procedure_change_effective", "TEXT", effective},
        {"verified_at", "BIGINT", big("verified_at")},
        {"satisfaction", "TEXT NOT NULL DEFAULT 'unknown'",
         "COALESCE(" + doc(b, "$.satisfaction") + ", 'unknown')"},
        {"satisfaction_note", "TEXT NOT NULL DEFAULT ''", text("$.satisfaction_note")},
        {"satisfaction_evidence", "TEXT NOT NULL DEFAULT ''", text("$.satisfaction_evidence")},
        {"dissatisfied_at", "BIGINT", big("dissatisfied_at")},
        {"redone_at", "BIGINT", big("redone_at")},
        {"reopen_count", "INTEGER NOT NULL DEFAULT 0",
         "COALESCE(" + doc(b, "$.reopen_count", "integer") + ", 0)"},
        {"escalated_at", "BIGINT", big("escalated_at")},
        {"external_body", "TEXT NOT NULL DEFAULT ''", text("$.external_body")},
        {"closed_at", "BIGINT", big("closed_at")},
        {"declined_at", "BIGINT", big("declined_at")},
        {"decline_reason", "TEXT NOT NULL DEFAULT ''", text("$.decline_reason")},
        {"decline_notified_at", "BIGINT", big("decline_notified_at")},
        {"withdrawn_at", "BIGINT", big("withdrawn_at")},
        {"withdraw_reason", "TEXT NOT NULL DEFAULT ''", text("$.withdraw_reason")},
    };
    Migration m{8, "every field of a complaint in a typed column; shared summaries as rows", {}};
    std::string set;
    for (const auto& c : cols) {
        m.statements.push_back(std::string("ALTER TABLE complaints ADD COLUMN ") + c.name + " " +
                               c.type);
        set += std::string(set.empty() ? "" : ", ") + c.name + " = " + c.from;
    }
    m.statements.push_back("UPDATE complaints SET " + set);
    m.statements.push_back(for_backend(R"(CREATE TABLE complaint_hearing_summaries (
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  position INTEGER NOT NULL,
                  employee_id BIGINT NOT NULL,
                  text TEXT NOT NULL,
                  shared_by BIGINT NOT NULL,
                  shared_at BIGINT NOT NULL,
                  PRIMARY KEY (complaint_id, position)))",
                                       b));
    m.statements.push_back("CREATE INDEX complaint_hearing_summaries_employee ON "
                           "complaint_hearing_summaries (organisation_id, employee_id)");
    if (lite)
        m.statements.push_back(
            "INSERT INTO complaint_hearing_summaries SELECT c.organisation_id, c.id, j.key + 1, "
            "json_extract(j.value, '$.employee_id'), json_extract(j.value, '$.text'), "
            "json_extract(j.value, '$.shared_by'), json_extract(j.value, '$.shared_at') FROM "
            "complaints c, json_each(c.document, '$.hearing_summaries') j");
    else
        m.statements.push_back(
            "INSERT INTO complaint_hearing_summaries SELECT c.organisation_id, c.id, j.n, "
            "(j.v ->> 'employee_id')::bigint, j.v ->> 'text', (j.v ->> 'shared_by')::bigint, "
            "(j.v ->> 'shared_at')::bigint FROM complaints c CROSS JOIN LATERAL "
            "jsonb_array_elements(COALESCE(c.document::jsonb -> 'hearing_summaries', "
            "'[]'::jsonb)) WITH ORDINALITY AS j(v, n)");
    m.statements.push_back("ALTER TABLE complaints DROP COLUMN document");
    m.statements.push_back("ALTER TABLE complaints DROP COLUMN search_text");
    // Who registered a complaint is read for every register query of an employee.
    m.statements.push_back(
        "CREATE INDEX complaints_registered_by ON complaints (organisation_id, registered_by)");
    return m;
}

// Schema 9: search with the database's own full-text index over the reference, the
// complainant's name and e-mail, the category and the description.
Migration full_text_search(Backend b) {
    Migration m{9, "full-text search of the register", {}};
    const std::string cols =
        "reference, complainant_name, complainant_email, category, description";
    if (b == Backend::postgresql) {
        // Punctuation becomes space, so "004-00017" and "Zoekwoord-pinguin" are two words each,
        // as in SQLite's tokenizer; Dutch stemming finds "klachten" for "klacht".
        m.statements = {
            "ALTER TABLE complaints ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('dutch', regexp_replace(reference || ' ' || complainant_name || ' ' || "
            "complainant_email || ' ' || category || ' ' || description, '[^[:alnum:]]+', ' ', "
            "'g'))) STORED",
            "CREATE INDEX complaints_search ON complaints USING GIN (search)",
        };
        return m;
    }
    auto values = [&](const char* row) {
        std::string v;
        for (const char* c :
             {"reference", "complainant_name", "complainant_email", "category", "description"})
            v += std::string(v.empty() ? "" : ", ") + row + "." + c;
        return v;
    };
    // An index over the table's own text (no copy of it), kept in step by triggers; accents
    // are ignored, so "cafe" finds "café".
    m.statements = {
        "CREATE VIRTUAL TABLE complaints_search USING fts5(" + cols +
            ", content='complaints', content_rowid='id', tokenize='unicode61 remove_diacritics "
            "2')",
        "INSERT INTO complaints_search (complaints_search) VALUES ('rebuild')",
        "CREATE TRIGGER complaints_search_insert AFTER INSERT ON complaints BEGIN INSERT INTO "
        "complaints_search (rowid, " +
            cols + ") VALUES (new.id, " + values("new") + "); END",
        "CREATE TRIGGER complaints_search_delete AFTER DELETE ON complaints BEGIN INSERT INTO "
        "complaints_search (complaints_search, rowid, " +
            cols + ") VALUES ('delete', old.id, " + values("old") + "); END",
        "CREATE TRIGGER complaints_search_update AFTER UPDATE OF " + cols +
            " ON complaints BEGIN INSERT INTO complaints_search (complaints_search, rowid, " +
            cols + ") VALUES ('delete', old.id, " + values("old") +
            "); INSERT INTO complaints_search (rowid, " + cols + ") VALUES (new.id, " +
            values("new") + "); END",
    };
    return m;
}

// The complaint's columns the search index reads: their names, and ", old.name" for each (as
// a trigger names the values before a change).
std::pair<std::string, std::string> searched_columns() {
    std::string names, old_values;
    for (const char* c :
         {"reference", "complainant_name", "complainant_email", "category", "description"}) {
        names += std::string(names.empty() ? "" : ", ") + c;
        old_values += std::string(", old.") + c;
    }
    return {names, old_values};
}

// Schema 25 (SQLite): the triggers no longer write the search index themselves but note
// which complaints changed, and the writer brings the index up to date once per batch
// (store/search_queue.cpp). FTS5 writes its pending terms to disk at every savepoint, and the
// writer opens one per write: each new complaint became an index segment of its own, a fifth
// of the cost of registering it. PostgreSQL's generated column has no such cost.
Migration deferred_search_index(Backend b) {
    Migration m{25, "the search index brought up to date once per batch of writes", {}};
    if (b == Backend::postgresql) return m;
    const auto [names, old_values] = searched_columns();
    const std::string insert_trigger =
        "CREATE TRIGGER complaints_search_insert AFTER INSERT ON complaints BEGIN INSERT OR IGNORE "
        "INTO complaints_search_queue (id, indexed) VALUES (new.id, 0); END";
    m.statements = {
        "DROP TRIGGER complaints_search_insert",
        "DROP TRIGGER complaints_search_delete",
        "DROP TRIGGER complaints_search_update",
        // One row per complaint changed since the last update of the index: the first change
        // wins (OR IGNORE), so `indexed` and the old values are what the index holds.
        "CREATE TABLE complaints_search_queue (id INTEGER PRIMARY KEY, indexed INTEGER NOT NULL, " +
            names + ")",
        insert_trigger,
        "CREATE TRIGGER complaints_search_delete AFTER DELETE ON complaints BEGIN INSERT OR "
        "IGNORE INTO complaints_search_queue (id, indexed, " +
            names + ") VALUES (old.id, 1" + old_values + "); END",
        "CREATE TRIGGER complaints_search_update AFTER UPDATE OF " + names +
            " ON complaints BEGIN INSERT OR IGNORE INTO complaints_search_queue (id, indexed, " +
            names + ") VALUES (old.id, 1" + old_values + "); END",
    };
    return m;
}

// Schema 26 (SQLite): each word in the index is prefixed by its complaint's organisation
// ("5_loonstrook", store/search_words.cpp), so that a search reads only its own organisation's
// entries. With five organisations of 200,000 complaints, searching a word that one complaint
// in eight holds read the entries of all 1,000,000 (24 ms; two such words 40-55 ms); now it
// reads a fifth of them. The index reads its text from a view that makes those words, and the
// words it must forget come from a second view over the queue, which now also keeps the
// organisation: both views list the columns in one place, here, so that what is forgotten is
// exactly what was indexed.
Migration search_words_by_organisation(Backend b) {
    Migration m{26, "the search index by organisation", {}};
    if (b == Backend::postgresql) return m;
    const auto [names, old_values] = searched_columns();
    // `_` joins organisation and word; the words themselves never hold one.
    const std::string index =
        "CREATE VIRTUAL TABLE complaints_search USING fts5(words, "
        "content='complaints_search_text', content_rowid='id', tokenize=\"unicode61 "
        "remove_diacritics 2 tokenchars '_'\")";
    m.statements = {
        "DROP TABLE complaints_search",
        "CREATE VIEW complaints_search_text AS SELECT id, kd_search_text(organisation_id, " +
            names + ") AS words FROM complaints",
        index,
        // The rebuild below indexes every complaint as it is now, so nothing queued is owed.
        "DELETE FROM complaints_search_queue",
        "ALTER TABLE complaints_search_queue ADD COLUMN organisation_id BIGINT",
        "CREATE VIEW complaints_search_old_text AS SELECT id, kd_search_text(organisation_id, " +
            names + ") AS words FROM complaints_search_queue WHERE indexed",
        "DROP TRIGGER complaints_search_delete",
        "DROP TRIGGER complaints_search_update",
        "CREATE TRIGGER complaints_search_delete AFTER DELETE ON complaints BEGIN INSERT OR "
        "IGNORE INTO complaints_search_queue (id, indexed, organisation_id, " +
            names + ") VALUES (old.id, 1, old.organisation_id" + old_values + "); END",
        // The organisation too: its words are indexed under it.
        "CREATE TRIGGER complaints_search_update AFTER UPDATE OF organisation_id, " + names +
            " ON complaints BEGIN INSERT OR IGNORE INTO complaints_search_queue (id, indexed, "
            "organisation_id, " +
            names + ") VALUES (old.id, 1, old.organisation_id" + old_values + "); END",
        "INSERT INTO complaints_search (complaints_search) VALUES ('rebuild')",
    };
    return m;
}

// Schema 27 (PostgreSQL): as migration 26 did for SQLite, each word of the index is prefixed by
// its complaint's organisation ('5_loonstrook'), so that a search reads only its own
// organisation's part of the index: a word that a few percent of all complaints held made the
// index hand over every organisation's matches, each then fetched and dropped (15 ms at 1M,
// and it grows with the other organisations). The generated column calls an immutable
// function that prefixes the lexemes to_tsvector made; re-adding the column computes it for
// every complaint. The register prefixes the lexemes of its to_tsquery alike.
Migration search_words_by_organisation_postgresql(Backend b) {
    Migration m{27, "the search index by organisation (PostgreSQL)", {}};
    if (b == Backend::sqlite) return m;
    m.statements = {
        "CREATE FUNCTION klachtdesk_search_words(organisation BIGINT, words TEXT) RETURNS "
        "tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT "
        "array_to_tsvector(coalesce(array_agg(organisation::text || '_' || lexeme), '{}')) "
        "FROM unnest(to_tsvector('dutch', words)) $$",
        "ALTER TABLE complaints DROP COLUMN search",
        // Punctuation becomes space, as in migration 9.
        "ALTER TABLE complaints ADD COLUMN search tsvector GENERATED ALWAYS AS "
        "(klachtdesk_search_words(organisation_id, regexp_replace(reference || ' ' || "
        "complainant_name || ' ' || complainant_email || ' ' || category || ' ' || description, "
        "'[^[:alnum:]]+', ' ', 'g'))) STORED",
        "CREATE INDEX complaints_search ON complaints USING GIN (search)",
    };
    return m;
}

} // namespace

// Schema 28 (PostgreSQL): migration 27's function was an SQL function with an aggregate, which
// PostgreSQL cannot inline, so every INSERT planned its body anew: 60 microseconds a complaint,
// a quarter of creating one (pgbench with a bound organisation: 0.147 ms a call against
// 0.087 ms for to_tsvector alone). PL/pgSQL keeps its plan for the session. The words it
// makes are the same, so the stored column stays valid and nothing is recomputed.
Migration cheaper_search_words_postgresql(Backend b) {
    Migration m{28, "the search words made by PL/pgSQL (PostgreSQL)", {}};
    if (b == Backend::sqlite) return m;
    m.statements = {
        "CREATE OR REPLACE FUNCTION klachtdesk_search_words(organisation BIGINT, words TEXT) "
        "RETURNS tsvector LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$ BEGIN RETURN "
        "array_to_tsvector(string_to_array(regexp_replace(array_to_string(tsvector_to_array("
        "to_tsvector('dutch', words)), ' '), '(\\S+)', organisation::text || '_\\1', 'g'), "
        "' ')); END $$",
    };
    return m;
}

// Schema 29: retention finds the nonconformities recorded from a complaint by its id, to take
// their words with the complaint's personal data; without an index each anonymised case read
// the whole register.
Migration nonconformities_by_complaint() {
    return {29,
            "the nonconformities of a complaint",
            {"CREATE INDEX nonconformities_complaint ON nonconformities (complaint_id)"}};
}

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
    all.push_back(typed_columns(b));
    all.push_back(full_text_search(b));
    all.push_back({10,
                   "the register sorts by due moment on an index: nothing running sorts last",
                   {
                       // 9999-12-31T23:59:59Z; see kNothingDue in store/records.hpp.
                       "UPDATE complaints SET next_due_at = 253402300799 WHERE next_due_at IS "
                       "NULL",
                       "DROP INDEX complaints_due",
                       "CREATE INDEX complaints_due ON complaints (organisation_id, next_due_at, "
                       "id)",
                   }});
    all.push_back({11,
                   "audit chain version 2: one binary hash per event, redactions recorded in "
                   "the chain, the complaint's state covered (store/chain_upgrade.cpp)",
                   {
                       "ALTER TABLE audit_events RENAME COLUMN hash TO v1_hash",
                       "ALTER TABLE audit_events ADD COLUMN hash {DIGEST}",
                       // Only for a redacted event: the digest of what it held first.
                       "ALTER TABLE audit_events ADD COLUMN original_digest {DIGEST}",
                       "ALTER TABLE audit_events ADD COLUMN state_digest {DIGEST}",
                       "ALTER TABLE audit_heads RENAME COLUMN last_hash TO v1_last_hash",
                       "ALTER TABLE audit_heads ADD COLUMN last_hash {DIGEST}",
                   },
                   {
                       "ALTER TABLE audit_events DROP COLUMN v1_hash",
                       "ALTER TABLE audit_events DROP COLUMN prev_hash",
                       "ALTER TABLE audit_events DROP COLUMN content_digest",
                       "ALTER TABLE audit_events DROP COLUMN redacted",
                       "ALTER TABLE audit_heads DROP COLUMN v1_last_hash",
                   }});
    all.push_back({12,
                   "issue 9: the note of a contact, the reason a complaint closed without "
                   "satisfaction, the job title of staff",
                   {
                       "ALTER TABLE complaints ADD COLUMN contact_note TEXT NOT NULL DEFAULT ''",
                       "ALTER TABLE complaints ADD COLUMN close_reason TEXT NOT NULL DEFAULT ''",
                       "ALTER TABLE staff ADD COLUMN job_title TEXT NOT NULL DEFAULT ''",
                   }});
    all.push_back({13,
                   "e-mail addresses compare without regard to case: one account per address",
                   {
                       // Addresses are stored folded (service/auth.hpp fold_email) and the
                       // unique index staff_login holds them apart. Fails, and nothing
                       // starts, where two accounts differ only in case: change one of them
                       // first (UPDATE staff SET email = ... WHERE id = ...).
                       "UPDATE staff SET email = lower(email) WHERE email <> lower(email)",
                   }});
    all.push_back({14,
                   "issue 11: the private link of a complaint sent with the public form; only "
                   "the SHA-256 of its token is kept, so the table alone opens nothing",
                   {
                       R"(CREATE TABLE public_links (
                  token_digest TEXT PRIMARY KEY,
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id)))",
                   }});
    all.push_back({15,
                   "issue 11: the case file: attachments with their bytes; retention empties "
                   "content and file_name and sets removed_at",
                   {
                       // content last: SQLite reads the other columns without walking the
                       // pages of a large file.
                       R"(CREATE TABLE attachments (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  file_name TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  media_type TEXT NOT NULL,
                  size BIGINT NOT NULL,
                  sha256 TEXT NOT NULL,
                  uploaded_at BIGINT NOT NULL,
                  uploaded_by BIGINT NOT NULL REFERENCES staff(id),
                  removed_at BIGINT,
                  content {BYTES}))",
                       "CREATE INDEX attachments_complaint ON attachments (organisation_id, "
                       "complaint_id, id)",
                   }});
    all.push_back({16,
                   "issue 12: the outbox: each mail written with the change that caused it, "
                   "sent by one sender at a time (claimed_until), with its Message-ID fixed",
                   {
                       R"(CREATE TABLE outbox (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  kind TEXT NOT NULL,
                  recipient TEXT NOT NULL,
                  to_address TEXT NOT NULL,
                  to_name TEXT NOT NULL,
                  subject TEXT NOT NULL,
                  body TEXT NOT NULL,
                  message_id TEXT NOT NULL UNIQUE,
                  created_at BIGINT NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  next_attempt_at BIGINT NOT NULL,
                  claimed_until BIGINT,
                  sent_at BIGINT,
                  failed_at BIGINT,
                  last_error TEXT NOT NULL DEFAULT ''))",
                       // The sender's question, "what is due", on the rows still waiting only.
                       "CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS "
                       "NULL AND failed_at IS NULL",
                       "CREATE INDEX outbox_complaint ON outbox (organisation_id, complaint_id, "
                       "id)",
                   }});
    {
        // Mails the scheduler writes: to a member of staff (staff_id), written once for good
        // (once_key), and a digest belongs to no complaint. SQLite cannot drop a NOT NULL, so
        // there the table is built anew; nothing refers to its rows by key.
        static constexpr const char* kOutbox16Columns =
            "id, organisation_id, complaint_id, kind, recipient, to_address, to_name, subject, "
            "body, message_id, created_at, attempts, next_attempt_at, claimed_until, sent_at, "
            "failed_at, last_error";
        Migration m{17,
                    "issue 12: reminders, escalations and digests in the outbox: staff_id, "
                    "once_key (unique), complaint_id optional",
                    {}};
        if (b == Backend::sqlite) {
            m.statements = {
                R"(CREATE TABLE outbox_17 (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT REFERENCES complaints(id),
                  staff_id BIGINT REFERENCES staff(id),
                  kind TEXT NOT NULL,
                  recipient TEXT NOT NULL,
                  to_address TEXT NOT NULL,
                  to_name TEXT NOT NULL,
                  subject TEXT NOT NULL,
                  body TEXT NOT NULL,
                  message_id TEXT NOT NULL UNIQUE,
                  once_key TEXT UNIQUE,
                  created_at BIGINT NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0,
                  next_attempt_at BIGINT NOT NULL,
                  claimed_until BIGINT,
                  sent_at BIGINT,
                  failed_at BIGINT,
                  last_error TEXT NOT NULL DEFAULT ''))",
                "INSERT INTO outbox_17 (" + std::string(kOutbox16Columns) + ") SELECT " +
                    kOutbox16Columns + " FROM outbox",
                "DROP TABLE outbox",
                "ALTER TABLE outbox_17 RENAME TO outbox",
                std::string("CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE ") +
                    "sent_at IS NULL AND failed_at IS NULL",
                "CREATE INDEX outbox_complaint ON outbox (organisation_id, complaint_id, id)",
            };
        } else {
            m.statements = {
                "ALTER TABLE outbox ALTER COLUMN complaint_id DROP NOT NULL",
                "ALTER TABLE outbox ADD COLUMN staff_id BIGINT REFERENCES staff(id)",
                "ALTER TABLE outbox ADD COLUMN once_key TEXT UNIQUE",
            };
        }
        all.push_back(std::move(m));
    }
    all.push_back({18,
                   "issue 12: mail in: each message to a complaints address, until staff "
                   "register it as a complaint or dismiss it, or joined to the case it answers",
                   {
                       // raw last: the list reads the other columns without its pages.
                       R"(CREATE TABLE inbound_mails (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  message_id TEXT NOT NULL,
                  received_at BIGINT NOT NULL,
                  sent_at BIGINT,
                  from_address TEXT NOT NULL,
                  from_name TEXT NOT NULL,
                  subject TEXT NOT NULL,
                  text TEXT NOT NULL,
                  files INTEGER NOT NULL,
                  confidential INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  reason TEXT NOT NULL,
                  complaint_id BIGINT REFERENCES complaints(id),
                  handled_by BIGINT REFERENCES staff(id),
                  handled_at BIGINT,
                  raw {BYTES},
                  UNIQUE (organisation_id, message_id)))",
                       "CREATE INDEX inbound_status ON inbound_mails (organisation_id, status, id)",
                       "CREATE INDEX inbound_complaint ON inbound_mails (organisation_id, "
                       "complaint_id, id)",
                   }});
    all.push_back({19,
                   "issue 12: the satisfaction link of a resolved case: the SHA-256 of its "
                   "token, until when it holds, and when it was answered",
                   {
                       R"(CREATE TABLE satisfaction_links (
                  token_digest TEXT PRIMARY KEY,
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
                  created_at BIGINT NOT NULL,
                  expires_at BIGINT NOT NULL,
                  answered_at BIGINT))",
                       "CREATE INDEX satisfaction_links_complaint ON satisfaction_links "
                       "(organisation_id, complaint_id)",
                   }});
    all.push_back({20,
                   "issue 12: each organisation's own mail texts, per kind and language; the "
                   "language the complainant and each member of staff is written to in",
                   {
                       R"(CREATE TABLE mail_templates (
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  kind TEXT NOT NULL,
                  language TEXT NOT NULL,
                  subject TEXT NOT NULL,
                  body TEXT NOT NULL,
                  updated_at BIGINT NOT NULL,
                  updated_by BIGINT NOT NULL,
                  PRIMARY KEY (organisation_id, kind, language)))",
                       // '' is Dutch (core/complaint_fields.cpp): earlier states stay as
                       // they were proven.
                       "ALTER TABLE complaints ADD COLUMN complainant_language TEXT NOT NULL "
                       "DEFAULT ''",
                       "ALTER TABLE staff ADD COLUMN language TEXT NOT NULL DEFAULT 'nl'",
                   }});
    all.push_back({21,
                   "issue 13: the cause of a complaint, a category from the procedure's list "
                   "and in words",
                   {
                       "ALTER TABLE complaints ADD COLUMN cause_category TEXT NOT NULL DEFAULT ''",
                       "ALTER TABLE complaints ADD COLUMN cause TEXT NOT NULL DEFAULT ''",
                   }});
    all.push_back({22,
                   "issue 13: the nonconformity register, and the actions followed until done: "
                   "agreed on a complaint, or measures on a nonconformity with their review",
                   {
                       R"(CREATE TABLE nonconformities (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  number BIGINT NOT NULL,
                  reference TEXT NOT NULL,
                  kind TEXT NOT NULL,
                  occurred_on TEXT NOT NULL,
                  description TEXT NOT NULL,
                  source TEXT NOT NULL,
                  complaint_id BIGINT REFERENCES complaints(id),
                  cause_category TEXT NOT NULL,
                  cause TEXT NOT NULL,
                  correction TEXT NOT NULL,
                  recorded_at BIGINT NOT NULL,
                  recorded_by BIGINT NOT NULL,
                  closed_at BIGINT,
                  closed_by BIGINT,
                  close_note TEXT NOT NULL,
                  UNIQUE (organisation_id, number)))",
                       R"(CREATE INDEX nonconformities_occurred
                  ON nonconformities (organisation_id, occurred_on))",
                       R"(CREATE TABLE actions (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  complaint_id BIGINT REFERENCES complaints(id),
                  nonconformity_id BIGINT REFERENCES nonconformities(id),
                  kind TEXT NOT NULL,
                  what TEXT NOT NULL,
                  owner_id BIGINT NOT NULL REFERENCES staff(id),
                  due_on TEXT NOT NULL,
                  status TEXT NOT NULL,
                  effective_from TEXT,
                  done_at BIGINT,
                  result TEXT NOT NULL,
                  review_due_on TEXT,
                  reviewed_on TEXT,
                  effective BIGINT,
                  evidence TEXT NOT NULL,
                  reviewed_by BIGINT,
                  follows_id BIGINT REFERENCES actions(id),
                  created_at BIGINT NOT NULL,
                  created_by BIGINT NOT NULL))",
                       "CREATE INDEX actions_owner ON actions (organisation_id, owner_id, status)",
                       "CREATE INDEX actions_complaint ON actions (organisation_id, complaint_id)",
                       R"(CREATE INDEX actions_nonconformity
                  ON actions (organisation_id, nonconformity_id))",
                       // A nonconformity's or action's own events, without indexing the
                       // millions of complaint events by subject.
                       R"(CREATE INDEX audit_by_register_subject
                  ON audit_events (organisation_id, subject, subject_id, id)
                  WHERE subject IN ('nonconformity', 'action'))",
                   }});
    all.push_back({23,
                   "issue 13: the report figures, kept as counts per organisation, measure and "
                   "day as cases change (core/report_cells.hpp), the version they were built "
                   "with, and the management review's conclusions per period",
                   {
                       std::string(R"(CREATE TABLE report_counts (
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  measure TEXT NOT NULL,
                  day INTEGER NOT NULL,
                  item TEXT NOT NULL,
                  n BIGINT NOT NULL,
                  PRIMARY KEY (organisation_id, measure, day, item)))") +
                           (b == Backend::sqlite ? " WITHOUT ROWID" : ""),
                       // No row, or an older version: the counts are built again from the
                       // complaints at start-up (service/reports.cpp).
                       R"(CREATE TABLE report_builds (
                  organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
                  version INTEGER NOT NULL,
                  built_at BIGINT NOT NULL))",
                       // The management review of a period: its conclusions and decisions.
                       R"(CREATE TABLE report_reviews (
                  id {ID},
                  organisation_id BIGINT NOT NULL REFERENCES organisations(id),
                  period TEXT NOT NULL,
                  conclusions TEXT NOT NULL,
                  updated_at BIGINT NOT NULL,
                  updated_by BIGINT NOT NULL REFERENCES staff(id),
                  UNIQUE (organisation_id, period)))",
                   }});
    all.push_back({24,
                   "issue 13: where an imported historic complaint came from (file, row, the "
                   "source's own number)",
                   {"ALTER TABLE complaints ADD COLUMN imported_from TEXT NOT NULL DEFAULT ''"}});
    all.push_back(deferred_search_index(b));
    all.push_back(search_words_by_organisation(b));
    all.push_back(search_words_by_organisation_postgresql(b));
    all.push_back(cheaper_search_words_postgresql(b));
    all.push_back(nonconformities_by_complaint());
    for (auto& m : all) {
        for (auto& s : m.statements)
            s = for_backend(s, b);
        for (auto& s : m.finally)
            s = for_backend(s, b);
    }
    // Migration 5 also fills its columns for complaints written before it. This was added
    // to a released migration on purpose: until schema 8 the same backfill ran on every
    // start, so every database that already ran migration 5 is filled, and only those that
    // have not run it yet need it, here, once. Do not take this as a pattern: add a migration.
    for (auto& m : all)
        if (m.version == 5)
            for (const auto& x : backfill_visibility(b))
                m.statements.push_back(x);
    return all;
}

} // namespace kd
