// public_pages.hpp: the pages anyone sees without an account: an organisation's complaint
// form, its thank-you page with the private link, the status page behind that link, and the
// satisfaction question behind the link in the outcome mail.
// Plain HTML without scripts, so that they work with JavaScript off and in an iframe.
#pragma once

#include "api/http.hpp"
#include "core/outcome.hpp"
#include "service/organisations.hpp"
#include "service/public_form.hpp"
#include "service/satisfaction.hpp"

#include <string>
#include <vector>

namespace kd {

struct PublicPage {
    const OrganisationContext& org;
    bool english = false; // ?lang=en
};

// The form, with what was typed and each problem next to its field.
Response public_form_page(const PublicPage& page, const PublicSubmission& typed,
                          const std::vector<FieldError>& errors, const std::string& general,
                          int status);
// After sending: the reference and the private link to the status page.
Response public_thanks_page(const PublicPage& page, const PublicReceipt& receipt);
Response public_status_page(const PublicPage& page, const PublicStatus& status);
// The question behind the outcome mail's satisfaction link; `error` says what to fix.
Response public_satisfaction_page(const PublicPage& page, const SatisfactionQuestion& q,
                                  const std::string& token, const std::string& error);
Response public_message_page(const PublicPage& page, int status, const std::string& nl,
                             const std::string& en);

} // namespace kd
