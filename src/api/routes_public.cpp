// routes_public.cpp: the public complaint form and its status page, for anyone, without an
// account: HTML in, HTML out (public_pages.cpp), so they work with JavaScript off.
#include "api/public_pages.hpp"
#include "api/routes.hpp"
#include "api/uri.hpp"

namespace kd {
namespace {

const OrganisationContext* organisation_of(Call& c) {
    return c.services.organisations.find(c.req.param("org"));
}

bool english(const Request& req) {
    auto q = query_parameters(req.query);
    return q && q->count("lang") && q->at("lang") == "en";
}

Response unknown_organisation() {
    Response r;
    r.status = 404;
    r.body = "Onbekende organisatie. / Unknown organisation.";
    r.with_header("Content-Type", "text/plain; charset=utf-8");
    return r;
}

Response show_form(Call& c) {
    const OrganisationContext* org = organisation_of(c);
    if (!org) return unknown_organisation();
    return public_form_page({*org, english(c.req)}, {}, {}, "", 200);
}

Response send_form(Call& c) {
    const OrganisationContext* org = organisation_of(c);
    if (!org) return unknown_organisation();
    PublicPage page{*org, english(c.req)};
    if (c.req.body.size() > kMaxBody)
        return public_message_page(page, 413, "Uw bericht is te lang.",
                                   "Your message is too long.");
    auto fields = query_parameters(c.req.body); // application/x-www-form-urlencoded
    if (!fields)
        return public_message_page(page, 400, "Het formulier kwam onleesbaar aan.",
                                   "The form arrived unreadable.");
    auto get = [&](const char* name) {
        auto it = fields->find(name);
        return it == fields->end() ? std::string() : it->second;
    };
    PublicSubmission typed{get("name"),       get("email"),
                           get("phone"),      get("description"),
                           get("category"),   get("website"),
                           get("submission"), page.english ? Language::en : Language::nl};
    std::vector<FieldError> errors;
    if (typed.email.empty() && typed.phone.empty())
        errors.push_back({"complainant.email", "Geef een e-mailadres of telefoonnummer op.",
                          "Give an e-mail address or a phone number."});
    if (!typed.email.empty() && typed.email.find('@') == std::string::npos)
        errors.push_back(
            {"complainant.email", "Dit is geen e-mailadres.", "This is not an e-mail address."});
    for (const auto& [name, value] : *fields)
        if (value.size() > 20000)
            errors.push_back({name, "Dit veld is te lang.", "This field is too long."});
    if (!errors.empty()) return public_form_page(page, typed, errors, "", 422);
    auto receipt = c.services.public_form.submit(*org, typed, c.req.remote_address, c.now);
    if (!receipt) {
        const Refusal& r = receipt.refusal();
        std::vector<FieldError> field_errors = r.fields;
        if (!r.field.empty()) field_errors.push_back({r.field, r.message_nl, r.message_en});
        if (!field_errors.empty()) return public_form_page(page, typed, field_errors, "", 422);
        int status = r.kind == RefusalKind::limited       ? 429
                     : r.kind == RefusalKind::unavailable ? 503
                                                          : 422;
        return public_form_page(page, typed, {}, page.english ? r.message_en : r.message_nl,
                                status);
    }
    return public_thanks_page(page, receipt.value());
}

Response show_status(Call& c) {
    const OrganisationContext* org = organisation_of(c);
    if (!org) return unknown_organisation();
    PublicPage page{*org, english(c.req)};
    auto status = c.services.public_form.status(*org, c.req.param("token"), c.now);
    if (!status)
        return public_message_page(page, 404, status.refusal().message_nl,
                                   status.refusal().message_en);
    return public_status_page(page, status.value());
}

Response show_satisfaction(Call& c) {
    const OrganisationContext* org = organisation_of(c);
    if (!org) return unknown_organisation();
    PublicPage page{*org, english(c.req)};
    const std::string token = c.req.param("token");
    auto q = c.services.satisfaction.question(*org, token, c.now);
    if (!q) return public_message_page(page, 404, q.refusal().message_nl, q.refusal().message_en);
    if (q.value().answered)
        return public_message_page(page, 200, "Dank u, uw antwoord is ontvangen.",
                                   "Thank you, your answer has been received.");
    if (q.value().moved_on)
        return public_message_page(page, 200,
                                   "Uw klacht is inmiddels verder behandeld. Neem contact met ons "
                                   "op als u nog iets wilt laten weten.",
                                   "Your complaint has been taken further since. Please contact "
                                   "us if you want to tell us more.");
    return public_satisfaction_page(page, q.value(), token, "");
}

Response send_satisfaction(Call& c) {
    const OrganisationContext* org = organisation_of(c);
    if (!org) return unknown_organisation();
    PublicPage page{*org, english(c.req)};
    const std::string token = c.req.param("token");
    auto fields = query_parameters(c.req.body); // application/x-www-form-urlencoded
    if (c.req.body.size() > kMaxBody || !fields)
        return public_message_page(page, 400, "Het formulier kwam onleesbaar aan.",
                                   "The form arrived unreadable.");
    const std::string answer = (*fields)["answer"], comment = (*fields)["comment"];
    if (answer != "satisfied" && answer != "not_satisfied") {
        auto q = c.services.satisfaction.question(*org, token, c.now);
        if (!q)
            return public_message_page(page, 404, q.refusal().message_nl, q.refusal().message_en);
        return public_satisfaction_page(page, q.value(), token,
                                        page.english ? "Choose yes or no." : "Kies ja of nee.");
    }
    if (comment.size() > 20000)
        return public_message_page(page, 413, "Uw toelichting is te lang.",
                                   "Your comment is too long.");
    auto done = c.services.satisfaction.answer(*org, token, answer == "satisfied", comment, c.now);
    if (!done) {
        const Refusal& r = done.refusal();
        int status = r.kind == RefusalKind::not_found     ? 404
                     : r.kind == RefusalKind::conflict    ? 409
                     : r.kind == RefusalKind::unavailable ? 503
                                                          : 422;
        return public_message_page(page, status, r.message_nl, r.message_en);
    }
    return answer == "satisfied"
               ? public_message_page(page, 200, "Dank u! Fijn dat u tevreden bent.",
                                     "Thank you! We are glad you are satisfied.")
               : public_message_page(page, 200,
                                     "Dank u voor uw antwoord. Uw behandelaar neemt uw klacht "
                                     "opnieuw in behandeling en neemt contact met u op.",
                                     "Thank you for your answer. Your handler takes your "
                                     "complaint up again and will contact you.");
}

} // namespace

void add_public_routes(RouteTable& t) {
    t.add("GET", "/klacht/:org/tevredenheid/:token", Access::anyone, false, show_satisfaction);
    t.add("POST", "/klacht/:org/tevredenheid/:token", Access::anyone, false, send_satisfaction);
    t.add("GET", "/klacht/:org", Access::anyone, false, show_form);
    t.add("POST", "/klacht/:org", Access::anyone, false, send_form);
    t.add("GET", "/klacht/:org/status/:token", Access::anyone, false, show_status);
}

} // namespace kd
