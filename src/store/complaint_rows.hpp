// complaint_rows.hpp: a complaint as rows: one typed column per field of the field table
// (core/complaint_fields.hpp) in `complaints`, and its lists as rows of their own; and the
// field-by-field difference written into the audit trail.
#pragma once

#include "core/complaint.hpp"
#include "core/complaint_fields.hpp"
#include "store/binds.hpp"
#include "store/migrations.hpp"
#include "store/statement_cache.hpp"

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kd {

// "c.id, c.organisation_id, c.reference, ...": the columns complaint_from_row reads, in order.
const std::string& complaint_columns();

// The same columns for a database whose schema is not the newest yet (inside a migration):
// a field whose column is not `present` reads as empty, which is what its migration will
// give it.
std::string complaint_columns_of_schema(const std::set<std::string>& present);

// How many columns complaint_columns() has after id and organisation_id.
std::size_t complaint_fields_count();

// A whole number in column `i` of a row, or nullopt when it is null.
std::optional<long long> number_at(const soci::row& r, std::size_t i);

// The complaint in a row selected with complaint_columns(), without its lists.
Complaint complaint_from_row(const soci::row& r);

// Runs a SELECT that starts with complaint_columns() and returns its complaints with their
// lists: at most `limit` (all when negative); `more` tells whether there were more rows.
// `each` sees every row returned, with columns after complaint_columns() (sort keys).
using RowVisitor = std::function<void(const soci::row&, const Complaint&)>;
std::vector<Complaint> select_complaints(soci::session& s, Binds& b, const std::string& sql,
                                         int limit = -1, bool* more = nullptr,
                                         const RowVisitor& each = {});

// Fills the lists (involved employees, people added, shared summaries) of these complaints
// from their rows, in three queries whatever their number.
void load_lists(soci::session& s, std::vector<Complaint>& complaints);

// Binds a field's value; a null keeps its field's kind, so a statement kept in the cache binds
// the same kinds in the same places every time.
void bind_value(Binds& b, const FieldValue& v, FieldKind kind);

// "organisation_id, reference, ..., next_due_at, updated_at": the columns a complaint row is
// written with, and ":p0, :p1, ...", as many placeholders; bind_complaint_row binds the values
// in the same order.
const std::string& complaint_row_columns();
const std::string& complaint_row_placeholders();
void bind_complaint_row(Binds& b, const Complaint& c, std::optional<Instant> next_due,
                        Instant updated);

// Inserts the complaint (it gets its id) with its lists.
void insert_complaint_row(StatementCache& cache, Complaint& c, std::optional<Instant> next_due,
                          Instant now);
// Writes the fields and lists that differ from `before`.
void update_complaint_row(StatementCache& cache, const Complaint& before, const Complaint& after,
                          std::optional<Instant> next_due, Instant now);

// {"field": [before, after], ...} for every field that differs; a new complaint (`before`
// null) lists only the fields it sets. With `redact_personal`, personal data in it is
// replaced by "[verwijderd]".
std::string complaint_changes(const Complaint* before, const Complaint& after,
                              bool redact_personal = false);

// sha256 of every field and list of the complaint, in one canonical form (lists of people
// sorted as they are read back, null and empty text left out): what each audit event about
// it vouches for, so that a complaint row changed outside an event no longer matches its
// newest event. A field added to the table must default to null or empty text, or the
// migration that adds it must vouch for the new state of every complaint in the chain.
std::string complaint_state(const Complaint& c);

// A stored changes document with its personal data replaced by "[verwijderd]" (retention).
std::string redact_changes(const std::string& changes_json);
// The same for an event about a nonconformity recorded from the complaint: its own words go
// (kNonconformityTexts), what its measures say stays.
std::string redact_nonconformity_changes(const std::string& changes_json);

} // namespace kd
