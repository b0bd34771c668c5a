// incident.hpp: what a person is told when something fails inside: never the database's
// words, but an incident id that also stands in the log beside the real cause.
#pragma once

#include "core/outcome.hpp"

#include <string>
#include <string_view>

namespace kd {

// A short random id ("k7f3a9c2"), logged with `cause` at error level under `where`.
std::string log_incident(std::string_view where, std::string_view cause);

// The refusal for a write that storage did not take: nothing changed, try again.
Refusal storage_failed(std::string_view where, std::string_view cause);

} // namespace kd
