// routes_organisations.cpp: the caller's organisation and the procedure it runs.
#include "api/documents.hpp"
#include "api/routes.hpp"

namespace kd {

void add_organisation_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations", Access::logged_in, false, [](Call& c) {
        nlohmann::json out = nlohmann::json::array();
        if (auto* o = c.services.organisations.by_id(c.user->session.organisation_id))
            out.push_back(organisation_json(*o));
        return json_reply(200, {{"items", out}});
    });
    t.add("GET", "/api/v1/organisations/:org", Access::member, false,
          [](Call& c) { return json_reply(200, organisation_json(*c.org)); });
    t.add("GET", "/api/v1/organisations/:org/procedure", Access::member, false,
          [](Call& c) { return json_reply(200, procedure_json(c.org->procedure)); });
}

} // namespace kd
