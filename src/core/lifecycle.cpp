// lifecycle.cpp: the rules of the complaint lifecycle. Each guard names the requirement
// of docs/procedures.md that it enforces.
#include "core/lifecycle.hpp"

#include "core/amsterdam_time.hpp"

#include <algorithm>
#include <cctype>

namespace kd {
namespace {

Refusal refuse(std::string code, std::string nl, std::string en, std::string field = "") {
    return Refusal{std::move(code), std::move(nl), std::move(en), std::move(field)};
}

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return std::isspace(ch); });
}

Refusal wrong_state(const Complaint& c, const char* action_nl, const char* action_en) {
    return refuse("invalid_transition",
                  std::string("Kan niet ") + action_nl + " in status '" + state_label_nl(c.state) +
                      "'.",
                  std::string("Cannot ") + action_en + " while the complaint is '" +
                      state_name(c.state) + "'.",
                  "state")
        .with_kind(RefusalKind::conflict);
}

constexpr unsigned bit(State s) {
    return 1u << static_cast<unsigned>(s);
}
constexpr unsigned kOpen = bit(State::received) | bit(State::acknowledged) | bit(State::assigned) |
                           bit(State::in_handling);
constexpr unsigned kNotFinal = kOpen | bit(State::resolved) | bit(State::escalated);
constexpr unsigned kAnyState = ~0u; // the command checks the state itself, or needs none

// In which states each command may be given, in the Command variant's order; a command given
// in another state is refused with its own words ("Kan niet ... in status ...").
struct StateRule {
    unsigned states;
    const char* action_nl;
    const char* action_en;
};
constexpr StateRule kStateRules[] = {
    {kOpen, "de ontvangst bevestigen", "acknowledge"},
    {kOpen, "een behandelaar toewijzen", "assign a handler"},
    {bit(State::assigned), "de behandeling starten", "start handling"},
    {bit(State::in_handling), "contact vastleggen", "record contact"},
    {bit(State::in_handling), "hoor en wederhoor vastleggen", "record the hearing"},
    {bit(State::in_handling), "de klacht beoordelen", "assess the complaint"},
    {kOpen, "de termijn verlengen", "extend the term"},
    {bit(State::in_handling), "de klacht afhandelen", "resolve the complaint"},
    {kOpen, "de klacht niet in behandeling nemen", "decline the complaint"},
    {bit(State::declined), "het afwijzingsbericht vastleggen", "record the decline notice"},
    {bit(State::resolved), "de tevredenheid vastleggen", "record satisfaction"},
    // Both need the satisfaction (or its absence) recorded: their own refusals say so.
    {bit(State::in_handling) | bit(State::resolved), "doorverwijzen", "escalate"},
    {bit(State::in_handling) | bit(State::resolved) | bit(State::escalated), "afsluiten", "close"},
    {kNotFinal, "de klacht intrekken", "withdraw"},
    {kAnyState, "toegang geven", "grant access"}, // any time the case is confidential
    {kAnyState, "toegang intrekken", "revoke access"},
    {bit(State::assigned) | bit(State::in_handling), "een samenvatting delen", "share a summary"},
    {kAnyState, "corrigeren", "correct"},                     // until anonymised: its own refusal
    {kAnyState, "de oorzaak vastleggen", "record the cause"}, // until anonymised
};
static_assert(std::size(kStateRules) == std::variant_size_v<Command>);

bool in(State s, std::initializer_list<State> states) {
    return std::find(states.begin(), states.end(), s) != states.end();
}

// R-ASSIGN: the handler is never an employee involved in the complaint (001, 004).
std::optional<Refusal> check_handler(const Procedure& p, const Complaint& c, long long handler,
                                     bool is_confidant) {
    if (handler <= 0)
        return refuse("handler_required", "Kies een behandelaar.", "Choose a handler.",
                      "handler_id");
    if (c.involves(handler))
        return refuse("handler_involved",
                      "De behandelaar mag niet betrokken zijn bij de klacht; kies een andere "
                      "medewerker.",
                      "The handler must not be involved in the complaint; choose another "
                      "employee.",
                      "handler_id");
    // R-ASSIGN (003): a confidential complaint stays with a confidant.
    if (p.confidant_route && c.confidential && !is_confidant)
        return refuse("handler_not_confidant",
                      "Een vertrouwelijke klacht wordt behandeld door een vertrouwenspersoon.",
                      "A confidential complaint is handled by a confidant.", "handler_id");
    return std::nullopt;
}

