// server.hpp: the HTTP server: one I/O thread that only reads and writes bytes, and a pool
// of workers ("kd-http") that run the routes of api/router.hpp.
#pragma once

#include "service/services.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace kd {

struct ServerOptions {
    std::string address = "127.0.0.1"; // behind a proxy for anything else
    unsigned short port = 8080;
    // Workers for the routes: each may wait on the database, argon2 or the writer. The
    // number of writes waiting at once bounds the group commit's batch.
    std::size_t workers = 16;
    // A request whose header section is larger gets 431; whose body is larger, 413 (the
    // routes set tighter limits of their own).
    std::size_t max_header_bytes = std::size_t{16} * 1024;
    std::size_t max_body_bytes = std::size_t{1024} * 1024;
    // The built web UI (web/dist); every GET outside /api/ is answered from it. Empty or
    // missing: the API alone.
    std::string web_root{};
};

class HttpServer {
public:
    // Starts listening before it returns.
    HttpServer(Services& services, const ServerOptions& options);
    ~HttpServer(); // stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Refuses new requests (503), lets the running and queued ones finish and answer, then
    // closes the I/O. Idempotent.
    void stop();

    // Whether the web UI was found in ServerOptions::web_root.
    bool serves_web() const;

    // Every route as (method, path pattern), e.g. ("GET", "/api/v1/organisations/:org").
    std::vector<std::pair<std::string, std::string>> routes() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kd
