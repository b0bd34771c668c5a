// shutdown_test.cpp: the real binary stopped with SIGTERM while 16 clients register
// complaints: it exits cleanly (exit 0, no sanitizer report in the sanitizer build), and every
// complaint it answered 201 for is in the database afterwards.
#include "http_client.hpp"
#include "store/database.hpp"
#include "support/test_support.hpp"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

using namespace kd;
using kd::testing::HttpClient;

namespace {

TEST(Shutdown, SigtermUnderWriteLoadExitsCleanlyAndKeepsEveryAnsweredComplaint) {
    namespace fs = std::filesystem;
    fs::path dir =
        fs::temp_directory_path() / ("klachtdesk-shutdown-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string db_url = "sqlite:" + (dir / "k.db").string();
    std::string procedures = kd::testing::source_path("procedures");
    ::setenv("KLACHTDESK_DATABASE", db_url.c_str(), 1);
    ::setenv("KLACHTDESK_PROCEDURES", procedures.c_str(), 1);
    std::string bin = KLACHTDESK_BINARY;
    ASSERT_EQ(std::system((bin + " seed-demo --complaints 0 >/dev/null").c_str()), 0);

    unsigned short port = kd::testing::free_port();
    std::string log = (dir / "server.log").string();
    pid_t pid = ::fork();
    if (pid == 0) {
        std::freopen(log.c_str(), "w", stderr);
        std::freopen("/dev/null", "w", stdout);
        std::string p = std::to_string(port);
        ::execl(bin.c_str(), bin.c_str(), "serve", "--port", p.c_str(), nullptr);
        _exit(127);
    }
    ASSERT_GT(pid, 0);
    std::string base = "http://127.0.0.1:" + std::to_string(port);
    bool up = false;
    for (int i = 0; i < 300 && !up; ++i) {
        try {
            up = HttpClient(base).get("/api/health").status == 200;
        } catch (const std::exception&) { // not listening yet
        }
        if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_TRUE(up) << "the server did not start";

    curl_global_init(CURL_GLOBAL_ALL);
    std::mutex mu;
    std::set<long long> answered; // ids of complaints the server said it saved
    std::atomic<int> written{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 16; ++i)
        clients.emplace_back([&, i] {
            HttpClient c(base);
            if (c.login("kwaliteit@jexo.example", "klachtdesk-demo").status != 200) return;
            for (int n = 0;; ++n) {
                nlohmann::json in{{"received_at", "2026-11-18T09:00"},
                                  {"channel", "phone"},
                                  {"complainant", {{"name", "Klant " + std::to_string(i)}}},
                                  {"description", "Klacht " + std::to_string(n)}};
                kd::testing::HttpReply r;
                try {
                    r = c.post("/api/v1/organisations/jexo/complaints", in);
                } catch (const std::exception&) {
                    return; // the server is gone
                }
                if (r.status == 201) {
                    std::lock_guard lock(mu);
                    answered.insert(r.json()["id"].get<long long>());
                    ++written;
                }
            }
        });
    while (written < 200)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(::kill(pid, SIGTERM), 0);
    int status = 0;
    for (int i = 0; i < 600 && ::waitpid(pid, &status, WNOHANG) == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (::waitpid(pid, &status, WNOHANG) == 0 && !WIFEXITED(status)) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        FAIL() << "the server did not stop within 30 s of SIGTERM";
    }
    for (auto& t : clients)
        t.join();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
    std::stringstream err;
    err << std::ifstream(log).rdbuf();
    EXPECT_EQ(err.str().find("Sanitizer"), std::string::npos) << err.str();
    EXPECT_EQ(err.str().find("runtime error"), std::string::npos) << err.str();

    auto db = Database::open(db_url, 1);
    long long jexo = 0;
    for (const auto& o : db->organisations())
        if (o.slug == "jexo") jexo = o.id;
    int missing = 0;
    for (long long id : answered)
        missing += db->complaint(jexo, id) ? 0 : 1;
    EXPECT_GE(answered.size(), 200u);
    EXPECT_EQ(missing, 0) << "of " << answered.size() << " answered complaints";
    fs::remove_all(dir);
}

} // namespace
