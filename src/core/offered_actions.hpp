// offered_actions.hpp: the steps a person may take on a complaint now, as a case page shows
// them: what the state and their role allow, and for a step that needs something first, why.
#pragma once

#include "core/access.hpp"
#include "core/calendar.hpp"
#include "core/lifecycle.hpp"

#include <optional>
#include <vector>

namespace kd {

struct OfferedAction {
    const char* action = "";        // "assign", as in kCommandNames
    std::optional<Refusal> blocked; // a condition not met yet, in words; nullopt: go ahead
};

// Every command that the complaint's state admits and the viewer's role may give. Each is
// tried without input: one that only lacks its fields is offered; one that the procedure
// refuses for another reason (no acknowledgement yet, satisfaction not recorded) is
// offered as blocked, with that reason.
std::vector<OfferedAction> offered_actions(const Procedure& p, const WorkingDayCalendar& cal,
                                           const Complaint& c, const Viewer& v, Instant now);

} // namespace kd
