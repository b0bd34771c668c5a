// records.hpp: what the store keeps besides complaints: organisations, staff and audit events.
#pragma once

#include "core/access.hpp"
#include "core/attachment.hpp"
#include "core/complaint.hpp"
#include "core/nonconformity.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kd {

struct OrganisationRecord {
    long long id = 0;
    std::string code; // "004"
    std::string slug; // "xs2more"
    std::string name;
    int procedure_version = 0; // the version in force
};

// A procedure as loaded from its file, to be put in force for its organisation.
struct ProcedureAdoption {
    std::string code; // "004"
    std::string slug; // "xs2more"
    std::string name;
    int version = 0;
    std::string authorised_by;
    std::string text;   // the file's text, kept with the version
    std::string source; // where it came from: "procedures/004-xs2more.toml"
};

// A procedure version whose number is already known with another text: deadlines of earlier
// complaints were computed from that text, so a change must raise the version.
struct ProcedureConflict : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Staff roles (glossary in docs/procedures.md); the next issue adds logging in with them.
struct StaffMember {
    long long id = 0;
    long long organisation_id = 0;
    std::string name;
    std::string email;
    std::string roles;      // comma separated: "coordinator,management" (R-ASSIGN roles)
    bool confidant = false; // R-ASSIGN (003): may handle confidential complaints
    bool active = true;
    std::string job_title;            // R-ASSIGN (001): "Naam en functie van de klacht-afhandelaar"
    Language language = Language::nl; // of the mails klachtdesk sends them

    bool has_role(const std::string& role) const;
};

// A logged-in session, as stored: the token itself is never stored, only its hash.
struct SessionRecord {
    std::string token_hash;
    long long organisation_id = 0;
    long long staff_id = 0;
    std::string csrf_token;
    std::string source;
    Instant created_at{};
    Instant last_seen_at{};
    Instant expires_at{};
    std::optional<Instant> revoked_at;
};

// Who makes a change and from where: the staff member and the client address (or "cli").
// `viewer` holds their roles when a person acts; nullopt when klachtdesk itself or the
// command line acts, which the role rules do not limit.
struct Actor {
    long long staff_id = 0;
    std::string source;
    std::optional<Viewer> viewer;
};

// One change to a complaint, an account or a procedure: who, when, from where, what, and each
// changed field before and after; chained to the organisation's previous event by its hash
// (store/audit_chain.hpp).
// A file of a case file with its bytes (empty once retention removed them).
struct AttachmentFile {
    Attachment attachment;
    std::string bytes;
};

// A mail in the outbox (issue 12): written in the transaction of the change that caused it,
// sent later by the sender (service/mail_sender.hpp), always with the same Message-ID.
struct OutboxMail {
    long long id = 0;
    long long organisation_id = 0;
    long long complaint_id = 0;        // 0: about no one complaint (a digest)
    std::optional<long long> staff_id; // a mail to staff: to whom
    std::string kind;                  // core/mail.hpp MailKind: "acknowledgement", ...
    std::string recipient;             // core/mail.hpp MailTo: "complainant", "handler", ...
    std::string once_key;              // set: written once for good (UNIQUE); see core/mail.hpp
    std::string to_address, to_name, subject, body;
    std::string message_id; // "<...@klachtdesk>", fixed when queued
    Instant created_at{};
    int attempts = 0;
    Instant next_attempt_at{};
    std::optional<Instant> sent_at;
    std::optional<Instant> failed_at; // given up
    std::string last_error;
};

// The link in a resolved case's outcome mail where the complainant says whether they are
// satisfied (issue 12); only the SHA-256 of its token is stored.
struct SatisfactionLink {
    long long organisation_id = 0;
    long long complaint_id = 0;
    Instant created_at{};
    Instant expires_at{};
    std::optional<Instant> answered_at;
};

// An organisation's own text for one kind of mail in one language (issue 12); the names are
// core/mail_template.hpp's.
struct MailTemplateRecord {
    std::string kind;
    std::string language;
    std::string subject, body;
    Instant updated_at{};
    long long updated_by = 0;
};

// A mail in the outbox's list for staff, with the case it is about.
struct OutboxListRow {
    OutboxMail mail;
    std::string reference;     // empty: about no one case (a digest)
    bool confidential = false; // the case is confidential (003)
};

