// nonconformities.cpp: the register's and the actions' use cases (docs/register.md).
#include "service/nonconformities.hpp"

#include "core/amsterdam_time.hpp"
#include "service/incident.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace kd {
namespace {

using nlohmann::json;

json opt_date(const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
}

// The fields of a record as its audit events hold them.
json fields_of(const Nonconformity& n) {
    return {{"reference", n.reference},
            {"kind", finding_kind_name(n.kind)},
            {"occurred_on", format_date(n.occurred_on)},
            {"description", n.description},
            {"source", finding_source_name(n.source)},
            {"complaint_id", n.complaint_id ? json(*n.complaint_id) : json(nullptr)},
            {"cause_category", n.cause_category},
            {"cause", n.cause},
            {"correction", n.correction},
            {"closed_at", n.closed_at ? json(to_epoch(*n.closed_at)) : json(nullptr)},
            {"close_note", n.close_note}};
}

json fields_of(const TrackedAction& a) {
    return {{"action_id", a.id},
            {"kind", action_kind_name(a.kind)},
            {"what", a.what},
            {"owner_id", a.owner_id},
            {"due_on", format_date(a.due_on)},
            {"status", action_status_name(a.status)},
            {"effective_from", opt_date(a.effective_from)},
            {"result", a.result},
            {"review_due_on", opt_date(a.review_due_on)},
            {"reviewed_on", opt_date(a.reviewed_on)},
            {"effective", a.effective ? json(*a.effective) : json(nullptr)},
            {"evidence", a.evidence},
            {"follows_id", a.follows_id ? json(*a.follows_id) : json(nullptr)}};
}

// {field: [before, after]} of what differs; a new record has no before (null). `keep` stays
// in as [x, x] so that every event says which action it is about.
json changes(const json& before, const json& after, const char* keep = nullptr) {
    json out = json::object();
    for (auto it = after.begin(); it != after.end(); ++it) {
        const json was =
            before.is_object() && before.contains(it.key()) ? before[it.key()] : json(nullptr);
        bool empty = it->is_null() || (it->is_string() && it->get<std::string>().empty());
        if (before.is_null() ? !empty : was != *it) out[it.key()] = json::array({was, *it});
        if (keep && it.key() == keep && !out.contains(keep)) out[keep] = json::array({*it, *it});
    }
    return out;
}

Refusal not_for_you() {
    return forbidden("Alleen de coördinator of de directie laat afwijkingen onderzoeken en "
                     "beoordeelt maatregelen.",
                     "Only the coordinator or management has nonconformities investigated and "
                     "judges measures.");
}

Refusal nonconformity_not_found() {
    return not_found("Deze afwijking bestaat niet, of u mag hem niet inzien.",
                     "This nonconformity does not exist, or you may not see it.");
}

Refusal action_not_found() {
    return not_found("Deze actie bestaat niet, of u mag hem niet inzien.",
                     "This action does not exist, or you may not see it.");
}

bool works_here(const StaffMember& s) {
    Viewer v = viewer_from_roles(s.id, s.roles);
    return s.active && (v.employee || v.handler || v.coordinator || v.management || v.confidant);
}

} // namespace

std::optional<Refusal> NonconformityService::check_owner(const OrganisationContext& org,
                                                         long long owner_id) {
    if (owner_id <= 0) return std::nullopt; // plan_action names it
    auto s = db_.staff_member(org.record.id, owner_id);
    if (!s || !works_here(*s))
        return invalid_fields(
            {{"owner_id", "Kies een actieve medewerker van deze organisatie als eigenaar.",
              "Choose an active employee of this organisation as owner."}});
    return std::nullopt;
}

