// complaint_service.hpp: the use cases: register a complaint and apply a transition, each as
// one write (state + audit event) through the Writer. Between the thin API and core/store.
#pragma once

#include "core/calendar.hpp"
#include "core/deadlines.hpp"
#include "core/lifecycle.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
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

struct CommandResult {
    enum Kind { ok, refused, forbidden, not_found, failed } kind = failed;
    Complaint complaint;
    Refusal refusal;   // when refused
    std::string error; // when failed
};

class ComplaintService {
public:
    ComplaintService(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // Loads each procedure's organisation into the database (idempotent) and keeps it;
    // `source` names the file. Throws ProcedureConflict (store/records.hpp).
    void add_organisation(const Procedure& p, const std::string& procedure_text,
                          const std::string& source, Instant now);

    const std::vector<std::unique_ptr<OrganisationContext>>& organisations() const { return orgs_; }
    const OrganisationContext* organisation(const std::string& slug_or_code) const;

    using Callback = std::function<void(CommandResult)>;

    // Staff-dependent checks (actor, handler, involved employees belong to the organisation)
    // happen here, the rules in core/, then one durable write; `done` runs after commit.
    void register_complaint(const OrganisationContext& org, Intake intake, const Actor& actor,
                            Instant now, const Callback& done);
    void apply_command(const OrganisationContext& org, long long complaint_id, Command cmd,
                       const Actor& actor, Instant now, const Callback& done);

    // Records that a person read confidential cases (an audit event `action`, "view" or
    // "view-summary", on each); `done(true)` once it is durable.
    void record_view(const OrganisationContext& org, const std::vector<Complaint>& cases,
                     const std::string& action, const Actor& actor, Instant now,
                     const std::function<void(bool)>& done);

    // Synchronous forms for the command line and tests.
    CommandResult register_complaint_sync(const OrganisationContext& org, Intake intake,
                                          const Actor& actor, Instant now);
    CommandResult apply_command_sync(const OrganisationContext& org, long long complaint_id,
                                     Command cmd, const Actor& actor, Instant now);

    Database& database() { return db_; }
    Writer& writer() { return writer_; }

private:
    std::optional<Refusal> check_staff(const OrganisationContext& org, long long actor,
                                       const std::vector<long long>& involved,
                                       std::optional<long long> handler, bool& handler_confidant,
                                       std::optional<long long> added = std::nullopt);

    // Staff of an organisation, read at most once a second: the guards need it on every
    // write, and it changes rarely (a new employee counts from the next second).
    std::vector<StaffMember> staff_of(long long organisation_id);

    Database& db_;
    Writer& writer_;
    std::vector<std::unique_ptr<OrganisationContext>> orgs_;
    std::mutex staff_mu_;
    std::map<long long, std::pair<std::chrono::steady_clock::time_point, std::vector<StaffMember>>>
        staff_cache_;
};

} // namespace kd
