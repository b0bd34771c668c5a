// mail_template.cpp: the placeholders of each kind of mail, klachtdesk's own texts in Dutch and
// English, and a small Mustache-like filling in ({{x}}, {{#x}}…{{/x}}, {{^x}}…{{/x}}).
#include "core/mail_template.hpp"

#include <algorithm>
#include <set>

namespace kd {
namespace {

using P = Placeholder;

// Placeholders every mail to the complainant may use.
std::vector<P> complainant_common() {
    return {
        {"complainant_name", "naam van de klager (of 'heer, mevrouw')",
         "the complainant's name (or 'Sir or Madam')", "Els Visser", "Els Visser"},
        {"reference", "kenmerk van de klacht", "the complaint's reference", "XS2-2026-0042",
         "XS2-2026-0042"},
        {"received_on", "datum waarop de klacht binnenkwam", "the day the complaint came in",
         "23-11-2026", "23-11-2026"},
        {"organisation", "naam van uw organisatie", "your organisation's name", "Xs2more",
         "Xs2more"},
        {"procedure", "titel van de klachtenregeling", "the complaints procedure's title",
         "Klachtenprocedure Xs2more", "Klachtenprocedure Xs2more"},
        {"resolve_by", "uiterste datum van de afhandeling (leeg: geen termijn)",
         "the last day of the resolution (empty: no term)", "21-12-2026", "21-12-2026"},
        {"resolve_term", "de termijn van de afhandeling volgens de klachtenregeling",
         "the resolution's term under the complaints procedure", "6 weken", "6 weeks"},
    };
}

std::vector<P> staff_common() {
    return {
        {"staff_name", "naam van de medewerker aan wie de mail gaat",
         "the name of the member of staff the mail goes to", "Sanne de Vries", "Sanne de Vries"},
        {"reference", "kenmerk van de klacht", "the complaint's reference", "XS2-2026-0042",
         "XS2-2026-0042"},
        {"received_on", "datum waarop de klacht binnenkwam", "the day the complaint came in",
         "23-11-2026", "23-11-2026"},
        {"organisation", "naam van uw organisatie", "your organisation's name", "Xs2more",
         "Xs2more"},
    };
}

std::vector<P> with(std::vector<P> base, std::vector<P> more) {
    base.insert(base.end(), more.begin(), more.end());
    return base;
}

const std::map<TemplateKind, std::vector<P>>& catalogue() {
    static const std::map<TemplateKind, std::vector<P>> all = [] {
        std::map<TemplateKind, std::vector<P>> m;
        m[TemplateKind::acknowledgement] =
            with(complainant_common(),
                 {{"acknowledgement_note", "beschrijving van de klacht en de eerste acties (003)",
                   "description of the complaint and the first actions (003)",
                   "U meldt dat uw loonstrook te laat kwam. Wij zoeken uit waarom.",
                   "You report that your pay slip came late. We are finding out why."}});
        m[TemplateKind::not_taken_into_handling] =
            with(complainant_common(), {{"reason", "de reden", "the reason",
                                         "De klacht gaat over een andere organisatie.",
                                         "The complaint is about another organisation."}});
        m[TemplateKind::extension] =
            with(complainant_common(),
                 {{"extension", "de verlenging", "the extension", "2 weken", "2 weeks"},
                  {"reason", "de reden", "the reason", "Wij wachten op de opdrachtgever.",
                   "We are waiting for the client."}});
        m[TemplateKind::outcome] =
            with(complainant_common(),
                 {{"solution", "wat er is gedaan", "what was done",
                   "Uw loonstrook is opnieuw verstuurd.", "Your pay slip was sent again."},
                  {"satisfaction_request", "de tevredenheidsvraag (de tekst hieronder)",
                   "the satisfaction request (the text below)", "(de tevredenheidsvraag)",
                   "(the satisfaction request)"}});
        m[TemplateKind::satisfaction_request] =
            with(complainant_common(),
                 {{"satisfaction_url",
                   "persoonlijke link waar de klager antwoordt (leeg: geen link ingesteld)",
                   "the complainant's own link to answer (empty: no link set up)",
                   "https://klachten.example.nl/klacht/xs2more/tevredenheid/…",
                   "https://klachten.example.nl/klacht/xs2more/tevredenheid/…"},
                  {"satisfaction_until", "tot wanneer de link geldt", "until when the link holds",
                   "23-12-2026", "23-12-2026"}});
        m[TemplateKind::external_referral] =
            with(complainant_common(), {{"external_body", "de externe instantie",
                                         "the external body", "Blik op Werk", "Blik op Werk"}});
        m[TemplateKind::assigned] =
            with(staff_common(),
                 {{"next_step", "de eerstvolgende stap met een termijn",
                   "the next step with a term", "Afhandeling", "Resolution"},
                  {"next_due", "wanneer die termijn afloopt (leeg: geen)",
                   "when that term ends (empty: none)", "21-12-2026 17:00", "21-12-2026 17:00"}});
        std::vector<P> deadline = {
            {"step", "de stap", "the step", "Afhandeling", "Resolution"},
            {"due", "wanneer de termijn afloopt", "when the term ends", "21-12-2026 17:00",
             "21-12-2026 17:00"},
            {"handler_name", "de behandelaar (leeg: nog niemand)",
             "the handler (empty: nobody yet)", "Piet Jansen", "Piet Jansen"},
            {"you_handle", "'ja' als de ontvanger de behandelaar is",
             "'yes' when the addressee is the handler", "", ""},
        };
        m[TemplateKind::reminder] = with(staff_common(), deadline);
        m[TemplateKind::missed] = with(staff_common(), deadline);
        m[TemplateKind::digest] = {
            {"staff_name", "naam van de medewerker", "the member of staff's name", "Sanne de Vries",
             "Sanne de Vries"},
            {"organisation", "naam van uw organisatie", "your organisation's name", "Xs2more",
             "Xs2more"},
            {"date", "de datum van vandaag", "today's date", "24-11-2026", "24-11-2026"},
            {"count", "hoeveel termijnen er lopen", "how many deadlines run",
             "2 termijnen, waarvan 1 verstreken", "2 deadlines, 1 of them missed"},
            {"deadline_list", "de termijnen, één per regel", "the deadlines, one a line",
             "- XS2-2026-0042: Afhandeling, uiterlijk 21-12-2026 17:00\n"
             "- XS2-2026-0040: Ontvangstbevestiging, verstreken op 20-11-2026 17:00\n",
             "- XS2-2026-0042: Resolution, by 21-12-2026 17:00\n"
             "- XS2-2026-0040: Acknowledgement, missed on 20-11-2026 17:00\n"},
        };
        return m;
    }();
    return all;
}

const char* const kSignatureNl = "\nMet vriendelijke groet,\n\n{{organisation}}\n\n"
                                 "Kenmerk: {{reference}} (noem dit kenmerk als u op deze e-mail "
                                 "reageert)\n";
const char* const kSignatureEn = "\nKind regards,\n\n{{organisation}}\n\n"
                                 "Reference: {{reference}} (please mention it when you reply to "
                                 "this e-mail)\n";

std::string to_complainant_body(Language l, const std::string& text) {
    return (l == Language::nl ? "Beste {{complainant_name}},\n\n"
                              : "Dear {{complainant_name}},\n\n") +
           text + (l == Language::nl ? kSignatureNl : kSignatureEn);
}

const char* const kResolveByNl = "{{#resolve_by}}\nU hoort uiterlijk {{resolve_by}} van ons hoe "
                                 "uw klacht is afgehandeld.\n{{/resolve_by}}\n{{^resolve_by}}\nU "
                                 "hoort zo snel mogelijk van ons hoe uw klacht is afgehandeld.\n"
                                 "{{/resolve_by}}\n";
const char* const kResolveByEn = "{{#resolve_by}}\nYou will hear from us by {{resolve_by}} how "
                                 "your complaint was resolved.\n{{/resolve_by}}\n{{^resolve_by}}\n"
                                 "You will hear from us as soon as possible how your complaint "
                                 "was resolved.\n{{/resolve_by}}\n";

const char* const kHandlerNl = "{{#you_handle}}\nU behandelt deze klacht.\n{{/you_handle}}\n"
                               "{{^you_handle}}\n{{#handler_name}}\nBehandelaar: {{handler_name}}."
                               "\n{{/handler_name}}\n{{^handler_name}}\nDe klacht heeft nog geen "
                               "behandelaar.\n{{/handler_name}}\n{{/you_handle}}\n";
const char* const kHandlerEn = "{{#you_handle}}\nYou handle this complaint.\n{{/you_handle}}\n"
                               "{{^you_handle}}\n{{#handler_name}}\nHandler: {{handler_name}}.\n"
                               "{{/handler_name}}\n{{^handler_name}}\nThe complaint has no handler "
                               "yet.\n{{/handler_name}}\n{{/you_handle}}\n";

MailTemplate dutch(TemplateKind k) {
    switch (k) {
    case TemplateKind::acknowledgement:
        return {"Ontvangstbevestiging van uw klacht ({{reference}})",
                to_complainant_body(
                    Language::nl, "Wij hebben uw klacht van {{received_on}} ontvangen en "
                                  "behandelen die volgens onze klachtenregeling ({{procedure}})."
                                  "\n\n{{#acknowledgement_note}}\nUw klacht en wat wij als eerste "
                                  "doen:\n{{acknowledgement_note}}\n\n{{/acknowledgement_note}}\n" +
                                      std::string(kResolveByNl))};
    case TemplateKind::not_taken_into_handling:
        return {"Uw klacht wordt niet in behandeling genomen ({{reference}})",
                to_complainant_body(
                    Language::nl, "Wij hebben uw klacht van {{received_on}} beoordeeld. Wij "
                                  "nemen die niet in behandeling, om deze reden:\n\n{{reason}}\n\n"
                                  "Bent u het hier niet mee eens, neem dan contact met ons op.\n")};
    case TemplateKind::extension:
        return {"De behandeling van uw klacht duurt langer ({{reference}})",
                to_complainant_body(Language::nl,
                                    "De behandeling van uw klacht van {{received_on}} duurt langer "
                                    "dan gepland: {{extension}} extra, om deze reden:\n\n"
                                    "{{reason}}\n\n" +
                                        std::string(kResolveByNl))};
    case TemplateKind::outcome:
        return {"Uw klacht is afgehandeld ({{reference}})",
                to_complainant_body(Language::nl,
                                    "Uw klacht van {{received_on}} is afgehandeld. Wat wij hebben "
                                    "gedaan:\n\n{{solution}}\n\n{{satisfaction_request}}")};
    case TemplateKind::satisfaction_request:
        return {"(geen: deze tekst staat in de afhandelingsmail)",
                "{{#satisfaction_url}}\nBent u tevreden over hoe wij uw klacht hebben "
                "afgehandeld? Laat het ons weten via deze link (tot en met "
                "{{satisfaction_until}}):\n\n{{satisfaction_url}}\n\nUw antwoord geldt als uw "
                "schriftelijke bevestiging.\n{{/satisfaction_url}}\n{{^satisfaction_url}}\nWij "
                "horen graag of u hierover tevreden bent.\n{{/satisfaction_url}}\n"};
    case TemplateKind::external_referral:
        return {"Uw klacht gaat naar {{external_body}} ({{reference}})",
                to_complainant_body(Language::nl,
                                    "U bent niet tevreden over de afhandeling van uw klacht van "
                                    "{{received_on}}. Volgens onze klachtenregeling kunt u uw "
                                    "klacht voorleggen aan {{external_body}}. Wij hebben uw "
                                    "klacht daarnaar doorverwezen.\n")};
    case TemplateKind::assigned:
        return {"Klacht {{reference}} is aan u toegewezen",
                "Beste {{staff_name}},\n\nKlacht {{reference}} van {{received_on}} is aan u "
                "toegewezen.{{#next_due}} De eerstvolgende termijn ({{next_step}}) loopt af op "
                "{{next_due}}.{{/next_due}}\n\n{{organisation}} (klachtdesk)\n"};
    case TemplateKind::reminder:
        return {"Herinnering: {{step}} van klacht {{reference}} uiterlijk {{due}}",
                "Beste {{staff_name}},\n\nDe termijn \"{{step}}\" van klacht {{reference}} "
                "(ontvangen {{received_on}}) loopt af op {{due}}.\n" +
                    std::string(kHandlerNl) + "\n{{organisation}} (klachtdesk)\n"};
    case TemplateKind::missed:
        return {"Termijn verstreken: {{step}} van klacht {{reference}}",
                "Beste {{staff_name}},\n\nDe termijn \"{{step}}\" van klacht {{reference}} "
                "(ontvangen {{received_on}}) is op {{due}} verstreken, en die stap is niet "
                "gezet.\n" +
                    std::string(kHandlerNl) + "\n{{organisation}} (klachtdesk)\n"};
    case TemplateKind::digest:
        break;
    }
    return {"Uw klachten op {{date}}: {{count}}",
            "Beste {{staff_name}},\n\nDeze termijnen lopen voor u ({{count}}):\n\n"
            "{{deadline_list}}\n{{organisation}} (klachtdesk)\n"};
}

MailTemplate english(TemplateKind k) {
    switch (k) {
    case TemplateKind::acknowledgement:
        return {
            "Your complaint has been received ({{reference}})",
            to_complainant_body(Language::en,
                                "We received your complaint of {{received_on}} and handle it "
                                "under our complaints procedure ({{procedure}}).\n\n"
                                "{{#acknowledgement_note}}\nYour complaint and what we do "
                                "first:\n{{acknowledgement_note}}\n\n{{/acknowledgement_note}}\n" +
                                    std::string(kResolveByEn))};
    case TemplateKind::not_taken_into_handling:
        return {"Your complaint is not taken into handling ({{reference}})",
                to_complainant_body(Language::en,
                                    "We assessed your complaint of {{received_on}}. We do not take "
                                    "it into handling, for this reason:\n\n{{reason}}\n\nIf you "
                                    "do not agree, please contact us.\n")};
    case TemplateKind::extension:
        return {"The handling of your complaint takes longer ({{reference}})",
                to_complainant_body(Language::en,
                                    "The handling of your complaint of {{received_on}} takes "
                                    "longer than planned: {{extension}} more, for this reason:\n\n"
                                    "{{reason}}\n\n" +
                                        std::string(kResolveByEn))};
    case TemplateKind::outcome:
        return {"Your complaint has been resolved ({{reference}})",
                to_complainant_body(Language::en,
                                    "Your complaint of {{received_on}} has been resolved. What "
                                    "we did:\n\n{{solution}}\n\n{{satisfaction_request}}")};
    case TemplateKind::satisfaction_request:
        return {"(none: this text is part of the outcome mail)",
                "{{#satisfaction_url}}\nAre you satisfied with how we handled your complaint? "
                "Let us know through this link (until {{satisfaction_until}}):\n\n"
                "{{satisfaction_url}}\n\nYour answer counts as your written confirmation.\n"
                "{{/satisfaction_url}}\n{{^satisfaction_url}}\nWe would like to hear whether you "
                "are satisfied with this.\n{{/satisfaction_url}}\n"};
    case TemplateKind::external_referral:
        return {"Your complaint goes to {{external_body}} ({{reference}})",
                to_complainant_body(Language::en,
                                    "You are not satisfied with how your complaint of "
                                    "{{received_on}} was handled. Under our complaints procedure "
                                    "you may put your complaint to {{external_body}}. We have "
                                    "referred it there.\n")};
    case TemplateKind::assigned:
        return {"Complaint {{reference}} has been assigned to you",
                "Dear {{staff_name}},\n\nComplaint {{reference}} of {{received_on}} has been "
                "assigned to you.{{#next_due}} The next term ({{next_step}}) ends on "
                "{{next_due}}.{{/next_due}}\n\n{{organisation}} (klachtdesk)\n"};
    case TemplateKind::reminder:
        return {"Reminder: {{step}} of complaint {{reference}} by {{due}}",
                "Dear {{staff_name}},\n\nThe term \"{{step}}\" of complaint {{reference}} "
                "(received {{received_on}}) ends on {{due}}.\n" +
                    std::string(kHandlerEn) + "\n{{organisation}} (klachtdesk)\n"};
    case TemplateKind::missed:
        return {"Term missed: {{step}} of complaint {{reference}}",
                "Dear {{staff_name}},\n\nThe term \"{{step}}\" of complaint {{reference}} "
                "(received {{received_on}}) ended on {{due}}, and the step was not taken.\n" +
                    std::string(kHandlerEn) + "\n{{organisation}} (klachtdesk)\n"};
    case TemplateKind::digest:
        break;
    }
    return {"Your complaints on {{date}}: {{count}}",
            "Dear {{staff_name}},\n\nThese deadlines run for you ({{count}}):\n\n"
            "{{deadline_list}}\n{{organisation}} (klachtdesk)\n"};
}

// --- Filling in ---------------------------------------------------------------------------

struct Token {
    enum Kind { text, value, open, inverted, close } kind = text;
    std::string s; // the text, or the placeholder's name
};

bool blank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// The text cut into tokens; an error in words when a {{ is not closed or names nothing.
std::optional<TemplateProblem> tokenize(const std::string& text, std::vector<Token>& out) {
    std::size_t at = 0;
    while (at < text.size()) {
        auto open = text.find("{{", at);
        if (open == std::string::npos) {
            out.push_back({Token::text, text.substr(at)});
            break;
        }
        if (open > at) out.push_back({Token::text, text.substr(at, open - at)});
        auto close = text.find("}}", open + 2);
        if (close == std::string::npos)
            return TemplateProblem{"", "Er staat '{{' zonder '}}' erna.",
                                   "There is a '{{' without a '}}' after it."};
        std::string inside = text.substr(open + 2, close - open - 2);
        Token t{Token::value, ""};
        if (!inside.empty() && (inside[0] == '#' || inside[0] == '^' || inside[0] == '/')) {
            t.kind = inside[0] == '#'   ? Token::open
                     : inside[0] == '^' ? Token::inverted
                                        : Token::close;
            inside.erase(0, 1);
        }
        auto first = inside.find_first_not_of(' '), last = inside.find_last_not_of(' ');
        t.s = first == std::string::npos ? "" : inside.substr(first, last - first + 1);
        if (t.s.empty() || !std::all_of(t.s.begin(), t.s.end(),
                                        [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; }))
            return TemplateProblem{"", "'{{" + inside + "}}' is geen invulplek.",
                                   "'{{" + inside + "}}' is not a placeholder."};
        out.push_back(std::move(t));
        at = close + 2;
    }
    // A section's tag alone on its line takes that line with it, as in Mustache: so a text
    // can put {{#x}} and {{/x}} on lines of their own without leaving empty lines behind.
    std::vector<std::pair<std::size_t, std::size_t>> cut(out.size(), {0, 0}); // front, back
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].kind == Token::text || out[i].kind == Token::value) continue;
        bool starts = i == 0, ends = i + 1 == out.size();
        std::size_t back = 0, front = 0;
        if (!starts && out[i - 1].kind == Token::text) {
            const std::string& p = out[i - 1].s;
            auto nl = p.rfind('\n');
            if (nl != std::string::npos && blank(std::string_view(p).substr(nl + 1))) {
                starts = true;
                back = p.size() - nl - 1;
            } else if (nl == std::string::npos && i == 1 && blank(p)) {
                starts = true;
                back = p.size();
            }
        }
        if (!ends && out[i + 1].kind == Token::text) {
            const std::string& n = out[i + 1].s;
            auto nl = n.find('\n');
            if (nl != std::string::npos && blank(std::string_view(n).substr(0, nl))) {
                ends = true;
                front = nl + 1;
            } else if (nl == std::string::npos && i + 2 == out.size() && blank(n)) {
                ends = true;
                front = n.size();
            }
        }
        if (!starts || !ends) continue;
        if (i > 0 && out[i - 1].kind == Token::text) cut[i - 1].second = back;
        if (i + 1 < out.size() && out[i + 1].kind == Token::text) cut[i + 1].first = front;
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].kind != Token::text) continue;
        auto [front, back] = cut[i];
        std::string& s = out[i].s;
        front = std::min(front, s.size());
        back = std::min(back, s.size() - front);
        s = s.substr(front, s.size() - front - back);
    }
    return std::nullopt;
}

