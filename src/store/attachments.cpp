// attachments.cpp: the SQL of the case file: files with their bytes in the database (a BLOB in
// SQLite, a BYTEA in PostgreSQL), so that a backup of the database is a backup of everything.
#include "store/complaint_rows.hpp"
#include "store/database.hpp"
#include "store/digest_sql.hpp"
#include "store/row_values.hpp"

#include <soci/soci.h>

namespace kd {
namespace {

// The columns of an Attachment without its bytes, in the order attachment_from() reads them.
constexpr const char* kColumns = "id, complaint_id, file_name, kind, media_type, size, sha256, "
                                 "uploaded_at, uploaded_by, removed_at";

Attachment attachment_from(const soci::row& r) {
    Attachment a;
    a.id = as_ll(r, 0);
    a.complaint_id = as_ll(r, 1);
    a.file_name = as_str(r, 2);
    a.kind = attachment_kind_from_string(as_str(r, 3)).value_or(AttachmentKind::other);
    a.media_type = as_str(r, 4);
    a.size = as_ll(r, 5);
    a.sha256 = as_str(r, 6);
    a.uploaded_at = from_epoch(as_ll(r, 7));
    a.uploaded_by = as_ll(r, 8);
    if (r.get_indicator(9) != soci::i_null) a.removed_at = from_epoch(as_ll(r, 9));
    return a;
}

} // namespace

void Transaction::insert_attachment(long long organisation_id, Attachment& a,
                                    const std::string& bytes) {
    Binds b;
    b.num(organisation_id);
    b.num(a.complaint_id);
    b.text(a.file_name);
    b.text(to_string(a.kind));
    b.text(a.media_type);
    b.num(a.size);
    b.text(a.sha256);
    b.num(to_epoch(a.uploaded_at));
    b.num(a.uploaded_by);
    bind_digest(b, backend_, bytes);
    soci::statement st(sql());
    st.exchange(soci::into(a.id));
    b.prepare(st, "INSERT INTO attachments (organisation_id, complaint_id, file_name, kind, "
                  "media_type, size, sha256, uploaded_at, uploaded_by, content) VALUES (:o, :c, "
                  ":n, :k, :m, :s, :h, :u, :b, " +
                      digest_param(backend_, "x") + ") RETURNING id");
    st.execute(true);
}

void Transaction::append_case_event(long long organisation_id, const Complaint& c,
                                    const std::string& subject, long long subject_id, Instant at,
                                    const Actor& actor, const std::string& action,
                                    const std::string& changes_json) {
    // The complaint's state goes with it, so the next change to the complaint still finds
    // its newest event vouching for the state it reads (append_audit).
    append_event(organisation_id, c.id, subject, subject_id, at, actor, action, changes_json,
                 complaint_state(c));
}

int Transaction::remove_attachments(long long organisation_id, long long complaint_id, Instant at) {
    long long removed = to_epoch(at);
    soci::statement st =
        (sql().prepare << "UPDATE attachments SET content = NULL, file_name = '[verwijderd]', "
                          "removed_at = :r WHERE organisation_id = :o AND complaint_id = :c AND "
                          "removed_at IS NULL",
         soci::use(removed), soci::use(organisation_id), soci::use(complaint_id));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

std::vector<Attachment> Database::attachments(long long organisation_id, long long complaint_id) {
    soci::session s(*pool_);
    std::vector<Attachment> out;
    soci::rowset<soci::row> rs =
        (s.prepare << std::string("SELECT ") + kColumns +
                          " FROM attachments WHERE organisation_id = :o AND complaint_id = :c "
                          "ORDER BY id",
         soci::use(organisation_id), soci::use(complaint_id));
    for (const soci::row& r : rs)
        out.push_back(attachment_from(r));
    return out;
}

std::optional<AttachmentFile> Database::attachment_file(long long organisation_id,
                                                        long long complaint_id, long long id) {
    soci::session s(*pool_);
    std::optional<AttachmentFile> out;
    {
        soci::rowset<soci::row> rs =
            (s.prepare << std::string("SELECT ") + kColumns +
                              " FROM attachments WHERE organisation_id = :o AND complaint_id = "
                              ":c AND id = :i",
             soci::use(organisation_id), soci::use(complaint_id), soci::use(id));
        for (const soci::row& r : rs)
            out = AttachmentFile{attachment_from(r), {}};
    }
    if (!out || out->attachment.removed_at) return out;
    // Into a string, not a dynamic row: the bytes may hold zeros, which only a string
    // exchange keeps (with its length) on SQLite.
    std::string content;
    soci::indicator ind = soci::i_null;
    s << "SELECT " + digest_column(backend_, "content") + " FROM attachments WHERE id = :i",
        soci::use(id), soci::into(content, ind);
    if (ind == soci::i_ok) out->bytes = digest_value(backend_, content);
    return out;
}

} // namespace kd
