// server.cpp: HTTP/1.1 on Boost.Beast. One I/O thread reads and writes bytes and reads one
// request at a time per connection; the worker pool runs the routes and hands the response
// back to the I/O thread. Every framing fault gets an answer (400, 413, 417, 431) before the
// connection closes, because the parser reports it to us instead of dropping the connection.
#include "api/server.hpp"

#include "api/problem.hpp"
#include "api/router.hpp"
#include "api/web_files.hpp"
#include "service/executor.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include <pthread.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <list>
#include <optional>
#include <thread>

namespace kd {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Whoever sends a header, a body or nothing on an idle keep-alive connection gets this
// long; a slow client costs a socket, never a thread.
constexpr auto kReadTimeout = std::chrono::seconds(30);
constexpr auto kWriteTimeout = std::chrono::seconds(30);
// A file of 20 MB at 1 Mbit/s takes under three minutes.
constexpr auto kUploadTimeout = std::chrono::minutes(5);
// After an answer that ends the connection, what the client still sends is read and dropped
// for a while, so that closing with unread data (a TCP reset) does not destroy the answer.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = std::size_t{8} * 1024 * 1024;

struct Limits {
    std::size_t header_bytes;
    std::size_t body_bytes;
};

std::string lower(beast::string_view s) {
    std::string out(s.data(), s.size());
    for (char& ch : out)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// The framing fault as the answer the client gets, or nullopt when there is nobody left to
// answer (the client went away or timed out).
std::optional<Response> answer_for(const beast::error_code& ec, const Limits& limits,
                                   std::size_t body_limit) {
    if (ec == http::error::end_of_stream || ec == http::error::partial_message ||
        ec == beast::error::timeout || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof)
        return std::nullopt;
    if (ec == http::error::header_limit) return headers_too_large(limits.header_bytes);
    if (ec == http::error::body_limit)
        return body_too_large(body_limit).with_header("Connection", "close");
    if (ec.category() == http::make_error_code(http::error::bad_target).category())
        return malformed_request();
    return std::nullopt; // a socket error: nobody to answer
}

class Listener;

// One connection: read a request, have a worker answer it, write the answer, read the next.
// Lives as long as an operation of its own is pending (shared_from_this in each handler).
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, Listener& listener)
        : stream_(std::move(socket)), listener_(listener) {}
    void start() { read_header(); }
    // On stopping: a connection that waits for a request is closed; one that is busy closes
    // after its answer.
    void close_if_idle() {
        if (reading_) close();
    }

private:
    void read_header();
    void on_header(beast::error_code ec);
    void read_body();
    void on_request(beast::error_code ec);
    void respond(Response res, bool keep_alive);
    void on_written(beast::error_code ec, bool keep_alive);
    void linger();
    void linger_read();
    void close() {
        beast::error_code ignored;
        stream_.socket().close(ignored);
    }

    beast::tcp_stream stream_;
    Listener& listener_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<http::response<http::string_body>> response_;
    std::string continue_line_;
    bool reading_ = false;
    bool head_ = false;                               // the request being answered is a HEAD
    std::unique_ptr<std::array<char, 4096>> dropped_; // only while lingering
    std::size_t dropped_bytes_ = 0;
    std::size_t body_limit_ = 0; // of the request being read
    bool upload_ = false;        // it goes to a route that takes a file
};

