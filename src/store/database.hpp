// database.hpp: the one interface to storage, on SQLite or PostgreSQL through SOCI. Reads
// borrow a pooled session; every write runs inside a Transaction handed out by the Writer.
#pragma once

#include "core/complaint.hpp"
#include "core/nonconformity.hpp"
#include "core/report.hpp"
#include "core/report_cells.hpp"
#include "core/tracked_action.hpp"
#include "store/audit_chain.hpp"
#include "store/migrations.hpp"
#include "store/records.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace soci {
class session;
class connection_pool;
} // namespace soci

namespace kd {

class StatementCache;

// The columns an audit event is written with, in the order append_event binds them (and an
// import's COPY sends them).
inline constexpr const char* kAuditEventColumns =
    "organisation_id, complaint_id, at, actor_id, action, changes, seq, source, hash, subject, "
    "subject_id, state_digest";

// What a write may do, inside the transaction of its batch. The chain heads and reference
// counters of the organisations it touches are read once per batch (and locked on
// PostgreSQL), kept here, and written by finish(); each write's savepoint has its own copy.
class Transaction {
public:
    Transaction(soci::session& sql, Backend backend, StatementCache& cache)
        : sql_(sql), backend_(backend), cache_(cache) {}

    // Around each write of the batch: begin_write() remembers the heads and counters,
    // undo_write() returns to them when the write was rolled back to its savepoint.
    void begin_write() {
        keep_write_report();
        saved_ = state_;
    }
    void undo_write() {
        write_report_.clear();
        state_ = saved_;
        templates_.clear();
    }
    // Writes the heads and counters that changed and brings the search index up to date;
    // the writer calls it before COMMIT.
    void finish();
    // The heads and counters alone: for a migration that runs before the search queue exists.
    void write_heads_and_counts();

    // Organisations and their procedure versions (loaded from procedures/ at start-up).
    // Adopting a procedure and putting another version in force are audit events by the
    // organisation's system actor, with the file as their source and both texts in them.
    // Throws ProcedureConflict when the version is known with a different text.
    OrganisationRecord ensure_organisation(const ProcedureAdoption& p, Instant now);

