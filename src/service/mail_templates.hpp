// mail_templates.hpp: management writes the organisation's own mail texts (issue 12): each
// kind in Dutch and English, checked before it is kept, previewed with example values, put
// back to klachtdesk's text; every change is an audit event.
#pragma once

#include "core/access.hpp"
#include "core/mail_template.hpp"
#include "core/outcome.hpp"
#include "service/organisations.hpp"
#include "store/writer.hpp"

#include <vector>

namespace kd {

// One kind's text in one language as the editor shows it.
struct MailTemplateView {
    TemplateKind kind = TemplateKind::acknowledgement;
    Language language = Language::nl;
    MailTemplate text;
    bool own = false; // written by the organisation; otherwise klachtdesk's
    std::optional<Instant> updated_at;
    long long updated_by = 0;
};

class MailTemplateService {
public:
    MailTemplateService(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // Every kind in both languages. Management, coordinators, auditors and admins read them.
    Outcome<std::vector<MailTemplateView>> list(const OrganisationContext& org,
                                                const Viewer& viewer);
    // Keeps `text` as the organisation's own, after check_template; management and admins.
    Outcome<MailTemplateView> put(const OrganisationContext& org, TemplateKind kind,
                                  Language language, const MailTemplate& text, const Actor& actor,
                                  Instant now);
    // Back to klachtdesk's own text.
    Outcome<MailTemplateView> reset(const OrganisationContext& org, TemplateKind kind,
                                    Language language, const Actor& actor, Instant now);
    // `text` filled in with example values, as a mail of this kind would read.
    Outcome<MailTemplate> preview(const OrganisationContext& org, TemplateKind kind,
                                  Language language, const MailTemplate& text,
                                  const Viewer& viewer);

private:
    Database& db_;
    Writer& writer_;
};

} // namespace kd
