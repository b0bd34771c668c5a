// hearings.cpp: summaries shared with an involved employee, filtered to that employee.
#include "service/hearings.hpp"

namespace kd {

Outcome<std::vector<SharedSummary>> HearingService::shared_with(const OrganisationContext& org,
                                                                const Actor& actor, Instant now) {
    std::vector<SharedSummary> out;
    std::vector<Complaint> confidential;
    for (const auto& c : complaints_.database().complaints_about(org.record.id, actor.staff_id))
        for (const auto& h : c.hearing_summaries)
            if (h.employee_id == actor.staff_id) {
                out.push_back({h, c.reference, c.category});
                if (c.confidential && (confidential.empty() || confidential.back().id != c.id))
                    confidential.push_back(c);
            }
    if (!confidential.empty())
        if (auto logged = complaints_.record_view(org, confidential, "view-summary", actor, now);
            !logged)
            return logged.refusal();
    return out;
}

} // namespace kd