    std::optional<Complaint> complaint(long long organisation_id, long long id);
    // Gives the complaint its id and its reference ("004-00017"). `report` is what the
    // complaint adds to the report counts (report_delta of nothing and its cells).
    void insert_complaint(Complaint& c, std::optional<Instant> next_due,
                          const std::vector<ReportCell>& report, Instant now);
    // Writes what differs from `before`, the complaint as it was read in this transaction;
    // `report` is the change of its cells (report_delta of before's and after's).
    void update_complaint(const Complaint& before, const Complaint& after,
                          std::optional<Instant> next_due, const std::vector<ReportCell>& report,
                          Instant now);
    // Imported historic complaints (issue 13, service/import.hpp): each gets its id and
    // reference and one event `action` by `actor` at `now`, as insert_complaint and
    // append_audit would give them; on PostgreSQL both go in by COPY. They add nothing to the
    // report counts here: the import sums their cells and adds them once (add_to_report).
    void import_complaints(std::vector<Complaint>& batch, const Actor& actor,
                           const std::string& action, Instant now);
    // Adds cells to the report counts, written once at the end of the batch; insert_complaint and
    // update_complaint do it for complaints, an import or a benchmark for many at once.
    void add_to_report(long long organisation_id, const std::vector<ReportCell>& cells);
    // The report counts of the organisation built anew from its complaints, each complaint's
    // cells given by `cells_of`, marked as built with cells version `version`; `progress`
    // sees the number of complaints read so far, every 10,000. Returns how many were read.
    long long
    rebuild_report_counts(long long organisation_id, int version,
                          const std::function<std::vector<ReportCell>(const Complaint&)>& cells_of,
                          const std::function<void(long long)>& progress, Instant now);
    // Appends the event to the organisation's hash chain.
    // With `redact_personal`, personal data is left out of the event (retention).
    void append_audit(long long organisation_id, long long complaint_id, Instant at,
                      const Actor& actor, const std::string& action, const Complaint* before,
                      const Complaint& after, bool redact_personal = false);
    // An event about a staff member's account (added, roles changed, password changed).
    void append_staff_event(long long organisation_id, long long staff_id, Instant at,
                            const Actor& actor, const std::string& action,
                            const std::string& changes_json);
    // An event about the organisation's procedure; the subject id is the version.
    void append_procedure_event(long long organisation_id, int version, Instant at,
                                const Actor& actor, const std::string& action,
                                const std::string& changes_json);
    long long insert_staff(const StaffMember& m);
    void update_staff(const StaffMember& m);
    void set_password_hash(long long staff_id, const std::string& hash);
    // Sessions (store/accounts.cpp): written by the writer like everything else, so that a
    // login or a logout never waits on SQLite's lock beside a busy writer.
    void create_session(const SessionRecord& s);
    void touch_session(const std::string& token_hash, Instant at);
    void revoke_session(const std::string& token_hash, Instant at);
    // Every session of the account that is not revoked yet.
    void revoke_sessions_of(long long staff_id, Instant at);
    // An event about the audit chain itself (the upgrade to a new chain version).
    void append_chain_event(long long organisation_id, int chain_version, Instant at,
                            const Actor& actor, const std::string& action,
                            const std::string& changes_json);
    // Removes personal data from the complaint's events, and the words of the nonconformities
    // recorded from it from theirs (retention). Each event keeps the
    // digest of what it first held, which its link hash covers, and one "redact" event
    // records the digest of what each now holds, so a redaction is itself in the chain.
    // `now_stored` is the complaint as it is stored after anonymising.
    void redact_audit_events(long long organisation_id, const Complaint& now_stored, Instant at,
                             const Actor& actor);
    // The organisation's own actor for automatic changes (retention), made on first use.
    long long system_actor(long long organisation_id);
    // The public form's private link to a complaint, by the SHA-256 (hex) of its token.
    void insert_public_link(long long organisation_id, long long complaint_id,
                            const std::string& token_digest);
    // Retention: the private link leads nowhere any more (nor the satisfaction links).
    void remove_public_links(long long organisation_id, long long complaint_id);
    // The satisfaction link of a resolved case (store/satisfaction_links.cpp), by the SHA-256
    // (hex) of its token.
    void insert_satisfaction_link(const std::string& token_digest, const SatisfactionLink& link);
    // The organisation's own mail texts (store/mail_templates.cpp), read once per batch of
    // writes, in its transaction, and again after a change to them in the batch.
    std::vector<MailTemplateRecord> mail_templates(long long organisation_id);
    void put_mail_template(long long organisation_id, const MailTemplateRecord& r);
    void remove_mail_template(long long organisation_id, const std::string& kind,
                              const std::string& language);
    // An event about the organisation's mail texts (subject "mail_template").
    void append_mail_template_event(long long organisation_id, Instant at, const Actor& actor,
                                    const std::string& action, const std::string& changes_json);
    // Records the answer; false when the link was answered before.
    bool answer_satisfaction_link(const std::string& token_digest, Instant at);

