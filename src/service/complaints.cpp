// complaints.cpp: each write is one request to the writer: read the complaint inside the
// batch transaction, apply the core rule, store the new state and its audit event; the
// caller waits for the commit on its own (executor) thread.
#include "service/complaints.hpp"

#include "service/incident.hpp"
#include "service/nonconformities.hpp"
#include "service/outgoing_mail.hpp"
#include "service/passwords.hpp"
#include "store/audit_chain.hpp"

namespace kd {
namespace {

Refusal staff_refusal(const std::string& field, const std::string& nl, const std::string& en) {
    return Refusal{"unknown_staff", nl, en, field};
}

Refusal not_a_handler() {
    return Refusal{"not_a_handler",
                   "Deze medewerker behandelt geen klachten; kies een behandelaar, de "
                   "coördinator of iemand van de directie.",
                   "This person does not handle complaints; choose a handler, the coordinator "
                   "or someone from management.",
                   "handler_id"};
}

} // namespace

Refusal case_not_found() {
    return not_found("Deze klacht bestaat niet bij deze organisatie.",
                     "This complaint does not exist in this organisation.");
}

std::optional<Refusal> ComplaintService::check_staff(const OrganisationContext& org,
                                                     long long actor,
                                                     const std::vector<long long>& involved,
                                                     std::optional<long long> handler,
                                                     std::optional<Viewer>& handler_roles,
                                                     std::optional<long long> added) {
    auto staff = staff_of(org.record.id);
    auto known = [&](long long id) {
        return std::any_of(staff.begin(), staff.end(),
                           [&](const StaffMember& s) { return s.id == id; });
    };
    // Someone named that the cached list lacks may have been added this very second (an
    // account made and at once assigned): read the list again before saying no.
    bool stale = !known(actor) || (handler && !known(*handler)) || (added && !known(*added)) ||
                 !std::all_of(involved.begin(), involved.end(), known);
    if (stale) staff = staff_of(org.record.id, true);
    auto find = [&](long long id) -> const StaffMember* {
        for (const auto& s : staff)
            if (s.id == id && s.active) return &s;
        return nullptr;
    };
    // klachtdesk's own account acts for the complainant's answer through a link: it cannot
    // log in (inactive, no password), so only a use case can name it.
    auto system = [&](long long id) {
        for (const auto& s : staff)
            if (s.id == id && s.roles == "system") return true;
        return false;
    };
    if (!find(actor) && !system(actor))
        return staff_refusal("actor_id",
                             "Onbekende medewerker als uitvoerder: " + std::to_string(actor) + ".",
                             "Unknown employee as actor: " + std::to_string(actor) + ".");
    for (long long id : involved)
        if (!find(id))
            return staff_refusal("involved_staff",
                                 "Betrokken medewerker " + std::to_string(id) +
                                     " bestaat niet bij deze organisatie.",
                                 "Involved employee " + std::to_string(id) +
                                     " does not exist in this organisation.");
    if (handler) {
        const StaffMember* h = find(*handler);
        if (!h)
            return staff_refusal(
                "handler_id",
                "Behandelaar " + std::to_string(*handler) + " bestaat niet bij deze organisatie.",
                "Handler " + std::to_string(*handler) + " does not exist in this organisation.");
        handler_roles = viewer_from_roles(h->id, h->roles);
    }
    // Whom a confidant adds to a case must be a colleague with an active account.
    if (added && !find(*added))
        return staff_refusal(
            "staff_id",
            "Medewerker " + std::to_string(*added) + " bestaat niet bij deze organisatie.",
            "Employee " + std::to_string(*added) + " does not exist in this organisation.");
    return std::nullopt;
}

std::vector<StaffMember> ComplaintService::staff_of(long long organisation_id, bool fresh) {
    auto now = std::chrono::steady_clock::now();
    if (!fresh) {
        std::lock_guard lock(staff_mu_);
        auto it = staff_cache_.find(organisation_id);
        if (it != staff_cache_.end() && now - it->second.first < std::chrono::seconds{1})
            return it->second.second;
    }
    auto staff = db_.staff(organisation_id);
    std::lock_guard lock(staff_mu_);
    staff_cache_[organisation_id] = {now, staff};
    return staff;
}

Outcome<SavedComplaint> ComplaintService::register_complaint(const OrganisationContext& org,
                                                             Intake intake, const Actor& actor,
                                                             Instant now,
                                                             const WithComplaint& also) {
    if (actor.viewer && !can_register(*actor.viewer))
        return forbidden("Uw rol mag geen klachten registreren.",
                         "Your role may not register complaints.");
    std::optional<Viewer> handler;
    if (auto r =
            check_staff(org, actor.staff_id, intake.involved_staff, intake.handler_id, handler))
        return *r;
    if (handler) {
        if (actor.viewer)
            if (auto no = may_name_handler_at_intake(*actor.viewer, intake.confidential))
                return *no;
        // A confidential complaint's handler must be a confidant: the lifecycle says so.
        if (!intake.confidential && !can_handle(*handler, false)) return not_a_handler();
        intake.handler_is_confidant = handler->confidant;
    }
    auto made = kd::register_complaint(org.procedure, intake, actor.staff_id, now);
    if (!made) return made.refusal();
    SavedComplaint saved{std::move(made).value(), {}};
    saved.complaint.organisation_id = org.record.id;
    saved.deadlines = deadlines_of(org.procedure, org.calendar, saved.complaint, now);
    const auto staff = staff_of(org.record.id);
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            t.insert_complaint(saved.complaint, next_due(saved.deadlines),
                               org.report_change(nullptr, saved.complaint), now);
            t.append_audit(org.record.id, saved.complaint.id, now, actor, "register", nullptr,
                           saved.complaint);
            record_complaint_in_register(t, org, saved.complaint, actor, now);
            queue_mails(t, org, &saved.complaint,
                        mails_after_intake(
                            org.procedure, saved.complaint,
                            mail_context(org, saved.complaint, saved.deadlines, staff,
                                         mail_templates_of(t.mail_templates(org.record.id)))),
                        now);
            if (also) return also(t, saved.complaint);
            return true;
        },
        &error);
    if (status != WriteStatus::committed) return storage_failed("register complaint", error);
    return saved;
}