std::optional<Refusal> check_text(const std::string& s, const char* field, const char* what_nl,
                                  const char* what_en) {
    if (blank(s))
        return refuse("required", std::string(what_nl) + " is verplicht.",
                      std::string(what_en) + " is required.", field);
    return std::nullopt;
}

} // namespace

bool Complaint::involves(long long staff_id) const {
    return std::find(involved_staff.begin(), involved_staff.end(), staff_id) !=
           involved_staff.end();
}

bool Complaint::grants_access_to(long long staff_id) const {
    return std::find(granted_access.begin(), granted_access.end(), staff_id) !=
           granted_access.end();
}

Outcome<Complaint> register_complaint(const Procedure& p, const Intake& in, long long actor,
                                      Instant now) {
    using namespace std::chrono;
    if (in.received_at > now + minutes{5})
        return refuse("received_in_future", "De ontvangstdatum ligt in de toekomst.",
                      "The date of receipt lies in the future.", "received_at");
    if (int(local_date(in.received_at).year()) < kFirstCalendarYear)
        return refuse("received_too_early", "De ontvangstdatum ligt voor 1990.",
                      "The date of receipt is before 1990.", "received_at");
    // R-INTAKE: the channel is recorded and must be one the procedure accepts.
    if (!p.accepts_channel(in.channel))
        return refuse("channel_not_accepted",
                      std::string("Dit kanaal wordt niet gebruikt in deze procedure: ") +
                          channel_name(in.channel) + ".",
                      std::string("This procedure does not accept the channel ") +
                          channel_name(in.channel) + ".",
                      "channel");
    if (auto r = check_text(in.complainant.name, "complainant.name", "De naam van de indiener",
                            "The complainant's name"))
        return *r;
    if (auto r = check_text(in.description, "description", "Een omschrijving van de klacht",
                            "A description of the complaint"))
        return *r;
    // R-INTAKE (004): complaints are classified ("gerubriceerd") in the procedure's categories.
    if (!p.categories.empty() &&
        std::find(p.categories.begin(), p.categories.end(), in.category) == p.categories.end())
        return refuse("unknown_category", "Kies een categorie uit de lijst van de procedure.",
                      "Choose a category from the procedure's list.", "category");
    // R-INTAKE (001): the complainant approves the description, then hears the procedure.
    if (p.require_description_approval && !in.description_approved)
        return refuse("description_not_approved",
                      "De indiener moet de omschrijving goedkeuren voordat de klacht wordt "
                      "vastgelegd.",
                      "The complainant must approve the description before it is recorded.",
                      "description_approved");
    if (p.require_procedure_explained && !in.procedure_explained)
        return refuse("procedure_not_explained",
                      "Neem de klachtenprocedure door met de indiener en vink dat aan.",
                      "Explain the complaint procedure to the complainant and tick it.",
                      "procedure_explained");
    if (in.confidential && !p.confidant_route)
        return refuse("no_confidant_route",
                      "Deze procedure kent geen vertrouwelijke route via een vertrouwenspersoon.",
                      "This procedure has no confidential route through a confidant.",
                      "confidential");
    // R-ASSIGN (003): a confidential complaint goes to the confidant of the complainant's choice.
    if (in.confidential && !in.handler_id)
        return refuse("confidant_required", "Kies de vertrouwenspersoon van de indiener.",
                      "Choose the complainant's confidant.", "handler_id");

    Complaint c;
    c.procedure_version = p.version;
    c.received_at = in.received_at;
    c.registered_at = now;
    c.registered_by = actor;
    c.channel = in.channel;
    c.complainant = in.complainant;
    c.description = in.description;
    c.category = in.category;
    c.involved_staff = in.involved_staff;
    std::sort(c.involved_staff.begin(), c.involved_staff.end());
    c.involved_staff.erase(std::unique(c.involved_staff.begin(), c.involved_staff.end()),
                           c.involved_staff.end());
    c.description_approved = in.description_approved;
    c.procedure_explained = in.procedure_explained;
    c.confidential = in.confidential;
    if (in.acknowledged_at_intake) {
        // R-ACK (003): the acknowledgement describes the complaint and the first actions,
        // however it is given.
        if (p.acknowledgement_states_first_actions)
            if (auto r = check_text(in.acknowledgement_note, "acknowledgement_note",
                                    "De omschrijving en de eerste acties in de bevestiging",
                                    "The description and first actions of the acknowledgement"))
                return *r;
        c.acknowledged_at = now;
        c.acknowledgement_note = in.acknowledgement_note;
        c.state = State::acknowledged;
    }
    if (in.handler_id) {
        if (auto r = check_handler(p, c, *in.handler_id, in.handler_is_confidant)) return *r;
        c.handler_id = in.handler_id;
        c.assigned_at = now;
        c.state = State::assigned;
    }
    return c;
}

