// inbound_mail.cpp: taking a message in, and staff settling it. What a message is (a person's
// or a machine's, which case it answers) is core's (core/inbound_mail.cpp); taking it apart is
// GMime's (service/mail_reader.cpp).
#include "service/inbound_mail.hpp"

#include "service/incident.hpp"
#include "service/mail_reader.hpp"
#include "store/audit_chain.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace kd {
namespace {

Refusal already_settled() {
    return Refusal("inbound_mail_settled", "Dit bericht is al afgehandeld door iemand anders.",
                   "This message has already been dealt with by someone else.", "",
                   RefusalKind::conflict);
}

Refusal no_such_message() {
    return not_found("Dit bericht bestaat niet of is niet voor u.",
                     "This message does not exist or is not for you.");
}

// The message's files as files of a case: checked like an upload, by their content. A file
// that is not taken (a program, a web page) stays only in the message; its name is said.
struct CaseFiles {
    std::vector<std::pair<Attachment, std::string>> taken;
    std::vector<std::string> refused; // "naam: reden"
};

CaseFiles case_files(const std::vector<MailFile>& files, long long added_by, Instant now,
                     std::size_t max_bytes, const std::string& message_bytes = {}) {
    CaseFiles out;
    auto take = [&](NewAttachment f) {
        auto checked = checked_file(f, 0, added_by, now, max_bytes);
        if (checked) {
            out.taken.emplace_back(checked.value(), std::move(f.bytes));
        } else {
            const Refusal& r = checked.refusal();
            out.refused.push_back(f.file_name + ": " +
                                  (r.fields.empty() ? r.message_nl : r.fields[0].message_nl));
        }
    };
    if (!message_bytes.empty()) take({"e-mail.eml", "written_complaint", message_bytes});
    int n = 0;
    for (const auto& f : files) {
        ++n;
        take({f.file_name.empty() ? "bijlage-" + std::to_string(n) : f.file_name, "correspondence",
              f.bytes});
    }
    return out;
}

void file_all(Transaction& t, const OrganisationContext& org, const Complaint& c, CaseFiles& files,
              const Actor& actor, Instant now) {
    for (auto& [a, bytes] : files.taken) {
        a.complaint_id = c.id;
        a.id = 0;
        file_into_case(t, org, c, a, bytes, actor, now);
    }
}

} // namespace

bool may_see_inbound(const Viewer& v, bool confidential) {
    return confidential ? v.confidant : (v.coordinator || v.management);
}

Outcome<MailIn> InboundMailService::receive(const OrganisationContext& org, std::string_view raw,
                                            bool confidential, Instant now) {
    if (raw.size() > max_message_bytes)
        return Refusal("message_too_large", "Het bericht is te groot.", "The message is too large.",
                       "message");
    auto parsed = read_mail(raw);
    if (!parsed)
        return Refusal("not_a_message", "Dit is geen e-mailbericht (geen afzender gevonden).",
                       "This is not an e-mail message (no sender found).", "message");
    Database& db = complaints_.database();
    InboundMailRecord rec;
    rec.organisation_id = org.record.id;
    rec.message_id =
        parsed->message_id.empty() ? "sha256:" + sha256_hex(std::string(raw)) : parsed->message_id;
    rec.received_at = now;
    rec.sent_at = parsed->date;
    rec.from_address = parsed->from_address;
    rec.from_name = parsed->from_name;
    rec.subject = parsed->subject;
    rec.text = parsed->text;
    rec.files = static_cast<int>(parsed->files.size());
    rec.confidential = confidential;
    rec.status = "new";
    std::optional<Complaint> answered;
    if (auto machine = machine_sent(*parsed, own_addresses)) {
        rec.status = "ignored";
        rec.reason = *machine;
    } else {
        if (auto id = db.complaint_of_message(org.record.id, parsed->refers_to))
            answered = db.complaint(org.record.id, *id);
        // A reference in the subject is easily written by anyone (they run in sequence): it
        // joins only a message from the complainant's own address.
        if (!answered)
            if (auto ref = reference_in(parsed->subject, org.record.code))
                if (auto id = db.complaint_by_reference(org.record.id, *ref)) {
                    answered = db.complaint(org.record.id, *id);
                    if (answered && (answered->complainant.email.empty() ||
                                     fold_address(answered->complainant.email) !=
                                         fold_address(parsed->from_address)))
                        answered.reset();
                }
        // A case whose personal data is gone takes no new personal data: staff see the
        // message as new and decide.
        if (answered && !answered->anonymised_at) {
            rec.status = "joined";
            rec.complaint_id = answered->id;
            // A reply to a confidential case is as confidential as the case, whichever
            // address it came in on.
            rec.confidential = rec.confidential || answered->confidential;
        } else {
            answered.reset();
        }
    }
    bool duplicate = false;
    std::string error;
    auto status = complaints_.writer().run(
        [&](Transaction& t) {
            Actor system{t.system_actor(org.record.id), "klachtdesk:mail-in", std::nullopt};
            rec.id = 0;
            if (!t.insert_inbound_mail(rec, std::string(raw))) {
                duplicate = true;
                return false;
            }
            t.append_inbound_mail_event(
                org.record.id, rec.id, now, system, "mail-received",
                nlohmann::json{{"status", {nullptr, rec.status}},
                               {"reason", {nullptr, rec.reason}},
                               {"files", {nullptr, rec.files}},
                               {"confidential", {nullptr, rec.confidential}}}
                    .dump());
            if (!answered) return true;
            auto c = t.complaint(org.record.id, answered->id);
            if (!c) return false;
            t.append_case_event(org.record.id, *c, "inbound_mail", rec.id, now, system,
                                "mail-received",
                                nlohmann::json{{"mail_from", {nullptr, rec.from_address}},
                                               {"mail_subject", {nullptr, rec.subject}},
                                               {"message_id", {nullptr, rec.message_id}},
                                               {"files", {nullptr, rec.files}}}
                                    .dump());
            CaseFiles files =
                case_files(parsed->files, system.staff_id, now, attachments_.max_bytes);
            file_all(t, org, *c, files, system, now);
            return true;
        },
        &error);
    if (duplicate) return MailIn{"duplicate", 0, std::nullopt, ""};
    if (status != WriteStatus::committed) return storage_failed("take in a message", error);
    if (rec.status == "ignored")
        spdlog::info("mail in ({}): message {} from {} ignored: {}", org.record.slug, rec.id,
                     rec.from_address, rec.reason);
    return MailIn{rec.status == "joined" ? "joined" : rec.status, rec.id, rec.complaint_id,
                  rec.reason};
}