ActionView NonconformityService::view_of(const OrganisationContext& org, const TrackedAction& a,
                                         const Viewer& v) {
    ActionView out{a, std::nullopt, std::nullopt, false, false};
    const bool owner = a.owner_id == v.staff_id;
    if (a.complaint_id) {
        auto c = db_.complaint(org.record.id, *a.complaint_id);
        if (c && can_see(v, *c)) out.complaint = RecordLink{c->id, c->reference};
        out.may_update = !a.is_final() && (owner || (c && may_work_case(v, *c)));
    }
    if (a.nonconformity_id) {
        if (auto n = db_.nonconformity(org.record.id, *a.nonconformity_id))
            out.nonconformity = RecordLink{n->id, n->reference};
        out.may_update = !a.is_final() && (owner || runs_register(v));
        out.may_review = runs_register(v) && a.status == ActionStatus::done && !a.effective;
    }
    return out;
}

bool NonconformityService::sees(const Nonconformity& n, const std::vector<TrackedAction>& measures,
                                const Viewer& v) const {
    if (reads_register(v)) return true;
    if (n.recorded_by == v.staff_id) return true;
    return std::any_of(measures.begin(), measures.end(),
                       [&](const TrackedAction& a) { return a.owner_id == v.staff_id; });
}

NonconformityView NonconformityService::view_of(const OrganisationContext& org,
                                                const Nonconformity& n,
                                                const std::vector<TrackedAction>& measures,
                                                const Viewer& v) {
    NonconformityView out;
    out.record = n;
    if (n.complaint_id)
        if (auto c = db_.complaint(org.record.id, *n.complaint_id); c && can_see(v, *c))
            out.complaint = RecordLink{c->id, c->reference};
    for (const auto& m : measures)
        out.measures.push_back(view_of(org, m, v));
    out.may_edit = runs_register(v) && !n.closed();
    return out;
}

std::optional<Refusal>
NonconformityService::write(const std::function<std::optional<Refusal>(Transaction&)>& work) {
    std::optional<Refusal> refused;
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            refused = work(t);
            return !refused;
        },
        &error);
    if (refused) return refused;
    if (status != WriteStatus::committed) return storage_failed("register", error);
    return std::nullopt;
}

std::optional<Refusal> NonconformityService::may_investigate(const OrganisationContext& org,
                                                             const Viewer& v, long long id) {
    auto n = db_.nonconformity(org.record.id, id);
    if (!n) return nonconformity_not_found();
    ActionQuery mq;
    mq.organisation_id = org.record.id;
    mq.nonconformity_id = id;
    // Whoever may not see it learns nothing of it, not even that it exists.
    if (!sees(*n, db_.actions(mq), v)) return nonconformity_not_found();
    if (!runs_register(v)) return not_for_you();
    return std::nullopt;
}

Outcome<std::vector<NonconformityView>> NonconformityService::list(const OrganisationContext& org,
                                                                   const Viewer& viewer,
                                                                   NonconformityQuery q) {
    if (!reads_register(viewer) && !may_report_finding(viewer))
        return forbidden("Uw rol heeft geen toegang tot het afwijkingenregister.",
                         "Your role has no access to the nonconformity register.");
    q.organisation_id = org.record.id;
    auto rows = db_.nonconformities(q);
    ActionQuery mq;
    mq.organisation_id = org.record.id;
    mq.measures_only = true;
    std::map<long long, std::vector<TrackedAction>> measures;
    for (auto& a : db_.actions(mq))
        measures[*a.nonconformity_id].push_back(std::move(a));
    std::vector<NonconformityView> out;
    for (const auto& n : rows)
        if (sees(n, measures[n.id], viewer)) out.push_back(view_of(org, n, measures[n.id], viewer));
    return out;
}

Outcome<NonconformityView> NonconformityService::get(const OrganisationContext& org,
                                                     const Viewer& viewer, long long id) {
    auto n = db_.nonconformity(org.record.id, id);
    if (!n) return nonconformity_not_found();
    ActionQuery mq;
    mq.organisation_id = org.record.id;
    mq.nonconformity_id = id;
    auto measures = db_.actions(mq);
    if (!sees(*n, measures, viewer)) return nonconformity_not_found();
    auto view = view_of(org, *n, measures, viewer);
    view.timeline = db_.subject_events(org.record.id, "nonconformity", id);
    return view;
}

