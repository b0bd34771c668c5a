// store_fixture.hpp: a database for the store tests: a throwaway SQLite file, or the
// PostgreSQL database that scripts/test started (KLACHTDESK_TEST_BACKEND=postgresql).
#pragma once

#include "store/database.hpp"

#include <soci/soci.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace kd::testing {

// A new, empty database named after `name` (and this process), so that these tests never
// share tables with the integration suite that runs beside them.
inline std::string store_test_url(const std::string& name) {
    const char* backend = std::getenv("KLACHTDESK_TEST_BACKEND");
    if (backend && std::string(backend) == "postgresql") {
        const char* admin = std::getenv("KLACHTDESK_TEST_POSTGRES_ADMIN_URL");
        if (!admin) return "";
        std::string db = "kd_store_" + name + "_" + std::to_string(::getpid());
        {
            auto server = Database::open(admin, 1);
            server->writer_session() << "DROP DATABASE IF EXISTS " + db;
            server->writer_session() << "CREATE DATABASE " + db;
        }
        std::string url = admin;
        return url.substr(0, url.rfind('/') + 1) + db;
    }
    auto dir = std::filesystem::temp_directory_path() /
               ("klachtdesk-store-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return "sqlite:" + (dir / "k.db").string();
}

// Opens and migrates the test database at `url`; nullptr when PostgreSQL was asked for but
// not given (the test then skips).
inline std::unique_ptr<Database> open_store(const std::string& url) {
    if (url.empty()) return nullptr;
    auto db = Database::open(url, 2);
    db->migrate();
    return db;
}

} // namespace kd::testing