    // The case file (store/attachments.cpp). Gives `a` its id.
    void insert_attachment(long long organisation_id, Attachment& a, const std::string& bytes);
    // An event on complaint `c`'s timeline about something of the case other than its fields:
    // a file ("attachment", "attachment-added"), a mail ("mail", "mail-sent"), or the case
    // itself ("complaint", "attachments-removed"); `changes_json` is what it records.
    void append_case_event(long long organisation_id, const Complaint& c,
                           const std::string& subject, long long subject_id, Instant at,
                           const Actor& actor, const std::string& action,
                           const std::string& changes_json);
    // An event about a message that came in (subject "inbound_mail"): received, registered,
    // dismissed. It holds no personal data: that is in the message, which retention empties.
    void append_inbound_mail_event(long long organisation_id, long long inbound_id, Instant at,
                                   const Actor& actor, const std::string& action,
                                   const std::string& changes_json);
    // The outbox (store/outbox.cpp). Gives `m` its id; false (and no id) when a mail with
    // its once_key is there already.
    bool queue_mail(OutboxMail& m);
    // Takes up to `limit` mails due at `now` that no sender holds, for this sender until
    // `until`: another sender (a second server on PostgreSQL) skips them meanwhile.
    std::vector<OutboxMail> claim_due_mails(Instant now, Instant until, int limit);
    // Sent: the body is kept as `kept_body` (with the personal links it held hidden).
    void mark_mail_sent(long long id, Instant at, const std::string& kept_body);
    // Retention: the complaint's mails keep what they were (kind, subject, when, sent or not)
    // without the address, name and text; one still waiting is not sent any more.
    void anonymise_mails(long long organisation_id, long long complaint_id, Instant at);
    // A failed attempt: tried again at `retry_at`, or given up for good without one.
    void mark_mail_failed(long long id, const std::string& error, std::optional<Instant> retry_at,
                          Instant now);
    // Retention: the bytes and names of the complaint's files are removed; what remains says
    // that there was a file, of which kind and size, and when it was removed.
    int remove_attachments(long long organisation_id, long long complaint_id, Instant at);

    // Mail in (store/inbound_mails.cpp). Gives `m` its id; false when the organisation has a
    // message with its message_id already (delivered twice: kept once).
    bool insert_inbound_mail(InboundMailRecord& m, const std::string& raw);
    // Staff registered it as complaint `complaint_id`, or dismissed it with `reason`; false
    // when it was settled before (by somebody else, a moment ago).
    bool settle_inbound_mail(long long organisation_id, long long id, const std::string& status,
                             const std::string& reason, std::optional<long long> complaint_id,
                             long long by, Instant at);
    // Retention: the complaint's messages keep that they came, from whom no more.
    void anonymise_inbound_mails(long long organisation_id, long long complaint_id);
    // Retention: messages that became no case (dismissed, or a machine's) and came in before
    // `before` keep that they came, from whom and what no more. Returns how many.
    int anonymise_stray_inbound_mails(long long organisation_id, Instant before);

    // The nonconformity register (store/nonconformities.cpp). Gives `n` its id, number and
    // reference (the organisation's next number).
    void insert_nonconformity(Nonconformity& n, const std::string& organisation_code);
    std::optional<Nonconformity> nonconformity(long long organisation_id, long long id);
    // Writes its description, cause, correction and closing.
    void update_nonconformity(const Nonconformity& n);
    // Actions and measures. Gives `a` its id.
    void insert_action(TrackedAction& a);
    std::optional<TrackedAction> action(long long organisation_id, long long id);
    // Writes its status, result and effectiveness review.
    void update_action(const TrackedAction& a);
    std::vector<TrackedAction> actions(const ActionQuery& q);
    // Retention: the actions agreed on the complaint keep that they were there, their owner,
    // dates and status; what they said, which may name people, goes.
    void anonymise_actions(long long organisation_id, long long complaint_id);
    // Retention: the nonconformities recorded from the complaint lose their own words
    // (kNonconformityTexts); redact_audit_events then redacts them in their events too.
    void anonymise_nonconformities(long long organisation_id, long long complaint_id);
    // The management review of a period, written over the one before; gives `r` its id.
    void put_report_review(ReportReview& r);
    // An event about a nonconformity or a measure (subject "nonconformity" or "action"); an
    // agreed action on a complaint goes on the complaint's timeline (append_case_event).
    void append_register_event(long long organisation_id, const std::string& subject,
                               long long subject_id, Instant at, const Actor& actor,
                               const std::string& action, const std::string& changes_json);

