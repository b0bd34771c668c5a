// public_pages.cpp: the public pages as HTML, every value escaped, no script anywhere.
#include "api/public_pages.hpp"

#include "core/amsterdam_time.hpp"
#include "core/names.hpp"
#include "service/passwords.hpp"

namespace kd {
namespace {

std::string escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

// The page's words in its language.
struct Words {
    bool en;
    const char* operator()(const char* nl, const char* english) const { return en ? english : nl; }
};

const char* state_label_en(State s) {
    switch (s) {
    case State::received:
        return "Received";
    case State::acknowledged:
        return "Receipt acknowledged";
    case State::assigned:
        return "Assigned to a handler";
    case State::in_handling:
        return "Being handled";
    case State::resolved:
        return "Resolved";
    case State::escalated:
        return "Referred to an external body";
    case State::closed:
        return "Closed";
    case State::closed_unsatisfied:
        return "Closed, not satisfied";
    case State::declined:
        return "Not taken into handling";
    case State::withdrawn:
        return "Withdrawn";
    }
    return "";
}

// Plain CSS in the page itself (the policy allows inline styles, never scripts), readable
// on a phone and inside a company's iframe.
constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1b1e;
background:#fff;line-height:1.5}main{max-width:44rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
label{display:block;font-weight:600;margin-top:1rem}input,textarea,select{display:block;
width:100%;box-sizing:border-box;font:inherit;padding:.5rem;border:1px solid #6b7079;
border-radius:4px;margin-top:.25rem}textarea{min-height:9rem}
input:focus,textarea:focus,select:focus,button:focus{outline:3px solid #364fc7;outline-offset:1px}
.hint{color:#495057;font-size:.9rem}.error{color:#b00020;font-weight:600;margin-top:.25rem}
[aria-invalid=true]{border:2px solid #b00020}.box{border:1px solid #ced4da;border-radius:6px;
padding:1rem;margin:1rem 0}.alert{border-color:#b00020;color:#b00020}.ok{border-color:#2b8a3e}
button{margin-top:1.25rem;font:inherit;font-weight:600;color:#fff;background:#364fc7;border:0;
border-radius:4px;padding:.6rem 1.4rem;cursor:pointer}.trap{position:absolute;left:-10000px;
width:1px;height:1px;overflow:hidden}a{color:#364fc7}code{word-break:break-all}
)";

Response page(int status, const std::string& title, const std::string& body, bool english,
              bool may_be_framed) {
    Response r;
    r.status = status;
    r.body = std::string("<!doctype html><html lang=\"") + (english ? "en" : "nl") +
             "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
             "content=\"width=device-width, initial-scale=1\"><title>" +
             escape(title) + "</title><style>" + kStyle + "</style></head><body><main>" + body +
             "</main></body></html>";
    r.with_header("Content-Type", "text/html; charset=utf-8");
    r.with_header("Cache-Control", "no-store");
    // No script at all; the form posts only to us; a company may frame the form (and the
    // answer that replaces it in the frame), never the status page.
    r.with_header("Content-Security-Policy",
                  std::string("default-src 'none'; style-src 'unsafe-inline'; "
                              "form-action 'self'; base-uri 'none'; frame-ancestors ") +
                      (may_be_framed ? "*" : "'none'"));
    r.with_header("X-Content-Type-Options", "nosniff");
    r.with_header("Referrer-Policy", "no-referrer");
    return r;
}

std::string error_for(const std::vector<FieldError>& errors, const std::string& field, bool en) {
    for (const auto& e : errors)
        if (e.field == field || e.field.rfind(field + ".", 0) == 0)
            return en ? e.message_en : e.message_nl;
    return "";
}

// A step as the public reads it, in their language: the steps that only come when something
// happens (a complaint not taken into handling, not satisfied) say so.
std::string public_step(StepId step, bool en) {
    switch (step) {
    case StepId::acknowledge:
        return en ? "We confirm that we received it" : "Ontvangstbevestiging";
    case StepId::first_contact:
        return en ? "Your handler contacts you" : "Uw behandelaar neemt contact op";
    case StepId::take_into_handling:
        return en ? "We take it into handling" : "In behandeling genomen";
    case StepId::decline_notice:
        return en ? "If we do not take it into handling, we tell you why"
                  : "Nemen wij uw klacht niet in behandeling, dan laten we u weten waarom";
    case StepId::resolve:
        return en ? "We handle it" : "Afhandeling";
    case StepId::verify:
        return en ? "We ask whether you are satisfied" : "We vragen of u tevreden bent";
    case StepId::redo:
        break;
    }
    return en ? "If you are not satisfied, we solve it still"
              : "Bent u niet tevreden, dan lossen we het alsnog op";
}

std::string base(const PublicPage& p) {
    return "/klacht/" + p.org.record.slug;
}
std::string lang_query(const PublicPage& p) {
    return p.english ? "?lang=en" : "";
}

} // namespace

Response public_form_page(const PublicPage& p, const PublicSubmission& typed,
                          const std::vector<FieldError>& errors, const std::string& general,
                          int status) {
    Words t{p.english};
    const Procedure& proc = p.org.procedure;
    std::string b;
    b += "<h1>" + std::string(t("Een klacht indienen bij ", "Make a complaint to ")) +
         escape(p.org.record.name) + "</h1>";
    b += std::string("<p class=\"hint\"><a href=\"") + base(p) + (p.english ? "" : "?lang=en") +
         "\">" + t("English", "Nederlands") + "</a></p>";
    b += std::string("<h2>") +
         t("Wat er met uw klacht gebeurt", "What happens with your complaint") + "</h2><ul>";
    for (const auto& s : proc.steps) {
        b += "<li><strong>" + escape(public_step(s.id, p.english)) + "</strong>";
        if (s.kind == TermKind::fixed)
            b += std::string(t(": binnen ", ": within ")) +
                 escape(p.english ? describe_term(s.term) : describe_term_nl(s.term));
        else if (s.kind == TermKind::agreed)
            b +=
                t(": binnen een termijn die we met u afspreken", ": within a term agreed with you");
        if (!s.quote.empty())
            b += "<br><span class=\"hint\">&ldquo;" + escape(s.quote) + "&rdquo;</span>";
        b += "</li>";
    }
    b += "</ul>";
    if (!general.empty())
        b += "<div class=\"box alert\" role=\"alert\">" + escape(general) + "</div>";
    else if (!errors.empty())
        b += std::string("<div class=\"box alert\" role=\"alert\">") +
             t("Niet alles is goed ingevuld; zie hieronder.",
               "Not everything is filled in correctly; see below.") +
             "</div>";
    b += "<form method=\"post\" action=\"" + base(p) + lang_query(p) + "\" novalidate>";
    auto field = [&](const char* name, const char* label_nl, const char* label_en,
                     const std::string& value, const char* type, const char* autocomplete,
                     bool required) {
        std::string err = error_for(errors,
                                    name == std::string("name")    ? "complainant.name"
                                    : name == std::string("email") ? "complainant.email"
                                    : name == std::string("phone") ? "complainant.phone"
                                                                   : name,
                                    p.english);
        std::string id = std::string("f-") + name;
        std::string out = "<label for=\"" + id + "\">" + t(label_nl, label_en) +
                          (required ? " *" : "") + "</label>";
        std::string attrs =
            " id=\"" + id + "\" name=\"" + name + "\"" + (required ? " required" : "") +
            (err.empty() ? "" : " aria-invalid=\"true\" aria-describedby=\"" + id + "-e\"");
        if (std::string(type) == "textarea")
            out += "<textarea" + attrs + ">" + escape(value) + "</textarea>";
        else
            out += "<input type=\"" + std::string(type) + "\" autocomplete=\"" + autocomplete +
                   "\"" + attrs + " value=\"" + escape(value) + "\">";
        if (!err.empty())
            out += "<div class=\"error\" id=\"" + id + "-e\">" + escape(err) + "</div>";
        return out;
    };
    b += field("name", "Uw naam", "Your name", typed.name, "text", "name", true);
    b += field("email", "Uw e-mailadres", "Your e-mail address", typed.email, "email", "email",
               false);
    b += field("phone", "Uw telefoonnummer", "Your phone number", typed.phone, "tel", "tel", false);
    if (!proc.categories.empty()) {
        std::string err = error_for(errors, "category", p.english);
        b += std::string("<label for=\"f-category\">") +
             t("Waar gaat uw klacht over?", "What is your complaint about?") +
             " *</label><select id=\"f-category\" name=\"category\" required" +
             (err.empty() ? "" : " aria-invalid=\"true\" aria-describedby=\"f-category-e\"") +
             "><option value=\"\">" + t("Kies…", "Choose…") + "</option>";
        for (const auto& c : proc.categories)
            b += "<option" + std::string(c == typed.category ? " selected" : "") + ">" + escape(c) +
                 "</option>";
        b += "</select>";
        if (!err.empty()) b += "<div class=\"error\" id=\"f-category-e\">" + escape(err) + "</div>";
    }
    b += field("description", "Uw klacht", "Your complaint", typed.description, "textarea", "off",
               true);
    b += std::string("<p class=\"hint\">") +
         t("Geef een e-mailadres of telefoonnummer op, zodat we contact met u kunnen opnemen.",
           "Give an e-mail address or phone number so that we can contact you.") +
         "</p>";
    // The form's own id: sent again (a reload of the thank-you page), it is not registered
    // twice. Kept when the form comes back with errors.
    b += "<input type=\"hidden\" name=\"submission\" value=\"" +
         escape(typed.submission.empty() ? random_hex(16) : typed.submission) + "\">";
    // The honeypot: people never see it; robots fill every field.
    b += "<div class=\"trap\" aria-hidden=\"true\"><label for=\"f-website\">Website</label>"
         "<input id=\"f-website\" name=\"website\" type=\"text\" tabindex=\"-1\" "
         "autocomplete=\"off\" value=\"\"></div>";
    b += std::string("<button type=\"submit\">") + t("Klacht versturen", "Send complaint") +
         "</button></form>";
    return page(status,
                std::string(t("Klacht indienen", "Make a complaint")) + " - " + p.org.record.name,
                b, p.english, true);
}

Response public_thanks_page(const PublicPage& p, const PublicReceipt& receipt) {
    Words t{p.english};
    std::string b =
        std::string("<h1>") + t("Bedankt voor uw klacht", "Thank you for your complaint") + "</h1>";
    if (receipt.discarded) {
        b += std::string("<p>") +
             t("We hebben uw bericht ontvangen.", "We have received your message.") + "</p>";
        // The same status as a real one, so that a robot cannot tell it was caught.
        return page(201, t("Bedankt", "Thank you"), b, p.english, true);
    }
    std::string link = base(p) + "/status/" + receipt.token + lang_query(p);
    b += "<div class=\"box ok\" role=\"status\"><p>" +
         std::string(t("Uw klacht is geregistreerd onder kenmerk ",
                       "Your complaint is registered under reference ")) +
         "<strong>" + escape(receipt.reference) + "</strong>.</p></div>";
    b += std::string("<p>") +
         t("Bewaar deze persoonlijke link: daar ziet u hoe het met uw klacht staat en wanneer de "
           "volgende stap komt. "
           "Wie de link heeft, ziet de status; deel hem niet.",
           "Keep this personal link: it shows how your complaint stands and when the next step is "
           "due. "
           "Whoever has the link sees the status; do not share it.") +
         "</p><p><a href=\"" + link + "\" target=\"_blank\" rel=\"noopener\">" +
         t("Status van mijn klacht", "Status of my complaint") +
         "</a></p><p class=\"hint\"><code>" + escape(link) + "</code></p>";
    return page(201, t("Klacht geregistreerd", "Complaint registered"), b, p.english, true);
}

Response public_status_page(const PublicPage& p, const PublicStatus& s) {
    Words t{p.english};
    std::string b =
        std::string("<h1>") + t("Uw klacht ", "Your complaint ") + escape(s.reference) + "</h1>";
    b += std::string("<p>") + t("Bij ", "At ") + escape(p.org.record.name) +
         t(", ontvangen op ", ", received on ") + escape(format_local_nl(s.received_at)) + ".</p>";
    b += "<div class=\"box\" role=\"status\"><p><strong>" +
         std::string(t("Stand van zaken: ", "Status: ")) +
         escape(p.english ? state_label_en(s.state) : state_label_nl(s.state)) + "</strong></p>";
    if (s.finished_at)
        b += std::string("<p>") + t("Afgerond op ", "Finished on ") +
             escape(format_local_nl(*s.finished_at)) + ".</p>";
    else if (s.next && s.next->due)
        b += std::string("<p>") + t("Volgende stap: ", "Next step: ") +
             escape(public_step(s.next->step, p.english)) + t(", uiterlijk ", ", due by ") +
             escape(format_local_nl(*s.next->due)) + ".</p>";
    b += "</div>";
    if (!s.correspondence.empty()) {
        b += std::string("<h2>") + t("Correspondentie", "Correspondence") + "</h2>";
        for (const auto& l : s.correspondence)
            b += "<details><summary>" + escape(format_local_nl(l.at)) + " &middot; " +
                 t(l.to_complainant ? "aan u" : "van u", l.to_complainant ? "to you" : "from you") +
                 ": " + escape(l.subject) + "</summary><p style=\"white-space:pre-wrap\">" +
                 escape(l.text) + "</p></details>";
    }
    b += std::string("<p class=\"hint\">") +
         t("Vragen? Neem contact op en noem uw kenmerk.",
           "Questions? Contact us and mention your reference.") +
         "</p>";
    return page(200, std::string(t("Status klacht ", "Complaint status ")) + s.reference, b,
                p.english, false);
}

Response public_satisfaction_page(const PublicPage& p, const SatisfactionQuestion& q,
                                  const std::string& token, const std::string& error) {
    Words t{p.english};
    std::string b = std::string("<h1>") + t("Bent u tevreden?", "Are you satisfied?") + "</h1>";
    b += std::string("<p>") + t("Over de afhandeling van uw klacht ", "With how your complaint ") +
         "<strong>" + escape(q.reference) + "</strong>" + t(" bij ", " was handled at ") +
         escape(p.org.record.name) + ".</p>";
    if (!q.solution.empty())
        b += std::string("<div class=\"box\"><p><strong>") +
             t("Wat wij hebben gedaan:", "What we did:") + "</strong></p><p>" + escape(q.solution) +
             "</p></div>";
    if (!error.empty())
        b +=
            "<div class=\"box alert\" role=\"alert\" id=\"f-answer-e\">" + escape(error) + "</div>";
    b += "<form method=\"post\" action=\"" + base(p) + "/tevredenheid/" + escape(token) +
         lang_query(p) + "\" novalidate><fieldset" +
         (error.empty() ? "" : " aria-describedby=\"f-answer-e\"") + "><legend>" +
         t("Uw antwoord", "Your answer") + " *</legend>";
    b += std::string("<label><input type=\"radio\" name=\"answer\" value=\"satisfied\"> ") +
         t("Ja, ik ben tevreden", "Yes, I am satisfied") + "</label>";
    b += std::string("<label><input type=\"radio\" name=\"answer\" value=\"not_satisfied\"> ") +
         t("Nee, ik ben niet tevreden", "No, I am not satisfied") + "</label></fieldset>";
    b += std::string("<label for=\"f-comment\">") +
         t("Toelichting (niet verplicht)", "Comment (optional)") +
         "</label><textarea id=\"f-comment\" name=\"comment\"></textarea>";
    b += std::string("<p class=\"hint\">") +
         t("Uw antwoord geldt als uw schriftelijke bevestiging. Deze link werkt tot en met ",
           "Your answer counts as your written confirmation. This link works until ") +
         escape(format_local_nl(q.expires_at).substr(0, 10)) + ".</p>";
    b += std::string("<button type=\"submit\">") + t("Versturen", "Send") + "</button></form>";
    return page(error.empty() ? 200 : 422, t("Bent u tevreden?", "Are you satisfied?"), b,
                p.english, false);
}

Response public_message_page(const PublicPage& p, int status, const std::string& nl,
                             const std::string& en) {
    return page(status, p.english ? en : nl,
                "<p role=\"alert\">" + escape(p.english ? en : nl) + "</p>", p.english, true);
}

} // namespace kd
