// router.hpp: the route table. Each route says who may call it (anyone, a logged-in person,
// a member of the organisation in the path) and whether it changes something (then the
// session's CSRF token is required); dispatch() checks that before the handler runs.
#pragma once

#include "api/http.hpp"
#include "service/services.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

enum class Access {
    anyone,    // no session needed
    logged_in, // a valid session
    member,    // a valid session whose organisation is the ":org" of the path
};

// One call of a route: the request, and who is calling (filled in as `Access` demands).
struct Call {
    const Request& req;
    Services& services;
    std::optional<Principal> user;
    const OrganisationContext* org = nullptr;
    Instant now{}; // read once per request from the services' clock

    // The person acting with their roles, and where the change came from (client address).
    Actor actor() const;
    // The organisation's staff by id, for the names in files and documents.
    std::map<long long, std::string> staff_names() const;
};

using Handler = std::function<Response(Call&)>;

struct Route {
    std::string method; // "GET", "POST", "DELETE"
    std::string path;   // "/api/v1/organisations/:org/complaints/:id"
    Access access = Access::member;
    bool changes = false;
    Handler handler;
    std::vector<std::string> segments; // the path split at '/', for matching
    // Takes a file as its body: the server allows it the case file's size limit
    // (AttachmentService::max_bytes) and more time, instead of the 1 MiB of every other route.
    bool upload = false;
};

// The route a request goes to, with the path's ":name" parts by name (decoded).
struct RouteMatch {
    const Route* route = nullptr; // null: no route has this method and path (404)
    std::map<std::string, std::string> params;
};

class RouteTable {
public:
    void add(std::string method, std::string path, Access access, bool changes, Handler h);
    // A route that changes something and takes a file as its body (Route::upload).
    void add_upload(std::string method, std::string path, Access access, Handler h);
    const std::vector<Route>& routes() const { return routes_; }
    // nullopt when the path cannot be read (bad %-escapes, not UTF-8: 400).
    std::optional<RouteMatch> find(std::string_view method, std::string_view path) const;

private:
    std::vector<Route> routes_;
};

// Every route of the API, in one table (api/routes_*.cpp each add theirs).
RouteTable api_routes();

// Runs `route` for `req` on the calling (executor) thread: authentication, CSRF, the
// organisation of the path, then the handler; an exception becomes a 500 with an incident id.
Response dispatch(const Route& route, const Request& req, Services& services);

// The session token from the Cookie header, or "".
std::string session_token(const Request& req);
inline constexpr const char* kSessionCookie = "kd_session";

} // namespace kd
