// outgoing_mail.cpp: the outbox's way in (with the change) and out (the sender).
#include "service/outgoing_mail.hpp"

#include "service/passwords.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace kd {

MailTemplates mail_templates_of(const std::vector<MailTemplateRecord>& rows) {
    MailTemplates out;
    for (const auto& r : rows) {
        auto kind = template_kind_from_name(r.kind);
        auto language = language_from_name(r.language);
        if (kind && language) out.set(*kind, *language, {r.subject, r.body});
    }
    return out;
}

MailContext mail_context(const OrganisationContext& org, const Complaint& after,
                         const std::vector<StepDeadline>& deadlines,
                         const std::vector<StaffMember>& staff, const MailTemplates& templates) {
    MailContext m{org.record.name, "", "", deadlines, "", std::nullopt, templates, Language::nl};
    if (after.handler_id)
        for (const auto& s : staff)
            if (s.id == *after.handler_id && s.active) {
                m.handler_name = s.name;
                m.handler_email = s.email;
                m.staff_language = s.language;
            }
    return m;
}

int queue_mails(Transaction& t, const OrganisationContext& org, const Complaint* c,
                const std::vector<OutgoingMail>& mails, Instant now) {
    int written = 0;
    for (const auto& mail : mails) {
        OutboxMail m;
        m.organisation_id = org.record.id;
        m.complaint_id = c ? c->id : 0;
        m.staff_id = mail.staff_id;
        m.once_key = mail.once_key;
        m.kind = to_string(mail.kind);
        m.recipient = to_string(mail.to);
        m.to_address = mail.to_address;
        m.to_name = mail.to_name;
        m.subject = mail.subject;
        m.body = mail.body;
        m.message_id = "<" + random_hex(16) + "@" + org.record.slug + ".klachtdesk>";
        m.created_at = now;
        m.next_attempt_at = now;
        if (t.queue_mail(m)) ++written;
    }
    return written;
}

std::chrono::seconds MailSender::backoff(int n) {
    using namespace std::chrono;
    static constexpr minutes kSteps[] = {minutes{1},   minutes{5},   minutes{15}, minutes{60},
                                         minutes{120}, minutes{240}, minutes{480}};
    return kSteps[std::clamp(n, 1, 7) - 1];
}

SendRun MailSender::send_due(Instant now) {
    SendRun run;
    std::vector<OutboxMail> claimed;
    // Held for ten minutes: a sender that dies with a mail in hand leaves it to the next
    // one after that, with the same Message-ID.
    writer_.run([&](Transaction& t) {
        claimed = t.claim_due_mails(now, now + std::chrono::minutes{10}, 20);
        return true;
    });
    for (const auto& m : claimed) {
        SmtpResult r = smtp_send(settings_, m, now);
        int attempt = m.attempts + 1;
        std::optional<Instant> retry;
        if (!r.sent && !r.permanent && attempt < kMaxAttempts) retry = now + backoff(attempt);
        if (!r.sent)
            spdlog::warn("mail {} to the {} of case {}: {}{}", m.id, m.recipient, m.complaint_id,
                         r.error, retry ? "; tried again later" : "; given up");
        std::string error;
        auto status = writer_.run(
            [&](Transaction& t) {
                // Once sent, the satisfaction link is the complainant's alone: the copy kept
                // no longer holds it.
                if (r.sent)
                    t.mark_mail_sent(m.id, now, with_links_hidden(m.body));
                else
                    t.mark_mail_failed(m.id, r.error, retry, now);
                if (!r.sent && retry) return true;
                if (m.complaint_id == 0) return true; // a digest: the outbox row is its record
                auto c = t.complaint(m.organisation_id, m.complaint_id);
                if (!c) return true;
                nlohmann::json changes{{"mail_to", {nullptr, m.to_address}},
                                       {"recipient", {nullptr, m.recipient}},
                                       {"mail_kind", {nullptr, m.kind}},
                                       {"subject", {nullptr, m.subject}},
                                       {"message_id", {nullptr, m.message_id}}};
                if (!r.sent) changes["error"] = {nullptr, r.error};
                Actor system{t.system_actor(m.organisation_id), "klachtdesk:mail", std::nullopt};
                t.append_case_event(m.organisation_id, *c, "mail", m.id, now, system,
                                    r.sent ? "mail-sent" : "mail-failed", changes.dump());
                return true;
            },
            &error);
        if (status != WriteStatus::committed)
            spdlog::error("mail {}: the outcome could not be recorded: {}", m.id, error);
        if (r.sent)
            ++run.sent;
        else if (retry)
            ++run.retried;
        else
            ++run.failed;
    }
    return run;
}

Outcome<std::vector<OutboxListRow>> OutboxService::list(const OrganisationContext& org, bool failed,
                                                        const Viewer& viewer) {
    if (!viewer.coordinator && !viewer.management && !viewer.confidant)
        return forbidden("Alleen de klachtencoördinator, de directie en de vertrouwenspersonen "
                         "zien de uitgaande e-mail.",
                         "Only the complaints coordinator, management and the confidants see "
                         "outgoing mail.");
    std::vector<OutboxListRow> out;
    for (auto& row : db_.outbox_list(org.record.id, failed, 200)) {
        // A mail of a case is for whoever may see the case (a confidential one: its own
        // confidant); one to staff about no case (a digest) for coordinators and management.
        if (row.mail.complaint_id == 0) {
            if (viewer.coordinator || viewer.management) out.push_back(std::move(row));
            continue;
        }
        auto c = db_.complaint(org.record.id, row.mail.complaint_id);
        bool ordinary = viewer.coordinator || viewer.management;
        if (c && (c->confidential || ordinary) && can_see(viewer, *c))
            out.push_back(std::move(row));
    }
    return out;
}

std::unique_ptr<PeriodicJob> start_mail_sender(MailSender& sender, const Clock& clock) {
    return std::make_unique<PeriodicJob>("mail", std::chrono::seconds{0}, std::chrono::seconds{15},
                                         [&sender, &clock](const std::stop_token&) {
                                             SendRun r = sender.send_due(clock.now());
                                             if (r.sent || r.failed)
                                                 spdlog::info(
                                                     "mail: {} sent, {} to try again, {} given up",
                                                     r.sent, r.retried, r.failed);
                                         });
}

} // namespace kd
