// satisfaction.hpp: the complainant's answer through the link in the outcome mail (issue 12,
// R-CLOSE): satisfied or not, with a comment. It is recorded as the satisfaction step with the
// answer as the written confirmation (003), by klachtdesk's own account, and moves the case
// as the procedure says (001: not satisfied -> back to the handler, 2 working days).
#pragma once

#include "service/complaints.hpp"

#include <string>

namespace kd {

// What the link's page shows before the answer.
struct SatisfactionQuestion {
    long long complaint_id = 0;
    std::string reference;
    std::string solution; // what was done, as the outcome mail said
    Instant expires_at{};
    bool answered = false; // answered before: the page thanks, and asks nothing
    bool moved_on = false; // the case is past "resolved" (closed, referred, handled again)
};

class SatisfactionService {
public:
    explicit SatisfactionService(ComplaintService& complaints) : complaints_(complaints) {}

    // not_found for a token that is no link, or one that has expired.
    Outcome<SatisfactionQuestion> question(const OrganisationContext& org, const std::string& token,
                                           Instant now);
    // Records the answer once; a conflict when it was answered before or the case has moved
    // on (closed, referred) since the mail.
    Outcome<SavedComplaint> answer(const OrganisationContext& org, const std::string& token,
                                   bool satisfied, const std::string& comment, Instant now);

private:
    ComplaintService& complaints_;
};

} // namespace kd
