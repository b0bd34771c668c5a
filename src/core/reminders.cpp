// reminders.cpp: reminder moments and the alerts due for a case.
#include "core/reminders.hpp"

#include "core/amsterdam_time.hpp"

namespace kd {

Instant reminder_moment(const WorkingDayCalendar& cal, Instant due, const Term& before) {
    if (before.unit == TermUnit::hours) return due - std::chrono::hours{before.amount};
    Date day = local_date(due);
    int n = day_number(day);
    switch (before.unit) {
    case TermUnit::calendar_days:
        n -= before.amount;
        break;
    case TermUnit::weeks:
        n -= 7 * before.amount;
        break;
    case TermUnit::working_days:
        for (int counted = 0; counted < before.amount;)
            if (cal.is_working_day(date_from_day_number(--n))) ++counted;
        break;
    case TermUnit::hours:
        break;
    }
    return start_of_local_day(date_from_day_number(n));
}

std::vector<DeadlineAlert> deadline_alerts(const Procedure& p, const WorkingDayCalendar& cal,
                                           const std::vector<StepDeadline>& deadlines, Instant now,
                                           Instant oldest) {
    std::vector<DeadlineAlert> out;
    for (const auto& d : deadlines) {
        if (!d.due || d.done_at) continue;
        if (d.status != DeadlineStatus::due && d.status != DeadlineStatus::missed) continue;
        if (now >= *d.due) {
            if (*d.due >= oldest) out.push_back({AlertKind::missed, d.step, *d.due});
        } else if (now >= reminder_moment(cal, *d.due, p.remind_before)) {
            out.push_back({AlertKind::reminder, d.step, *d.due});
        }
    }
    return out;
}

} // namespace kd
