// deadlines.cpp: when each step's clock starts, what completes it, and how late it is.
#include "core/deadlines.hpp"

#include "core/amsterdam_time.hpp"

namespace kd {

std::optional<Instant> step_due(const Procedure& p, const WorkingDayCalendar& cal, StepId step,
                                Instant start, const std::optional<Term>& extension) {
    const StepRule* rule = p.step(step);
    if (!rule || rule->kind != TermKind::fixed) return std::nullopt;
    Instant due = due_after(cal, start, rule->term);
    // R-HANDLE (004): an extension runs on from the original due moment.
    if (step == StepId::resolve && extension) due = due_after(cal, due, *extension);
    return due;
}

const char* step_clock_start(StepId step) {
    switch (step) {
    case StepId::first_contact:
        return "assignment";
    case StepId::verify:
        return "resolution";
    case StepId::redo:
        return "dissatisfaction";
    case StepId::acknowledge:
    case StepId::take_into_handling:
    case StepId::decline_notice:
    case StepId::resolve:
        return "receipt";
    }
    return "receipt";
}

namespace {

// The moment the case ended without this step, if it did. Declining starts the decline
// notice rather than ending it.
std::optional<Instant> end_for_step(const Complaint& c, StepId step) {
    if (c.withdrawn_at) return c.withdrawn_at;
    if (step == StepId::decline_notice) return std::nullopt;
    if (c.declined_at) return c.declined_at;
    if (c.closed_at) return c.closed_at;
    return std::nullopt;
}

struct Clock {
    std::optional<Instant> start;
    std::optional<Instant> done;
    bool applicable = true;
};

Clock clock_of(StepId step, const Complaint& c) {
    switch (step) {
    case StepId::acknowledge:
        return {c.received_at, c.acknowledged_at};
    case StepId::first_contact:
        return {c.assigned_at, c.first_contact_at};
    case StepId::take_into_handling:
        return {c.received_at, c.handling_started_at};
    case StepId::decline_notice:
        return {c.received_at, c.decline_notified_at, c.declined_at.has_value()};
    case StepId::resolve:
        return {c.received_at, c.resolved_at, !c.declined_at};
    case StepId::verify:
        return {c.resolved_at, c.verified_at};
    case StepId::redo:
        return {c.dissatisfied_at, c.redone_at};
    }
    return {};
}

void judge(const WorkingDayCalendar& cal, StepDeadline& d, Instant now,
           std::optional<Instant> ended) {
    Instant due = *d.due;
    if (d.done_at) {
        if (*d.done_at <= due) {
            d.status = DeadlineStatus::met;
            return;
        }
        d.status = DeadlineStatus::missed;
        d.seconds_late = (*d.done_at - due).count();
        d.working_days_late = cal.working_days_between(local_date(due), local_date(*d.done_at));
        return;
    }
    // Not done: judged at the end of the case if it ended, else now.
    Instant at = ended ? *ended : now;
    if (at <= due) {
        d.status = ended ? DeadlineStatus::not_applicable : DeadlineStatus::due;
        if (!ended)
            d.working_days_left = cal.working_days_between(local_date(now), local_date(due));
        return;
    }
    d.status = DeadlineStatus::missed;
    d.seconds_late = (at - due).count();
    d.working_days_late = cal.working_days_between(local_date(due), local_date(at));
}

} // namespace

std::vector<StepDeadline> deadlines_of(const Procedure& p, const WorkingDayCalendar& cal,
                                       const Complaint& c, Instant now) {
    std::vector<StepDeadline> out;
    for (const StepRule& rule : p.steps) {
        auto ended = end_for_step(c, rule.id);
        StepDeadline d;
        d.step = rule.id;
        d.kind = rule.kind;
        Clock clk = clock_of(rule.id, c);
        d.starts_at = clk.start;
        d.done_at = clk.done;
        d.ended_at = ended;
        if (rule.kind == TermKind::fixed) {
            d.term = rule.term;
        }
        if (!clk.applicable) {
            d.status = DeadlineStatus::not_applicable;
        } else if (!clk.start) {
            d.status = ended ? DeadlineStatus::not_applicable : DeadlineStatus::waiting;
        } else if (rule.kind == TermKind::none) {
            d.status = d.done_at ? DeadlineStatus::met : DeadlineStatus::no_term;
        } else if (rule.kind == TermKind::agreed && rule.id == StepId::resolve) {
            d.due = c.agreed_resolve_by;
            if (!d.due)
                d.status = d.done_at ? DeadlineStatus::met : DeadlineStatus::not_set;
            else
                judge(cal, d, now, ended);
        } else if (rule.kind == TermKind::fixed) {
            d.due = step_due(p, cal, rule.id, *clk.start,
                             rule.id == StepId::resolve ? c.extension : std::nullopt);
            judge(cal, d, now, ended);
        } else {
            d.status = DeadlineStatus::not_set;
        }
        out.push_back(d);
    }
    return out;
}

std::optional<StepDeadline> next_deadline(const std::vector<StepDeadline>& deadlines) {
    const StepDeadline* best = nullptr;
    for (const auto& d : deadlines) {
        if (d.done_at || !d.due) continue;
        if (d.status != DeadlineStatus::due && d.status != DeadlineStatus::missed) continue;
        if (!best || *d.due < *best->due) best = &d;
    }
    if (!best) return std::nullopt;
    return *best;
}

std::optional<Instant> next_due(const std::vector<StepDeadline>& deadlines) {
    auto d = next_deadline(deadlines);
    return d ? d->due : std::nullopt;
}

} // namespace kd