namespace {

struct Applier {
    const Procedure& p;
    const WorkingDayCalendar& cal;
    Complaint c;
    Instant now;  // when it is entered: what "the future" is measured from
    Instant when; // when the step happened: the moment recorded on the complaint

    Outcome<Complaint> operator()(const Acknowledge& a) {
        if (c.acknowledged_at)
            return refuse("already_acknowledged", "De ontvangst is al bevestigd.",
                          "Receipt has already been acknowledged.");
        // R-ACK (003): the acknowledgement describes the complaint and the first actions.
        if (p.acknowledgement_states_first_actions)
            if (auto r = check_text(a.note, "note", "De omschrijving en de eerste acties",
                                    "The description and first actions"))
                return *r;
        c.acknowledged_at = when;
        c.acknowledgement_note = a.note;
        if (c.state == State::received) c.state = State::acknowledged;
        return c;
    }

    Outcome<Complaint> operator()(const Assign& a) {
        if (auto r = check_handler(p, c, a.handler_id, a.handler_is_confidant)) return *r;
        // The first-contact clock (001) starts when the handler gets the case; a new handler
        // before that contact gets the full term again.
        if (!c.first_contact_at) c.assigned_at = when;
        c.handler_id = a.handler_id;
        if (in(c.state, {State::received, State::acknowledged})) c.state = State::assigned;
        return c;
    }

    Outcome<Complaint> operator()(const StartHandling&) {
        // Steps a procedure requires cannot be skipped: acknowledge before handling.
        if (p.requires_step(StepId::acknowledge) && !c.acknowledged_at)
            return refuse("acknowledgement_missing", "Bevestig eerst de ontvangst aan de indiener.",
                          "Acknowledge receipt to the complainant first.");
        c.handling_started_at = when;
        c.state = State::in_handling;
        return c;
    }

    Outcome<Complaint> operator()(const RecordContact& a) {
        if (a.agreed_resolve_by) {
            const StepRule* r = p.step(StepId::resolve);
            if (!r || r->kind != TermKind::agreed)
                return refuse("term_not_agreed_per_case",
                              "In deze procedure ligt de afhandeltermijn vast; er valt geen "
                              "termijn af te spreken.",
                              "This procedure fixes the handling term; there is no term to agree.",
                              "agreed_resolve_by");
            if (*a.agreed_resolve_by <= now)
                return refuse("agreed_term_in_past",
                              "De afgesproken termijn moet in de toekomst liggen.",
                              "The agreed term must lie in the future.", "agreed_resolve_by");
            // Working days are known up to the calendar's last year; later is a typing error.
            if (int(local_date(*a.agreed_resolve_by).year()) > kLastCalendarYear)
                return refuse("agreed_term_too_far",
                              "De afgesproken termijn ligt na " +
                                  std::to_string(kLastCalendarYear) + "; controleer het jaartal.",
                              "The agreed term lies after " + std::to_string(kLastCalendarYear) +
                                  "; check the year.",
                              "agreed_resolve_by");
            c.agreed_resolve_by = a.agreed_resolve_by;
        }
        // Every text a step takes is kept: the note is on the complaint and in this step's
        // audit event.
        if (!blank(a.note)) c.contact_note = a.note;
        if (!c.first_contact_at) c.first_contact_at = when;
        return c;
    }

    Outcome<Complaint> operator()(const RecordHearing& a) {
        if (auto r = check_text(a.note, "note", "Een verslag van hoor en wederhoor",
                                "A record of the hearing of both sides"))
            return *r;
        c.hearing_at = when;
        c.hearing_note = a.note;
        return c;
    }

