// retention.hpp: when a finished case's personal data must go (R-PRIV, 002: "2 jaar
// bewaard") and what anonymising keeps: dates, category, verdict, terms met or missed.
#pragma once

#include "core/complaint.hpp"
#include "core/procedure.hpp"

#include <optional>

namespace kd {

// The moment the case ended (closed, declined or withdrawn); nullopt while it runs.
std::optional<Instant> ended_at(const Complaint& c);

// The moment its personal data must be gone: the end plus the procedure's retention term
// (calendar years). nullopt when the case runs, or the procedure sets no term.
std::optional<Instant> anonymise_after(const Procedure& p, const Complaint& c);

bool due_for_anonymisation(const Procedure& p, const Complaint& c, Instant now);

// The case without its personal data: names, contact details, involved employees and every
// free text go; dates, channel, category, complainant type, verdict, outcome kind,
// extensions and satisfaction stay, so reports keep their counts and the deadlines their
// outcome. Marks it anonymised at `now`.
Complaint anonymised(const Complaint& c, Instant now);

} // namespace kd
