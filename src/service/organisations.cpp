// organisations.cpp: putting procedures in force, as writes of the single writer.
#include "service/organisations.hpp"

#include "core/deadlines.hpp"

#include "service/procedure_file.hpp"

#include <spdlog/spdlog.h>

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
    auto ctx = std::unique_ptr<OrganisationContext>(
        new OrganisationContext{rec, p, procedure_text, WorkingDayCalendar(p.calendar), {}});
    for (const auto& [version, text] : db_.procedure_versions(rec.id)) {
        if (version == p.version) continue;
        auto load = parse_procedure(text, p.organisation_code + " version " +
                                              std::to_string(version) + " (stored)");
        if (!load.procedure) {
            // Its text was accepted when it was put in force; a reader that no longer takes
            // it leaves those complaints on the version in force, and says so.
            spdlog::warn("procedure {} version {} can no longer be read ({}); its complaints "
                         "are computed under version {}",
                         p.organisation_code, version,
                         load.errors.empty() ? "?" : load.errors.front(), p.version);
            continue;
        }
        WorkingDayCalendar cal(load.procedure->calendar);
        ctx->earlier.emplace(
            version, std::make_shared<const ProcedureRules>(ProcedureRules{*load.procedure, cal}));
    }
    orgs_.push_back(std::move(ctx));
    return *orgs_.back();
}

const Procedure& OrganisationContext::procedure_of(const Complaint& c) const {
    auto it = earlier.find(c.procedure_version);
    return it == earlier.end() ? procedure : it->second->procedure;
}

const WorkingDayCalendar& OrganisationContext::calendar_of(const Complaint& c) const {
    auto it = earlier.find(c.procedure_version);
    return it == earlier.end() ? calendar : it->second->calendar;
}

std::vector<ReportCell> OrganisationContext::report_cells_of(const Complaint& c) const {
    // The cells read when each step was done and when it fell due, never "now".
    return report_cells(c, deadlines_of(procedure_of(c), calendar_of(c), c, c.received_at));
}

std::vector<ReportCell> OrganisationContext::report_change(const Complaint* before,
                                                           const Complaint& after) const {
    return report_delta(before ? report_cells_of(*before) : std::vector<ReportCell>{},
                        report_cells_of(after));
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
