// mail_templates.cpp: reading, keeping and previewing an organisation's own mail texts.
#include "service/mail_templates.hpp"

#include "service/incident.hpp"
#include "service/outgoing_mail.hpp"

#include <nlohmann/json.hpp>

namespace kd {
namespace {

bool may_read(const Viewer& v) {
    return v.management || v.admin || v.coordinator || v.auditor;
}

bool may_write(const Viewer& v) {
    return v.management || v.admin;
}

Refusal not_yours() {
    return forbidden("Alleen de directie en beheerders passen de e-mailteksten aan.",
                     "Only management and administrators change the mail texts.");
}

Refusal refused(const TemplateProblem& p) {
    return invalid_fields({{p.part, p.message_nl, p.message_en}});
}

MailTemplateView view_of(const std::vector<MailTemplateRecord>& rows, TemplateKind kind,
                         Language language) {
    MailTemplateView v{kind, language, default_template(kind, language), false, std::nullopt, 0};
    for (const auto& r : rows)
        if (r.kind == template_kind_name(kind) && r.language == language_name(language)) {
            v.text = {r.subject, r.body};
            v.own = true;
            v.updated_at = r.updated_at;
            v.updated_by = r.updated_by;
        }
    return v;
}

// Writes `after` (nullopt: klachtdesk's own text again) with its audit event, before and
// after in it, so that the chain says who changed what a complainant is told.
Outcome<MailTemplateView> change(Writer& writer, const OrganisationContext& org, TemplateKind kind,
                                 Language language, const std::optional<MailTemplate>& after,
                                 const Actor& actor, Instant now) {
    MailTemplateView result;
    std::string error;
    auto status = writer.run(
        [&](Transaction& t) {
            const MailTemplateView before =
                view_of(t.mail_templates(org.record.id), kind, language);
            if (after)
                t.put_mail_template(org.record.id,
                                    {template_kind_name(kind), language_name(language),
                                     after->subject, after->body, now, actor.staff_id});
            else
                t.remove_mail_template(org.record.id, template_kind_name(kind),
                                       language_name(language));
            result = view_of(t.mail_templates(org.record.id), kind, language);
            nlohmann::json changes{{"kind", {nullptr, template_kind_name(kind)}},
                                   {"language", {nullptr, language_name(language)}}};
            if (before.text.subject != result.text.subject)
                changes["subject"] = {before.text.subject, result.text.subject};
            if (before.text.body != result.text.body)
                changes["body"] = {before.text.body, result.text.body};
            t.append_mail_template_event(org.record.id, now, actor,
                                         after ? "mail-template-changed" : "mail-template-reset",
                                         changes.dump());
            return true;
        },
        &error);
    if (status != WriteStatus::committed) return storage_failed("mail template", error);
    return result;
}

} // namespace

Outcome<std::vector<MailTemplateView>> MailTemplateService::list(const OrganisationContext& org,
                                                                 const Viewer& viewer) {
    if (!may_read(viewer)) return not_yours();
    const auto rows = db_.mail_templates(org.record.id);
    std::vector<MailTemplateView> out;
    for (auto kind : all_template_kinds())
        for (auto language : {Language::nl, Language::en})
            out.push_back(view_of(rows, kind, language));
    return out;
}

Outcome<MailTemplateView> MailTemplateService::put(const OrganisationContext& org,
                                                   TemplateKind kind, Language language,
                                                   const MailTemplate& text, const Actor& actor,
                                                   Instant now) {
    if (!actor.viewer || !may_write(*actor.viewer)) return not_yours();
    MailTemplate kept = text;
    // The satisfaction request is a paragraph of the outcome mail: it has no subject.
    if (kind == TemplateKind::satisfaction_request)
        kept.subject = default_template(kind, language).subject;
    if (auto p = check_template(kind, kept)) return refused(*p);
    return change(writer_, org, kind, language, kept, actor, now);
}

Outcome<MailTemplateView> MailTemplateService::reset(const OrganisationContext& org,
                                                     TemplateKind kind, Language language,
                                                     const Actor& actor, Instant now) {
    if (!actor.viewer || !may_write(*actor.viewer)) return not_yours();
    return change(writer_, org, kind, language, std::nullopt, actor, now);
}

Outcome<MailTemplate> MailTemplateService::preview(const OrganisationContext& org,
                                                   TemplateKind kind, Language language,
                                                   const MailTemplate& text, const Viewer& viewer) {
    if (!may_read(viewer)) return not_yours();
    MailTemplate checked = text;
    if (kind == TemplateKind::satisfaction_request) checked.subject = "";
    if (auto p = check_template(kind, checked)) return refused(*p);
    TemplateValues values = example_values(kind, language);
    if (kind == TemplateKind::outcome) {
        // The outcome mail as it goes out: with the organisation's satisfaction request in it.
        const auto own = mail_templates_of(db_.mail_templates(org.record.id));
        values["satisfaction_request"] =
            fill_in(own.get(TemplateKind::satisfaction_request, language).body,
                    example_values(TemplateKind::satisfaction_request, language));
    }
    return MailTemplate{one_line(fill_in(checked.subject, values)), fill_in(checked.body, values)};
}

} // namespace kd
