// procedure.hpp: one organisation's complaint procedure as data (R-PROC): its terms, the
// steps it requires, its calendar, escalation body and retention. Loaded from a TOML file
// by app/procedure_file; the rules in lifecycle.cpp and deadlines.cpp read it.
#pragma once

#include "core/calendar.hpp"
#include "core/names.hpp"
#include "core/term.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kd {

// The steps with a deadline that a procedure may require. What starts each step's clock
// and what completes it is fixed (see deadlines.cpp); the procedure sets the term.
enum class StepId {
    acknowledge,        // R-ACK: acknowledgement of receipt; from receipt
    first_contact,      // R-HANDLE (001): handler contacts complainant; from assignment
    take_into_handling, // R-HANDLE (004): taken into handling; from receipt
    decline_notice,     // R-DEF (004): told it is not taken into handling; from receipt
    resolve,            // R-HANDLE: handled; from receipt, extension added
    verify,             // R-CLOSE (001): satisfaction verified; from resolution
    redo,               // R-CLOSE (001): resolved still after dissatisfaction; from then
};
inline constexpr NameOf<StepId> kStepNames[] = {
    {StepId::acknowledge, "acknowledge", "Ontvangstbevestiging"},
    {StepId::first_contact, "first_contact", "Eerste contact door behandelaar"},
    {StepId::take_into_handling, "take_into_handling", "In behandeling genomen"},
    {StepId::decline_notice, "decline_notice", "Bericht: niet in behandeling genomen"},
    {StepId::resolve, "resolve", "Afhandeling"},
    {StepId::verify, "verify", "Tevredenheid geverifieerd"},
    {StepId::redo, "redo", "Alsnog opgelost na ontevredenheid"},
};
inline const char* step_name(StepId s) {
    return name_in(kStepNames, s);
}
inline const char* step_label_nl(StepId s) {
    return label_in(kStepNames, s);
}
inline std::optional<StepId> step_from_name(std::string_view name) {
    return value_in(kStepNames, name);
}

// How a step's term is set: a fixed term from the procedure, agreed with the complainant
// per case (001 "op welke termijn"), or none ("zo spoedig mogelijk", 003).
enum class TermKind { fixed, agreed, none };

struct StepRule {
    StepId id = StepId::resolve;
    TermKind kind = TermKind::fixed;
    Term term;         // meaningful when kind == fixed
    std::string quote; // the seed's own words for this term, shown to users
};

enum class Channel { phone, letter, email, web_form, in_person };
inline constexpr NameOf<Channel> kChannelNames[] = {
    {Channel::phone, "phone", "Telefoon"},
    {Channel::letter, "letter", "Brief"},
    {Channel::email, "email", "E-mail"},
    {Channel::web_form, "web_form", "Webformulier"},
    {Channel::in_person, "in_person", "Persoonlijk"},
};
inline const char* channel_name(Channel c) {
    return name_in(kChannelNames, c);
}
inline std::optional<Channel> channel_from_name(std::string_view name) {
    return value_in(kChannelNames, name);
}

enum class AnalysisPeriod { quarterly, half_yearly, yearly, periodic };
inline constexpr NameOf<AnalysisPeriod> kAnalysisPeriodNames[] = {
    {AnalysisPeriod::quarterly, "quarterly", "Per kwartaal"},
    {AnalysisPeriod::half_yearly, "half-yearly", "Per halfjaar"},
    {AnalysisPeriod::yearly, "yearly", "Per jaar"},
    {AnalysisPeriod::periodic, "periodic", "Periodiek"},
};
inline const char* analysis_period_name(AnalysisPeriod p) {
    return name_in(kAnalysisPeriodNames, p);
}
inline std::optional<AnalysisPeriod> analysis_period_from_name(std::string_view name) {
    return value_in(kAnalysisPeriodNames, name);
}

// R-CLOSE: who may close a complaint whose complainant stays dissatisfied. A procedure that
// closes a complaint "once properly handled" (000, 001, 003) lets the handler close it with
// the dissatisfaction recorded; one that closes only on satisfaction (002) leaves that to the
// coordinator, as "closed, not satisfied" with a reason; one with an external body (004)
// refers the complainant there instead.
enum class UnsatisfiedClose { never, handler, coordinator };
inline constexpr NameOf<UnsatisfiedClose> kUnsatisfiedCloseNames[] = {
    {UnsatisfiedClose::never, "never", "Niet: verwijs naar de externe instantie"},
    {UnsatisfiedClose::handler, "handler", "Door de behandelaar"},
    {UnsatisfiedClose::coordinator, "coordinator", "Door de coördinator of directie"},
};

struct Extension {
    bool allowed = false;
    Term max;      // the longest single extension (004: 6 weeks)
    int times = 1; // how often (004: once)
};

struct Procedure {
    std::string organisation_code; // "004", as in the seed file name
    std::string slug;              // "xs2more": used in URLs
    std::string organisation_name; // "Xs2more"
    std::string title;             // "Klachtenregeling"
    int version = 1;               // raised on every authorised change
    std::string authorised_by;     // "E.M. van As, directeur"; required
    std::optional<Date> authorised_on;
    std::string source; // path or hash of the text it encodes

    HolidayRules calendar;
    std::vector<Channel> channels;       // channels this organisation accepts
    std::vector<std::string> categories; // "gerubriceerd" (004); empty = free text
    // R-REPORT, R-NC: the causes a complaint is analysed into (issue 13); empty = free text.
    std::vector<std::string> cause_categories;
    bool cause_required = false; // the cause is recorded before resolving (000, 002, 004)
    // R-NC (000): "De klacht wordt opgenomen ... in ons afwijkingenregister": every complaint
    // registered is also a nonconformity in the register, linked to it.
    bool complaints_in_register = false;
    bool require_description_approval = false;                    // R-INTAKE (001)
    bool require_procedure_explained = false;                     // R-INTAKE (001)
    bool acknowledgement_states_first_actions = false;            // R-ACK (003)
    bool hearing_required = false;                                // R-HANDLE (004)
    bool assessment_required = false;                             // R-HANDLE (004)
    bool satisfaction_evidence_required = false;                  // R-CLOSE (002, 003)
    bool confidant_route = false;                                 // R-ASSIGN (003)
    std::string escalation_body;                                  // R-CLOSE (004); empty when none
    UnsatisfiedClose close_unsatisfied = UnsatisfiedClose::never; // R-CLOSE
    int retention_years = 0;                                      // R-PRIV (002: 2); 0 = not set
    AnalysisPeriod analysis = AnalysisPeriod::periodic;           // R-REPORT
    Extension extension;
    // Issue 12: how long before a deadline its handler is reminded; "[rules] remind_before".
    Term remind_before{1, TermUnit::working_days};
    std::vector<StepRule> steps;

    const StepRule* step(StepId id) const;
    bool requires_step(StepId id) const { return step(id) != nullptr; }
    bool accepts_channel(Channel c) const;
};

} // namespace kd
