// server.hpp: the HTTP server: routes under /api/v1 onto the complaint service.
#pragma once

#include "app/auth.hpp"
#include "app/complaint_service.hpp"
#include "service/clock.hpp"

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kd {

struct ServerOptions {
    std::string address = "127.0.0.1"; // until logging in exists, never anything else
    unsigned short port = 8080;
    std::size_t threads = 4;
    bool secure_cookies = false; // set when served over TLS (behind a proxy)
};

class HttpServer {
public:
    // `clock` gives "now" (tests set it). Starts listening before it returns.
    HttpServer(ComplaintService& service, Authenticator& auth, const ServerOptions& options,
               const Clock& clock);
    ~HttpServer();
    void stop();
    // Every route as (method, path pattern), e.g. ("GET", "/api/v1/organisations/:org").
    std::vector<std::pair<std::string, std::string>> routes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kd
