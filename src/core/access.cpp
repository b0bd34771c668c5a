// access.cpp: the role rules. Fail closed: a role grants only what is written here.
#include "core/access.hpp"

#include <sstream>

namespace kd {

Viewer viewer_from_roles(long long staff_id, const std::string& roles) {
    Viewer v;
    v.staff_id = staff_id;
    std::stringstream ss(roles);
    std::string r;
    while (std::getline(ss, r, ',')) {
        auto role = role_from_name(r);
        if (!role) continue;
        switch (*role) {
        case Role::employee:
            v.employee = true;
            break;
        case Role::handler:
            v.handler = true;
            break;
        case Role::coordinator:
            v.coordinator = true;
            break;
        case Role::management:
            v.management = true;
            break;
        case Role::confidant:
            v.confidant = true;
            break;
        case Role::auditor:
            v.auditor = true;
            break;
        case Role::admin:
            v.admin = true;
            break;
        }
    }
    return v;
}

bool sees_all_open_cases(const Viewer& v) {
    return v.coordinator || v.management || v.auditor;
}

bool can_see(const Viewer& v, const Complaint& c) {
    if (c.involves(v.staff_id)) return false;
    bool is_handler = c.handler_id && *c.handler_id == v.staff_id;
    // R-ASSIGN (003): only the chosen confidant and the people they add; not management, not
    // admins, not auditors.
    if (c.confidential) return is_handler || c.grants_access_to(v.staff_id);
    if (is_handler) return true;
    if (sees_all_open_cases(v)) return true;
    return c.registered_by == v.staff_id && (v.employee || v.handler || v.confidant);
}

bool can_register(const Viewer& v) {
    return v.employee || v.handler || v.coordinator || v.management || v.confidant;
}

std::optional<Refusal> may_add_file(const Viewer& v, const Complaint& c) {
    // Checked first: it holds for everyone, whatever their roles.
    if (c.anonymised_at)
        return Refusal("personal_data_removed",
                       "De persoonsgegevens van deze klacht zijn verwijderd (bewaartermijn); er "
                       "kunnen geen bestanden meer bij.",
                       "The personal data of this complaint have been removed (retention); no "
                       "files can be added any more.",
                       "", RefusalKind::conflict);
    if (!can_register(v))
        return forbidden("U kunt dit dossier inzien, maar er geen stukken aan toevoegen.",
                         "You can read this case file but not add to it.");
    return std::nullopt;
}

bool can_handle(const Viewer& candidate, bool confidential) {
    if (confidential) return candidate.confidant;
    return candidate.handler || candidate.coordinator || candidate.management;
}

std::optional<Refusal> may_name_handler_at_intake(const Viewer& v, bool confidential) {
    if (confidential || v.coordinator || v.management) return std::nullopt;
    return Refusal{"may_not_assign",
                   "Alleen de coördinator of de directie wijst een behandelaar toe; registreer "
                   "de klacht zonder behandelaar.",
                   "Only the coordinator or management assigns a handler; register the "
                   "complaint without one.",
                   "handler_id", RefusalKind::forbidden};
}

bool may_report_finding(const Viewer& v) {
    return can_register(v);
}

bool may_work_case(const Viewer& v, const Complaint& c) {
    bool is_handler = c.handler_id && *c.handler_id == v.staff_id;
    return (v.handler || v.coordinator || v.management || v.confidant) &&
           (is_handler || ((v.coordinator || v.management) && !c.confidential));
}

bool runs_register(const Viewer& v) {
    return v.coordinator || v.management;
}

bool reads_register(const Viewer& v) {
    return runs_register(v) || v.auditor;
}

std::optional<Refusal> may_apply(const Viewer& v, const Procedure& p, const Complaint& c,
                                 const Command& cmd) {
    auto no = [](std::string nl, std::string en) {
        return forbidden(std::move(nl), std::move(en));
    };
    if (!v.coordinator && !v.management && !v.handler && !v.confidant)
        return no("Uw rol mag klachten niet wijzigen.", "Your role may not change complaints.");
    bool runs_register = v.coordinator || v.management;
    bool is_handler = c.handler_id && *c.handler_id == v.staff_id;
    if (std::holds_alternative<Assign>(cmd)) {
        // R-ASSIGN: the coordinator decides who handles it; a confidential case stays with
        // its confidant, who may pass it to another confidant.
        if (c.confidential ? is_handler : runs_register) return std::nullopt;
        return no("Alleen de coördinator of de directie wijst een behandelaar toe.",
                  "Only the coordinator or management assigns a handler.");
    }
    if (std::holds_alternative<GrantAccess>(cmd) || std::holds_alternative<RevokeAccess>(cmd)) {
        if (c.confidential && is_handler) return std::nullopt;
        return no("Alleen de vertrouwenspersoon van deze klacht voegt mensen toe.",
                  "Only this complaint's confidant adds people.");
    }
    // R-CLOSE (002): closing without the complainant's satisfaction is the coordinator's.
    if (std::holds_alternative<Close>(cmd) && c.satisfaction == Satisfaction::dissatisfied &&
        c.state != State::escalated && p.close_unsatisfied == UnsatisfiedClose::coordinator &&
        !(runs_register && !c.confidential))
        return no("Alleen de coördinator of de directie sluit een klacht af waarover de indiener "
                  "niet tevreden is.",
                  "Only the coordinator or management closes a complaint whose complainant is "
                  "not satisfied.");
    if (is_handler || (runs_register && !c.confidential)) return std::nullopt;
    // Someone a confidant let read the case reads it; working it stays with the confidant.
    if (c.confidential)
        return no("Alleen de vertrouwenspersoon werkt deze vertrouwelijke klacht af; u mag hem "
                  "alleen lezen.",
                  "Only the confidant works this confidential complaint; you may only read it.");
    return no("Alleen de behandelaar, de coördinator of de directie werkt deze klacht af.",
              "Only the handler, the coordinator or management works this complaint.");
}

} // namespace kd
