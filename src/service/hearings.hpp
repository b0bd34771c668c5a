// hearings.hpp: hearing both sides (R-HANDLE): what handlers shared with an involved employee,
// read by that employee without ever showing them the case.
#pragma once

#include "service/complaints.hpp"

#include <string>
#include <vector>

namespace kd {

struct SharedSummary {
    HearingSummary summary;
    std::string reference; // of the complaint it belongs to
    std::string category;
};

class HearingService {
public:
    explicit HearingService(ComplaintService& complaints) : complaints_(complaints) {}

    // The summaries shared with the actor, newest complaint first. If any belongs to a
    // confidential case, reading it is recorded first ("view-summary"), like reading the case.
    Outcome<std::vector<SharedSummary>> shared_with(const OrganisationContext& org,
                                                    const Actor& actor, Instant now);

private:
    ComplaintService& complaints_;
};

} // namespace kd
