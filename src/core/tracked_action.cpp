// tracked_action.cpp: the rules of agreed actions and measures (docs/register.md).
#include "core/tracked_action.hpp"

#include "core/amsterdam_time.hpp"

#include <algorithm>
#include <cctype>

namespace kd {
namespace {

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); });
}

Refusal conflict(std::string code, std::string nl, std::string en) {
    return Refusal(std::move(code), std::move(nl), std::move(en), "", RefusalKind::conflict);
}

} // namespace

Outcome<TrackedAction> plan_action(const NewAction& in, std::optional<long long> complaint_id,
                                   std::optional<long long> nonconformity_id, long long actor,
                                   Instant now) {
    const Date today = local_date(now);
    std::vector<FieldError> bad;
    const bool measure = in.kind != ActionKind::agreed;
    if (measure != nonconformity_id.has_value() || measure == complaint_id.has_value())
        bad.push_back({"kind",
                       measure ? "Een maatregel hoort bij een afwijking."
                               : "Een afgesproken actie hoort bij een klacht.",
                       measure ? "A measure belongs to a nonconformity."
                               : "An agreed action belongs to a complaint."});
    if (blank(in.what))
        bad.push_back({"what", "Beschrijf wat er moet gebeuren.", "Describe what is to be done."});
    if (in.owner_id <= 0) bad.push_back({"owner_id", "Kies wie het doet.", "Choose who does it."});
    if (!in.due_on)
        bad.push_back({"due_on", "Kies een streefdatum.", "Choose a due date."});
    else if (*in.due_on < today)
        bad.push_back(
            {"due_on", "De streefdatum ligt in het verleden.", "The due date lies in the past."});
    // R-HANDLE (001): a procedure change records the date it takes effect.
    if (in.kind == ActionKind::procedure_change && !in.effective_from)
        bad.push_back({"effective_from", "Vanaf wanneer geldt de gewijzigde procedure?",
                       "From when does the changed procedure apply?"});
    if (in.kind != ActionKind::procedure_change && in.effective_from)
        bad.push_back({"effective_from", "Alleen een procedurewijziging gaat in op een datum.",
                       "Only a procedure change takes effect on a date."});
    if (in.review_due_on) {
        if (!measure)
            bad.push_back({"review_due_on",
                           "Alleen van een maatregel wordt de doeltreffendheid beoordeeld.",
                           "Only a measure's effectiveness is reviewed."});
        else if (in.due_on && *in.review_due_on < *in.due_on)
            bad.push_back({"review_due_on",
                           "De doeltreffendheid wordt beoordeeld na de streefdatum.",
                           "Effectiveness is reviewed after the due date."});
    }
    if (!bad.empty()) return invalid_fields(std::move(bad));
    TrackedAction a;
    a.complaint_id = complaint_id;
    a.nonconformity_id = nonconformity_id;
    a.kind = in.kind;
    a.what = in.what;
    a.owner_id = in.owner_id;
    a.due_on = *in.due_on;
    a.effective_from = in.effective_from;
    a.review_due_on = in.review_due_on;
    a.created_at = now;
    a.created_by = actor;
    return a;
}

Outcome<TrackedAction> change_status(const TrackedAction& a, ActionStatus to,
                                     const std::string& note, Instant now) {
    if (a.is_final())
        return conflict("action_final",
                        std::string("Deze actie is al ") +
                            (a.status == ActionStatus::done ? "gereed" : "vervallen") + ".",
                        std::string("This action is ") + action_status_name(a.status) +
                            " already.");
    if (to == a.status || to == ActionStatus::open)
        return Refusal("nothing_to_change", "De actie heeft deze status al.",
                       "The action has this status already.", "status");
    if ((to == ActionStatus::done || to == ActionStatus::cancelled) && blank(note))
        return Refusal(
            "required", to == ActionStatus::done ? "Wat is er gedaan?" : "Waarom vervalt de actie?",
            to == ActionStatus::done ? "What was done?" : "Why is it cancelled?", "note");
    TrackedAction b = a;
    b.status = to;
    if (b.is_final()) {
        b.done_at = now;
        b.result = note;
    }
    return b;
}

Outcome<TrackedAction> review_measure(const TrackedAction& a, const EffectivenessReview& r,
                                      bool has_follow_up, long long actor, Instant now) {
    if (!a.is_measure())
        return conflict("not_a_measure",
                        "Van een afgesproken actie wordt geen doeltreffendheid beoordeeld.",
                        "An agreed action has no effectiveness review.");
    if (a.status != ActionStatus::done)
        return conflict("measure_not_done", "Een maatregel wordt beoordeeld als hij gereed is.",
                        "A measure is reviewed once it is done.");
    if (a.effective)
        return conflict("already_reviewed", "Deze maatregel is al beoordeeld.",
                        "This measure has been reviewed already.");
    const Date today = local_date(now);
    const Date on = r.reviewed_on.value_or(today);
    std::vector<FieldError> bad;
    if (on > today)
        bad.push_back({"reviewed_on", "De beoordeling ligt in de toekomst.",
                       "The review lies in the future."});
    else if (a.done_at && on < local_date(*a.done_at))
        bad.push_back({"reviewed_on",
                       "De beoordeling ligt voor de datum dat de maatregel gereed was.",
                       "The review lies before the measure was done."});
    if (blank(r.evidence))
        bad.push_back({"evidence", "Waaruit blijkt het? Het bewijs is verplicht.",
                       "What shows it? The evidence is required."});
    // R-NC: a measure that did not work is followed by a new one.
    if (!r.effective && !has_follow_up)
        bad.push_back({"follow_up",
                       "Een maatregel die niet doeltreffend was, krijgt een nieuwe maatregel.",
                       "A measure that was not effective is followed by a new measure."});
    if (!bad.empty()) return invalid_fields(std::move(bad));
    TrackedAction b = a;
    b.reviewed_on = on;
    b.effective = r.effective;
    b.evidence = r.evidence;
    b.reviewed_by = actor;
    return b;
}

bool is_overdue(const TrackedAction& a, Date today) {
    return !a.is_final() && a.due_on < today;
}

bool is_review_overdue(const TrackedAction& a, Date today) {
    return a.is_measure() && a.status == ActionStatus::done && !a.effective && a.review_due_on &&
           *a.review_due_on < today;
}

} // namespace kd
