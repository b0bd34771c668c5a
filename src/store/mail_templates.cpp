// mail_templates.cpp: the SQL of an organisation's own mail texts: one row per kind and
// language; no row is klachtdesk's own text.
#include "store/database.hpp"
#include "store/row_values.hpp"

#include <soci/soci.h>

namespace kd {
namespace {

std::vector<MailTemplateRecord> select_templates(soci::session& s, long long organisation_id) {
    std::vector<MailTemplateRecord> out;
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT kind, language, subject, body, updated_at, updated_by FROM "
                      "mail_templates WHERE organisation_id = :o ORDER BY kind, language",
         soci::use(organisation_id));
    for (const soci::row& r : rs)
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                       r.get<std::string>(3), from_epoch(as_ll(r, 4)), as_ll(r, 5)});
    return out;
}

} // namespace

std::vector<MailTemplateRecord> Transaction::mail_templates(long long organisation_id) {
    auto it = templates_.find(organisation_id);
    if (it == templates_.end())
        it = templates_.emplace(organisation_id, select_templates(sql(), organisation_id)).first;
    return it->second;
}

std::vector<MailTemplateRecord> Database::mail_templates(long long organisation_id) {
    soci::session s(*pool_);
    return select_templates(s, organisation_id);
}

void Transaction::put_mail_template(long long organisation_id, const MailTemplateRecord& r) {
    templates_.erase(organisation_id);
    long long at = to_epoch(r.updated_at);
    sql() << "INSERT INTO mail_templates (organisation_id, kind, language, subject, body, "
             "updated_at, updated_by) VALUES (:o, :k, :l, :s, :b, :a, :u) ON CONFLICT "
             "(organisation_id, kind, language) DO UPDATE SET subject = excluded.subject, body = "
             "excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(organisation_id), soci::use(r.kind), soci::use(r.language), soci::use(r.subject),
        soci::use(r.body), soci::use(at), soci::use(r.updated_by);
}

void Transaction::remove_mail_template(long long organisation_id, const std::string& kind,
                                       const std::string& language) {
    templates_.erase(organisation_id);
    sql()
        << "DELETE FROM mail_templates WHERE organisation_id = :o AND kind = :k AND language = :l",
        soci::use(organisation_id), soci::use(kind), soci::use(language);
}

void Transaction::append_mail_template_event(long long organisation_id, Instant at,
                                             const Actor& actor, const std::string& action,
                                             const std::string& changes_json) {
    append_event(organisation_id, 0, "mail_template", 0, at, actor, action, changes_json, {});
}

} // namespace kd
