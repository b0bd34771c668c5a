// routes_staff.cpp: the organisation's staff, and account management by the admin.
#include "api/documents.hpp"
#include "api/requests.hpp"
#include "api/routes.hpp"

namespace kd {
namespace {

Response add_account(Call& c) {
    auto account = read_input(c.req, read_new_account);
    if (!account.value) return account.refused;
    auto made = c.services.accounts.add(c.org->record.id, account.value->staff,
                                        account.value->password, c.actor(), c.now);
    return reply(made, [](const StaffMember& m) { return json_reply(201, staff_json(m)); });
}

Response change_account(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return problem(not_found("Deze medewerker bestaat niet.", "No such employee."));
    auto change = read_input(c.req, read_account_change);
    if (!change.value) return change.refused;
    auto changed =
        c.services.accounts.change(c.org->record.id, *id, *change.value, c.actor(), c.now);
    return reply(changed, [](const StaffMember& m) { return json_reply(200, staff_json(m)); });
}

} // namespace

void add_staff_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations/:org/staff", Access::member, false, [](Call& c) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& s : c.services.accounts.staff(c.org->record.id))
            out.push_back(staff_json(s));
        return json_reply(200, {{"items", out}});
    });
    t.add("POST", "/api/v1/organisations/:org/staff", Access::member, true, add_account);
    t.add("POST", "/api/v1/organisations/:org/staff/:id", Access::member, true, change_account);
}

} // namespace kd
