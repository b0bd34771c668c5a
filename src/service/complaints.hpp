// complaints.hpp: the complaint use cases: register, apply a step, read a case with its
// timeline, the register, the staff to choose from. Each write is one durable write (state +
// audit event) through the Writer; each call blocks, so callers run it on an executor.
#pragma once

#include "core/access.hpp"
#include "core/deadlines.hpp"
#include "core/lifecycle.hpp"
#include "core/offered_actions.hpp"
#include "core/outcome.hpp"
#include "service/organisations.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace kd {

// A case as a person reads it: the complaint, its deadlines at `now`, and its history.
struct CaseFile {
    Complaint complaint;
    std::vector<StepDeadline> deadlines;
    std::vector<AuditEvent> timeline;
    std::optional<StaffMember> handler;  // R-ASSIGN (001, 004): name and function shown
    std::vector<OfferedAction> actions;  // what the reader may do now (core/offered_actions)
    std::vector<Attachment> attachments; // the case file, without the bytes
    bool may_add_files = false;          // the reader may add to it (core may_add_file)
    // The correspondence with the complainant: the mails to them (the outbox) and the
    // messages from them that came in, each oldest first (issue 12).
    std::vector<OutboxMail> mails_out;
    std::vector<InboundMailRecord> mails_in;
};

// What a person is told about a case that does not exist or that they may not see: the
// same words for both, so that nobody learns a confidential case exists.
Refusal case_not_found();

// A complaint after a write, with its deadlines at the moment of the write.
struct SavedComplaint {
    Complaint complaint;
    std::vector<StepDeadline> deadlines;
};

// A register row: the complaint and its next deadline at the query's `now`.
struct RegisterRow {
    Complaint complaint;
    std::optional<StepDeadline> next; // the earliest running deadline
};
struct RegisterPage {
    std::vector<RegisterRow> rows;
    bool has_more = false;
    std::optional<RegisterCursor> next; // where the next page starts
};

class ComplaintService {
public:
    ComplaintService(Database& db, Writer& writer, const Organisations& orgs)
        : db_(db), writer_(writer), orgs_(orgs) {}

    // Staff-dependent checks (actor, handler, involved employees belong to the organisation)
    // happen here, the rules in core/, then one durable write.
    // `also` runs in the same write with the new complaint (a message it came from is
    // settled with it); false from it undoes the write.
    using WithComplaint = std::function<bool(Transaction&, const Complaint&)>;
    Outcome<SavedComplaint> register_complaint(const OrganisationContext& org, Intake intake,
                                               const Actor& actor, Instant now,
                                               const WithComplaint& also = {});
    // `at`: when the step really happened, if not now (core/lifecycle.hpp); the audit event
    // is stamped `now`, the moment it was entered.
    Outcome<SavedComplaint> apply_command(const OrganisationContext& org, long long complaint_id,
                                          Command cmd, const Actor& actor, Instant now,
                                          std::optional<Instant> at = std::nullopt,
                                          const WithComplaint& also = {});

    // Where the public pages are reached from outside ("https://klachten.example.nl"), for
    // the links in mails; empty: the outcome mail has no satisfaction link.
    std::string public_url;
    static constexpr std::chrono::hours kSatisfactionLinkLife{24 * 30};

    // The case if the person may see it (else not_found, like a case that does not exist);
    // reading a confidential case is recorded first, and not shown when it cannot be.
    Outcome<CaseFile> read_case(const OrganisationContext& org, long long complaint_id,
                                const Actor& actor, Instant now);

    // The register as `q.viewer` may see it.
    RegisterPage register_page(const OrganisationContext& org, const ComplaintQuery& q);

    std::vector<StaffMember> staff(const OrganisationContext& org) {
        return db_.staff(org.record.id);
    }

    // Records that a person read confidential cases (an audit event `action`, "view" or
    // "view-summary", on each), durably; a refusal when it could not be recorded.
    Outcome<Done> record_view(const OrganisationContext& org, const std::vector<Complaint>& cases,
                              const std::string& action, const Actor& actor, Instant now);

    const Organisations& organisations() const { return orgs_; }
    Database& database() { return db_; }
    Writer& writer() { return writer_; }

private:
    std::optional<Refusal> check_staff(const OrganisationContext& org, long long actor,
                                       const std::vector<long long>& involved,
                                       std::optional<long long> handler,
                                       std::optional<Viewer>& handler_roles,
                                       std::optional<long long> added = std::nullopt);

    // Staff of an organisation, read at most once a second: the guards need it on every
    // write, and it changes rarely; `fresh` reads it now (check_staff, for someone just added).
    std::vector<StaffMember> staff_of(long long organisation_id, bool fresh = false);

    Database& db_;
    Writer& writer_;
    const Organisations& orgs_;
    std::mutex staff_mu_;
    std::map<long long, std::pair<std::chrono::steady_clock::time_point, std::vector<StaffMember>>>
        staff_cache_;
};

} // namespace kd
