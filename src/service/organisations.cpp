// organisations.cpp: putting procedures in force, as writes of the single writer.
#include "service/organisations.hpp"

namespace kd {

const OrganisationContext& Organisations::put_in_force(const Procedure& p,
                                                       const std::string& procedure_text,
                                                       const std::string& source, Instant now) {
    ProcedureAdoption adoption{
        p.organisation_code, p.slug, p.organisation_name, p.version, p.authorised_by,
        procedure_text,      source};
    OrganisationRecord rec;
    std::string conflict;
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            try {
                rec = t.ensure_organisation(adoption, now);
                return true;
            } catch (const ProcedureConflict& e) {
                conflict = e.what();
                return false;
            }
        },
        &error);
    if (!conflict.empty()) throw ProcedureConflict(conflict);
    if (status != WriteStatus::committed)
        throw std::runtime_error("procedure " + p.organisation_code +
                                 " not put in force: " + error);
    orgs_.push_back(std::unique_ptr<OrganisationContext>(
        new OrganisationContext{rec, p, procedure_text, WorkingDayCalendar(p.calendar)}));
    return *orgs_.back();
}

const OrganisationContext* Organisations::find(const std::string& key) const {
    for (const auto& o : orgs_)
        if (o->record.slug == key || o->record.code == key) return o.get();
    return nullptr;
}

const OrganisationContext* Organisations::by_id(long long id) const {
    for (const auto& o : orgs_)
        if (o->record.id == id) return o.get();
    return nullptr;
}

} // namespace kd
