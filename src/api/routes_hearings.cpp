// routes_hearings.cpp: hearing of both sides: what handlers shared with the logged-in
// employee about complaints that concern them: the summary, the reference and who shared
// it, never the case.
#include "api/documents.hpp"
#include "api/routes.hpp"

namespace kd {

void add_hearing_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations/:org/hearing-summaries", Access::member, false,
          [](Call& c) {
              auto shared = c.services.hearings.shared_with(*c.org, c.actor(), c.now);
              return reply(shared, [](const std::vector<SharedSummary>& all) {
                  nlohmann::json items = nlohmann::json::array();
                  for (const auto& s : all) {
                      nlohmann::json j = hearing_summary_json(s.summary);
                      j["reference"] = s.reference;
                      j["category"] = s.category;
                      items.push_back(std::move(j));
                  }
                  return json_reply(200, {{"items", items}});
              });
          });
}

} // namespace kd
