// instant.hpp: the time types every rule speaks: an Instant (UTC) and a civil Date.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace kd {

// A moment in time, seconds since the Unix epoch, UTC. Rules receive "now" as an Instant;
// nothing in core/ reads a clock (habit 6 in docs/architecture.md).
using Instant = std::chrono::sys_seconds;

// A civil date in Europe/Amsterdam, as printed on a calendar. Valid for 1990-2100 in rules.
using Date = std::chrono::year_month_day;

// Seconds since the epoch, for storage; the inverse of from_epoch.
inline long long to_epoch(Instant t) {
    return t.time_since_epoch().count();
}
inline Instant from_epoch(long long s) {
    return Instant{std::chrono::seconds{s}};
}

// Day number since the epoch, for cheap comparisons and sets of dates.
inline int day_number(Date d) {
    return std::chrono::sys_days{d}.time_since_epoch().count();
}
inline Date date_from_day_number(int n) {
    return Date{std::chrono::sys_days{std::chrono::days{n}}};
}

} // namespace kd
