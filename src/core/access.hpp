// access.hpp: what each role may see and do with a complaint (R-ASSIGN, R-PRIV): the rules,
// with the person and the case passed in; api/ and store/ apply them.
#pragma once

#include "core/complaint.hpp"
#include "core/lifecycle.hpp"
#include "core/outcome.hpp"

#include <optional>
#include <string>

namespace kd {

// The roles an account may hold, as stored in its comma-separated `roles` ("system" is
// klachtdesk's own actor and is not in this table: it grants nothing).
enum class Role { employee, handler, coordinator, management, confidant, auditor, admin };
inline constexpr NameOf<Role> kRoleNames[] = {
    {Role::employee, "employee", "Medewerker"},
    {Role::handler, "handler", "Behandelaar"},
    {Role::coordinator, "coordinator", "Klachtencoördinator"},
    {Role::management, "management", "Directie"},
    {Role::confidant, "confidant", "Vertrouwenspersoon"},
    {Role::auditor, "auditor", "Auditor"},
    {Role::admin, "admin", "Beheerder"},
};
inline std::optional<Role> role_from_name(std::string_view name) {
    return value_in(kRoleNames, name);
}

// A logged-in person as the rules see them: who, and which roles they hold.
struct Viewer {
    long long staff_id = 0;
    bool employee = false;    // registers complaints, sees those they registered
    bool handler = false;     // works the complaints assigned to them
    bool coordinator = false; // sees all non-confidential complaints, assigns handlers
    bool management = false;  // as coordinator; final responsibility
    bool confidant = false;   // receives confidential complaints (003)
    bool auditor = false;     // reads what an audit needs, changes nothing
    bool admin = false;       // accounts and settings, not the content of complaints
};

// Parses "coordinator,management"; unknown names are ignored (they grant nothing).
Viewer viewer_from_roles(long long staff_id, const std::string& roles);

// Coordinators, management and auditors see every case that is not confidential.
bool sees_all_open_cases(const Viewer& v);

// An involved employee never sees the case about them (only summaries shared with them); a
// confidential case only its confidant (the handler) and the people the confidant added;
// otherwise the register roles, the handler, and whoever registered it.
bool can_see(const Viewer& v, const Complaint& c);

bool can_register(const Viewer& v);

// The case file: whoever sees the case and takes part in complaint work adds to it (not an
// auditor, who changes nothing); nobody once its personal data are removed (R-PRIV).
std::optional<Refusal> may_add_file(const Viewer& v, const Complaint& c);

// R-ASSIGN: who can be made handler. Of an ordinary case: a handler, the coordinator or
// management (who may delegate but also handle); of a confidential case: a confidant (the
// lifecycle checks that). Never an employee, an auditor or an admin only.
bool can_handle(const Viewer& candidate, bool confidential);

// R-ASSIGN: naming the handler at intake is assigning, so it is the coordinator's or
// management's; a confidential complaint (003) names the confidant the complainant chose,
// which whoever registers it records.
std::optional<Refusal> may_name_handler_at_intake(const Viewer& v, bool confidential);

// Whether the person may apply the command to a case they can see under procedure `p`;
// the refusal says why.
std::optional<Refusal> may_apply(const Viewer& v, const Procedure& p, const Complaint& c,
                                 const Command& cmd);

// The nonconformity register (R-NC, docs/register.md). Everyone who works here reports what
// went wrong or could be better (002): every role but auditor and admin-only.
bool may_report_finding(const Viewer& v);
// Whoever works the case: its handler (or confidant), or the coordinator and management for
// a case that is not confidential. They agree actions on it (003).
bool may_work_case(const Viewer& v, const Complaint& c);
// Management has findings investigated (002): the coordinator and management change them, add
// measures, judge their effectiveness and close them.
bool runs_register(const Viewer& v);
// Who reads the whole register: those who run it, and auditors.
bool reads_register(const Viewer& v);

} // namespace kd
