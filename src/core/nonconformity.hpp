// nonconformity.hpp: one row of the nonconformity register (afwijkingenregister, R-NC): what
// occurred and when, where it came from, its cause and correction, and the rule for closing
// it once its measures are done and judged. Pure; see docs/register.md.
#pragma once

#include "core/complaint.hpp"
#include "core/instant.hpp"
#include "core/names.hpp"
#include "core/outcome.hpp"
#include "core/procedure.hpp"
#include "core/tracked_action.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace kd {

// What any employee may report (002): "(mogelijk toekomstige) afwijkingen, tekortkomingen en
// verbeteropties".
enum class FindingKind { nonconformity, potential, shortcoming, improvement };
inline constexpr NameOf<FindingKind> kFindingKindNames[] = {
    {FindingKind::nonconformity, "nonconformity", "Afwijking"},
    {FindingKind::potential, "potential", "Mogelijke (toekomstige) afwijking"},
    {FindingKind::shortcoming, "shortcoming", "Tekortkoming"},
    {FindingKind::improvement, "improvement", "Verbeteroptie"},
};
inline const char* finding_kind_name(FindingKind k) {
    return name_in(kFindingKindNames, k);
}
inline std::optional<FindingKind> finding_kind_from_name(std::string_view n) {
    return value_in(kFindingKindNames, n);
}

enum class FindingSource {
    complaint,
    internal_audit,
    external_audit,
    employee,
    client,
    supplier,
    management_review,
    other
};
inline constexpr NameOf<FindingSource> kFindingSourceNames[] = {
    {FindingSource::complaint, "complaint", "Klacht"},
    {FindingSource::internal_audit, "internal_audit", "Interne audit"},
    {FindingSource::external_audit, "external_audit", "Externe audit"},
    {FindingSource::employee, "employee", "Medewerker"},
    {FindingSource::client, "client", "Klant of opdrachtgever"},
    {FindingSource::supplier, "supplier", "Leverancier"},
    {FindingSource::management_review, "management_review", "Directiebeoordeling"},
    {FindingSource::other, "other", "Anders"},
};
inline const char* finding_source_name(FindingSource s) {
    return name_in(kFindingSourceNames, s);
}
inline std::optional<FindingSource> finding_source_from_name(std::string_view n) {
    return value_in(kFindingSourceNames, n);
}

struct Nonconformity {
    long long id = 0;
    long long organisation_id = 0;
    long long number = 0;  // 1, 2, ... within the organisation
    std::string reference; // "004-A0003"
    FindingKind kind = FindingKind::nonconformity;
    Date occurred_on{};
    std::string description;
    FindingSource source = FindingSource::other;
    std::optional<long long> complaint_id;
    std::string cause_category;
    std::string cause;
    std::string correction;
    Instant recorded_at{};
    long long recorded_by = 0;
    std::optional<Instant> closed_at;
    std::optional<long long> closed_by;
    std::string close_note;

    bool closed() const { return closed_at.has_value(); }
};

// R-NC (000): the register entry of a complaint registered at an organisation whose procedure
// records every complaint there: a nonconformity from the complaint, occurred the day it came
// in, recorded by `by`. It names the complaint and its category, not its text: the register
// is read by more people than the case, and the case holds the complainant's words.
Nonconformity nonconformity_of_complaint(const Complaint& c, long long by, Instant now);

// What a nonconformity says in words of its own, as its columns and its events name them. Those
// of one recorded from a complaint may name the complainant, so they go when the complaint's
// personal data goes (R-PRIV); kind, dates, cause category and the measures stay, so the
// register still counts and shows what was done about it (R-NC).
inline constexpr std::array<const char*, 4> kNonconformityTexts = {"description", "cause",
                                                                   "correction", "close_note"};

// "004-A0003": the organisation's code, A for afwijking, the number.
std::string nonconformity_reference(const std::string& organisation_code, long long number);

struct NewNonconformity {
    FindingKind kind = FindingKind::nonconformity;
    std::optional<Date> occurred_on;
    std::string description;
    std::optional<FindingSource> source;
    std::optional<long long> complaint_id;
    std::string cause_category;
    std::string cause;
    std::string correction;
};

// A new record by `actor` at `now`; every bad field named at once. The cause category is one
// of the procedure's when it lists them.
Outcome<Nonconformity> record_nonconformity(const Procedure& p, const NewNonconformity& in,
                                            long long actor, Instant now);

// The investigation's findings: only the fields given change, and something must.
struct NonconformityChange {
    std::optional<std::string> description, cause_category, cause, correction;
};
Outcome<Nonconformity> change_nonconformity(const Procedure& p, const Nonconformity& n,
                                            const NonconformityChange& change);

// Closing, with the conclusion in `note`: a nonconformity or shortcoming has its cause, no
// measure runs still, and every measure done has been judged (R-NC).
Outcome<Nonconformity> close_nonconformity(const Nonconformity& n,
                                           const std::vector<TrackedAction>& measures,
                                           const std::string& note, long long actor, Instant now);

} // namespace kd