void record_complaint_in_register(Transaction& t, const OrganisationContext& org,
                                  const Complaint& c, const Actor& actor, Instant now) {
    if (!org.procedure.complaints_in_register) return;
    Nonconformity n = nonconformity_of_complaint(c, actor.staff_id, now);
    t.insert_nonconformity(n, org.record.code);
    t.append_register_event(org.record.id, "nonconformity", n.id, now, actor,
                            "nonconformity-recorded", changes(nullptr, fields_of(n)).dump());
}

Outcome<NonconformityView> NonconformityService::record(const OrganisationContext& org,
                                                        const NewNonconformity& in,
                                                        const Actor& actor, Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    if (!may_report_finding(v))
        return forbidden("Uw rol kan geen afwijkingen melden.",
                         "Your role cannot report nonconformities.");
    // The complaint it came from is one the reporter may see: no learning of other cases.
    if (in.complaint_id) {
        auto c = db_.complaint(org.record.id, *in.complaint_id);
        if (!c || !can_see(v, *c))
            return invalid_fields(
                {{"complaint_id", "Deze klacht kent u niet.", "You do not know this complaint."}});
    }
    auto made = record_nonconformity(org.procedure, in, actor.staff_id, now);
    if (!made) return made.refusal();
    Nonconformity n = std::move(made).value();
    n.organisation_id = org.record.id;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        t.insert_nonconformity(n, org.record.code);
        t.append_register_event(org.record.id, "nonconformity", n.id, now, actor,
                                "nonconformity-recorded", changes(nullptr, fields_of(n)).dump());
        return std::nullopt;
    });
    if (refused) return *refused;
    return view_of(org, n, {}, v);
}

Outcome<NonconformityView> NonconformityService::change(const OrganisationContext& org,
                                                        long long id,
                                                        const NonconformityChange& change,
                                                        const Actor& actor, Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    if (auto no = may_investigate(org, v, id)) return *no;
    Nonconformity after;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        auto before = t.nonconformity(org.record.id, id);
        if (!before) {
            return nonconformity_not_found();
        }
        auto changed = change_nonconformity(org.procedure, *before, change);
        if (!changed) {
            return changed.refusal();
        }
        after = std::move(changed).value();
        t.update_nonconformity(after);
        t.append_register_event(org.record.id, "nonconformity", id, now, actor,
                                "nonconformity-changed",
                                kd::changes(fields_of(*before), fields_of(after)).dump());
        return std::nullopt;
    });
    if (refused) return *refused;
    return get(org, v, id);
}

Outcome<NonconformityView> NonconformityService::close(const OrganisationContext& org, long long id,
                                                       const std::string& note, const Actor& actor,
                                                       Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    if (auto no = may_investigate(org, v, id)) return *no;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        auto before = t.nonconformity(org.record.id, id);
        if (!before) {
            return nonconformity_not_found();
        }
        ActionQuery mq;
        mq.organisation_id = org.record.id;
        mq.nonconformity_id = id;
        auto closed = close_nonconformity(*before, t.actions(mq), note, actor.staff_id, now);
        if (!closed) {
            return closed.refusal();
        }
        t.update_nonconformity(closed.value());
        t.append_register_event(org.record.id, "nonconformity", id, now, actor,
                                "nonconformity-closed",
                                changes(fields_of(*before), fields_of(closed.value())).dump());
        return std::nullopt;
    });
    if (refused) return *refused;
    return get(org, v, id);
}

Outcome<ActionView> NonconformityService::add_measure(const OrganisationContext& org,
                                                      long long nonconformity_id,
                                                      const NewAction& in, const Actor& actor,
                                                      Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    if (auto no = may_investigate(org, v, nonconformity_id)) return *no;
    auto n = db_.nonconformity(org.record.id, nonconformity_id);
    if (!n) return nonconformity_not_found();
    if (n->closed())
        return Refusal("nonconformity_closed",
                       "Deze afwijking is gesloten; een nieuwe bevinding is een nieuwe melding.",
                       "This nonconformity is closed; a new finding is a new record.", "",
                       RefusalKind::conflict);
    if (in.kind == ActionKind::agreed)
        return invalid_fields({{"kind", "Kies corrigerend, preventief of procedurewijziging.",
                                "Choose corrective, preventive or procedure_change."}});
    if (auto r = check_owner(org, in.owner_id)) return *r;
    auto planned = plan_action(in, std::nullopt, nonconformity_id, actor.staff_id, now);
    if (!planned) return planned.refusal();
    TrackedAction a = std::move(planned).value();
    a.organisation_id = org.record.id;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        t.insert_action(a);
        t.append_register_event(org.record.id, "nonconformity", nonconformity_id, now, actor,
                                "measure-added", changes(nullptr, fields_of(a)).dump());
        return std::nullopt;
    });
    if (refused) return *refused;
    return view_of(org, a, v);
}