    // The session, for a statement of its own; what the writer sent before is answered first.
    soci::session& session() { return sql(); }

private:
    struct Head {
        long long seq = 0;
        std::string hash;
        bool stored = false; // a row exists in audit_heads
        bool dirty = false;
    };
    struct Counter {
        long long next = 1;
        bool dirty = false;
    };
    // A report count's place: organisation, measure, day, item.
    using ReportPlace = std::tuple<long long, std::string, int, std::string>;
    struct BatchState {
        std::map<long long, Head> heads;       // by organisation
        std::map<long long, Counter> counters; // next reference number, by organisation
        std::map<long long, long long> nonconformity_numbers; // the last one, by organisation
    };
    // What the batch adds to the report counts, and what its current write adds: kept apart
    // because copying the batch's sums at every write made a batch of n writes cost n².
    std::map<ReportPlace, long long> report_;
    std::vector<std::pair<long long, ReportCell>> write_report_;
    void keep_write_report();
    void flush_report();
    Head& head(long long organisation_id);
    // The organisation's next complaint reference ("004-00017").
    std::string next_reference(long long organisation_id);
    // The next link of the organisation's chain and its `hash`; the head moves to it.
    ChainLink next_link(long long organisation_id, long long complaint_id,
                        const std::string& subject, long long subject_id, Instant at,
                        const Actor& actor, const std::string& action, const std::string& changes,
                        const std::string& state_digest, std::string& hash);
    void copy_imported(std::vector<Complaint>& batch, const Actor& actor, const std::string& action,
                       Instant now);

    void append_event(long long organisation_id, long long complaint_id, const std::string& subject,
                      long long subject_id, Instant at, const Actor& actor,
                      const std::string& action, const std::string& changes,
                      const std::string& state_digest);

    // Every direct use of the session goes through here: on PostgreSQL the writer's
    // statements may still be in the pipeline (store/statement_cache.hpp).
    soci::session& sql();

    soci::session& sql_;
    Backend backend_;
    StatementCache& cache_;
    BatchState state_, saved_;
    // The mail texts as read in this batch (each new complaint asks for them); forgotten when
    // one is changed or a write is undone.
    std::map<long long, std::vector<MailTemplateRecord>> templates_;
};

class Database {
public:
    // "sqlite:PATH" or "postgresql://..." (any libpq connection URI). Throws
    // std::invalid_argument for another scheme, std::runtime_error when it cannot connect.
    static std::unique_ptr<Database> open(const std::string& url, int pool_size = 8);
    ~Database();

    Backend backend() const { return backend_; }
    const char* backend_name() const;

    int schema_version();
    // Runs the migrations not yet run, up to `up_to`; returns how many ran.
    int migrate(int up_to = 1 << 30);
    int latest_schema_version() const;

    std::vector<OrganisationRecord> organisations();
    // Every version of an organisation's procedure with its text, oldest first.
    std::vector<std::pair<int, std::string>> procedure_versions(long long organisation_id);

    std::vector<StaffMember> staff(long long organisation_id);
    std::optional<StaffMember> staff_member(long long organisation_id, long long id);