// A message that came in to a complaints address (store/inbound_mails.cpp).
struct InboundMailRecord {
    long long id = 0;
    long long organisation_id = 0;
    std::string message_id;         // its own, or "sha256:..." of its bytes when it had none
    Instant received_at{};          // when klachtdesk got it
    std::optional<Instant> sent_at; // its Date header
    std::string from_address, from_name, subject, text;
    int files = 0;             // attachments in it
    bool confidential = false; // came in on the confidants' address (003)
    // "new": for staff to register or dismiss; "registered": a complaint was made of it;
    // "joined": it answers a case; "dismissed": not a complaint (reason); "ignored": a
    // machine sent it (reason).
    std::string status;
    std::string reason;
    std::optional<long long> complaint_id;
    std::optional<long long> handled_by;
    std::optional<Instant> handled_at;
};

struct AuditEvent {
    long long id = 0;
    long long organisation_id = 0;
    long long complaint_id = 0;
    Instant at{};
    long long actor_id = 0;
    std::string action;       // "register", "acknowledge", ...
    std::string changes_json; // {"state": ["received", "acknowledged"], ...}
    long long seq = 0;        // position in the organisation's chain, from 1
    std::string source;
    std::string hash;
    // What the event is about: "complaint", "attachment", "staff", "procedure" or "chain",
    // and its id (the complaint, the file, the staff member, the version).
    std::string subject = "complaint";
    long long subject_id = 0;
};

// The result of checking an organisation's audit chain; `problem` names the first broken link.
struct AuditCheck {
    bool intact = true;
    long long events = 0;
    long long seq = 0;      // where it broke
    long long event_id = 0; // the row where it broke, 0 when the row is gone
    std::string problem;
};

// A page of an organisation's audit log, as one person may read it.
struct AuditQuery {
    long long organisation_id = 0;
    Viewer viewer;                      // events of cases this person may not see are left out
    std::optional<Instant> from, until; // `at` in [from, until)
    std::string action;                 // "" = every action
    std::optional<long long> actor_id;
    std::optional<long long> complaint_id;
    int limit = 100;
    int offset = 0;
};

// Which rows of the nonconformity register: `occurred_on` in [from, to], both inclusive.
struct NonconformityQuery {
    long long organisation_id = 0;
    std::optional<Date> from, to;
    std::optional<bool> closed;
    std::optional<FindingKind> kind;
};

// Which actions: of a complaint, of a nonconformity, every measure, someone's; open ones only.
struct ActionQuery {
    long long organisation_id = 0;
    std::optional<long long> complaint_id;
    std::optional<long long> nonconformity_id;
    bool measures_only = false;
    std::optional<long long> owner_id;
    bool open_only = false;
    bool by_due_date = false; // else oldest first
};

// The management review of a period (issue 13): what management concluded and decided.
struct ReportReview {
    long long id = 0;
    long long organisation_id = 0;
    std::string period; // Period::name
    std::string conclusions;
    Instant updated_at{};
    long long updated_by = 0;
};

struct AuditLogEntry {
    AuditEvent event;
    std::string reference; // the complaint's reference
};

enum class ComplaintSort { received_desc, received_asc, due_asc, reference_asc };

// What complaints.next_due_at holds when no step is running (9999-12-31T23:59:59Z): such cases
// sort last by due moment and are never overdue, and the column needs no NULL handling.
inline constexpr long long kNothingDue = 253402300799;
std::optional<ComplaintSort> complaint_sort_from_name(const std::string& name);

// Where the previous page of the register ended: the sort key and id of its last row, so
// the next page starts right after it whatever the page number (keyset paging). Written and
// read as an opaque text ("received_desc.1795000000.123") that names its sort.
struct RegisterCursor {
    ComplaintSort sort = ComplaintSort::received_desc;
    std::optional<long long> number; // received_at or next_due_at
    std::string text;                // the reference, for sort by reference
    long long id = 0;

    std::string to_string() const;
    static std::optional<RegisterCursor> parse(const std::string& s);
};

struct ComplaintQuery {
    long long organisation_id = 0;
    std::vector<State> states; // any of these; empty = all
    std::optional<std::string> category;
    std::optional<long long> handler_id;
    bool overdue = false; // a running step is past its due moment at `now`
    Instant now{};
    std::optional<Instant> received_from;  // inclusive
    std::optional<Instant> received_until; // exclusive
    // Words to find in the reference, the complainant's name and e-mail, the category and the
    // description: each word must occur, the last one also as the start of a longer word
    // (full-text index).
    std::string text;
    ComplaintSort sort = ComplaintSort::received_desc;
    std::optional<Viewer> viewer; // only what this person may see (core/access.hpp)
    int limit = 50;
    int offset = 0;
    std::optional<RegisterCursor> after; // instead of offset: the page after this row
};

struct ComplaintPage {
    std::vector<Complaint> items;
    bool has_more = false;
    std::optional<RegisterCursor> next; // where the next page starts, when there is one
};

} // namespace kd
