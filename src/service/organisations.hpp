// organisations.hpp: the organisations this server runs, each with the procedure in force.
#pragma once

#include "core/calendar.hpp"
#include "core/procedure.hpp"
#include "core/report_cells.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace kd {

// A procedure version with its working-day calendar.
struct ProcedureRules {
    Procedure procedure;
    WorkingDayCalendar calendar;
};

// An organisation with the procedure it runs and that procedure's calendar, and every
// earlier version: a complaint keeps the version it came in under (R-PROC), so its
// deadlines do not move when a later version changes a term.
struct OrganisationContext {
    OrganisationRecord record;
    Procedure procedure;        // the version in force: new complaints come in under it
    std::string procedure_text; // the TOML as loaded, for the record
    WorkingDayCalendar calendar;
    std::map<int, std::shared_ptr<const ProcedureRules>> earlier; // by version

    // The procedure a complaint runs under, and its calendar: its own version's.
    const Procedure& procedure_of(const Complaint& c) const;
    const WorkingDayCalendar& calendar_of(const Complaint& c) const;
    // What the complaint counts for the reports (core/report_cells.hpp) under its procedure.
    std::vector<ReportCell> report_cells_of(const Complaint& c) const;
    // What a write changes in the report counts: the new complaint's cells (`before` null), or
    // the difference between before's and after's.
    std::vector<ReportCell> report_change(const Complaint* before, const Complaint& after) const;
};

class Organisations {
public:
    Organisations(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // Puts the procedure in force for its organisation (made on first sight), through the
    // writer as one audited write; `source` names the file. Throws ProcedureConflict
    // (store/records.hpp) when the version is known with another text. Call before serving.
    const OrganisationContext& put_in_force(const Procedure& p, const std::string& procedure_text,
                                            const std::string& source, Instant now);

    const std::vector<std::unique_ptr<OrganisationContext>>& all() const { return orgs_; }
    // By slug or code ("xs2more" or "004"); nullptr when unknown.
    const OrganisationContext* find(const std::string& slug_or_code) const;
    const OrganisationContext* by_id(long long id) const;

private:
    Database& db_;
    Writer& writer_;
    std::vector<std::unique_ptr<OrganisationContext>> orgs_;
};

} // namespace kd