    std::optional<Complaint> complaint(long long organisation_id, long long id);
    // A satisfaction link by the SHA-256 (hex) of its token.
    std::vector<MailTemplateRecord> mail_templates(long long organisation_id);
    std::optional<SatisfactionLink> satisfaction_link(long long organisation_id,
                                                      const std::string& token_digest);
    // The complaint a public link leads to, by the SHA-256 (hex) of its token.
    std::optional<Complaint> complaint_by_public_link(long long organisation_id,
                                                      const std::string& token_digest);
    ComplaintPage list(const ComplaintQuery& q);
    // The complaints about a staff member (they are among its involved employees), newest
    // first: only for what may be shared with them, never to show them the case.
    std::vector<Complaint> complaints_about(long long organisation_id, long long staff_id);
    // The complaints with a step running whose earliest deadline is at or before `until`
    // (past ones included), by id after `after_id`: what the scheduler looks at.
    std::vector<Complaint> complaints_due_by(long long organisation_id, Instant until,
                                             long long after_id, int limit);
    std::vector<AuditEvent> timeline(long long organisation_id, long long complaint_id);
    // The mails of a complaint, oldest first.
    std::vector<OutboxMail> mails_of(long long organisation_id, long long complaint_id);
    // Mail in: the messages of a status ("new", ...), newest first; one message; its bytes
    // as they came; the messages that joined or became a complaint, oldest first.
    std::vector<InboundMailRecord> inbound_mails(long long organisation_id,
                                                 const std::string& status, int limit);
    std::optional<InboundMailRecord> inbound_mail(long long organisation_id, long long id);
    std::optional<std::string> inbound_raw(long long organisation_id, long long id);
    std::vector<InboundMailRecord> inbound_mails_of(long long organisation_id,
                                                    long long complaint_id);
    // The complaint that one of these Message-IDs (without < >) was sent about or came in on.
    std::optional<long long> complaint_of_message(long long organisation_id,
                                                  const std::vector<std::string>& message_ids);
    // The complaint with this reference ("004-00017").
    std::optional<long long> complaint_by_reference(long long organisation_id,
                                                    const std::string& reference);
    // The outbox's mails given up ("failed") or still to be sent ("waiting"), newest first.
    std::vector<OutboxListRow> outbox_list(long long organisation_id, bool failed, int limit);
    // Which of these once_keys the outbox has (core/mail.hpp OutgoingMail::once_key).
    std::set<std::string> once_keys_written(const std::vector<std::string>& keys);
    // The files of a complaint's case file, oldest first, without their bytes.
    std::vector<Attachment> attachments(long long organisation_id, long long complaint_id);
    // One file with its bytes; nullopt when the complaint has no such file.
    std::optional<AttachmentFile> attachment_file(long long organisation_id, long long complaint_id,
                                                  long long id);
    // The organisation's audit log in chain order, filtered; limit + 1 rows tell "more".
    std::vector<AuditLogEntry> audit_log(const AuditQuery& q);
    long long count_complaints(long long organisation_id);

    // The report (store/reports.cpp): the sums of `measures` over the days of `period`, the
    // running totals at its end, and the register's figures of the period; `today` splits
    // deadlines still pending into past due and running.
    ReportSums report_sums(long long organisation_id, const std::vector<std::string>& measures,
                           const Period& period, Date today);
    // The cells version the organisation's counts were built with; nullopt when never.
    std::optional<int> report_version(long long organisation_id);
    std::optional<ReportReview> report_review(long long organisation_id, const std::string& period);

    // The nonconformity register and the actions (store/nonconformities.cpp).
    std::vector<Nonconformity> nonconformities(const NonconformityQuery& q);
    std::optional<Nonconformity> nonconformity(long long organisation_id, long long id);
    std::vector<TrackedAction> actions(const ActionQuery& q);
    std::optional<TrackedAction> action(long long organisation_id, long long id);
    // The events of a nonconformity or action ("nonconformity", "action"), oldest first.
    std::vector<AuditEvent> subject_events(long long organisation_id, const std::string& subject,
                                           long long subject_id);

    // Finished complaints not yet anonymised whose last change was before `cutoff`, by id,
    // after `after_id`; the rules in core/retention.hpp decide about each.
    std::vector<long long> retention_candidates(long long organisation_id, Instant cutoff,
                                                long long after_id, int limit);

    // Walks the organisation's audit chain from the first event and reports the first
    // broken link. `progress(events_checked)` is called every 100,000 events.
    AuditCheck verify_audit(long long organisation_id,
                            const std::function<void(long long)>& progress = {});

    // Accounts and sessions (store/accounts.cpp); their writes are the Transaction's.
    struct Login {
        StaffMember staff;
        std::string password_hash; // argon2id string; empty when no password is set
    };
    // `email` folded as stored (fold_email in service/auth.hpp).
    std::optional<Login> login_by_email(const std::string& email);
    std::optional<SessionRecord> session(const std::string& token_hash);

    // A session for the writer thread; SQLite allows one writer, so there is exactly one.
    soci::session& writer_session() { return *writer_; }

private:
    Database() = default;
    void configure(soci::session& s);

    Backend backend_ = Backend::sqlite;
    std::unique_ptr<soci::connection_pool> pool_;
    std::unique_ptr<soci::session> writer_;
    int pool_size_ = 0;
};

} // namespace kd
