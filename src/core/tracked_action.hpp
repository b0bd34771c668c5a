// tracked_action.hpp: an action followed until it is done (issue 13): one agreed on a
// complaint (003's workflow) or a measure on a nonconformity (R-NC), with its owner, due date,
// status and, for a measure, the review of whether it worked. Pure rules; see docs/register.md.
#pragma once

#include "core/instant.hpp"
#include "core/names.hpp"
#include "core/outcome.hpp"

#include <optional>
#include <string>

namespace kd {

enum class ActionKind { agreed, corrective, preventive, procedure_change };
inline constexpr NameOf<ActionKind> kActionKindNames[] = {
    {ActionKind::agreed, "agreed", "Afgesproken actie"},
    {ActionKind::corrective, "corrective", "Corrigerende maatregel"},
    {ActionKind::preventive, "preventive", "Preventieve maatregel"},
    {ActionKind::procedure_change, "procedure_change", "Procedurewijziging"},
};
inline const char* action_kind_name(ActionKind k) {
    return name_in(kActionKindNames, k);
}
inline std::optional<ActionKind> action_kind_from_name(std::string_view n) {
    return value_in(kActionKindNames, n);
}

enum class ActionStatus { open, in_progress, done, cancelled };
inline constexpr NameOf<ActionStatus> kActionStatusNames[] = {
    {ActionStatus::open, "open", "Open"},
    {ActionStatus::in_progress, "in_progress", "In uitvoering"},
    {ActionStatus::done, "done", "Gereed"},
    {ActionStatus::cancelled, "cancelled", "Vervallen"},
};
inline const char* action_status_name(ActionStatus s) {
    return name_in(kActionStatusNames, s);
}
inline std::optional<ActionStatus> action_status_from_name(std::string_view n) {
    return value_in(kActionStatusNames, n);
}

struct TrackedAction {
    long long id = 0;
    long long organisation_id = 0;
    std::optional<long long> complaint_id;     // an agreed action's case
    std::optional<long long> nonconformity_id; // a measure's nonconformity
    ActionKind kind = ActionKind::agreed;
    std::string what;
    long long owner_id = 0;
    Date due_on{};
    ActionStatus status = ActionStatus::open;
    std::optional<Date> effective_from; // a procedure change takes effect (001)
    std::optional<Instant> done_at;     // done or cancelled
    std::string result;                 // what was done, or why it was cancelled
    // The effectiveness review of a measure (000, 004).
    std::optional<Date> review_due_on;
    std::optional<Date> reviewed_on;
    std::optional<bool> effective;
    std::string evidence;
    std::optional<long long> reviewed_by;
    std::optional<long long> follows_id; // the measure found not effective that this follows up
    Instant created_at{};
    long long created_by = 0;

    bool is_measure() const { return kind != ActionKind::agreed; }
    bool is_final() const {
        return status == ActionStatus::done || status == ActionStatus::cancelled;
    }
};

// What a form gives for a new action or measure; `due_on` is nullopt when it was left out.
struct NewAction {
    ActionKind kind = ActionKind::agreed;
    std::string what;
    long long owner_id = 0;
    std::optional<Date> due_on;
    std::optional<Date> effective_from;
    std::optional<Date> review_due_on;
};

// A new action on complaint `complaint_id` (kind agreed) or measure on nonconformity
// `nonconformity_id`, given by `actor` at `now`. Every bad field is named at once. The
// service checks that the owner is someone who can do it.
Outcome<TrackedAction> plan_action(const NewAction& in, std::optional<long long> complaint_id,
                                   std::optional<long long> nonconformity_id, long long actor,
                                   Instant now);

// In progress, done (with what was done) or cancelled (with why); done and cancelled are final.
Outcome<TrackedAction> change_status(const TrackedAction& a, ActionStatus to,
                                     const std::string& note, Instant now);

struct EffectivenessReview {
    bool effective = false;
    std::string evidence;
    std::optional<Date> reviewed_on; // nullopt: today
};

// The review of a measure that is done. A measure that did not work needs a new one
// (`has_follow_up`), which the caller creates in the same transaction.
Outcome<TrackedAction> review_measure(const TrackedAction& a, const EffectivenessReview& r,
                                      bool has_follow_up, long long actor, Instant now);

// Still to do after its due date (`today` is the Amsterdam date).
bool is_overdue(const TrackedAction& a, Date today);
// Done, not reviewed, and its review date has passed.
bool is_review_overdue(const TrackedAction& a, Date today);

} // namespace kd
