// server.cpp: RESTinio on one I/O thread. A handler on the I/O thread only copies the request
// and posts it to the worker pool; the worker runs the route and hands the response back to
// RESTinio, which writes it on the I/O thread. Several I/O threads let RESTinio parse a
// pipelined or split request on two threads at once (a request desync); one does not.
#include "api/server.hpp"

#include "api/problem.hpp"
#include "api/queries.hpp"
#include "api/router.hpp"
#include "service/executor.hpp"

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cctype>

namespace kd {
namespace {

using router_t = restinio::router::express_router_t<>;
// The handler checks the path before the router decodes it: the router throws on a bad
// %-escape, and RESTinio then closes the connection without an answer.
using traits_t = restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                    restinio::default_request_handler_t>;
using req_t = restinio::request_handle_t;

restinio::http_method_id_t method_id(const std::string& m) {
    if (m == "GET") return restinio::http_method_get();
    if (m == "POST") return restinio::http_method_post();
    if (m == "PUT") return restinio::http_method_put();
    if (m == "PATCH") return restinio::http_method_patch();
    if (m == "DELETE") return restinio::http_method_delete();
    throw std::invalid_argument("no such HTTP method in the route table: " + m);
}

Request copy_request(const req_t& req, const restinio::router::route_params_t& params) {
    Request r;
    r.method = req->header().method().c_str();
    r.path = std::string(req->header().path());
    r.query = std::string(req->header().query());
    r.body = req->body();
    for (const auto& f : req->header()) {
        std::string name = f.name();
        for (char& ch : name)
            ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        r.headers[name] = f.value();
    }
    // RESTinio does not list the named parameters; these are all the route table uses.
    for (const char* name : {"org", "id", "action"})
        if (auto v = params.get_param(name)) r.params[name] = std::string(v->data(), v->size());
    r.remote_address = req->remote_endpoint().address().to_string();
    return r;
}

const char* reason_phrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 503:
        return "Service Unavailable";
    default:
        return status < 500 ? "Client Error" : "Server Error";
    }
}

void send(const req_t& req, const Response& res) {
    auto out = req->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
        reason_phrase(res.status)});
    for (const auto& [name, value] : res.headers)
        out.append_header(name, value);
    out.set_body(res.body).done();
}

} // namespace

struct HttpServer::Impl {
    Services& services;
    RouteTable table = api_routes();
    Executor workers;
    restinio::running_server_handle_t<traits_t> server;
    std::atomic<bool> stopped{false};

    Impl(Services& s, std::size_t worker_count) : services(s), workers("kd-http", worker_count) {}

    std::unique_ptr<router_t> router() {
        auto r = std::make_unique<router_t>();
        for (const Route& route : table.routes()) {
            const Route* rt = &route; // the table lives as long as the server
            r->add_handler(method_id(route.method), route.path,
                           [this, rt](const req_t& req, restinio::router::route_params_t params) {
                               Request copy = copy_request(req, params);
                               bool queued = workers.post([this, rt, req, c = std::move(copy)] {
                                   send(req, dispatch(*rt, c, services));
                               });
                               if (!queued) send(req, server_busy());
                               return restinio::request_accepted();
                           });
        }
        r->non_matched_request_handler([](const req_t& req) {
            send(req, no_such_address());
            return restinio::request_accepted();
        });
        return r;
    }
};

HttpServer::HttpServer(Services& services, const ServerOptions& options)
    : impl_(std::make_unique<Impl>(services, options.workers)) {
    auto settings =
        restinio::server_settings_t<traits_t>{}
            .address(options.address)
            .port(options.port)
            .request_handler(
                [router = std::shared_ptr<router_t>(impl_->router())](const req_t& req) {
                    if (!valid_path(req->header().path())) {
                        send(req, malformed_path());
                        return restinio::request_accepted();
                    }
                    return (*router)(req);
                })
            // Bodies up to 1 MiB are read so the route can answer 413 with a reason; beyond
            // that the connection is closed unread.
            .incoming_http_msg_limits(
                restinio::incoming_http_msg_limits_t{}.max_body_size(std::uint64_t{1024} * 1024))
            .handle_request_timeout(std::chrono::seconds(30));
    impl_->server = restinio::run_async(restinio::own_io_context(), std::move(settings), 1);
}

void HttpServer::stop() {
    if (impl_->stopped.exchange(true)) return;
    impl_->workers.shutdown(); // answers what is queued; new requests get 503 meanwhile
    impl_->server->stop();
    impl_->server->wait();
}

std::vector<std::pair<std::string, std::string>> HttpServer::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Route& r : impl_->table.routes())
        out.push_back({r.method, r.path});
    return out;
}

HttpServer::~HttpServer() {
    stop();
}

} // namespace kd
