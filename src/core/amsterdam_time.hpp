// amsterdam_time.hpp: conversions between Instants and local time in Europe/Amsterdam,
// daylight saving included, plus ISO 8601 formatting and parsing with the local offset.
#pragma once

#include "core/instant.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kd {

// The local calendar date of an instant in Europe/Amsterdam.
Date local_date(Instant t);

// The first instant of a local date (00:00 local; DST never starts at midnight here).
Instant start_of_local_day(Date d);

// The last second of a local date (23:59:59 local): a term that ends "on" a day ends here.
Instant end_of_local_day(Date d);

// The instant of a local wall-clock time. A time that does not exist (the hour skipped in
// March) moves forward by the gap; an ambiguous one (the hour repeated in October) takes
// the earlier, summer-time reading, so a deadline is never later than the person meant.
Instant from_local(Date d, int hour, int minute, int second = 0);

// Offset from UTC in minutes at an instant (60 in winter, 120 in summer).
int utc_offset_minutes(Instant t);

// "2026-11-23T14:05:00+01:00": local time with its offset.
std::string format_iso_local(Instant t);

// "23-11-2026 14:05": local date and time as people in the Netherlands write them.
std::string format_local_nl(Instant t);

// "2026-11-23"
std::string format_date(Date d);

// "23-11-2026", as people in the Netherlands write a date.
std::string format_date_nl(Date d);

// Parses "YYYY-MM-DD"; nullopt when it is not a real date.
std::optional<Date> try_parse_date(std::string_view s);

// Parses "YYYY-MM-DDTHH:MM[:SS]" as Amsterdam local time, or with an explicit offset
// ("Z", "+01:00"). nullopt when malformed or not a real moment.
std::optional<Instant> try_parse_iso(std::string_view s);

} // namespace kd