    Outcome<Complaint> operator()(const Assess& a) {
        c.assessed_at = when;
        c.well_founded = a.well_founded;
        c.assessment_note = a.note;
        return c;
    }

    Outcome<Complaint> operator()(const Extend& a) {
        const StepRule* r = p.step(StepId::resolve);
        // R-HANDLE (004): extendable once, by at most the maximum, with a recorded reason.
        if (!p.extension.allowed || !r || r->kind != TermKind::fixed)
            return refuse("extension_not_allowed",
                          "Deze procedure staat geen verlenging van de afhandeltermijn toe.",
                          "This procedure does not allow extending the handling term.");
        if (c.extensions_used >= p.extension.times)
            return refuse("extension_used",
                          "De termijn is al verlengd; dat mag maar " +
                              std::to_string(p.extension.times) + " keer.",
                          "The term has already been extended; that is allowed " +
                              std::to_string(p.extension.times) + " time(s).");
        // Compare the terms by what they do to this case's due moment.
        Instant base = due_after(cal, c.received_at, r->term);
        // R-HANDLE (004): an extension is decided within the term; a missed term stays missed.
        Instant due_now = c.extension ? due_after(cal, base, *c.extension) : base;
        // Decided now: a claimed earlier moment (`at`) does not reopen a term that has passed.
        if (now > due_now)
            return refuse("extension_after_term",
                          "De afhandeltermijn is al verstreken (" + format_local_nl(due_now) +
                              "); een verlenging wordt binnen de termijn besloten.",
                          "The handling term has already passed (" + format_iso_local(due_now) +
                              "); an extension is decided within the term.",
                          "term")
                .with_kind(RefusalKind::conflict);
        // Too late is said before what the form lacks: no use filling it in.
        if (auto t = check_text(a.reason, "reason", "Een reden voor de verlenging",
                                "A reason for the extension"))
            return *t;
        if (a.term.amount <= 0)
            return refuse("extension_empty", "Een verlenging moet langer dan nul zijn.",
                          "An extension must be longer than zero.", "term");
        if (due_after(cal, base, a.term) > due_after(cal, base, p.extension.max))
            return refuse(
                "extension_too_long",
                "Een verlenging mag hoogstens " + describe_term_nl(p.extension.max) + " zijn.",
                "An extension may be at most " + describe_term(p.extension.max) + ".", "term");
        c.extensions_used += 1;
        c.extension = a.term;
        c.extension_reason = a.reason;
        return c;
    }

    Outcome<Complaint> operator()(const Resolve& a) {
        // Steps a procedure requires cannot be skipped before handling ends.
        if (p.requires_step(StepId::first_contact) && !c.first_contact_at)
            return refuse("contact_missing",
                          "Leg eerst het contact van de behandelaar met de indiener vast.",
                          "Record the handler's contact with the complainant first.");
        if (p.hearing_required && !c.hearing_at)
            return refuse("hearing_missing", "Leg eerst hoor en wederhoor vast.",
                          "Record the hearing of both sides first.");
        if (p.assessment_required && !c.well_founded)
            return refuse("assessment_missing",
                          "Beoordeel eerst of de klacht gegrond of ongegrond is.",
                          "Assess first whether the complaint is well-founded.");
        // R-REPORT (000, 002, 004): the complaint is analysed before it is handled.
        if (p.cause_required && c.cause_category.empty())
            return refuse("cause_missing", "Leg eerst de oorzaak van de klacht vast.",
                          "Record the cause of the complaint first.");
        if (auto r = check_text(a.solution, "solution", "De oplossing of uitkomst",
                                "The solution or outcome"))
            return *r;
        if (!c.resolved_at) c.resolved_at = when;
        if (c.dissatisfied_at && !c.redone_at) c.redone_at = when;
        c.last_resolved_at = when;
        c.resolution = a.resolution;
        c.solution = a.solution;
        if (a.procedure_change_effective)
            c.procedure_change_effective = a.procedure_change_effective;
        c.satisfaction = Satisfaction::unknown;
        c.state = State::resolved;
        return c;
    }

    Outcome<Complaint> operator()(const Decline& a) {
        // R-DEF: "not taken into handling" needs its reasons, for the notice to the complainant.
        if (auto r = check_text(a.reason, "reason", "De reden", "The reason")) return *r;
        c.declined_at = when;
        c.decline_reason = a.reason;
        c.state = State::declined;
        return c;
    }