Outcome<ActionView> NonconformityService::add_agreed_action(const OrganisationContext& org,
                                                            long long complaint_id,
                                                            const NewAction& in, const Actor& actor,
                                                            Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    auto c = db_.complaint(org.record.id, complaint_id);
    if (!c || !can_see(v, *c))
        return not_found("Deze klacht bestaat niet, of u mag hem niet inzien.",
                         "This complaint does not exist, or you may not see it.");
    if (!may_work_case(v, *c))
        return forbidden("Alleen wie de klacht behandelt, legt acties vast.",
                         "Only whoever works the complaint records actions.");
    if (is_final(c->state))
        return Refusal("complaint_final", "Deze klacht is afgesloten.", "This complaint has ended.",
                       "", RefusalKind::conflict);
    if (auto r = check_owner(org, in.owner_id)) return *r;
    NewAction agreed = in;
    agreed.kind = ActionKind::agreed;
    auto planned = plan_action(agreed, complaint_id, std::nullopt, actor.staff_id, now);
    if (!planned) return planned.refusal();
    TrackedAction a = std::move(planned).value();
    a.organisation_id = org.record.id;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        auto now_stored = t.complaint(org.record.id, complaint_id);
        if (!now_stored) {
            return not_found("Deze klacht bestaat niet.", "This complaint does not exist.");
        }
        t.insert_action(a);
        // On the complaint's timeline: the actions are part of its handling (003).
        t.append_case_event(org.record.id, *now_stored, "action", a.id, now, actor, "action-added",
                            changes(nullptr, fields_of(a)).dump());
        return std::nullopt;
    });
    if (refused) return *refused;
    return view_of(org, a, v);
}

std::vector<ActionView> NonconformityService::agreed_actions_of(const OrganisationContext& org,
                                                                const Complaint& c,
                                                                const Viewer& viewer) {
    ActionQuery q;
    q.organisation_id = org.record.id;
    q.complaint_id = c.id;
    std::vector<ActionView> out;
    for (const auto& a : db_.actions(q)) {
        ActionView view{a, RecordLink{c.id, c.reference}, std::nullopt, false, false};
        view.may_update =
            !a.is_final() && (a.owner_id == viewer.staff_id || may_work_case(viewer, c));
        out.push_back(std::move(view));
    }
    return out;
}

Outcome<std::vector<ActionView>> NonconformityService::actions(const OrganisationContext& org,
                                                               const Viewer& viewer, bool mine,
                                                               bool open_only) {
    if (!reads_register(viewer) && !may_report_finding(viewer))
        return forbidden("Uw rol heeft geen acties.", "Your role has no actions.");
    ActionQuery q;
    q.organisation_id = org.record.id;
    q.open_only = open_only;
    q.by_due_date = true;
    // Who does not read the register reads only their own.
    if (mine || !reads_register(viewer)) q.owner_id = viewer.staff_id;
    std::vector<ActionView> out;
    for (const auto& a : db_.actions(q)) {
        ActionView view = view_of(org, a, viewer);
        // An action on a case the reader may not see stays hidden, unless it is theirs.
        if (a.complaint_id && !view.complaint && a.owner_id != viewer.staff_id) continue;
        out.push_back(std::move(view));
    }
    return out;
}