std::optional<TemplateProblem> check_sections(const std::vector<Token>& tokens) {
    std::vector<std::string> open;
    for (const auto& t : tokens) {
        if (t.kind == Token::open || t.kind == Token::inverted) open.push_back(t.s);
        if (t.kind != Token::close) continue;
        if (open.empty() || open.back() != t.s)
            return TemplateProblem{"", "'{{/" + t.s + "}}' sluit niets wat hier open staat.",
                                   "'{{/" + t.s + "}}' closes nothing that is open here."};
        open.pop_back();
    }
    if (!open.empty())
        return TemplateProblem{
            "", "'{{#" + open.back() + "}}' wordt niet gesloten met '{{/" + open.back() + "}}'.",
            "'{{#" + open.back() + "}}' is not closed with '{{/" + open.back() + "}}'."};
    return std::nullopt;
}

std::string value_of(const TemplateValues& values, const std::string& name) {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

// Renders tokens [i, end of the section that starts before i) into `out`; returns the index
// after the section's close.
std::size_t render(const std::vector<Token>& tokens, std::size_t i, const TemplateValues& values,
                   bool show, std::string& out) {
    while (i < tokens.size()) {
        const Token& t = tokens[i];
        switch (t.kind) {
        case Token::text:
            if (show) out += t.s;
            break;
        case Token::value:
            if (show) out += value_of(values, t.s);
            break;
        case Token::open:
        case Token::inverted: {
            bool filled = !value_of(values, t.s).empty();
            i = render(tokens, i + 1, values, show && (t.kind == Token::open ? filled : !filled),
                       out);
            continue;
        }
        case Token::close:
            return i + 1;
        }
        ++i;
    }
    return i;
}

std::optional<TemplateProblem> in_part(std::optional<TemplateProblem> p, const char* part) {
    if (p) p->part = part;
    return p;
}

bool mentions(const std::vector<Token>& tokens, const std::string& name) {
    return std::any_of(tokens.begin(), tokens.end(),
                       [&](const Token& t) { return t.kind == Token::value && t.s == name; });
}

} // namespace

