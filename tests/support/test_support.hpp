// test_support.hpp: helpers shared by the tests: the seed procedures and readable moments.
#pragma once

#include "core/amsterdam_time.hpp"
#include "core/lifecycle.hpp"
#include "core/procedure.hpp"

#include <string>

namespace kd::testing {

std::string source_path(const std::string& relative); // inside the repository
Procedure seed_procedure(const std::string& slug);    // "xs2more" -> procedures/004-xs2more.toml
Instant at(const std::string& local_iso);             // "2026-12-24T17:30" Amsterdam time
std::string iso(Instant t);                           // "2026-12-24T23:59:59+01:00"
// What a shell command prints on standard output; `status` gets its exit status (as pclose).
std::string command_output(const std::string& command, int* status = nullptr);

// A phone intake that `p` accepts: Jan de Boer about employee `involved`, with what the
// procedure demands (category, approval, explanation; 001 acknowledges at intake).
Intake intake_for(const Procedure& p, long long involved);

// A cause from every seed procedure's list (issue 13): recorded before resolving where the
// procedure asks for it.
inline RecordCause a_cause() {
    return {"communicatie", "Het rooster is niet doorgegeven."};
}

} // namespace kd::testing
