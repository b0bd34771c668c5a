// complaint_codec.hpp: the stored form of a complaint (a JSON document next to its indexed
// columns) and the field-by-field difference written into the audit trail.
#pragma once

#include "core/complaint.hpp"

#include <string>

namespace kd {

std::string encode_complaint(const Complaint& c);
Complaint decode_complaint(const std::string& json); // throws std::runtime_error if corrupt

// {"field": [before, after], ...} for every field that differs; `before` null = created.
// With `redact_personal`, personal data in it is replaced by "[verwijderd]".
std::string complaint_changes(const Complaint* before, const Complaint& after,
                              bool redact_personal = false);

// A stored changes document with its personal data replaced by "[verwijderd]" (retention).
std::string redact_changes(const std::string& changes_json);

} // namespace kd
