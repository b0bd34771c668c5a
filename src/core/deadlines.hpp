// deadlines.hpp: every step's deadline for one complaint, derived from its procedure, and
// whether it is due, met (when) or missed (by how many working days).
#pragma once

#include "core/complaint.hpp"
#include "core/names.hpp"
#include "core/procedure.hpp"

#include <optional>
#include <vector>

namespace kd {

enum class DeadlineStatus {
    waiting,        // the event that starts the clock has not happened yet
    due,            // running; not yet done and not yet past
    met,            // done on or before the due moment
    missed,         // done after the due moment, or still open past it
    not_set,        // the term is agreed per case and has not been agreed yet (001)
    no_term,        // the procedure sets no term ("as soon as possible", 003)
    not_applicable, // the case ended before this step mattered
};
inline constexpr NameOf<DeadlineStatus> kDeadlineStatusNames[] = {
    {DeadlineStatus::waiting, "waiting", "Nog niet begonnen"},
    {DeadlineStatus::due, "due", "Loopt"},
    {DeadlineStatus::met, "met", "Op tijd"},
    {DeadlineStatus::missed, "missed", "Te laat"},
    {DeadlineStatus::not_set, "not_set", "Nog niet afgesproken"},
    {DeadlineStatus::no_term, "no_term", "Geen termijn"},
    {DeadlineStatus::not_applicable, "not_applicable", "Niet van toepassing"},
};
inline const char* deadline_status_name(DeadlineStatus s) {
    return name_in(kDeadlineStatusNames, s);
}

struct StepDeadline {
    StepId step = StepId::resolve;
    TermKind kind = TermKind::fixed;
    std::optional<Term> term;         // fixed term, extension included
    std::optional<Instant> starts_at; // the event that started the clock
    std::optional<Instant> due;
    std::optional<Instant> done_at;
    std::optional<Instant> ended_at; // the case ended (withdrawn, declined, closed) without it
    DeadlineStatus status = DeadlineStatus::waiting;
    int working_days_left = 0;  // when due: working days from today up to the due day
    int working_days_late = 0;  // when missed: working days after the due day
    long long seconds_late = 0; // when missed: exact lateness, for hour terms
};

// The due moment of a step whose clock started at `start`, with an extension added to the
// resolve term; nullopt when the procedure sets no fixed term for it.
std::optional<Instant> step_due(const Procedure& p, const WorkingDayCalendar& cal, StepId step,
                                Instant start, const std::optional<Term>& extension = {});

// All steps the procedure requires, in procedure order, judged at `now`.
std::vector<StepDeadline> deadlines_of(const Procedure& p, const WorkingDayCalendar& cal,
                                       const Complaint& c, Instant now);

// The earliest due moment among steps still running (due or missed and not done); what the
// register sorts and filters "overdue" by. nullopt when nothing is running.
// What starts a step's clock, in words: "receipt", "assignment", "resolution" or
// "dissatisfaction" (the latest "not satisfied").
const char* step_clock_start(StepId step);

// The running deadline that comes first (due, or already missed and not done), or none.
std::optional<StepDeadline> next_deadline(const std::vector<StepDeadline>& deadlines);
std::optional<Instant> next_due(const std::vector<StepDeadline>& deadlines);

} // namespace kd
