// procedure_file.hpp: reads a procedure from its TOML file (R-PROC) and validates every
// field, reporting each problem as "file:line: what is wrong".
#pragma once

#include "core/procedure.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

struct ProcedureLoad {
    std::optional<Procedure> procedure; // set only when errors is empty
    std::vector<std::string> errors;    // "procedures/004-xs2more.toml:12: ..."
};

ProcedureLoad parse_procedure(std::string_view toml_text, const std::string& path);
ProcedureLoad load_procedure_file(const std::string& path);

// Every *.toml in a directory, sorted by file name. Errors of all files are collected; a
// duplicate organisation code or slug across files is an error too.
struct ProcedureSet {
    std::vector<Procedure> procedures;
    std::vector<std::string> files; // the file of procedures[i], whatever its name
    std::vector<std::string> texts; // its text as parsed: what is stored as that version
    std::vector<std::string> errors;
};
ProcedureSet load_procedure_dir(const std::string& dir);

} // namespace kd
