// import_mapping_file.hpp: the TOML file that tells `klachtdesk import` which column of a CSV
// file is what (docs/import.md).
#pragma once

#include "core/import_mapping.hpp"

#include <string>
#include <vector>

namespace kd {

struct ImportMappingFile {
    ImportMapping mapping;
    char separator = ',';
    std::vector<std::string> errors; // "file:line: what"; empty when the file is good
};

ImportMappingFile read_import_mapping(const std::string& path);

} // namespace kd