    Outcome<Complaint> operator()(const NotifyDecline&) {
        if (c.decline_notified_at)
            return refuse("already_notified", "Het bericht is al vastgelegd.",
                          "The notice has already been recorded.");
        c.decline_notified_at = when;
        return c;
    }

    Outcome<Complaint> operator()(const VerifySatisfaction& a) {
        // R-CLOSE (002, 003): satisfaction is confirmed with evidence (written confirmation).
        if (a.satisfied && p.satisfaction_evidence_required)
            if (auto r = check_text(a.evidence, "evidence",
                                    "Bewijs van de tevredenheid (bijv. de schriftelijke "
                                    "bevestiging)",
                                    "Evidence of satisfaction (e.g. the written confirmation)"))
                return *r;
        if (!c.verified_at) c.verified_at = when;
        c.satisfaction_note = a.note;
        c.satisfaction_evidence = a.evidence;
        if (a.satisfied) {
            c.satisfaction = Satisfaction::satisfied;
        } else {
            // R-CLOSE (001): not satisfied -> back to the handler to resolve it still.
            c.satisfaction = Satisfaction::dissatisfied;
            c.dissatisfied_at = when;
            c.redone_at.reset();
            c.reopen_count += 1;
            c.state = State::in_handling;
        }
        return c;
    }

    Outcome<Complaint> operator()(const Escalate& a) {
        if (!in(c.state, {State::in_handling, State::resolved}) ||
            c.satisfaction != Satisfaction::dissatisfied)
            return refuse("escalation_needs_dissatisfaction",
                          "Verwijs pas naar een externe instantie als de indiener niet tevreden "
                          "is.",
                          "Refer to an external body only when the complainant is not satisfied.");
        std::string body = blank(a.body) ? p.escalation_body : a.body;
        if (auto r = check_text(body, "body", "De externe instantie", "The external body"))
            return *r;
        c.escalated_at = when;
        c.external_body = body;
        c.state = State::escalated;
        return c;
    }

    Outcome<Complaint> operator()(const Close& a) {
        // R-CLOSE: closed with recorded satisfaction or a recorded external referral ...
        bool satisfied = c.state == State::resolved && c.satisfaction == Satisfaction::satisfied;
        bool referred = c.state == State::escalated && c.escalated_at;
        if (satisfied || referred) {
            c.closed_at = when;
            c.state = State::closed;
            return c;
        }
        // ... or, where the procedure allows it, with the dissatisfaction recorded and a
        // reason (who may do it is in access.cpp).
        bool dissatisfied = in(c.state, {State::in_handling, State::resolved}) &&
                            c.satisfaction == Satisfaction::dissatisfied;
        if (!dissatisfied || p.close_unsatisfied == UnsatisfiedClose::never)
            return refuse("close_needs_satisfaction",
                          std::string("Een klacht wordt pas afgesloten als de tevredenheid van de "
                                      "indiener of een verwijzing naar een externe instantie is "
                                      "vastgelegd") +
                              (dissatisfied ? "; verwijs de indiener door." : "."),
                          "A complaint closes only when the complainant's satisfaction or a "
                          "referral to an external body is recorded.");
        if (auto r = check_text(a.reason, "reason", "De reden om zonder tevredenheid af te sluiten",
                                "The reason to close without satisfaction"))
            return *r;
        c.closed_at = when;
        c.close_reason = a.reason;
        c.state = State::closed_unsatisfied;
        return c;
    }

    Outcome<Complaint> operator()(const Withdraw& a) {
        if (auto r = check_text(a.reason, "reason", "De reden", "The reason")) return *r;
        c.withdrawn_at = when;
        c.withdraw_reason = a.reason;
        c.state = State::withdrawn;
        return c;
    }

    // R-ASSIGN (003): only the chosen confidant and the people they add see a confidential
    // case. Who the confidant is stays with Assign; this adds readers.
    Outcome<Complaint> operator()(const GrantAccess& a) {
        if (!c.confidential)
            return refuse("not_confidential",
                          "Alleen bij een vertrouwelijke klacht voegt de vertrouwenspersoon "
                          "mensen toe.",
                          "Only a confidential complaint has people added by the confidant.");
        if (a.staff_id <= 0)
            return refuse("person_required", "Kies wie u toevoegt.", "Choose whom to add.",
                          "staff_id");
        // An involved employee never sees the case about them (R-PRIV).
        if (c.involves(a.staff_id))
            return refuse("person_involved",
                          "Deze medewerker is betrokken bij de klacht en krijgt geen toegang.",
                          "This employee is involved in the complaint and gets no access.",
                          "staff_id");
        if (c.handler_id == a.staff_id || c.grants_access_to(a.staff_id))
            return refuse("already_has_access", "Deze persoon heeft al toegang.",
                          "This person already has access.", "staff_id");
        c.granted_access.push_back(a.staff_id);
        return c;
    }

