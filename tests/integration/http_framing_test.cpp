// http_framing_test.cpp: the HTTP layer over a raw socket: every request on a keep-alive
// connection is answered exactly once, whether its headers and body arrive in separate TCP
// segments, with or without a pause, or many requests arrive pipelined in one write. A body
// that looks like a request must never be run as one (request smuggling behind a proxy).
#include "api/server.hpp"
#include "http_client.hpp"
#include "service/runtime.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>
#include <vector>

using namespace kd;

namespace {

// The body every POST carries: a complete request of its own. If it were ever parsed as a
// request, the health check would answer 200.
const std::string kSmuggled = "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n";

std::string post_headers() {
    return "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
           "Content-Length: " +
           std::to_string(kSmuggled.size()) + "\r\n\r\n";
}

class Connection {
public:
    explicit Connection(unsigned short port) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        // Without Nagle each write leaves as a segment of its own, as the attack needs.
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        timeval tv{10, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(port);
        ::inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    }
    ~Connection() { ::close(fd_); }
    bool connected() const { return connected_; }

    bool write(const std::string& s) {
        std::size_t sent = 0;
        while (sent < s.size()) {
            ssize_t n = ::send(fd_, s.data() + sent, s.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    // The status of the next response, reading exactly its headers and Content-Length body;
    // 0 when the connection closed or nothing came within the timeout.
    int read_response() {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return 0;
        std::string head = buffer_.substr(0, end);
        std::size_t length = 0;
        for (std::size_t p = 0; (p = head.find("\r\n", p)) != std::string::npos;) {
            p += 2;
            std::string line = head.substr(p, head.find("\r\n", p) - p);
            std::string lower;
            for (char ch : line)
                lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (lower.rfind("content-length:", 0) == 0) length = std::stoul(line.substr(15));
        }
        while (buffer_.size() < end + 4 + length)
            if (!fill()) return 0;
        int status = std::stoi(head.substr(9, 3));
        body_ = buffer_.substr(end + 4, length);
        buffer_.erase(0, end + 4 + length);
        return status;
    }

    // The status of the answer to a HEAD: its headers only, whatever Content-Length says.
    int read_head_response() {
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos)
            if (!fill()) return 0;
        int status = std::stoi(buffer_.substr(9, 3));
        buffer_.erase(0, end + 4);
        return status;
    }

    // The body of the response read last.
    const std::string& body() const { return body_; }

    // Tells the server nothing more comes (a half-close), so it closes without waiting.
    void finish_writing() { ::shutdown(fd_, SHUT_WR); }

    // True when nothing more arrives within `wait`: no answer to a request nobody sent.
    bool quiet(std::chrono::milliseconds wait) {
        if (!buffer_.empty()) return false;
        timeval tv{0, static_cast<suseconds_t>(wait.count() * 1000)};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        char c;
        ssize_t n = ::recv(fd_, &c, 1, 0);
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }

private:
    bool fill() {
        char buf[16384];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return false;
        buffer_.append(buf, static_cast<std::size_t>(n));
        return true;
    }

    int fd_ = -1;
    bool connected_ = false;
    std::string buffer_;
    std::string body_;
};

class HttpFraming : public ::testing::Test {
public:
    static void SetUpTestSuite() {
        dir_ = std::filesystem::temp_directory_path() /
               ("klachtdesk-framing-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        std::string procedures = kd::testing::source_path("procedures");
        runtime_ = new Runtime("sqlite:" + (dir_ / "k.db").string(), load_procedure_dir(procedures),
                               clock_);
        port_ = kd::testing::free_port();
        server_ = new HttpServer(runtime_->services(), ServerOptions{"127.0.0.1", port_, 8});
    }
    static void TearDownTestSuite() {
        delete server_;
        delete runtime_;
        std::filesystem::remove_all(dir_);
    }

protected:
    // Sends `n` POSTs on one connection, headers and body in separate writes with `pause`
    // between them, and counts the answers by status.
    // With `wait_for_answer`, each answer is read before the next request is sent;
    // without, a second thread reads while the requests keep coming (as through a proxy).
    static std::map<int, int> split_posts(int n, std::chrono::microseconds pause,
                                          bool wait_for_answer) {
        Connection c(port_);
        EXPECT_TRUE(c.connected());
        std::map<int, int> statuses;
        std::thread reader;
        if (!wait_for_answer)
            reader = std::thread([&] {
                for (int i = 0; i < n; ++i)
                    ++statuses[c.read_response()];
            });
        for (int i = 0; i < n; ++i) {
            if (!c.write(post_headers())) break;
            if (pause.count() > 0) std::this_thread::sleep_for(pause);
            if (!c.write(kSmuggled)) break;
            if (wait_for_answer) ++statuses[c.read_response()];
        }
        if (reader.joinable()) reader.join();
        EXPECT_TRUE(c.quiet(std::chrono::milliseconds(300))) << "an answer nobody asked for";
        return statuses;
    }

    static inline ManualClock clock_{*try_parse_iso("2026-11-18T10:30")};
    static inline std::filesystem::path dir_;
    static inline Runtime* runtime_ = nullptr;
    static inline HttpServer* server_ = nullptr;
    static inline unsigned short port_ = 0;
};

// 415: the body is not JSON. Never 200 (the smuggled health check), never 0 (no answer).
const std::map<int, int> kEachRefusedOnce{{415, 1000}};

TEST_F(HttpFraming, SplitPostsWithAPauseAreEachAnsweredOnce) {
    EXPECT_EQ(split_posts(1000, std::chrono::milliseconds(5), true), kEachRefusedOnce);
}

TEST_F(HttpFraming, SplitPostsWithoutAPauseAreEachAnsweredOnce) {
    EXPECT_EQ(split_posts(1000, std::chrono::microseconds(0), true), kEachRefusedOnce);
}

TEST_F(HttpFraming, SplitPostsThatDoNotWaitForTheirAnswersAreEachAnsweredOnce) {
    EXPECT_EQ(split_posts(1000, std::chrono::milliseconds(2), false), kEachRefusedOnce);
    EXPECT_EQ(split_posts(1000, std::chrono::microseconds(0), false), kEachRefusedOnce);
}

TEST_F(HttpFraming, PipelinedRequestsAreAnsweredInOrder) {
    Connection c(port_);
    ASSERT_TRUE(c.connected());
    // 200 requests in one write: health checks and POSTs taking turns.
    std::string all;
    for (int i = 0; i < 100; ++i)
        all += "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n" + post_headers() + kSmuggled;
    ASSERT_TRUE(c.write(all));
    for (int i = 0; i < 100; ++i) {
        ASSERT_EQ(c.read_response(), 200) << i;
        ASSERT_EQ(c.read_response(), 415) << i;
    }
    EXPECT_TRUE(c.quiet(std::chrono::milliseconds(300)));
}

// Issue 10, item 8: a path with a bad %-escape, or one that decodes to something that is
// not UTF-8, gets 400 with a reason (it used to get no answer at all), and the connection
// goes on.
TEST_F(HttpFraming, ABadPercentEscapeInThePathIsAnswered400) {
    Connection c(port_);
    ASSERT_TRUE(c.connected());
    for (const char* path : {"/api/v1/organisations/%FF/complaints", "/api/v1/organisations/%ZZ",
                             "/api/v1/organisations/jexo%", "/api/v1/organisations/%C0%AF"}) {
        ASSERT_TRUE(c.write(std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
        EXPECT_EQ(c.read_response(), 400) << path;
    }
    ASSERT_TRUE(c.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(c.read_response(), 200);
}

// Issue 10, item 8: every framing fault gets a status with problem JSON, then the connection
// closes (what follows a broken message cannot be trusted to be a request).
struct FramingFault {
    const char* what;
    std::string request;
    int status;
};

TEST_F(HttpFraming, EachFramingFaultIsAnsweredThenTheConnectionCloses) {
    const std::string post = "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                             "Content-Type: application/json\r\n";
    std::vector<FramingFault> faults{
        {"a body over 1 MiB, announced", post + "Content-Length: 2000000\r\n\r\n{", 413},
        {"a body over 1 MiB, chunked",
         post + "Transfer-Encoding: chunked\r\n\r\n100000\r\n" + std::string(0x100000, 'x') +
             "\r\n10\r\n" + std::string(16, 'x') + "\r\n0\r\n\r\n",
         413},
        {"a bad chunk size", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400},
        {"Content-Length with Transfer-Encoding",
         post + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400},
        {"Transfer-Encoding with Content-Length",
         post + "Transfer-Encoding: chunked\r\nContent-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400},
        {"a Transfer-Encoding that is not chunked", post + "Transfer-Encoding: gzip\r\n\r\n{}",
         400},
        {"two different Content-Lengths",
         post + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{} ", 400},
        {"a 100 KB header",
         "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100 * 1024, 'a') +
             "\r\n\r\n",
         431},
        {"an unknown expectation", post + "Content-Length: 2\r\nExpect: 200-ok\r\n\r\n", 417},
        {"not HTTP at all", "HELLO\r\n\r\n", 400},
    };
    for (const FramingFault& f : faults) {
        Connection c(port_);
        ASSERT_TRUE(c.connected());
        c.write(f.request); // may fail half-way once the server has answered and closed
        EXPECT_EQ(c.read_response(), f.status) << f.what;
        EXPECT_NE(c.body().find("\"title\""), std::string::npos) << f.what << ": " << c.body();
        c.finish_writing();
        EXPECT_EQ(c.read_response(), 0) << f.what << ": the connection stays open";
    }
}

// curl sends "Expect: 100-continue" before a body and waits up to a second for the interim
// answer; it gets it at once, then the real answer. A body that is too large is refused
// before it is sent.
TEST_F(HttpFraming, ExpectContinueIsAnsweredBeforeTheBody) {
    Connection c(port_);
    ASSERT_TRUE(c.connected());
    std::string body = R"({"email":"nobody@example.org","password":"wrong"})";
    ASSERT_TRUE(c.write("POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                        "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                        "Content-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n"));
    EXPECT_EQ(c.read_response(), 100);
    ASSERT_TRUE(c.write(body));
    EXPECT_EQ(c.read_response(), 401);
    // The connection goes on.
    ASSERT_TRUE(c.write("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(c.read_response(), 200);

    Connection big(port_);
    ASSERT_TRUE(big.connected());
    ASSERT_TRUE(big.write("POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                          "Content-Type: application/json\r\nExpect: 100-continue\r\n"
                          "Content-Length: 5000000\r\n\r\n"));
    EXPECT_EQ(big.read_response(), 413);
}

// A HEAD is answered like a GET without its body: were the body sent, a proxy would read it
// as the start of the next response.
TEST_F(HttpFraming, HeadIsAnsweredWithoutABody) {
    Connection c(port_);
    ASSERT_TRUE(c.connected());
    ASSERT_TRUE(c.write("HEAD /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
                        "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(c.read_head_response(), 200);
    EXPECT_EQ(c.read_response(), 200); // the next bytes are the GET's answer, not a body
    EXPECT_NE(c.body().find("\"status\""), std::string::npos);
    EXPECT_TRUE(c.quiet(std::chrono::milliseconds(300)));
}

} // namespace