// Accepts connections and owns what they share: the route table, the workers, the limits.
class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(asio::io_context& io, const RouteTable& table, const WebFiles& web, Executor& workers,
             Services& services, Limits limits)
        : io_(io), acceptor_(io), table_(table), web_(web), workers_(workers), services_(services),
          limits_(limits) {}

    void listen(const tcp::endpoint& at) {
        acceptor_.open(at.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(at);
        acceptor_.listen(asio::socket_base::max_listen_connections);
        accept();
    }

    // On the I/O thread: no new connections, idle ones closed, busy ones close when answered.
    void stop() {
        stopping_ = true;
        beast::error_code ignored;
        acceptor_.close(ignored);
        for (auto& weak : connections_)
            if (auto c = weak.lock()) c->close_if_idle();
        connections_.clear();
    }

    bool stopping() const { return stopping_; }
    const RouteTable& table() const { return table_; }
    const WebFiles& web() const { return web_; }
    Executor& workers() { return workers_; }
    Services& services() { return services_; }
    const Limits& limits() const { return limits_; }

private:
    void accept() {
        acceptor_.async_accept(asio::make_strand(io_), [self = shared_from_this()](
                                                           beast::error_code ec, tcp::socket s) {
            if (ec) {
                if (!self->stopping_) {
                    spdlog::warn("http: accept failed: {}", ec.message());
                    // Out of descriptors, say: try again shortly instead of spinning.
                    auto timer = std::make_shared<asio::steady_timer>(self->io_);
                    timer->expires_after(std::chrono::milliseconds(100));
                    timer->async_wait([self, timer](beast::error_code) { self->accept(); });
                }
                return;
            }
            auto c = std::make_shared<Connection>(std::move(s), *self);
            self->connections_.remove_if([](const auto& w) { return w.expired(); });
            self->connections_.push_back(c);
            c->start();
            self->accept();
        });
    }

    asio::io_context& io_;
    tcp::acceptor acceptor_;
    const RouteTable& table_;
    const WebFiles& web_;
    Executor& workers_;
    Services& services_;
    Limits limits_;
    bool stopping_ = false;
    std::list<std::weak_ptr<Connection>> connections_;
};