    Outcome<Complaint> operator()(const RevokeAccess& a) {
        auto it = std::find(c.granted_access.begin(), c.granted_access.end(), a.staff_id);
        if (it == c.granted_access.end())
            return refuse("no_access_granted", "Deze persoon is niet toegevoegd.",
                          "This person was not added.", "staff_id");
        c.granted_access.erase(it);
        return c;
    }

    // Hearing of both sides (R-HANDLE): the employee the complaint is about hears what it
    // says, through a summary, while the case is handled.
    Outcome<Complaint> operator()(const ShareSummary& a) {
        if (!c.involves(a.employee_id))
            return refuse("not_involved",
                          "Een samenvatting wordt alleen gedeeld met een medewerker op wie de "
                          "klacht betrekking heeft.",
                          "A summary is shared only with an employee the complaint is about.",
                          "employee_id");
        if (auto r = check_text(a.text, "text", "De samenvatting", "The summary")) return *r;
        c.hearing_summaries.push_back({a.employee_id, a.text, a.shared_by, when});
        return c;
    }

    // Corrections of the intake (issue 9, item 8) hold the intake's own rules.
    Outcome<Complaint> operator()(const Correct& a) {
        if (c.anonymised_at)
            return refuse("anonymised",
                          "De persoonsgegevens van deze klacht zijn verwijderd; er valt niets "
                          "meer te corrigeren.",
                          "This complaint's personal data was removed; there is nothing left to "
                          "correct.")
                .with_kind(RefusalKind::conflict);
        Complaint before = c;
        if (a.description) {
            if (auto r = check_text(*a.description, "description", "Een omschrijving van de klacht",
                                    "A description of the complaint"))
                return *r;
            c.description = *a.description;
        }
        if (a.category) {
            // R-INTAKE (004): the procedure's categories.
            if (!p.categories.empty() && std::find(p.categories.begin(), p.categories.end(),
                                                   *a.category) == p.categories.end())
                return refuse("unknown_category",
                              "Kies een categorie uit de lijst van de procedure.",
                              "Choose a category from the procedure's list.", "category");
            c.category = *a.category;
        }
        if (a.complainant_name) {
            if (auto r = check_text(*a.complainant_name, "complainant.name",
                                    "De naam van de indiener", "The complainant's name"))
                return *r;
            c.complainant.name = *a.complainant_name;
        }
        if (a.complainant_email) c.complainant.email = *a.complainant_email;
        if (a.complainant_phone) c.complainant.phone = *a.complainant_phone;
        if (a.complainant_relation) c.complainant.relation = *a.complainant_relation;
        if (a.complainant_type) c.complainant.type = *a.complainant_type;
        if (a.complainant_language) c.complainant.language = *a.complainant_language;
        if (a.involved_staff) {
            std::vector<long long> people = *a.involved_staff;
            std::sort(people.begin(), people.end());
            people.erase(std::unique(people.begin(), people.end()), people.end());
            // R-ASSIGN (001, 004): the handler is never an employee involved in the complaint.
            if (c.handler_id &&
                std::find(people.begin(), people.end(), *c.handler_id) != people.end())
                return refuse("handler_involved",
                              "De behandelaar kan niet betrokken zijn bij de klacht; wijs eerst "
                              "een andere behandelaar toe.",
                              "The handler cannot be involved in the complaint; assign another "
                              "handler first.",
                              "involved_staff");
            // Whom a confidant let read the case may not be someone it is about (R-PRIV).
            for (long long id : people)
                if (c.grants_access_to(id))
                    return refuse("person_involved",
                                  "Deze medewerker heeft toegang gekregen tot de klacht; haal "
                                  "die toegang eerst weg.",
                                  "This employee was given access to the complaint; revoke it "
                                  "first.",
                                  "involved_staff");
            c.involved_staff = people;
        }
        if (c.description == before.description && c.category == before.category &&
            c.complainant.name == before.complainant.name &&
            c.complainant.email == before.complainant.email &&
            c.complainant.phone == before.complainant.phone &&
            c.complainant.relation == before.complainant.relation &&
            c.complainant.type == before.complainant.type &&
            c.complainant.language == before.complainant.language &&
            c.involved_staff == before.involved_staff)
            return refuse("nothing_to_correct", "Er is niets veranderd om te corrigeren.",
                          "Nothing was changed to correct.");
        return c;
    }

