// http_client.hpp: a small blocking HTTP client over libcurl for the integration tests.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <sys/types.h>

#include <string>
#include <vector>

namespace kd::testing {

struct HttpReply {
    long status = 0;
    std::string content_type;
    std::string body;
    std::map<std::string, std::string> headers; // by lower-case name
    nlohmann::json json() const;
    std::string header(const std::string& lower_case_name) const {
        auto it = headers.find(lower_case_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

// Sends the session cookie and CSRF token it got from login(), like a browser would.
class HttpClient {
public:
    explicit HttpClient(std::string base) : base_(std::move(base)) {}
    HttpReply login(const std::string& email, const std::string& password);
    HttpReply get(const std::string& path) const;
    HttpReply del(const std::string& path) const;
    HttpReply post(const std::string& path, const std::string& body,
                   const std::string& content_type = "application/json") const;
    HttpReply post(const std::string& path, const nlohmann::json& body) const {
        return post(path, body.dump());
    }
    HttpReply put(const std::string& path, const nlohmann::json& body) const;
    HttpReply patch(const std::string& path, const nlohmann::json& body) const;

    std::string cookie; // "kd_session=..."
    std::string csrf;
    std::string set_cookie; // the last Set-Cookie received
    // Connect from this loopback address (say "127.0.0.2") instead of 127.0.0.1: tests that
    // exhaust the failed-login limit of their address leave 127.0.0.1 to the others.
    std::string local_address;

private:
    HttpReply send(const std::string& method, const std::string& path, const std::string* body,
                   const std::string& content_type) const;
    std::string base_;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
unsigned short free_port();
// Whether something accepts TCP connections on 127.0.0.1:`port`.
bool port_accepts(unsigned short port);

// A server the tests need (aiosmtpd, Dovecot), started from `args` and waited for until it
// accepts connections on `port`, at most 10 s. Its pid, or 0 when it did not start (then it is
// stopped). stop_process ends one with SIGTERM and waits for it.
pid_t start_process(std::vector<std::string> args, unsigned short port);
void stop_process(pid_t& pid);

} // namespace kd::testing