const std::vector<TemplateKind>& all_template_kinds() {
    static const std::vector<TemplateKind> all = {TemplateKind::acknowledgement,
                                                  TemplateKind::not_taken_into_handling,
                                                  TemplateKind::extension,
                                                  TemplateKind::outcome,
                                                  TemplateKind::satisfaction_request,
                                                  TemplateKind::external_referral,
                                                  TemplateKind::assigned,
                                                  TemplateKind::reminder,
                                                  TemplateKind::missed,
                                                  TemplateKind::digest};
    return all;
}

const char* template_kind_name(TemplateKind k) {
    switch (k) {
    case TemplateKind::acknowledgement:
        return "acknowledgement";
    case TemplateKind::not_taken_into_handling:
        return "not_taken_into_handling";
    case TemplateKind::extension:
        return "extension";
    case TemplateKind::outcome:
        return "outcome";
    case TemplateKind::satisfaction_request:
        return "satisfaction_request";
    case TemplateKind::external_referral:
        return "external_referral";
    case TemplateKind::assigned:
        return "assigned";
    case TemplateKind::reminder:
        return "reminder";
    case TemplateKind::missed:
        return "missed";
    case TemplateKind::digest:
        break;
    }
    return "digest";
}

std::optional<TemplateKind> template_kind_from_name(const std::string& name) {
    for (auto k : all_template_kinds())
        if (name == template_kind_name(k)) return k;
    return std::nullopt;
}

