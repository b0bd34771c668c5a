// test_support.cpp: loads the real procedure files, so tests run the procedures users run.
#include "support/test_support.hpp"

#include "service/procedure_file.hpp"

#include <filesystem>
#include <stdexcept>

namespace kd::testing {

std::string source_path(const std::string& relative) {
    return std::string(KLACHTDESK_SOURCE_DIR) + "/" + relative;
}

Procedure seed_procedure(const std::string& slug) {
    for (const auto& e : std::filesystem::directory_iterator(source_path("procedures"))) {
        std::string name = e.path().filename().string();
        if (name.size() > 4 && name.substr(4) == slug + ".toml") {
            auto load = load_procedure_file(e.path().string());
            if (!load.procedure) throw std::runtime_error("seed procedure does not load: " + name);
            return *load.procedure;
        }
    }
    throw std::runtime_error("no procedure file for " + slug);
}

Instant at(const std::string& local_iso) {
    auto t = try_parse_iso(local_iso);
    if (!t) throw std::invalid_argument("bad moment in test: " + local_iso);
    return *t;
}

std::string iso(Instant t) {
    return format_iso_local(t);
}

} // namespace kd::testing