Outcome<SavedComplaint> ComplaintService::apply_command(const OrganisationContext& org,
                                                        long long complaint_id, Command cmd,
                                                        const Actor& actor, Instant now,
                                                        std::optional<Instant> at,
                                                        const WithComplaint& also) {
    std::optional<long long> handler, added;
    if (auto* a = std::get_if<Assign>(&cmd)) handler = a->handler_id;
    if (auto* g = std::get_if<GrantAccess>(&cmd)) added = g->staff_id;
    std::vector<long long> involved;
    if (auto* k = std::get_if<Correct>(&cmd); k && k->involved_staff) involved = *k->involved_staff;
    std::optional<Viewer> handler_roles;
    if (auto r = check_staff(org, actor.staff_id, involved, handler, handler_roles, added))
        return *r;
    if (auto* a = std::get_if<Assign>(&cmd); a && handler_roles)
        a->handler_is_confidant = handler_roles->confidant;
    if (auto* sh = std::get_if<ShareSummary>(&cmd)) sh->shared_by = actor.staff_id;
    std::optional<Refusal> refused;
    SavedComplaint saved;
    std::string error;
    const auto staff = staff_of(org.record.id);
    auto status = writer_.run(
        [&](Transaction& t) {
            auto before = t.complaint(org.record.id, complaint_id);
            // A case the person may not see does not exist for them.
            if (!before || (actor.viewer && !can_see(*actor.viewer, *before))) {
                refused = case_not_found();
                return false;
            }
            if (actor.viewer)
                if (auto no = may_apply(*actor.viewer, org.procedure_of(*before), *before, cmd)) {
                    refused = *no;
                    return false;
                }
            if (handler_roles && !before->confidential && !can_handle(*handler_roles, false)) {
                refused = not_a_handler();
                return false;
            }
            auto after =
                apply(org.procedure_of(*before), org.calendar_of(*before), *before, cmd, now, at);
            if (!after) {
                refused = after.refusal();
                return false;
            }
            saved.complaint = std::move(after).value();
            saved.deadlines = deadlines_of(org.procedure_of(saved.complaint),
                                           org.calendar_of(saved.complaint), saved.complaint, now);
            t.update_complaint(*before, saved.complaint, next_due(saved.deadlines),
                               org.report_change(&*before, saved.complaint), now);
            t.append_audit(org.record.id, complaint_id, now, actor, command_name(cmd), &*before,
                           saved.complaint);
            // The mails the step sends are written with it: both or neither (issue 12).
            MailContext context = mail_context(org, saved.complaint, saved.deadlines, staff,
                                               mail_templates_of(t.mail_templates(org.record.id)));
            if (std::holds_alternative<Resolve>(cmd) &&
                !saved.complaint.complainant.email.empty() && !public_url.empty()) {
                // R-CLOSE: the outcome mail carries the complainant's own satisfaction link.
                const std::string token = random_hex(32);
                SatisfactionLink link{org.record.id, complaint_id, now, now + kSatisfactionLinkLife,
                                      std::nullopt};
                t.insert_satisfaction_link(sha256_hex(token), link);
                context.satisfaction_url =
                    public_url + "/klacht/" + org.record.slug + "/tevredenheid/" + token;
                context.satisfaction_until = link.expires_at;
            }
            queue_mails(
                t, org, &saved.complaint,
                mails_after_step(org.procedure_of(*before), *before, saved.complaint, cmd, context),
                now);
            if (also) return also(t, saved.complaint);
            return true;
        },
        &error);
    if (status == WriteStatus::failed) return storage_failed("apply a step", error);
    if (refused) return *refused;
    return saved;
}

