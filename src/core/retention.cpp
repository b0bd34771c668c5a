// retention.cpp: the retention term and the anonymising of one case.
#include "core/retention.hpp"

#include "core/amsterdam_time.hpp"
#include "core/complaint_fields.hpp"

#include <algorithm>

namespace kd {

std::optional<Instant> ended_at(const Complaint& c) {
    std::optional<Instant> end;
    for (const auto& t : {c.closed_at, c.declined_at, c.decline_notified_at, c.withdrawn_at})
        if (t && (!end || *t > *end)) end = t;
    return is_final(c.state) ? end : std::nullopt;
}

std::optional<Instant> anonymise_after(const Procedure& p, const Complaint& c) {
    auto end = ended_at(c);
    if (!end || p.retention_years <= 0) return std::nullopt;
    // "Kept 2 years": until the same calendar day two years on (29 February -> 28 February).
    using namespace std::chrono;
    Date d = local_date(*end);
    Date later{d.year() + years{p.retention_years}, d.month(), d.day()};
    if (!later.ok()) later = Date{later.year() / later.month() / last};
    auto tod = *end - start_of_local_day(d);
    return start_of_local_day(later) + tod;
}

bool due_for_anonymisation(const Procedure& p, const Complaint& c, Instant now) {
    if (c.anonymised_at) return false;
    auto after = anonymise_after(p, c);
    return after && *after <= now;
}

Complaint anonymised(const Complaint& c, Instant now) {
    Complaint a = c;
    // Every field the field table marks as personal, and nothing else (R-PRIV).
    for (const ComplaintField& f : complaint_fields())
        if (f.anonymised_as && !is_empty_value(f.get(a))) f.set(a, std::string(f.anonymised_as));
    a.involved_staff.clear();
    for (auto& h : a.hearing_summaries) {
        h.employee_id = 0; // who the complaint was about goes with involved_staff
        h.text = "[verwijderd]";
    }
    a.anonymised_at = now;
    return a;
}

} // namespace kd
