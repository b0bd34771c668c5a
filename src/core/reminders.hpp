// reminders.hpp: when staff are reminded of a deadline before it passes and told when one has
// passed (issue 12: "no deadline passes unnoticed"), judged from the case's deadlines.
#pragma once

#include "core/deadlines.hpp"

#include <vector>

namespace kd {

enum class AlertKind { reminder, missed };

// One thing to tell staff about one deadline. A deadline has one due moment at a time; an
// extension makes a new one, which is reminded of again.
struct DeadlineAlert {
    AlertKind kind = AlertKind::reminder;
    StepId step = StepId::resolve;
    Instant due{};
};

// When staff are reminded of a deadline due at `due`: `before` earlier, counted as terms are.
// Hours: exactly that many hours before. Days, weeks and working days: at the start of the
// day that lies that many (working) days before the due day, so that the whole of that day is
// left to act: "1 working day" before a Monday is Friday 00:00.
Instant reminder_moment(const WorkingDayCalendar& cal, Instant due, const Term& before);

// What is due to be said at `now` about the running deadlines of a case: a reminder for one
// not yet past whose reminder moment has come, "missed" for one past and not done. A missed
// deadline that passed before `oldest` is not reported: it shows in the register, and a
// server that was down for weeks, or an import of old cases, does not flood anybody's inbox.
std::vector<DeadlineAlert> deadline_alerts(const Procedure& p, const WorkingDayCalendar& cal,
                                           const std::vector<StepDeadline>& deadlines, Instant now,
                                           Instant oldest);

} // namespace kd
