// outgoing_mail.hpp: mails into the outbox with the change that causes them, and out of it
// to the SMTP server: each mail sent by one sender, retried with backoff, given up after a
// day or on a final refusal, every outcome an event on the case's timeline (issue 12).
#pragma once

#include "core/access.hpp"
#include "core/mail.hpp"
#include "core/outcome.hpp"
#include "service/clock.hpp"
#include "service/organisations.hpp"
#include "service/periodic_job.hpp"
#include "service/smtp.hpp"
#include "store/writer.hpp"

#include <memory>

namespace kd {

// The organisation's own mail texts as stored; a row whose kind or language this version does
// not know is left out.
MailTemplates mail_templates_of(const std::vector<MailTemplateRecord>& rows);

// What the mails of case `after` may say: the organisation, its handler, its deadlines, in
// the organisation's own words.
MailContext mail_context(const OrganisationContext& org, const Complaint& after,
                         const std::vector<StepDeadline>& deadlines,
                         const std::vector<StaffMember>& staff, const MailTemplates& templates);

// Writes `mails` about complaint `c` (nullptr: about none, a digest) to the outbox, inside
// the transaction of the change, each with a Message-ID of its own that every attempt to
// send it repeats. Returns how many were written: a mail with a once_key written before is
// not written again.
int queue_mails(Transaction& t, const OrganisationContext& org, const Complaint* c,
                const std::vector<OutgoingMail>& mails, Instant now);

struct SendRun {
    int sent = 0;
    int retried = 0; // failed this time; tried again later
    int failed = 0;  // given up
};

class MailSender {
public:
    MailSender(Writer& writer, SmtpSettings settings)
        : writer_(writer), settings_(std::move(settings)) {}

    // Sends the mails due at `now`, 20 at most. The background job calls it; tests call it
    // with their clock.
    SendRun send_due(Instant now);

    static constexpr int kMaxAttempts = 8; // about 15 hours of retrying
    // How long after failed attempt `n` (from 1) the next one is made.
    static std::chrono::seconds backoff(int n);

private:
    Writer& writer_;
    SmtpSettings settings_;
};

// The outbox as staff see it: mails given up, for someone to write or call instead, and mails
// still waiting (docs/mail.md).
class OutboxService {
public:
    explicit OutboxService(Database& db) : db_(db) {}
    // Coordinators and management see the mails of ordinary cases and to staff; confidants
    // those of confidential cases; anybody else is refused.
    Outcome<std::vector<OutboxListRow>> list(const OrganisationContext& org, bool failed,
                                             const Viewer& viewer);

private:
    Database& db_;
};

// The sender in the server: every 15 seconds, on its own thread, until destroyed.
std::unique_ptr<PeriodicJob> start_mail_sender(MailSender& sender, const Clock& clock);

} // namespace kd