    Outcome<Complaint> operator()(const RecordCause& a) {
        if (c.anonymised_at)
            return refuse("anonymised",
                          "De persoonsgegevens van deze klacht zijn verwijderd; de oorzaak staat "
                          "vast.",
                          "This complaint's personal data was removed; its cause stays as it is.")
                .with_kind(RefusalKind::conflict);
        if (auto r =
                check_text(a.category, "category", "De oorzaakcategorie", "The cause category"))
            return *r;
        if (!p.cause_categories.empty() &&
            std::find(p.cause_categories.begin(), p.cause_categories.end(), a.category) ==
                p.cause_categories.end())
            return refuse("unknown_cause", "Kies een oorzaak uit de lijst van de procedure.",
                          "Choose a cause from the procedure's list.", "category");
        if (a.category == c.cause_category && a.text == c.cause)
            return refuse("nothing_to_correct", "Deze oorzaak staat al vastgelegd.",
                          "This cause is recorded already.");
        c.cause_category = a.category;
        c.cause = a.text;
        return c;
    }
};

} // namespace

const char* command_name(const Command& c) {
    return kCommandNames[c.index()];
}

Instant last_step_at(const Complaint& c) {
    Instant last = c.received_at;
    for (const auto& t :
         {c.acknowledged_at, c.assigned_at, c.handling_started_at, c.first_contact_at, c.hearing_at,
          c.assessed_at, c.resolved_at, c.last_resolved_at, c.verified_at, c.dissatisfied_at,
          c.redone_at, c.escalated_at, c.closed_at, c.declined_at, c.decline_notified_at,
          c.withdrawn_at})
        if (t && *t > last) last = *t;
    for (const auto& h : c.hearing_summaries)
        if (h.shared_at > last) last = h.shared_at;
    return last;
}

Outcome<Complaint> apply(const Procedure& p, const WorkingDayCalendar& cal, const Complaint& c,
                         const Command& cmd, Instant now, std::optional<Instant> happened_at) {
    Instant when = happened_at.value_or(now);
    // Steps that record no moment of their own cannot be dated: `at` would be kept nowhere.
    if (happened_at &&
        (std::holds_alternative<Extend>(cmd) || std::holds_alternative<GrantAccess>(cmd) ||
         std::holds_alternative<RevokeAccess>(cmd) || std::holds_alternative<Correct>(cmd) ||
         std::holds_alternative<RecordCause>(cmd)))
        return refuse("at_not_applicable",
                      std::string("Bij '") + command_name(cmd) +
                          "' wordt geen moment vastgelegd; laat 'at' weg.",
                      std::string("'") + command_name(cmd) + "' records no moment; leave out 'at'.",
                      "at");
    // A few minutes of clock difference between a browser and the server are not the future.
    if (happened_at && *happened_at > now + std::chrono::minutes{5})
        return refuse("step_in_future", "Het moment van deze stap ligt in de toekomst.",
                      "The moment of this step lies in the future.", "at");
    if (when < c.received_at)
        return refuse("before_receipt", "Een stap kan niet voor de ontvangst liggen.",
                      "A step cannot come before receipt.", happened_at ? "at" : "");
    if (happened_at && when < last_step_at(c))
        return refuse("before_previous_step",
                      "Deze stap kan niet eerder liggen dan de vorige stap (" +
                          format_local_nl(last_step_at(c)) + ").",
                      "This step cannot come before the previous step (" +
                          format_iso_local(last_step_at(c)) + ").",
                      "at");
    const StateRule& rule = kStateRules[cmd.index()];
    if (!(rule.states & bit(c.state))) return wrong_state(c, rule.action_nl, rule.action_en);
    return std::visit(Applier{p, cal, c, now, when}, cmd);
}

} // namespace kd
