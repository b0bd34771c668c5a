// uri.hpp: the request target read strictly: percent escapes, UTF-8, path segments and query
// parameters. Anything malformed is refused here, before a route sees it.
#pragma once

#include "core/utf8.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

// `s` with its %XX escapes decoded ('+' as a space when `plus_is_space`, as in query
// strings); nullopt for a bad escape or a result that is not UTF-8 (the databases would
// refuse it).
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

// "/api/v1/organisations/jexo" as {"api", "v1", "organisations", "jexo"}, each decoded;
// nullopt when the path does not start with '/' or a segment cannot be decoded.
std::optional<std::vector<std::string>> path_segments(std::string_view path);

// "a=1&b=x+y" as {{"a","1"},{"b","x y"}}; the last of repeated names wins; nullopt when a
// name or value cannot be decoded.
std::optional<std::map<std::string, std::string>> query_parameters(std::string_view query);

} // namespace kd
