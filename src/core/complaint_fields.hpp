// complaint_fields.hpp: every field of a complaint by its stored name, with whether it holds
// personal data (R-PRIV). The one list that the store's columns, the audit trail's changes and
// anonymising (core/retention.cpp) all read, so none of them can forget a field.
#pragma once

#include "core/complaint.hpp"

#include <string>
#include <variant>
#include <vector>

namespace kd {

// A field's value as stored: null, a whole number (also true/false as 1/0 and moments as
// seconds since the epoch, UTC), or text (also names of states and kinds, dates as
// "2026-11-24" and terms as "6 weeks").
using FieldValue = std::variant<std::monostate, long long, std::string>;

enum class FieldKind {
    text,   // std::string; "" when empty
    number, // int or long long
    flag,   // bool, stored 0/1
    moment, // std::optional<Instant>, or Instant
    name,   // an enum or a term, stored by its name
    date,   // std::optional<Date>, "YYYY-MM-DD"
};

struct ComplaintField {
    const char* name; // column name and key in the audit trail: "complainant_email"
    FieldKind kind;
    // Personal data (R-PRIV): what anonymising puts in place of a value that is not empty
    // ("" clears it); nullptr for a field that holds no personal data.
    const char* anonymised_as;
    bool nullable; // may be null (an optional that is not set)
    FieldValue (*get)(const Complaint&);
    // Throws std::invalid_argument when the value has the wrong type or an unknown name.
    void (*set)(Complaint&, const FieldValue&);
};

// Every scalar field, in a fixed order; not id and organisation_id (the row's keys) and not
// the lists (involved_staff, granted_access, hearing_summaries), which are rows of their own.
const std::vector<ComplaintField>& complaint_fields();

// The lists that hold personal data: who the complaint is about, and what was shared with them.
inline constexpr const char* kPersonalLists[] = {"involved_staff", "hearing_summaries"};

// True when a value is the field's "nothing": null, "" or 0.
bool is_empty_value(const FieldValue& v);

} // namespace kd
