// http.hpp: a request and a response as the routes see them, copied out of the HTTP library
// so that routes run on executor threads and can be tested without sockets.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kd {

struct Request {
    std::string method; // "GET", "POST", ...
    std::string path;   // "/api/v1/organisations/jexo/complaints"
    std::string query;  // without the "?"
    std::string body;
    std::map<std::string, std::string> headers; // names in lower case
    std::map<std::string, std::string> params;  // from the route pattern: "org", "id", ...
    std::string remote_address;

    std::string header(const std::string& lower_case_name) const {
        auto it = headers.find(lower_case_name);
        return it == headers.end() ? std::string() : it->second;
    }
    std::string param(const std::string& name) const {
        auto it = params.find(name);
        return it == params.end() ? std::string() : it->second;
    }
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    Response& with_header(std::string name, std::string value) & {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    Response&& with_header(std::string name, std::string value) && {
        headers.emplace_back(std::move(name), std::move(value));
        return std::move(*this);
    }
};

} // namespace kd
