// attachments.cpp: adding and downloading the files of a case file; each is one durable write
// with its audit event, so a file is never kept or handed out without a trace.
#include "service/attachments.hpp"

#include "service/complaints.hpp"
#include "service/incident.hpp"
#include "store/audit_chain.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace kd {

Outcome<Attachment> checked_file(const NewAttachment& file, long long complaint_id,
                                 long long added_by, Instant now, std::size_t max_bytes) {
    std::vector<FieldError> errors;
    auto note = [&errors](const Refusal& r) {
        errors.push_back({r.field, r.message_nl, r.message_en});
    };
    auto kind = attachment_kind_from_string(file.kind);
    if (!kind)
        errors.push_back({"kind", "Kies wat voor stuk dit is.",
                          "Choose what kind of document "
                          "this is."});
    auto name = clean_file_name(file.file_name);
    if (!name) note(name.refusal());
    std::optional<FileType> type;
    if (file.bytes.size() > max_bytes) {
        errors.push_back({"file", "Het bestand is groter dan " + size_text(max_bytes) + ".",
                          "The file is larger than " + size_text(max_bytes) + "."});
    } else if (name) {
        auto checked = check_attachment(name.value(), file.bytes);
        if (checked)
            type = checked.value();
        else
            note(checked.refusal());
    }
    if (!errors.empty()) return invalid_fields(std::move(errors));

    Attachment a;
    a.complaint_id = complaint_id;
    a.file_name = name.value();
    a.kind = *kind;
    a.media_type = type->media_type;
    a.size = static_cast<long long>(file.bytes.size());
    a.sha256 = sha256_hex(file.bytes);
    a.uploaded_at = now;
    a.uploaded_by = added_by;
    return a;
}

void file_into_case(Transaction& t, const OrganisationContext& org, const Complaint& c,
                    Attachment& a, const std::string& bytes, const Actor& actor, Instant now) {
    t.insert_attachment(org.record.id, a, bytes);
    nlohmann::json changes{{"file_name", {nullptr, a.file_name}},
                           {"kind", {nullptr, to_string(a.kind)}},
                           {"size", {nullptr, a.size}},
                           {"sha256", {nullptr, a.sha256}}};
    t.append_case_event(org.record.id, c, "attachment", a.id, now, actor, "attachment-added",
                        changes.dump());
}

Outcome<Attachment> AttachmentService::add(const OrganisationContext& org, long long complaint_id,
                                           const NewAttachment& file, const Actor& actor,
                                           Instant now) {
    auto c = db_.complaint(org.record.id, complaint_id);
    if (!c || (actor.viewer && !can_see(*actor.viewer, *c))) return case_not_found();
    if (actor.viewer)
        if (auto no = may_add_file(*actor.viewer, *c)) return *no;

    auto checked = checked_file(file, complaint_id, actor.staff_id, now, max_bytes);
    if (!checked) return checked.refusal();
    Attachment a = checked.value();
    const std::string& bytes = file.bytes;

    std::optional<Refusal> refused;
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            auto current = t.complaint(org.record.id, complaint_id);
            if (!current) {
                refused = case_not_found();
                return false;
            }
            // Retention may have run since the case was read (its refusal comes first, for
            // any viewer).
            if (current->anonymised_at) {
                refused = may_add_file(Viewer{}, *current);
                return false;
            }
            a.id = 0;
            file_into_case(t, org, *current, a, bytes, actor, now);
            return true;
        },
        &error);
    if (refused) return *refused;
    if (status != WriteStatus::committed) return storage_failed("add a file to a case", error);
    return a;
}

Outcome<AttachmentFile> AttachmentService::download(const OrganisationContext& org,
                                                    long long complaint_id, long long attachment_id,
                                                    const Actor& actor, Instant now) {
    auto c = db_.complaint(org.record.id, complaint_id);
    if (!c || (actor.viewer && !can_see(*actor.viewer, *c))) return case_not_found();
    auto file = db_.attachment_file(org.record.id, complaint_id, attachment_id);
    if (!file)
        return not_found("Dit bestand hoort niet bij deze klacht.",
                         "This file does not belong to this complaint.");
    if (file->attachment.removed_at)
        return Refusal("attachment_removed",
                       "Dit bestand is verwijderd met de persoonsgegevens van de klacht "
                       "(bewaartermijn).",
                       "This file was removed with the complaint's personal data (retention).", "",
                       RefusalKind::conflict);
    if (sha256_hex(file->bytes) != file->attachment.sha256)
        throw std::runtime_error("attachment " + std::to_string(attachment_id) +
                                 " does not match its SHA-256 any more: it was changed or "
                                 "damaged in storage");

    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            auto current = t.complaint(org.record.id, complaint_id);
            if (!current) return false;
            t.append_case_event(
                org.record.id, *current, "attachment", attachment_id, now, actor,
                "attachment-downloaded",
                nlohmann::json{{"file_name", {nullptr, file->attachment.file_name}}}.dump());
            return true;
        },
        &error);
    if (status == WriteStatus::refused) return case_not_found();
    if (status != WriteStatus::committed) {
        Refusal r = storage_failed("record a download", error);
        r.message_nl = "De download kon niet worden vastgelegd en gaat daarom niet door; probeer "
                       "het opnieuw.";
        r.message_en = "The download could not be recorded, so it does not go ahead; please try "
                       "again.";
        return r;
    }
    return std::move(*file);
}

} // namespace kd