Outcome<Done> ComplaintService::record_view(const OrganisationContext& org,
                                            const std::vector<Complaint>& cases,
                                            const std::string& action, const Actor& actor,
                                            Instant now) {
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            // Each case as it is now, inside this write: the event vouches for that state.
            for (const auto& c : cases)
                if (auto current = t.complaint(org.record.id, c.id))
                    t.append_audit(org.record.id, c.id, now, actor, action, &*current, *current);
            return true;
        },
        &error);
    if (status != WriteStatus::committed) {
        Refusal r = storage_failed("record a confidential read", error);
        r.message_nl = "Inzage kon niet worden vastgelegd en wordt daarom niet getoond; probeer "
                       "het opnieuw.";
        r.message_en = "Viewing could not be recorded, so it is not shown; please try again.";
        return r;
    }
    return Done{};
}

Outcome<CaseFile> ComplaintService::read_case(const OrganisationContext& org,
                                              long long complaint_id, const Actor& actor,
                                              Instant now) {
    auto c = db_.complaint(org.record.id, complaint_id);
    // A case the person may not see answers exactly like one that does not exist.
    if (!c || (actor.viewer && !can_see(*actor.viewer, *c))) return case_not_found();
    // Reading a confidential case is itself recorded, before it is shown.
    if (c->confidential)
        if (auto logged = record_view(org, {*c}, "view", actor, now); !logged)
            return logged.refusal();
    CaseFile file{*c,
                  deadlines_of(org.procedure_of(*c), org.calendar_of(*c), *c, now),
                  db_.timeline(org.record.id, complaint_id),
                  std::nullopt,
                  {},
                  db_.attachments(org.record.id, complaint_id),
                  false,
                  {},
                  {}};
    file.may_add_files = actor.viewer && !may_add_file(*actor.viewer, *c);
    for (auto& m : db_.mails_of(org.record.id, complaint_id))
        if (m.recipient == "complainant") file.mails_out.push_back(std::move(m));
    file.mails_in = db_.inbound_mails_of(org.record.id, complaint_id);
    if (actor.viewer)
        file.actions =
            offered_actions(org.procedure_of(*c), org.calendar_of(*c), *c, *actor.viewer, now);
    if (c->handler_id)
        for (auto& s : staff_of(org.record.id))
            if (s.id == *c->handler_id) file.handler = s;
    return file;
}

RegisterPage ComplaintService::register_page(const OrganisationContext& org,
                                             const ComplaintQuery& q) {
    ComplaintPage page = db_.list(q);
    RegisterPage out;
    out.has_more = page.has_more;
    out.next = page.next;
    for (auto& c : page.items) {
        auto next = next_deadline(deadlines_of(org.procedure_of(c), org.calendar_of(c), c, q.now));
        out.rows.push_back({std::move(c), next});
    }
    return out;
}

} // namespace kd
