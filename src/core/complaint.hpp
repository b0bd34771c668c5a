// complaint.hpp: the complaint record (R-INTAKE) with its state and the moments each
// step of the procedure was done. Plain data; lifecycle.cpp holds the rules that change it.
#pragma once

#include "core/instant.hpp"
#include "core/language.hpp"
#include "core/names.hpp"
#include "core/procedure.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kd {

enum class State {
    received,           // registered, nothing done yet
    acknowledged,       // receipt confirmed to the complainant
    assigned,           // a handler is named
    in_handling,        // taken into handling: contact, hearing, assessment happen here
    resolved,           // handled; satisfaction to be verified
    escalated,          // complainant referred to the external body (R-CLOSE, 004)
    closed,             // ended with recorded satisfaction or external referral
    closed_unsatisfied, // R-CLOSE: ended with the complainant's dissatisfaction recorded
    declined,           // not taken into handling, with reason (R-DEF)
    withdrawn,          // the complainant withdrew it
};
inline constexpr NameOf<State> kStateNames[] = {
    {State::received, "received", "Ontvangen"},
    {State::acknowledged, "acknowledged", "Ontvangst bevestigd"},
    {State::assigned, "assigned", "Toegewezen"},
    {State::in_handling, "in_handling", "In behandeling"},
    {State::resolved, "resolved", "Afgehandeld"},
    {State::escalated, "escalated", "Extern doorverwezen"},
    {State::closed, "closed", "Gesloten"},
    {State::closed_unsatisfied, "closed_unsatisfied", "Gesloten, niet tevreden"},
    {State::declined, "declined", "Niet in behandeling genomen"},
    {State::withdrawn, "withdrawn", "Ingetrokken"},
};
inline const char* state_name(State s) {
    return name_in(kStateNames, s);
}
inline const char* state_label_nl(State s) {
    return label_in(kStateNames, s);
}
inline std::optional<State> state_from_name(std::string_view name) {
    return value_in(kStateNames, name);
}
bool is_final(State s); // closed (satisfied or not), declined, withdrawn

enum class ComplainantType { external, internal }; // R-DEF (004)
inline constexpr NameOf<ComplainantType> kComplainantTypeNames[] = {
    {ComplainantType::external, "external", "Extern"},
    {ComplainantType::internal, "internal", "Intern"},
};
inline const char* complainant_type_name(ComplainantType t) {
    return name_in(kComplainantTypeNames, t);
}
inline std::optional<ComplainantType> complainant_type_from_name(std::string_view name) {
    return value_in(kComplainantTypeNames, name);
}

// How a handled complaint ended (R-HANDLE, 000: "not responsible, but helped").
enum class Resolution { solved, not_responsible_helped, not_solved };
inline constexpr NameOf<Resolution> kResolutionNames[] = {
    {Resolution::solved, "solved", "Opgelost"},
    {Resolution::not_responsible_helped, "not_responsible_helped",
     "Niet verantwoordelijk, wel geholpen"},
    {Resolution::not_solved, "not_solved", "Niet opgelost"},
};
inline const char* resolution_name(Resolution r) {
    return name_in(kResolutionNames, r);
}
inline std::optional<Resolution> resolution_from_name(std::string_view name) {
    return value_in(kResolutionNames, name);
}

enum class Satisfaction { unknown, satisfied, dissatisfied };
inline constexpr NameOf<Satisfaction> kSatisfactionNames[] = {
    {Satisfaction::unknown, "unknown", "Onbekend"},
    {Satisfaction::satisfied, "satisfied", "Tevreden"},
    {Satisfaction::dissatisfied, "dissatisfied", "Niet tevreden"},
};
inline const char* satisfaction_name(Satisfaction s) {
    return name_in(kSatisfactionNames, s);
}
inline std::optional<Satisfaction> satisfaction_from_name(std::string_view name) {
    return value_in(kSatisfactionNames, name);
}