Outcome<std::vector<InboundMailRecord>> InboundMailService::list(const OrganisationContext& org,
                                                                 const std::string& status,
                                                                 const Viewer& viewer) {
    if (!viewer.coordinator && !viewer.management && !viewer.confidant)
        return forbidden("Alleen de klachtencoördinator, de directie en de vertrouwenspersonen "
                         "zien de binnengekomen e-mail.",
                         "Only the complaints coordinator, management and the confidants see "
                         "incoming mail.");
    std::string s = status.empty() ? "new" : status;
    if (s != "new" && s != "registered" && s != "joined" && s != "dismissed" && s != "ignored")
        return Refusal("invalid_status", "Kies new, registered, joined, dismissed of ignored.",
                       "Choose new, registered, joined, dismissed or ignored.", "status");
    std::vector<InboundMailRecord> out;
    for (auto& m : complaints_.database().inbound_mails(org.record.id, s, 200))
        if (may_see(org, m, viewer)) out.push_back(std::move(m));
    return out;
}

Outcome<InboundMailRecord> InboundMailService::visible(const OrganisationContext& org, long long id,
                                                       const Viewer& viewer) {
    auto m = complaints_.database().inbound_mail(org.record.id, id);
    if (!m || !may_see(org, *m, viewer)) return no_such_message();
    return *m;
}

bool InboundMailService::may_see(const OrganisationContext& org, const InboundMailRecord& m,
                                 const Viewer& viewer) {
    if (!may_see_inbound(viewer, m.confidential)) return false;
    // A message of a case is for whoever may see that case (a confidential one: its own
    // confidant, not every confidant).
    if (!m.complaint_id) return true;
    auto c = complaints_.database().complaint(org.record.id, *m.complaint_id);
    return c && can_see(viewer, *c);
}

Outcome<InboundMailRecord> InboundMailService::get(const OrganisationContext& org, long long id,
                                                   const Viewer& viewer) {
    return visible(org, id, viewer);
}

Outcome<SavedComplaint> InboundMailService::register_complaint(const OrganisationContext& org,
                                                               long long id, Intake intake,
                                                               const Actor& actor, Instant now) {
    auto m = visible(org, id, actor.viewer.value_or(Viewer{}));
    if (!m) return m.refusal();
    if (m.value().status != "new") return already_settled();
    auto raw = complaints_.database().inbound_raw(org.record.id, id);
    auto parsed = raw ? read_mail(*raw) : std::nullopt;
    if (!parsed) return already_settled(); // its bytes are gone: retention ran
    intake.channel = Channel::email;
    // What came in on the confidants' address stays theirs (003).
    intake.confidential = intake.confidential || m.value().confidential;
    CaseFiles files = case_files(parsed->files, actor.staff_id, now, attachments_.max_bytes, *raw);
    std::optional<Refusal> refused;
    auto saved = complaints_.register_complaint(
        org, std::move(intake), actor, now, [&](Transaction& t, const Complaint& c) {
            if (!t.settle_inbound_mail(org.record.id, id, "registered", "", c.id, actor.staff_id,
                                       now)) {
                refused = already_settled();
                return false;
            }
            nlohmann::json changes{{"status", {"new", "registered"}},
                                   {"complaint", {nullptr, c.reference}}};
            if (!files.refused.empty()) changes["files_not_taken"] = {nullptr, files.refused};
            t.append_inbound_mail_event(org.record.id, id, now, actor, "mail-registered",
                                        changes.dump());
            file_all(t, org, c, files, actor, now);
            return true;
        });
    if (refused) return *refused;
    return saved;
}

Outcome<Done> InboundMailService::dismiss(const OrganisationContext& org, long long id,
                                          const std::string& reason, const Actor& actor,
                                          Instant now) {
    auto m = visible(org, id, actor.viewer.value_or(Viewer{}));
    if (!m) return m.refusal();
    if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
        return invalid_fields({{"reason", "Zeg waarom dit bericht geen klacht is.",
                                "Say why this message is not a complaint."}});
    if (m.value().status != "new") return already_settled();
    std::optional<Refusal> refused;
    std::string error;
    auto status = complaints_.writer().run(
        [&](Transaction& t) {
            if (!t.settle_inbound_mail(org.record.id, id, "dismissed", reason, std::nullopt,
                                       actor.staff_id, now)) {
                refused = already_settled();
                return false;
            }
            t.append_inbound_mail_event(
                org.record.id, id, now, actor, "mail-dismissed",
                nlohmann::json{{"status", {"new", "dismissed"}}, {"reason", {nullptr, reason}}}
                    .dump());
            return true;
        },
        &error);
    if (refused) return *refused;
    if (status != WriteStatus::committed) return storage_failed("dismiss a message", error);
    return Done{};
}

} // namespace kd
