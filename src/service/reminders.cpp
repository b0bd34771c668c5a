// reminders.cpp: who hears of which deadline, and the writing of it to the outbox. When to
// remind is core's (core/reminders.cpp); what the mails say too (core/mail.cpp).
#include "service/reminders.hpp"

#include "core/amsterdam_time.hpp"
#include "service/outgoing_mail.hpp"

#include <spdlog/spdlog.h>

#include <set>

namespace kd {
namespace {

bool reachable(const StaffMember& s) {
    return s.active && !s.email.empty();
}

// Who hears of a deadline of case `c`: its handler; the coordinators when nobody handles it
// yet or it was missed, and management too when missed. A confidential case (003) is its
// confidant's alone: not even the other confidant may know it exists, so only when nobody
// handles it do the confidants hear of it.
std::vector<StaffAddressee> addressees(const Complaint& c, AlertKind kind,
                                       const std::vector<StaffMember>& staff) {
    std::vector<StaffAddressee> out;
    std::set<long long> seen;
    auto add = [&](const StaffMember& s, MailTo as) {
        if (reachable(s) && seen.insert(s.id).second)
            out.push_back({s.id, as, s.name, s.email, s.language});
    };
    for (const auto& s : staff)
        if (c.handler_id && s.id == *c.handler_id) add(s, MailTo::handler);
    const bool handled = !out.empty();
    if (handled && kind == AlertKind::reminder) return out;
    // A confidential case with a confidant as handler stays theirs, even when they cannot
    // be mailed (inactive, no address): the other confidants may not know of it.
    if (c.confidential && c.handler_id) return out;
    for (const auto& s : staff) {
        if (c.confidential) {
            if (s.confidant) add(s, MailTo::confidant);
        } else if (s.has_role("coordinator")) {
            add(s, MailTo::coordinator);
        } else if (kind == AlertKind::missed && s.has_role("management")) {
            add(s, MailTo::management);
        }
    }
    return out;
}

// How far ahead a deadline may lie and still be reminded of at `now`: a little further than
// `before` reaches, so that core/reminders.cpp decides on every case that matters.
Instant horizon(const WorkingDayCalendar& cal, Instant now, const Term& before) {
    using namespace std::chrono;
    switch (before.unit) {
    case TermUnit::hours:
        return now + hours{before.amount + 1};
    case TermUnit::calendar_days:
        return now + days{before.amount + 2};
    case TermUnit::weeks:
        return now + days{7 * before.amount + 2};
    case TermUnit::working_days:
        break;
    }
    return end_of_local_day(cal.add_working_days(local_date(now), before.amount + 1));
}

// A mail to write, with the case it is about (nullptr: a digest).
struct Pending {
    const Complaint* about;
    OutgoingMail mail;
};

// Writes the mails not written before (by this server or another) in one transaction, and
// counts the new ones of each kind into `run`. Most of what a run finds was written by an
// earlier run: one read sorts that out, so that the writer sees only what is new.
// Returns false when they could not be written (the next run tries again).
bool write_once(Database& db, Writer& writer, const OrganisationContext& org,
                std::vector<Pending> pending, Instant now, ReminderRun& run) {
    if (pending.empty()) return true;
    std::vector<std::string> keys;
    keys.reserve(pending.size());
    for (const auto& p : pending)
        keys.push_back(p.mail.once_key);
    auto known = db.once_keys_written(keys);
    std::erase_if(pending, [&](const Pending& p) { return known.count(p.mail.once_key) > 0; });
    if (pending.empty()) return true;
    ReminderRun counted;
    std::string error;
    auto status = writer.run(
        [&](Transaction& t) {
            counted = {};
            for (const auto& p : pending) {
                if (queue_mails(t, org, p.about, {p.mail}, now) == 0) continue;
                if (p.mail.kind == MailKind::digest)
                    ++counted.digests;
                else
                    ++(p.mail.kind == MailKind::missed ? counted.missed : counted.reminders);
            }
            return true;
        },
        &error);
    if (status == WriteStatus::failed) spdlog::error("reminders: not written: {}", error);
    if (status != WriteStatus::committed) return false;
    run.reminders += counted.reminders;
    run.missed += counted.missed;
    run.digests += counted.digests;
    return true;
}

} // namespace

ReminderRun Reminders::run(Instant now) {
    ReminderRun run;
    for (const auto& o : service_.organisations().all()) {
        const auto staff = service_.staff(*o);
        ReminderRun r = deadlines_of(*o, staff, now);
        run.cases_seen += r.cases_seen;
        run.reminders += r.reminders;
        run.missed += r.missed;
        run.digests += digests_of(*o, staff, now).digests;
    }
    return run;
}

ReminderRun Reminders::deadlines_of(const OrganisationContext& org,
                                    const std::vector<StaffMember>& staff, Instant now) {
    ReminderRun run;
    // Earlier procedure versions may remind earlier; the one in force decides how far to look.
    Term widest = org.procedure.remind_before;
    for (const auto& [version, rules] : org.earlier)
        if (horizon(org.calendar, now, rules->procedure.remind_before) >
            horizon(org.calendar, now, widest))
            widest = rules->procedure.remind_before;
    const Instant until = horizon(org.calendar, now, widest);
    Database& db = service_.database();
    std::optional<MailTemplates> templates;
    long long after = 0;
    for (;;) {
        auto cases = db.complaints_due_by(org.record.id, until, after, 500);
        if (cases.empty()) break;
        after = cases.back().id;
        run.cases_seen += static_cast<long long>(cases.size());
        std::vector<Pending> pending;
        for (const auto& c : cases) {
            const Procedure& p = org.procedure_of(c);
            const auto& cal = org.calendar_of(c);
            auto deadlines = kd::deadlines_of(p, cal, c, now);
            auto alerts = deadline_alerts(p, cal, deadlines, now, now - kCatchUp);
            if (alerts.empty()) continue;
            // Read when a mail is to be written, not every minute for nothing.
            if (!templates) templates = mail_templates_of(db.mail_templates(org.record.id));
            MailContext context = mail_context(org, c, deadlines, staff, *templates);
            for (const auto& a : alerts)
                for (const auto& to : addressees(c, a.kind, staff))
                    pending.push_back({&c, deadline_mail(c, a, to, context)});
        }
        write_once(db, writer_, org, std::move(pending), now, run);
    }
    return run;
}

ReminderRun Reminders::digests_of(const OrganisationContext& org,
                                  const std::vector<StaffMember>& staff, Instant now) {
    ReminderRun run;
    const Date today = local_date(now);
    if (auto d = digest_done_.find(org.record.id); d != digest_done_.end() && d->second == today)
        return run;
    if (!org.calendar.is_working_day(today) || now < from_local(today, kDigestHour, 0)) return run;
    // Each person's lines: their own cases; for coordinators (confidants, for confidential
    // cases) the ones nobody handles yet and the ones whose deadline passed.
    std::map<long long, std::vector<DigestLine>> lines;
    std::map<long long, StaffAddressee> who;
    for (const auto& s : staff)
        if (reachable(s))
            who[s.id] = {s.id, s.has_role("coordinator") ? MailTo::coordinator : MailTo::handler,
                         s.name, s.email, s.language};
    Database& db = service_.database();
    long long after = 0;
    for (;;) {
        auto cases = db.complaints_due_by(org.record.id, from_epoch(kNothingDue - 1), after, 1000);
        if (cases.empty()) break;
        after = cases.back().id;
        for (const auto& c : cases) {
            for (const auto& d :
                 kd::deadlines_of(org.procedure_of(c), org.calendar_of(c), c, now)) {
                if (!d.due || d.done_at ||
                    (d.status != DeadlineStatus::due && d.status != DeadlineStatus::missed))
                    continue;
                DigestLine line{c.reference, d.step, *d.due, !c.handler_id, {}};
                std::set<long long> to;
                if (c.handler_id && who.count(*c.handler_id)) to.insert(*c.handler_id);
                if (!c.handler_id || (d.status == DeadlineStatus::missed && !c.confidential))
                    for (const auto& s : staff)
                        if (who.count(s.id) &&
                            (c.confidential ? s.confidant : s.has_role("coordinator")))
                            to.insert(s.id);
                for (long long id : to)
                    lines[id].push_back(line);
            }
        }
    }
    // Issue 13: the actions and measures each person owns that are due by tomorrow or overdue.
    ActionQuery open_actions;
    open_actions.organisation_id = org.record.id;
    open_actions.open_only = true;
    open_actions.by_due_date = true;
    const Date tomorrow{std::chrono::sys_days{today} + std::chrono::days{1}};
    std::map<long long, std::string> references; // of complaints and nonconformities
    for (const auto& a : db.actions(open_actions)) {
        if (a.due_on > tomorrow || !who.count(a.owner_id)) continue;
        std::string& ref = references[a.complaint_id ? *a.complaint_id : -*a.nonconformity_id];
        if (ref.empty()) {
            if (a.complaint_id) {
                if (auto c = db.complaint(org.record.id, *a.complaint_id)) ref = c->reference;
            } else if (auto n = db.nonconformity(org.record.id, *a.nonconformity_id)) {
                ref = n->reference;
            }
        }
        // Due at the end of its day, as a procedure's terms are.
        const Instant due =
            start_of_local_day(Date{std::chrono::sys_days{a.due_on} + std::chrono::days{1}}) -
            std::chrono::seconds{1};
        lines[a.owner_id].push_back({ref, StepId::resolve, due, false, a.what});
    }
    std::vector<Pending> pending;
    MailContext context;
    context.organisation_name = org.record.name;
    if (!lines.empty()) context.templates = mail_templates_of(db.mail_templates(org.record.id));
    for (auto& [id, l] : lines)
        if (auto m = digest_mail(who[id], std::move(l), context, today))
            pending.push_back({nullptr, std::move(*m)});
    if (write_once(db, writer_, org, std::move(pending), now, run))
        digest_done_[org.record.id] = today;
    return run;
}

std::unique_ptr<PeriodicJob> start_reminder_job(Reminders& reminders, const Clock& clock) {
    return std::make_unique<PeriodicJob>(
        "reminders", std::chrono::seconds{5}, std::chrono::minutes{1},
        [&reminders, &clock](const std::stop_token&) {
            ReminderRun r = reminders.run(clock.now());
            if (r.reminders || r.missed || r.digests)
                spdlog::info("reminders: {} reminder(s), {} missed deadline(s), {} digest(s) "
                             "written",
                             r.reminders, r.missed, r.digests);
        });
}

} // namespace kd
