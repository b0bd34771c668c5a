// mail.hpp: which mails a step of the procedure sends, to whom, and what they say (issue 12):
// the seeds promise the complainant an acknowledgement (R-ACK), a notice when a complaint is
// not taken into handling (R-DEF), when its term is extended and with the outcome (R-HANDLE),
// and a referral to the external body (R-CLOSE); the handler hears that a case is theirs.
#pragma once

#include "core/deadlines.hpp"
#include "core/lifecycle.hpp"
#include "core/mail_template.hpp"
#include "core/reminders.hpp"

#include <string>
#include <vector>

namespace kd {

enum class MailKind {
    acknowledgement,         // R-ACK
    not_taken_into_handling, // R-DEF (004: with the reasons)
    extension,               // R-HANDLE (004: the reason and the new date)
    outcome,                 // R-HANDLE: what was done
    external_referral,       // R-CLOSE (004: Blik op Werk)
    assigned,                // to the handler: the case is yours
    reminder,                // to staff: a deadline comes near
    missed,                  // to staff: a deadline has passed, the step not taken
    digest,                  // to staff: their running deadlines, each working morning
};
const char* to_string(MailKind k);

// Who a mail goes to, by role in the case.
enum class MailTo { complainant, handler, coordinator, management, confidant };
const char* to_string(MailTo t);

// A mail as it is written to the outbox: addressed, with its text filled in.
struct OutgoingMail {
    MailKind kind = MailKind::acknowledgement;
    MailTo to = MailTo::complainant;
    std::string to_address;
    std::string to_name;
    std::string subject;
    std::string body; // plain text, UTF-8, lines of at most 78 characters where it can
    std::optional<long long> staff_id; // a mail to staff: to whom
    // Mails the scheduler writes (reminders, escalations, digests) are written once for
    // good: a second writing with the same key, by another server too, is not made.
    std::string once_key;
};

// A member of staff as a mail's addressee.
struct StaffAddressee {
    long long id = 0;
    MailTo as = MailTo::handler;
    std::string name, email;
    Language language = Language::nl;
};

// What the mails of a case may say besides the case itself.
struct MailContext {
    std::string organisation_name;
    std::string handler_name, handler_email; // of the case after the step; empty: none
    std::vector<StepDeadline> deadlines;     // of the case after the step
    // The outcome mail's link where the complainant answers whether they are satisfied, and
    // until when it holds; empty: the mail asks them to let the handler know.
    std::string satisfaction_url;
    std::optional<Instant> satisfaction_until;
    MailTemplates templates;                // the organisation's own texts
    Language staff_language = Language::nl; // of the handler's mail
};

// The mails that `cmd` sends, which turned `before` into `after`. A complainant without an
// e-mail address is written to in another way (the case says so): no mail for them.
std::vector<OutgoingMail> mails_after_step(const Procedure& p, const Complaint& before,
                                           const Complaint& after, const Command& cmd,
                                           const MailContext& context);

// The mails of a new complaint: the acknowledgement when it was acknowledged at intake (001,
// 003), and the handler's when one was named.
std::vector<OutgoingMail> mails_after_intake(const Procedure& p, const Complaint& c,
                                             const MailContext& context);

// A mail's text as staff and the status page show it: the complainant's own satisfaction
// link replaced by "[persoonlijke link]", so that nobody else can answer in their name.
std::string with_links_hidden(std::string text);

// A reminder of a deadline coming near, or the news that it passed, about case `c`, to `to`.
// `context` holds the case's handler (empty: none yet).
OutgoingMail deadline_mail(const Complaint& c, const DeadlineAlert& alert, const StaffAddressee& to,
                           const MailContext& context);

// One line of a digest: a running deadline of a case the addressee is to act on.
struct DigestLine {
    std::string reference;
    StepId step = StepId::resolve;
    Instant due{};
    bool unassigned = false; // nobody handles the case yet: the coordinator's to assign
    // Issue 13: an action or measure the person owns, due by the end of `due`'s day: what it
    // is ("Terugbellen"); empty for a step of the procedure.
    std::string action;
};

// The morning mail of one person: their running deadlines, the first due first, the ones
// already missed marked; `today` names the day. Empty lines: no mail (nothing to do).
std::optional<OutgoingMail> digest_mail(const StaffAddressee& to, std::vector<DigestLine> lines,
                                        const MailContext& context, Date today);

// A step's name in the language of a mail.
const char* step_label(StepId s, Language l);

} // namespace kd
