// offered_actions.cpp: each command tried on the complaint without input (core/lifecycle).
#include "core/offered_actions.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <utility>

namespace kd {
namespace {

// Refusals that say a step is no part of this case (the procedure has no such step, or it
// was done once and for all): such a step is not offered at all.
constexpr std::string_view kNotForThisCase[] = {
    "invalid_transition", "extension_not_allowed", "extension_used",
    "no_confidant_route", "not_confidential",      "already_acknowledged",
    "already_notified",   "no_access_granted",     "anonymised"};
// Refusals that only say the form is still empty.
constexpr std::string_view kEmptyForm[] = {"nothing_to_correct"};

bool one_of(const std::string& code, const auto& codes) {
    return std::find(std::begin(codes), std::end(codes), code) != std::end(codes);
}

template <std::size_t... I> std::vector<Command> every_command(std::index_sequence<I...>) {
    return {Command(std::in_place_index<I>)...};
}

} // namespace

std::vector<OfferedAction> offered_actions(const Procedure& p, const WorkingDayCalendar& cal,
                                           const Complaint& c, const Viewer& v, Instant now) {
    std::vector<OfferedAction> out;
    for (const Command& cmd :
         every_command(std::make_index_sequence<std::variant_size_v<Command>>{})) {
        if (may_apply(v, p, c, cmd)) continue; // not this person's step
        auto tried = apply(p, cal, c, cmd, now);
        if (tried) {
            out.push_back({command_name(cmd), std::nullopt});
            continue;
        }
        const Refusal& r = tried.refusal();
        if (one_of(r.code, kNotForThisCase)) continue;
        // A missing field is what the step's form asks for; anything else must happen first.
        bool needs_input = one_of(r.code, kEmptyForm) || (r.kind == RefusalKind::invalid &&
                                                          (!r.field.empty() || !r.fields.empty()));
        // A summary is shared with an involved employee (R-HANDLE): with nobody involved, the
        // intake must name them first.
        if (needs_input && std::holds_alternative<ShareSummary>(cmd) && c.involved_staff.empty())
            out.push_back(
                {command_name(cmd),
                 Refusal("nobody_involved",
                         "Er is geen betrokken medewerker om een samenvatting mee te delen; leg "
                         "die eerst vast met 'Intake corrigeren'.",
                         "There is no involved employee to share a summary with; record them "
                         "first with 'Correct the intake'.",
                         "", RefusalKind::conflict)});
        else if (needs_input)
            out.push_back({command_name(cmd), std::nullopt});
        else if (r.kind == RefusalKind::invalid || r.kind == RefusalKind::conflict)
            out.push_back({command_name(cmd), r});
    }
    return out;
}

} // namespace kd
