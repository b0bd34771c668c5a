// nonconformity.cpp: the rules of the nonconformity register (docs/register.md).
#include "core/nonconformity.hpp"

#include "core/amsterdam_time.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace kd {
namespace {

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); });
}

bool known_cause(const Procedure& p, const std::string& category) {
    return category.empty() || p.cause_categories.empty() ||
           std::find(p.cause_categories.begin(), p.cause_categories.end(), category) !=
               p.cause_categories.end();
}

FieldError unknown_cause() {
    return {"cause_category", "Kies een oorzaak uit de lijst van de procedure.",
            "Choose a cause from the procedure's list."};
}

} // namespace

std::string nonconformity_reference(const std::string& organisation_code, long long number) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%04lld", number);
    return organisation_code + "-A" + digits;
}

Outcome<Nonconformity> record_nonconformity(const Procedure& p, const NewNonconformity& in,
                                            long long actor, Instant now) {
    std::vector<FieldError> bad;
    if (!in.occurred_on)
        bad.push_back({"occurred_on", "Wanneer deed het zich voor?", "When did it occur?"});
    else if (*in.occurred_on > local_date(now))
        bad.push_back(
            {"occurred_on", "De datum ligt in de toekomst.", "The date lies in the future."});
    if (blank(in.description))
        bad.push_back({"description", "Beschrijf wat er is gebeurd.", "Describe what happened."});
    if (!in.source)
        bad.push_back({"source", "Waar komt het vandaan?", "Where did it come from?"});
    else if (*in.source == FindingSource::complaint && !in.complaint_id)
        bad.push_back({"complaint_id", "Kies de klacht waar het uit voortkomt.",
                       "Choose the complaint it came from."});
    if (in.complaint_id && in.source && *in.source != FindingSource::complaint)
        bad.push_back({"complaint_id", "Een klacht hoort bij de bron 'klacht'.",
                       "A complaint goes with the source 'complaint'."});
    if (!known_cause(p, in.cause_category)) bad.push_back(unknown_cause());
    if (!bad.empty()) return invalid_fields(std::move(bad));
    Nonconformity n;
    n.kind = in.kind;
    n.occurred_on = *in.occurred_on;
    n.description = in.description;
    n.source = *in.source;
    n.complaint_id = in.complaint_id;
    n.cause_category = in.cause_category;
    n.cause = in.cause;
    n.correction = in.correction;
    n.recorded_at = now;
    n.recorded_by = actor;
    return n;
}

Outcome<Nonconformity> change_nonconformity(const Procedure& p, const Nonconformity& n,
                                            const NonconformityChange& change) {
    if (n.closed())
        return Refusal("nonconformity_closed",
                       "Deze afwijking is gesloten; een nieuwe bevinding is een nieuwe melding.",
                       "This nonconformity is closed; a new finding is a new record.", "",
                       RefusalKind::conflict);
    Nonconformity m = n;
    if (change.description) {
        if (blank(*change.description))
            return invalid_fields(
                {{"description", "Beschrijf wat er is gebeurd.", "Describe what happened."}});
        m.description = *change.description;
    }
    if (change.cause_category) {
        if (!known_cause(p, *change.cause_category)) return invalid_fields({unknown_cause()});
        m.cause_category = *change.cause_category;
    }
    if (change.cause) m.cause = *change.cause;
    if (change.correction) m.correction = *change.correction;
    if (m.description == n.description && m.cause_category == n.cause_category &&
        m.cause == n.cause && m.correction == n.correction)
        return Refusal("nothing_to_correct", "Er is niets veranderd.", "Nothing was changed.");
    return m;
}

Outcome<Nonconformity> close_nonconformity(const Nonconformity& n,
                                           const std::vector<TrackedAction>& measures,
                                           const std::string& note, long long actor, Instant now) {
    if (n.closed())
        return Refusal("nonconformity_closed", "Deze afwijking is al gesloten.",
                       "This nonconformity is closed already.", "", RefusalKind::conflict);
    // R-NC (000): the register shows the cause of each nonconformity.
    if ((n.kind == FindingKind::nonconformity || n.kind == FindingKind::shortcoming) &&
        n.cause_category.empty() && blank(n.cause))
        return Refusal("cause_missing", "Leg eerst de oorzaak vast.", "Record the cause first.",
                       "cause_category", RefusalKind::conflict);
    for (const auto& m : measures) {
        if (!m.is_final())
            return Refusal("measures_running",
                           "Er lopen nog maatregelen; sluit af als ze gereed of vervallen zijn.",
                           "Measures are still running; close once they are done or cancelled.", "",
                           RefusalKind::conflict);
        // R-NC (000, 004): the effectiveness of each measure.
        if (m.status == ActionStatus::done && !m.effective)
            return Refusal("effectiveness_pending",
                           "Beoordeel eerst de doeltreffendheid van elke uitgevoerde maatregel.",
                           "Review the effectiveness of every measure that was carried out first.",
                           "", RefusalKind::conflict);
    }
    if (blank(note))
        return invalid_fields({{"note", "Wat is de conclusie?", "What is the conclusion?"}});
    Nonconformity c = n;
    c.closed_at = now;
    c.closed_by = actor;
    c.close_note = note;
    return c;
}

Nonconformity nonconformity_of_complaint(const Complaint& c, long long by, Instant now) {
    Nonconformity n;
    n.organisation_id = c.organisation_id;
    n.kind = FindingKind::nonconformity;
    n.occurred_on = local_date(c.received_at);
    n.description = "Klacht " + c.reference +
                    (c.category.empty() ? std::string() : " (" + c.category + ")") +
                    ": opgenomen in het afwijkingenregister bij de registratie.";
    n.source = FindingSource::complaint;
    n.complaint_id = c.id;
    n.recorded_at = now;
    n.recorded_by = by;
    return n;
}

} // namespace kd