Outcome<ActionView> NonconformityService::change_status(const OrganisationContext& org,
                                                        long long id, ActionStatus to,
                                                        const std::string& note, const Actor& actor,
                                                        Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    auto found = db_.action(org.record.id, id);
    if (!found) return action_not_found();
    ActionView seen = view_of(org, *found, v);
    if (found->complaint_id && !seen.complaint && found->owner_id != v.staff_id)
        return action_not_found();
    if (!seen.may_update && !found->is_final())
        return forbidden("Alleen de eigenaar, of wie de klacht of afwijking behandelt, werkt "
                         "deze actie bij.",
                         "Only its owner, or whoever works the complaint or nonconformity, "
                         "updates this action.");
    TrackedAction after;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        auto before = t.action(org.record.id, id);
        if (!before) {
            return action_not_found();
        }
        auto changed = kd::change_status(*before, to, note, now);
        if (!changed) {
            return changed.refusal();
        }
        after = std::move(changed).value();
        t.update_action(after);
        const std::string diff = changes(fields_of(*before), fields_of(after), "action_id").dump();
        if (after.complaint_id) {
            auto c = t.complaint(org.record.id, *after.complaint_id);
            if (!c) {
                return action_not_found();
            }
            t.append_case_event(org.record.id, *c, "action", id, now, actor,
                                "action-status-changed", diff);
        } else {
            t.append_register_event(org.record.id, "nonconformity", *after.nonconformity_id, now,
                                    actor, "measure-status-changed", diff);
        }
        return std::nullopt;
    });
    if (refused) return *refused;
    return view_of(org, after, v);
}

Outcome<NonconformityService::Reviewed> NonconformityService::review(
    const OrganisationContext& org, long long id, const EffectivenessReview& r,
    const std::optional<NewAction>& follow_up, const Actor& actor, Instant now) {
    const Viewer v = actor.viewer.value_or(Viewer{});
    auto found = db_.action(org.record.id, id);
    if (!found || (found->complaint_id && !view_of(org, *found, v).complaint))
        return action_not_found();
    if (!runs_register(v)) return not_for_you();
    if (follow_up && r.effective)
        return invalid_fields({{"follow_up", "Een doeltreffende maatregel krijgt geen vervolg.",
                                "An effective measure needs no follow-up."}});
    std::optional<TrackedAction> next;
    if (follow_up && found->nonconformity_id) {
        if (follow_up->kind == ActionKind::agreed)
            return invalid_fields(
                {{"follow_up.kind", "Kies corrigerend, preventief of procedurewijziging.",
                  "Choose corrective, preventive or procedure_change."}});
        if (auto bad = check_owner(org, follow_up->owner_id)) {
            for (auto& f : bad->fields)
                f.field = "follow_up." + f.field;
            return *bad;
        }
        auto planned =
            plan_action(*follow_up, std::nullopt, found->nonconformity_id, actor.staff_id, now);
        if (!planned) {
            Refusal bad = planned.refusal();
            for (auto& f : bad.fields)
                f.field = "follow_up." + f.field;
            return bad;
        }
        next = std::move(planned).value();
        next->organisation_id = org.record.id;
        next->follows_id = id;
    }
    TrackedAction after;
    auto refused = write([&](Transaction& t) -> std::optional<Refusal> {
        auto before = t.action(org.record.id, id);
        if (!before) {
            return action_not_found();
        }
        auto judged = review_measure(*before, r, next.has_value(), actor.staff_id, now);
        if (!judged) {
            return judged.refusal();
        }
        after = std::move(judged).value();
        t.update_action(after);
        t.append_register_event(org.record.id, "nonconformity", *after.nonconformity_id, now, actor,
                                "measure-reviewed",
                                changes(fields_of(*before), fields_of(after), "action_id").dump());
        // R-NC: not effective, so a new measure, in the same write.
        if (next && !r.effective) {
            t.insert_action(*next);
            t.append_register_event(org.record.id, "nonconformity", *next->nonconformity_id, now,
                                    actor, "measure-added",
                                    changes(nullptr, fields_of(*next)).dump());
        }
        return std::nullopt;
    });
    if (refused) return *refused;
    Reviewed out{view_of(org, after, v), std::nullopt};
    if (next && !r.effective) out.follow_up = view_of(org, *next, v);
    return out;
}

} // namespace kd
