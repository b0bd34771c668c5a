// test_support.cpp: loads the real procedure files, so tests run the procedures users run.
#include "support/test_support.hpp"

#include "service/procedure_file.hpp"

#include <cstdio>
#include <filesystem>
#include <stdexcept>

namespace kd::testing {

std::string source_path(const std::string& relative) {
    return std::string(KLACHTDESK_SOURCE_DIR) + "/" + relative;
}

std::string command_output(const std::string& command, int* status) {
    std::string out;
    int result = -1;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;)
            out.append(buf, n);
        result = pclose(p);
    }
    if (status) *status = result;
    return out;
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

Intake intake_for(const Procedure& p, long long involved) {
    Intake in;
    in.received_at = at("2026-11-20T10:00");
    in.channel = Channel::phone;
    in.complainant.name = "Jan de Boer";
    in.description = "Loonstrook klopt niet.";
    in.category = p.categories.empty() ? "" : p.categories.front();
    in.involved_staff = {involved};
    in.description_approved = p.require_description_approval;
    in.procedure_explained = p.require_procedure_explained;
    // 001 acknowledges at intake, as its procedure says.
    in.acknowledged_at_intake =
        p.requires_step(StepId::acknowledge) && p.step(StepId::acknowledge)->term.amount == 0;
    return in;
}

} // namespace kd::testing