void Connection::read_header() {
    if (listener_.stopping()) return linger();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(listener_.limits().header_bytes));
    parser_->body_limit(listener_.limits().body_bytes);
    reading_ = true;
    stream_.expires_after(kReadTimeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Connection::on_header(beast::error_code ec) {
    reading_ = false;
    if (ec) {
        if (auto answer = answer_for(ec, listener_.limits(), listener_.limits().body_bytes))
            return respond(*answer, false);
        return close();
    }
    const auto& req = parser_->get();
    // A Transfer-Encoding other than a final "chunked" leaves the body's length to guesswork
    // between us and any proxy in front: refuse it (RFC 9112, 6.1).
    if (req.count(http::field::transfer_encoding) != 0 && !parser_->chunked())
        return respond(malformed_request(), false);
    // A route that takes a file may have a larger body, and more time to send it.
    body_limit_ = listener_.limits().body_bytes;
    upload_ = false;
    std::string_view target(req.target().data(), req.target().size());
    std::string_view method(req.method_string().data(), req.method_string().size());
    if (auto match = listener_.table().find(method, target.substr(0, target.find('?')));
        match && match->route && match->route->upload) {
        upload_ = true;
        body_limit_ = listener_.services().attachments.max_bytes;
    }
    parser_->body_limit(body_limit_);
    boost::optional<std::uint64_t> length = parser_->content_length();
    if (length && *length > body_limit_) return respond(body_too_large(body_limit_), false);
    auto expect = req.find(http::field::expect);
    if (expect != req.end()) {
        if (lower(expect->value()) != "100-continue") return respond(expectation_failed(), false);
        // The client waits for this before it sends the body (curl: up to a second).
        continue_line_ = "HTTP/1.1 100 Continue\r\n\r\n";
        stream_.expires_after(kWriteTimeout);
        return asio::async_write(stream_, asio::buffer(continue_line_),
                                 [self = shared_from_this()](beast::error_code e, std::size_t) {
                                     if (e) return self->close();
                                     self->read_body();
                                 });
    }
    read_body();
}

void Connection::read_body() {
    reading_ = !parser_->is_done();
    stream_.expires_after(upload_ ? kUploadTimeout : kReadTimeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

void Connection::on_request(beast::error_code ec) {
    reading_ = false;
    if (ec) {
        if (auto answer = answer_for(ec, listener_.limits(), body_limit_))
            return respond(*answer, false);
        return close();
    }
    http::request<http::string_body> msg = parser_->release();
    bool keep_alive = msg.keep_alive();
    if (listener_.stopping()) return respond(server_busy(), false);

    std::string_view target(msg.target().data(), msg.target().size());
    std::size_t question = target.find('?');
    std::string_view path = target.substr(0, question);
    std::string method(msg.method_string().data(), msg.method_string().size());
    // HEAD is answered as GET without the body (RFC 9110, 9.3.2): a body after a HEAD
    // answer would be read by a proxy as the start of the next response.
    head_ = method == "HEAD";
    if (head_) method = "GET";
    auto match = listener_.table().find(method, path);
    if (!match) return respond(malformed_path(), keep_alive);
    // Every other GET outside /api/ is the web UI, answered from memory on this thread.
    bool api = path == "/api" || path.rfind("/api/", 0) == 0;
    if (!match->route && !api && method == "GET" && !listener_.web().empty())
        return respond(listener_.web().answer(path), keep_alive);
    if (!match->route) return respond(no_such_address(), keep_alive);

    Request r;
    r.method = std::move(method);
    r.path = std::string(path);
    if (question != std::string_view::npos) r.query = std::string(target.substr(question + 1));
    r.body = std::move(msg.body());
    for (const auto& f : msg)
        r.headers[lower(f.name_string())] = std::string(f.value().data(), f.value().size());
    r.params = std::move(match->params);
    beast::error_code ignored;
    r.remote_address = stream_.socket().remote_endpoint(ignored).address().to_string();

    const Route* route = match->route;
    auto self = shared_from_this();
    bool queued = listener_.workers().post([self, route, keep_alive, req = std::move(r)] {
        Response res = dispatch(*route, req, self->listener_.services());
        asio::post(self->stream_.get_executor(),
                   [self, keep_alive, res = std::move(res)]() mutable {
                       self->respond(std::move(res), keep_alive);
                   });
    });
    if (!queued) respond(server_busy(), keep_alive);
}

void Connection::respond(Response res, bool keep_alive) {
    for (const auto& [name, value] : res.headers)
        if (lower(name) == "connection" && lower(value) == "close") keep_alive = false;
    if (listener_.stopping()) keep_alive = false;
    response_ = std::make_shared<http::response<http::string_body>>();
    response_->version(11);
    response_->result(static_cast<unsigned>(res.status));
    for (auto& [name, value] : res.headers)
        if (lower(name) != "connection") response_->insert(name, value);
    response_->body() = std::move(res.body);
    response_->keep_alive(keep_alive);
    response_->prepare_payload();
    if (head_) {
        auto length = response_->body().size();
        response_->body().clear();
        response_->content_length(length);
    }
    stream_.expires_after(kWriteTimeout);
    http::async_write(stream_, *response_,
                      [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                          self->on_written(ec, keep_alive);
                      });
}

void Connection::on_written(beast::error_code ec, bool keep_alive) {
    response_.reset();
    if (ec) return close();
    if (keep_alive) return read_header();
    linger();
}

void Connection::linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(kLingerTimeout);
    dropped_ = std::make_unique<std::array<char, 4096>>();
    linger_read();
}

void Connection::linger_read() {
    stream_.async_read_some(asio::buffer(*dropped_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                self->dropped_bytes_ += n;
                                if (ec || self->dropped_bytes_ > kLingerBytes) return self->close();
                                self->linger_read();
                            });
}

} // namespace

struct HttpServer::Impl {
    Services& services;
    RouteTable table = api_routes();
    WebFiles web;
    Executor workers;
    asio::io_context io{1};
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
    std::shared_ptr<Listener> listener;
    std::thread io_thread;
    std::atomic<bool> stopped{false};

    Impl(Services& s, const ServerOptions& o)
        : services(s), web(WebFiles::load(o.web_root)), workers("kd-http", o.workers),
          guard(asio::make_work_guard(io)),
          listener(std::make_shared<Listener>(io, table, web, workers, services,
                                              Limits{o.max_header_bytes, o.max_body_bytes})) {}
};

HttpServer::HttpServer(Services& services, const ServerOptions& options)
    : impl_(std::make_unique<Impl>(services, options)) {
    impl_->listener->listen(tcp::endpoint(asio::ip::make_address(options.address), options.port));
    impl_->io_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), "kd-http-io");
        for (;;) {
            try {
                impl_->io.run();
                return;
            } catch (const std::exception& e) {
                // A handler that throws must not end the I/O of every other connection.
                spdlog::error("http: I/O handler failed: {}", e.what());
            }
        }
    });
}

void HttpServer::stop() {
    if (impl_->stopped.exchange(true)) return;
    asio::post(impl_->io, [listener = impl_->listener] { listener->stop(); });
    // Answers what is queued; each connection closes after its answer.
    impl_->workers.shutdown();
    impl_->guard.reset(); // run() returns once every connection has closed
    if (impl_->io_thread.joinable()) impl_->io_thread.join();
}

bool HttpServer::serves_web() const {
    return !impl_->web.empty();
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
