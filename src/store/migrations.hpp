// migrations.hpp: the versioned schema. Each migration runs once, in order, in its own
// transaction, and is recorded in schema_migrations.
#pragma once

#include <string>
#include <vector>

namespace kd {

enum class Backend { sqlite, postgresql };

struct Migration {
    int version;
    std::string description;
    std::vector<std::string> statements; // already written for the backend
    // Run after the migration's code step (Database::migrate), for the migrations that
    // have one: columns the code read from are dropped here.
    std::vector<std::string> finally = {};
};

std::vector<Migration> migrations_for(Backend b);

} // namespace kd