struct Complainant {
    std::string name;
    std::string email;
    std::string phone;
    ComplainantType type = ComplainantType::external;
    std::string relation;             // client, placed worker, hiring company, staff, ...
    Language language = Language::nl; // of the mails to them (issue 12)
};

// What an involved employee may read of a case about them: a summary the handler shares for
// the hearing of both sides (hoor en wederhoor), never the case itself.
struct HearingSummary {
    long long employee_id = 0;
    std::string text;
    long long shared_by = 0;
    Instant shared_at{};
};

struct Complaint {
    long long id = 0; // database id; 0 before it is stored
    long long organisation_id = 0;
    std::string reference;     // "XS2-2026-0001", unique within the organisation
    int procedure_version = 0; // the procedure version its deadlines come from
    State state = State::received;

    // Intake (R-INTAKE)
    Instant received_at{};       // when the organisation received it
    Instant registered_at{};     // when it was entered here
    long long registered_by = 0; // staff id
    Channel channel = Channel::phone;
    Complainant complainant;
    std::string description;
    std::string category;
    std::vector<long long> involved_staff; // staff ids the complaint is about
    bool description_approved = false;     // R-INTAKE (001)
    bool procedure_explained = false;      // R-INTAKE (001)
    bool confidential = false;             // R-ASSIGN (003): confidant route
    std::vector<long long> granted_access; // R-ASSIGN (003): people the confidant added

    // Handling
    std::optional<long long> handler_id;
    std::optional<Instant> acknowledged_at;
    std::string acknowledgement_note; // R-ACK (003): description and first actions
    std::optional<Instant> assigned_at;
    std::optional<Instant> handling_started_at;
    std::optional<Instant> first_contact_at;
    std::string contact_note; // what the latest contact with the complainant was about
    std::optional<Instant> agreed_resolve_by; // R-HANDLE (001): term agreed per case
    std::optional<Instant> hearing_at;
    std::string hearing_note;
    std::vector<HearingSummary> hearing_summaries;
    std::optional<Instant> assessed_at;
    std::optional<bool> well_founded; // verdict: gegrond / ongegrond
    std::string assessment_note;
    // The analysis (R-REPORT, issue 13): a cause from the procedure's list, and in words.
    std::string cause_category;
    std::string cause;
    int extensions_used = 0;
    std::optional<Term> extension; // total extension granted
    std::string extension_reason;
    std::optional<Instant> resolved_at;      // first resolution: the resolve step
    std::optional<Instant> last_resolved_at; // latest, after a redo
    std::optional<Resolution> resolution;
    std::string solution;
    std::optional<Date> procedure_change_effective; // R-HANDLE (001)

    // Verification and closing (R-CLOSE)
    std::optional<Instant> verified_at; // first verification: the verify step
    Satisfaction satisfaction = Satisfaction::unknown;
    std::string satisfaction_note;
    std::string satisfaction_evidence;
    std::optional<Instant> dissatisfied_at; // latest "not satisfied": starts the redo step
    std::optional<Instant> redone_at;       // resolved again after it: completes the redo step
    int reopen_count = 0;
    std::optional<Instant> escalated_at;
    std::string external_body;
    std::optional<Instant> closed_at;
    std::string close_reason; // why it closed without the complainant's satisfaction

    // Ends other than closing
    std::optional<Instant> declined_at;
    std::string decline_reason;
    std::optional<Instant> decline_notified_at;
    std::optional<Instant> withdrawn_at;
    std::string withdraw_reason;

    // Retention (R-PRIV): when its personal data was removed.
    std::optional<Instant> anonymised_at;

    // A historic record brought in by `klachtdesk import` (issue 13): the file, row and the
    // source's own number; empty for a complaint registered here. Its steps' moments are
    // unknown, so it counts in no deadline figure.
    std::string imported_from;

    bool involves(long long staff_id) const;
    bool grants_access_to(long long staff_id) const;
};

} // namespace kd
