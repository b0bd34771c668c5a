// mail_template.hpp: an organisation's own texts for its mails, per kind and language, with
// placeholders the case fills in (issue 12): what each kind may say, the texts klachtdesk
// starts with, the check of a text before it is kept, and the filling in.
#pragma once

#include "core/language.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kd {

// The texts an organisation may write its own way. The satisfaction request is a paragraph
// of the outcome mail, where that says {{satisfaction_request}}: the complainant gets one mail
// with what was done and the question whether they are satisfied (R-CLOSE).
enum class TemplateKind {
    acknowledgement,
    not_taken_into_handling,
    extension,
    outcome,
    satisfaction_request,
    external_referral,
    assigned,
    reminder,
    missed,
    digest,
};
const char* template_kind_name(TemplateKind k);
std::optional<TemplateKind> template_kind_from_name(const std::string& name);
const std::vector<TemplateKind>& all_template_kinds();
bool to_complainant(TemplateKind k);

struct MailTemplate {
    std::string subject;
    std::string body;
};

// A placeholder a kind's text may use, with what it holds and an example for the preview.
struct Placeholder {
    std::string name;
    std::string meaning_nl, meaning_en;
    std::string example_nl, example_en;
};
const std::vector<Placeholder>& placeholders_of(TemplateKind k);

// The text klachtdesk gives each kind until the organisation writes its own.
MailTemplate default_template(TemplateKind k, Language l);

// What is wrong with a text for kind `k`, in words for the person who wrote it; which part
// ("subject" or "body"). Nothing: it may be kept.
struct TemplateProblem {
    std::string part;
    std::string message_nl, message_en;
};
std::optional<TemplateProblem> check_template(TemplateKind k, const MailTemplate& t);

// The texts of one organisation: its own where it wrote one, klachtdesk's otherwise.
class MailTemplates {
public:
    void set(TemplateKind k, Language l, MailTemplate t) { own_[{k, l}] = std::move(t); }
    MailTemplate get(TemplateKind k, Language l) const;

private:
    std::map<std::pair<TemplateKind, Language>, MailTemplate> own_;
};

// Fills in `text`: {{name}} is the value; {{#name}}…{{/name}} shows only when the value is not
// empty, {{^name}}…{{/name}} only when it is. A checked text has no other braces.
using TemplateValues = std::map<std::string, std::string>;
std::string fill_in(const std::string& text, const TemplateValues& values);

// A mail's subject as a header may carry it: on one line, without control characters.
std::string one_line(std::string subject);

// The example values of kind `k`, for a preview.
TemplateValues example_values(TemplateKind k, Language l);

} // namespace kd
