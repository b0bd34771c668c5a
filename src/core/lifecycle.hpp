// lifecycle.hpp: registering a complaint and every transition of its lifecycle (R-INTAKE ..
// R-CLOSE), with the guards the procedures demand. Pure: "now" and the actor come in.
#pragma once

#include "core/complaint.hpp"
#include "core/outcome.hpp"
#include "core/procedure.hpp"

#include <iterator>
#include <variant>

namespace kd {

// What an intake form carries (R-INTAKE).
struct Intake {
    Instant received_at{};
    Channel channel = Channel::phone;
    Complainant complainant;
    std::string description;
    std::string category;
    std::vector<long long> involved_staff;
    bool description_approved = false;
    bool procedure_explained = false;
    bool acknowledged_at_intake = false; // acknowledgement given at intake
    std::string acknowledgement_note;    // R-ACK (003): what it said, when given at intake
    bool confidential = false;
    std::optional<long long> handler_id; // named at intake (003: the chosen confidant)
    bool handler_is_confidant = false;   // looked up by the caller from the staff record
};

// Validates an intake and returns the new complaint in state received (or acknowledged /
// assigned when the intake already did that). `now` is when it is registered.
Outcome<Complaint> register_complaint(const Procedure& p, const Intake& in, long long actor,
                                      Instant now);

struct Acknowledge {
    std::string note;
};
struct Assign {
    long long handler_id = 0;
    bool handler_is_confidant = false;
};
struct StartHandling {};
struct RecordContact {
    std::optional<Instant> agreed_resolve_by;
    std::string note;
};
struct RecordHearing {
    std::string note;
};
struct Assess {
    bool well_founded = false;
    std::string note;
};
struct Extend {
    Term term;
    std::string reason;
};
struct Resolve {
    Resolution resolution = Resolution::solved;
    std::string solution;
    std::optional<Date> procedure_change_effective;
};
struct Decline {
    std::string reason;
};
struct NotifyDecline {};
struct VerifySatisfaction {
    bool satisfied = false;
    std::string note;
    std::string evidence;
};
struct Escalate {
    std::string body;
};
// R-CLOSE: a reason is required when it closes without the complainant's satisfaction.
struct Close {
    std::string reason;
};
struct Withdraw {
    std::string reason;
};

// R-ASSIGN (003): the confidant lets another person see the confidential case, or stops it.
struct GrantAccess {
    long long staff_id = 0;
};
struct RevokeAccess {
    long long staff_id = 0;
};
// Hearing of both sides: a summary for an involved employee; `shared_by` is the actor.
struct ShareSummary {
    long long employee_id = 0;
    std::string text;
    long long shared_by = 0;
};

// What was recorded at intake, corrected later; only the fields given change, and the audit
// event keeps each earlier value.
struct Correct {
    std::optional<std::string> description;
    std::optional<std::string> category;
    std::optional<std::string> complainant_name, complainant_email, complainant_phone,
        complainant_relation;
    std::optional<ComplainantType> complainant_type;
    std::optional<Language> complainant_language;
    std::optional<std::vector<long long>> involved_staff;
};

// The analysis of the complaint (R-REPORT, issue 13): its cause, from the procedure's list
// when it has one, and in words. Recorded or revised at any time until anonymised; where the
// procedure asks for it (000, 002, 004), before resolving.
struct RecordCause {
    std::string category;
    std::string text;
};

using Command =
    std::variant<Acknowledge, Assign, StartHandling, RecordContact, RecordHearing, Assess, Extend,
                 Resolve, Decline, NotifyDecline, VerifySatisfaction, Escalate, Close, Withdraw,
                 GrantAccess, RevokeAccess, ShareSummary, Correct, RecordCause>;

// The name of each command as used in the API and audit trail, in the variant's order.
inline constexpr const char* kCommandNames[] = {
    "acknowledge",   "assign",        "start-handling", "record-contact", "record-hearing",
    "assess",        "extend",        "resolve",        "decline",        "notify-decline",
    "verify",        "escalate",      "close",          "withdraw",       "grant-access",
    "revoke-access", "share-summary", "correct",        "record-cause"};
static_assert(std::size(kCommandNames) == std::variant_size_v<Command>);

// "acknowledge", "assign", ...: the name of a command.
const char* command_name(const Command& c);

// Applies one command, entered at `now`. `happened_at` is when the step really happened
// (a letter posted on Monday, entered on Wednesday): not in the future and not before the
// latest step already recorded; the step's moment on the complaint is that one. Returns the
// changed complaint or why it is refused; a refusal leaves the complaint as it was.
Outcome<Complaint> apply(const Procedure& p, const WorkingDayCalendar& cal, const Complaint& c,
                         const Command& cmd, Instant now,
                         std::optional<Instant> happened_at = std::nullopt);

// The latest moment of any step recorded on the complaint (its receipt at the least): a new
// step cannot be dated before it.
Instant last_step_at(const Complaint& c);

} // namespace kd
