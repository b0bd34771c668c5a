// organisations.hpp: the organisations this server runs, each with the procedure in force.
#pragma once

#include "core/calendar.hpp"
#include "core/procedure.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kd {

// An organisation with the procedure it runs and that procedure's calendar.
struct OrganisationContext {
    OrganisationRecord record;
    Procedure procedure;
    std::string procedure_text; // the TOML as loaded, for the record
    WorkingDayCalendar calendar;
};

class Organisations {
public:
    explicit Organisations(Writer& writer) : writer_(writer) {}

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
    Writer& writer_;
    std::vector<std::unique_ptr<OrganisationContext>> orgs_;
};

} // namespace kd
