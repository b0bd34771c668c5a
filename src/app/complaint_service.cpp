// complaint_service.cpp: each use case is one write request: read the complaint inside the
// batch transaction, apply the core rule, store the new state and its audit event.
#include "app/complaint_service.hpp"

#include "core/access.hpp"

#include <future>

namespace kd {
namespace {

Refusal staff_refusal(const std::string& field, const std::string& nl, const std::string& en) {
    return Refusal{"unknown_staff", nl, en, field};
}

CommandResult failed(const std::string& error) {
    CommandResult r;
    r.kind = CommandResult::failed;
    r.error = error;
    return r;
}

CommandResult refused(Refusal why) {
    CommandResult r;
    r.kind = CommandResult::refused;
    r.refusal = std::move(why);
    return r;
}

} // namespace

void ComplaintService::add_organisation(const Procedure& p, const std::string& procedure_text,
                                        const std::string& source, Instant now) {
    auto rec = db_.ensure_organisation({p.organisation_code, p.slug, p.organisation_name, p.version,
                                        p.authorised_by, procedure_text, source},
                                       now);
    orgs_.push_back(std::unique_ptr<OrganisationContext>(
        new OrganisationContext{rec, p, procedure_text, WorkingDayCalendar(p.calendar)}));
}

const OrganisationContext* ComplaintService::organisation(const std::string& key) const {
    for (const auto& o : orgs_)
        if (o->record.slug == key || o->record.code == key) return o.get();
    return nullptr;
}

std::optional<Refusal> ComplaintService::check_staff(
    const OrganisationContext& org, long long actor, const std::vector<long long>& involved,
    std::optional<long long> handler, bool& handler_confidant, std::optional<long long> added) {
    auto staff = staff_of(org.record.id);
    auto find = [&](long long id) -> const StaffMember* {
        for (const auto& s : staff)
            if (s.id == id && s.active) return &s;
        return nullptr;
    };
    if (!find(actor))
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
        handler_confidant = h->confidant;
    }
    // Whom a confidant adds to a case must be a colleague with an active account.
    if (added && !find(*added))
        return staff_refusal(
            "staff_id",
            "Medewerker " + std::to_string(*added) + " bestaat niet bij deze organisatie.",
            "Employee " + std::to_string(*added) + " does not exist in this organisation.");
    return std::nullopt;
}

std::vector<StaffMember> ComplaintService::staff_of(long long organisation_id) {
    auto now = std::chrono::steady_clock::now();
    {
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

void ComplaintService::register_complaint(const OrganisationContext& org, Intake intake,
                                          const Actor& actor, Instant now, const Callback& done) {
    if (actor.viewer && !can_register(*actor.viewer)) {
        CommandResult r;
        r.kind = CommandResult::forbidden;
        r.refusal = {"forbidden", "Uw rol mag geen klachten registreren.",
                     "Your role may not register complaints.", ""};
        return done(r);
    }
    bool confidant = false;
    if (auto r =
            check_staff(org, actor.staff_id, intake.involved_staff, intake.handler_id, confidant))
        return done(refused(*r));
    intake.handler_is_confidant = confidant;
    auto made = kd::register_complaint(org.procedure, intake, actor.staff_id, now);
    if (!made) return done(refused(made.refusal()));
    auto result = std::make_shared<CommandResult>();
    Complaint c = std::move(made).value();
    c.organisation_id = org.record.id;
    const OrganisationContext* o = &org;
    writer_.submit({[o, c, actor, now, result](Transaction& t) mutable {
                        auto due = next_due(deadlines_of(o->procedure, o->calendar, c, now));
                        t.insert_complaint(c, due, now);
                        t.append_audit(c.organisation_id, c.id, now, actor, "register", nullptr, c);
                        result->complaint = c;
                        return true;
                    },
                    [result, done](WriteStatus s, const std::string& err) {
                        if (s != WriteStatus::committed) return done(failed(err));
                        result->kind = CommandResult::ok;
                        done(std::move(*result));
                    }});
}

void ComplaintService::apply_command(const OrganisationContext& org, long long complaint_id,
                                     Command cmd, const Actor& actor, Instant now,
                                     const Callback& done) {
    std::optional<long long> handler, added;
    if (auto* a = std::get_if<Assign>(&cmd)) handler = a->handler_id;
    if (auto* g = std::get_if<GrantAccess>(&cmd)) added = g->staff_id;
    bool confidant = false;
    if (auto r = check_staff(org, actor.staff_id, {}, handler, confidant, added))
        return done(refused(*r));
    if (auto* a = std::get_if<Assign>(&cmd)) a->handler_is_confidant = confidant;
    if (auto* sh = std::get_if<ShareSummary>(&cmd)) sh->shared_by = actor.staff_id;
    auto result = std::make_shared<CommandResult>();
    const OrganisationContext* o = &org;
    writer_.submit({[o, complaint_id, cmd, actor, now, result](Transaction& t) {
                        auto before = t.complaint(o->record.id, complaint_id);
                        // A case the person may not see does not exist for them.
                        if (!before || (actor.viewer && !can_see(*actor.viewer, *before))) {
                            result->kind = CommandResult::not_found;
                            return false;
                        }
                        if (actor.viewer)
                            if (auto no = may_apply(*actor.viewer, *before, cmd)) {
                                result->kind = CommandResult::forbidden;
                                result->refusal = *no;
                                return false;
                            }
                        auto after = apply(o->procedure, o->calendar, *before, cmd, now);
                        if (!after) {
                            result->kind = CommandResult::refused;
                            result->refusal = after.refusal();
                            return false;
                        }
                        Complaint c = std::move(after).value();
                        auto due = next_due(deadlines_of(o->procedure, o->calendar, c, now));
                        t.update_complaint(c, due, now);
                        t.append_audit(c.organisation_id, c.id, now, actor, command_name(cmd),
                                       &*before, c);
                        result->kind = CommandResult::ok;
                        result->complaint = std::move(c);
                        return true;
                    },
                    [result, done](WriteStatus s, const std::string& err) {
                        if (s == WriteStatus::failed) return done(failed(err));
                        done(std::move(*result));
                    }});
}

void ComplaintService::record_view(const OrganisationContext& org,
                                   const std::vector<Complaint>& cases, const std::string& action,
                                   const Actor& actor, Instant now,
                                   const std::function<void(bool)>& done) {
    long long org_id = org.record.id;
    writer_.submit(
        {[org_id, cases, action, actor, now](Transaction& t) {
             for (const auto& c : cases)
                 t.append_audit(org_id, c.id, now, actor, action, &c, c);
             return true;
         },
         [done](WriteStatus s, const std::string&) { done(s == WriteStatus::committed); }});
}

CommandResult ComplaintService::register_complaint_sync(const OrganisationContext& org,
                                                        Intake intake, const Actor& actor,
                                                        Instant now) {
    std::promise<CommandResult> p;
    auto f = p.get_future();
    register_complaint(org, std::move(intake), actor, now,
                       [&p](CommandResult r) { p.set_value(std::move(r)); });
    return f.get();
}

CommandResult ComplaintService::apply_command_sync(const OrganisationContext& org,
                                                   long long complaint_id, Command cmd,
                                                   const Actor& actor, Instant now) {
    std::promise<CommandResult> p;
    auto f = p.get_future();
    apply_command(org, complaint_id, std::move(cmd), actor, now,
                  [&p](CommandResult r) { p.set_value(std::move(r)); });
    return f.get();
}

} // namespace kd
