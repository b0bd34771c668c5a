// api_fixture.hpp: the world the API tests share (one server on a free port, on SQLite or on
// the PostgreSQL server that scripts/test started) and the helpers they drive it with.
#pragma once

#include "api/server.hpp"
#include "http_client.hpp"
#include "service/demo_data.hpp"
#include "service/procedure_file.hpp"
#include "service/runtime.hpp"
#include "store/audit_chain.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

namespace kd::it {

using kd::testing::HttpClient;
using kd::testing::HttpReply;
using nlohmann::json;

inline std::string database_url() {
    const char* backend = std::getenv("KLACHTDESK_TEST_BACKEND");
    if (backend && std::string(backend) == "postgresql") {
        const char* url = std::getenv("KLACHTDESK_TEST_POSTGRES_URL");
        return url ? url : "";
    }
    auto dir =
        std::filesystem::temp_directory_path() / ("klachtdesk-it-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / "klachtdesk.db").string();
}

// The moment the suite runs at, whatever the wall clock says: a Wednesday morning in
// Amsterdam, far from holidays and clock changes, so "received three hours ago" is the same
// working day. Tests that need another moment set or advance the clock themselves.
inline Instant suite_start() {
    return *try_parse_iso("2026-11-18T10:30");
}

struct World {
    ManualClock clock{suite_start()};
    std::string url;
    std::unique_ptr<Runtime> runtime;
    Database* db = nullptr;
    Writer* writer = nullptr;
    Services* services = nullptr;
    std::unique_ptr<HttpServer> server;
    std::unique_ptr<HttpClient> http;                                // not logged in
    std::map<std::string, std::unique_ptr<HttpClient>> coordinators; // slug -> logged in
    std::map<std::string, std::unique_ptr<HttpClient>> people;       // who@slug -> logged in
    std::string base;
    std::map<std::string, std::map<std::string, long long>> staff; // slug -> role/name -> id
};

inline World* world = nullptr; // one for every test of the suite, in every file

class Api : public ::testing::Test {
public:
    static void SetUpTestSuite() {
        std::string url = database_url();
        if (url.empty()) return; // reported per test below
        world = new World;
        world->url = url;
        std::string dir = kd::testing::source_path("procedures");
        world->runtime = std::make_unique<Runtime>(url, load_procedure_dir(dir), world->clock);
        world->db = &world->runtime->db();
        world->writer = &world->runtime->writer();
        world->services = &world->runtime->services();
        seed_demo_staff(world->services->complaints, world->services->accounts, world->clock.now());
        for (const auto& o : world->services->organisations.all())
            for (const auto& s : world->db->staff(o->record.id)) {
                world->staff[o->record.slug][s.roles] = s.id;
                world->staff[o->record.slug][s.email.substr(0, s.email.find('@'))] = s.id;
            }
        unsigned short port = kd::testing::free_port();
        world->server =
            std::make_unique<HttpServer>(*world->services, ServerOptions{"127.0.0.1", port, 8});
        world->base = "http://127.0.0.1:" + std::to_string(port);
        world->services->complaints.public_url = world->base; // links in mails lead here
        world->http = std::make_unique<HttpClient>(world->base);
    }
    static void TearDownTestSuite() {
        if (!world) return;
        world->server.reset();
        world->runtime.reset();
        delete world;
        world = nullptr;
    }

protected:
    void SetUp() override {
        if (!world) GTEST_SKIP() << "KLACHTDESK_TEST_POSTGRES_URL is not set; scripts/test sets it";
    }
    // Whatever a test did through the services, every chain still verifies and every
    // complaint row is the state its newest event vouches for.
    void TearDown() override {
        if (!world) return;
        for (const auto& o : world->services->organisations.all()) {
            AuditCheck r = world->db->verify_audit(o->record.id);
            EXPECT_TRUE(r.intact) << o->record.slug << ": " << r.problem;
        }
    }
    const HttpClient& http() { return *world->http; }
    // A client logged in as the organisation's coordinator.
    HttpClient& http(const std::string& org) {
        auto& c = world->coordinators[org];
        if (!c) {
            c = std::make_unique<HttpClient>(world->base);
            auto r = c->login("kwaliteit@" + org + ".example", kDemoPassword);
            EXPECT_EQ(r.status, 200) << r.body;
        }
        return *c;
    }
    long long staff(const std::string& org, const std::string& who) {
        return world->staff[org][who];
    }

    static Instant now() { return world->clock.now(); }
    static std::string recent(int hours_ago) {
        return format_iso_local(now() - std::chrono::hours{hours_ago});
    }

    json create(const std::string& org, json body, int expect = 201) {
        auto r = http(org).post("/api/v1/organisations/" + org + "/complaints", body);
        EXPECT_EQ(r.status, expect) << r.body;
        return r.json();
    }

    json act(const std::string& org, long long id, const std::string& action, json body,
             int expect = 200) {
        return act_as(http(org), org, id, action, std::move(body), expect);
    }

    json act_as(const HttpClient& c, const std::string& org, long long id,
                const std::string& action, const json& body, int expect = 200) {
        auto r = c.post("/api/v1/organisations/" + org + "/complaints/" + std::to_string(id) + "/" +
                            action,
                        body);
        EXPECT_EQ(r.status, expect) << action << ": " << r.body;
        return r.json();
    }

    // A client logged in as `who`@<org>.example (a demo account), one per account.
    HttpClient& as(const std::string& org, const std::string& who) {
        auto& c = world->people[who + "@" + org];
        if (!c) {
            c = std::make_unique<HttpClient>(world->base);
            auto r = c->login(who + "@" + org + ".example", kDemoPassword);
            EXPECT_EQ(r.status, 200) << who << ": " << r.body;
        }
        return *c;
    }

    json get(const std::string& org, long long id) {
        auto r =
            http(org).get("/api/v1/organisations/" + org + "/complaints/" + std::to_string(id));
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json();
    }

    json intake(const std::string& org) {
        return {{"received_at", recent(3)},
                {"channel", "phone"},
                {"complainant",
                 {{"name", "Jan de Boer"}, {"phone", "0612345678"}, {"relation", "uitzendkracht"}}},
                {"description", "Mijn loonstrook klopt niet."},
                {"involved_staff", {staff(org, "employee")}}};
    }

    // A complaint of Retentie Testpersoon at `org` (een-loket-mk's steps), registered at
    // `received` and taken a day a step to its close at `closed`, through the services.
    long long finished_case(const std::string& org, const std::string& received,
                            const std::string& closed) {
        const OrganisationContext& o = *world->services->organisations.find(org);
        Actor coordinator{staff(org, "coordinator"), "test", std::nullopt};
        Intake in;
        in.received_at = kd::testing::at(received);
        in.channel = Channel::letter;
        in.complainant = {"Retentie Testpersoon", "retentie@example.nl", "0611111111",
                          ComplainantType::external, "opdrachtgever"};
        in.description = "Persoonlijke klacht van Retentie Testpersoon.";
        in.involved_staff = {staff(org, "mohamed")};
        Instant t = kd::testing::at(received);
        auto r = world->services->complaints.register_complaint(o, in, coordinator, t);
        EXPECT_TRUE(r) << r.refusal().message_en;
        long long id = r.value().complaint.id;
        std::vector<Command> steps = {
            Acknowledge{},
            Assign{staff(org, "sanne"), false},
            StartHandling{},
            ShareSummary{staff(org, "mohamed"), "Retentie Testpersoon zegt dat u te laat was.", 0},
            kd::testing::a_cause(),
            Resolve{Resolution::solved, "Opgelost voor Retentie Testpersoon", {}},
            VerifySatisfaction{true, "", "Brief van Retentie Testpersoon"}};
        for (const auto& cmd : steps) {
            t += std::chrono::hours{24};
            auto s = world->services->complaints.apply_command(o, id, cmd, coordinator, t);
            EXPECT_TRUE(s) << command_name(cmd) << ": " << s.refusal().message_en;
        }
        auto s = world->services->complaints.apply_command(o, id, Close{}, coordinator,
                                                           kd::testing::at(closed));
        EXPECT_TRUE(s) << s.refusal().message_en;
        return id;
    }

    static const json& deadline(const json& c, const std::string& step) {
        for (const auto& d : c["deadlines"])
            if (d["step"] == step) return d;
        throw std::runtime_error("no deadline " + step);
    }
};

} // namespace kd::it
