// nonconformities.hpp: the nonconformity register and the actions followed until done
// (issue 13, R-NC, docs/register.md): who may read and change what, the owner an action is
// given to, and each change as one durable write with its audit event.
#pragma once

#include "core/access.hpp"
#include "core/nonconformity.hpp"
#include "core/tracked_action.hpp"
#include "service/organisations.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kd {

// What a row links to, as its reader may know it.
struct RecordLink {
    long long id = 0;
    std::string reference;
};

struct ActionView {
    TrackedAction action;
    std::optional<RecordLink> complaint;     // an agreed action's case, when the reader sees it
    std::optional<RecordLink> nonconformity; // a measure's nonconformity
    bool may_update = false;                 // change its status
    bool may_review = false;                 // judge its effectiveness now
};

struct NonconformityView {
    Nonconformity record;
    std::optional<RecordLink> complaint; // where it came from, when the reader may see that
    std::vector<ActionView> measures;
    bool may_edit = false;
    std::vector<AuditEvent> timeline; // filled by get() only
};

// R-NC (000): inside the write that registers complaint `c` (it has its id and reference),
// records it in the register as well, audited, when the organisation's procedure says every
// complaint goes there. Every way a complaint comes in calls it: the intake, the public form,
// mail registered as a complaint, the demo data; not an import of historic cases.
void record_complaint_in_register(Transaction& t, const OrganisationContext& org,
                                  const Complaint& c, const Actor& actor, Instant now);

class NonconformityService {
public:
    NonconformityService(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // The register as `viewer` may read it: all of it for coordinators, management and
    // auditors; for others what they recorded or own a measure of.
    Outcome<std::vector<NonconformityView>> list(const OrganisationContext& org,
                                                 const Viewer& viewer, NonconformityQuery q);
    Outcome<NonconformityView> get(const OrganisationContext& org, const Viewer& viewer,
                                   long long id);
    Outcome<NonconformityView> record(const OrganisationContext& org, const NewNonconformity& in,
                                      const Actor& actor, Instant now);
    Outcome<NonconformityView> change(const OrganisationContext& org, long long id,
                                      const NonconformityChange& change, const Actor& actor,
                                      Instant now);
    Outcome<NonconformityView> close(const OrganisationContext& org, long long id,
                                     const std::string& note, const Actor& actor, Instant now);
    Outcome<ActionView> add_measure(const OrganisationContext& org, long long nonconformity_id,
                                    const NewAction& in, const Actor& actor, Instant now);

    // Agreed actions on a complaint (003), by whoever works the case.
    Outcome<ActionView> add_agreed_action(const OrganisationContext& org, long long complaint_id,
                                          const NewAction& in, const Actor& actor, Instant now);
    // A case's agreed actions as its reader (who sees the case) reads them.
    std::vector<ActionView> agreed_actions_of(const OrganisationContext& org, const Complaint& c,
                                              const Viewer& viewer);

    // The reader's own open actions (`mine`), or every one they may see; by due date.
    Outcome<std::vector<ActionView>> actions(const OrganisationContext& org, const Viewer& viewer,
                                             bool mine, bool open_only);
    Outcome<ActionView> change_status(const OrganisationContext& org, long long id, ActionStatus to,
                                      const std::string& note, const Actor& actor, Instant now);
    // The review of a measure; `follow_up` is the new measure when it did not work.
    struct Reviewed {
        ActionView action;
        std::optional<ActionView> follow_up;
    };
    Outcome<Reviewed> review(const OrganisationContext& org, long long id,
                             const EffectivenessReview& r,
                             const std::optional<NewAction>& follow_up, const Actor& actor,
                             Instant now);

private:
    // One durable write: `work` returns why it may not happen (and nothing is kept), or
    // nullopt to commit; a write that fails in storage is a refusal too.
    std::optional<Refusal> write(const std::function<std::optional<Refusal>(Transaction&)>& work);
    // The reader sees the nonconformity and runs the register; else not_found or forbidden.
    std::optional<Refusal> may_investigate(const OrganisationContext& org, const Viewer& v,
                                           long long id);
    std::optional<Refusal> check_owner(const OrganisationContext& org, long long owner_id);
    ActionView view_of(const OrganisationContext& org, const TrackedAction& a, const Viewer& v);
    NonconformityView view_of(const OrganisationContext& org, const Nonconformity& n,
                              const std::vector<TrackedAction>& measures, const Viewer& v);
    bool sees(const Nonconformity& n, const std::vector<TrackedAction>& measures,
              const Viewer& v) const;

    Database& db_;
    Writer& writer_;
};

} // namespace kd