bool to_complainant(TemplateKind k) {
    return k != TemplateKind::assigned && k != TemplateKind::reminder &&
           k != TemplateKind::missed && k != TemplateKind::digest;
}

const std::vector<Placeholder>& placeholders_of(TemplateKind k) {
    return catalogue().at(k);
}

MailTemplate default_template(TemplateKind k, Language l) {
    return l == Language::en ? english(k) : dutch(k);
}

MailTemplate MailTemplates::get(TemplateKind k, Language l) const {
    auto it = own_.find({k, l});
    return it != own_.end() ? it->second : default_template(k, l);
}

std::optional<TemplateProblem> check_template(TemplateKind k, const MailTemplate& t) {
    const bool subjectless = k == TemplateKind::satisfaction_request;
    if (!subjectless) {
        if (t.subject.empty() || blank(t.subject))
            return TemplateProblem{"subject", "Geef een onderwerp.", "Give a subject."};
        if (t.subject.size() > 200)
            return TemplateProblem{"subject", "Het onderwerp is te lang (ten hoogste 200 tekens).",
                                   "The subject is too long (200 characters at most)."};
        if (t.subject.find_first_of("\r\n") != std::string::npos)
            return TemplateProblem{"subject", "Het onderwerp is één regel.",
                                   "The subject is one line."};
    }
    if (blank(t.body) || t.body.find_first_not_of(" \t\r\n") == std::string::npos)
        return TemplateProblem{"body", "Schrijf de tekst van de mail.", "Write the mail's text."};
    if (t.body.size() > 20000)
        return TemplateProblem{"body", "De tekst is te lang (ten hoogste 20.000 tekens).",
                               "The text is too long (20,000 characters at most)."};
    std::set<std::string> known;
    for (const auto& p : placeholders_of(k))
        known.insert(p.name);
    std::string names;
    for (const auto& n : known)
        names += (names.empty() ? "" : ", ") + ("{{" + n + "}}");
    std::vector<Token> subject, body;
    if (!subjectless)
        if (auto p = in_part(tokenize(t.subject, subject), "subject")) return p;
    if (auto p = in_part(tokenize(t.body, body), "body")) return p;
    for (auto* part : {&subject, &body}) {
        const char* where = part == &subject ? "subject" : "body";
        if (auto p = in_part(check_sections(*part), where)) return p;
        for (const auto& tok : *part)
            if (tok.kind != Token::text && !known.count(tok.s))
                return TemplateProblem{
                    where,
                    "Onbekende invulplek '{{" + tok.s + "}}'. Deze tekst kent: " + names + ".",
                    "Unknown placeholder '{{" + tok.s + "}}'. This text knows: " + names + "."};
    }
    // What must be there for the mail to do its work.
    if (to_complainant(k) && !subjectless && !mentions(subject, "reference"))
        return TemplateProblem{
            "subject",
            "Zet {{reference}} in het onderwerp: zo komt een antwoord van de klager bij de "
            "juiste klacht.",
            "Put {{reference}} in the subject: that is how the complainant's reply finds its "
            "complaint."};
    if (k == TemplateKind::outcome && !mentions(body, "satisfaction_request"))
        return TemplateProblem{
            "body",
            "Zet {{satisfaction_request}} in de tekst: daar komt de vraag of de klager tevreden "
            "is, met diens persoonlijke link.",
            "Put {{satisfaction_request}} in the text: that is where the question whether the "
            "complainant is satisfied goes, with their own link."};
    if (k == TemplateKind::satisfaction_request && !mentions(body, "satisfaction_url"))
        return TemplateProblem{
            "body",
            "Zet {{satisfaction_url}} in de tekst: dat is de link waar de klager antwoordt.",
            "Put {{satisfaction_url}} in the text: that is the link where the complainant "
            "answers."};
    return std::nullopt;
}

std::string fill_in(const std::string& text, const TemplateValues& values) {
    std::vector<Token> tokens;
    // An unchecked text (a stored one is checked) is shown as it stands where it is wrong.
    if (tokenize(text, tokens) || check_sections(tokens)) return text;
    std::string out;
    render(tokens, 0, values, true, out);
    return out;
}

std::string one_line(std::string subject) {
    for (auto& c : subject)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return subject;
}

TemplateValues example_values(TemplateKind k, Language l) {
    TemplateValues v;
    for (const auto& p : placeholders_of(k))
        v[p.name] = l == Language::en ? p.example_en : p.example_nl;
    return v;
}

} // namespace kd
