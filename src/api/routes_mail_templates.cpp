// routes_mail_templates.cpp: the organisation's own mail texts (issue 12): all of them with
// their placeholders, one kept, one put back to klachtdesk's text, a preview.
#include "api/routes.hpp"
#include "core/amsterdam_time.hpp"
#include "service/services.hpp"

namespace kd {
namespace {

using nlohmann::json;

Viewer viewer_of(const Call& c) {
    return c.actor().viewer.value_or(Viewer{});
}

json text_json(const MailTemplateView& v) {
    return {{"subject", v.text.subject},
            {"body", v.text.body},
            {"own", v.own},
            {"updated_at", v.updated_at ? json(format_iso_local(*v.updated_at)) : json(nullptr)}};
}

// Which kind and language the path names; a 404 for any other.
struct Named {
    TemplateKind kind = TemplateKind::acknowledgement;
    Language language = Language::nl;
};
std::optional<Named> named(const Call& c) {
    auto kind = template_kind_from_name(c.req.param("kind"));
    auto language = language_from_name(c.req.param("language"));
    if (!kind || !language) return std::nullopt;
    return Named{*kind, *language};
}

Response unknown_text() {
    return problem(not_found("Onbekende e-mailtekst: kies een soort mail en nl of en.",
                             "Unknown mail text: choose a kind of mail and nl or en."));
}

Response list(Call& c) {
    auto found = c.services.mail_templates.list(*c.org, viewer_of(c));
    return reply(found, [](const std::vector<MailTemplateView>& all) {
        json items = json::array();
        for (auto kind : all_template_kinds()) {
            json placeholders = json::array();
            for (const auto& p : placeholders_of(kind))
                placeholders.push_back(
                    {{"name", p.name}, {"meaning_nl", p.meaning_nl}, {"meaning_en", p.meaning_en}});
            json texts = json::object();
            for (const auto& v : all)
                if (v.kind == kind) texts[language_name(v.language)] = text_json(v);
            items.push_back({{"kind", template_kind_name(kind)},
                             {"to", to_complainant(kind) ? "complainant" : "staff"},
                             {"placeholders", placeholders},
                             {"texts", texts}});
        }
        return json_reply(200, {{"items", items}});
    });
}

Response put(Call& c) {
    auto n = named(c);
    if (!n) return unknown_text();
    auto in = read_input(c.req, read_mail_template);
    if (!in.value) return in.refused;
    auto kept =
        c.services.mail_templates.put(*c.org, n->kind, n->language, *in.value, c.actor(), c.now);
    return reply(kept, [](const MailTemplateView& v) { return json_reply(200, text_json(v)); });
}

Response reset(Call& c) {
    auto n = named(c);
    if (!n) return unknown_text();
    auto back = c.services.mail_templates.reset(*c.org, n->kind, n->language, c.actor(), c.now);
    return reply(back, [](const MailTemplateView& v) { return json_reply(200, text_json(v)); });
}

Response preview(Call& c) {
    auto n = named(c);
    if (!n) return unknown_text();
    auto in = read_input(c.req, read_mail_template);
    if (!in.value) return in.refused;
    auto shown =
        c.services.mail_templates.preview(*c.org, n->kind, n->language, *in.value, viewer_of(c));
    return reply(shown, [](const MailTemplate& t) {
        return json_reply(200, {{"subject", t.subject}, {"body", t.body}});
    });
}

} // namespace

void add_mail_template_routes(RouteTable& t) {
    const std::string one = "/api/v1/organisations/:org/mail-templates/:kind/:language";
    t.add("GET", "/api/v1/organisations/:org/mail-templates", Access::member, false, list);
    t.add("PUT", one, Access::member, true, put);
    t.add("DELETE", one, Access::member, true, reset);
    t.add("POST", one + "/preview", Access::member, true, preview);
}

} // namespace kd
