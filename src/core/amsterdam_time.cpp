// amsterdam_time.cpp: Europe/Amsterdam local time via Howard Hinnant's tz (the OS tzdata).
#include "core/amsterdam_time.hpp"

#include <date/tz.h>

#include <charconv>
#include <cstdio>

namespace kd {
namespace {

const date::time_zone* amsterdam() {
    // locate_zone reads the OS database once; the pointer is valid for the program's life.
    static const date::time_zone* zone = date::locate_zone("Europe/Amsterdam");
    return zone;
}

date::local_seconds to_date_local(Date d, std::chrono::seconds tod) {
    return date::local_days{date::year{int(d.year())} / unsigned(d.month()) / unsigned(d.day())} +
           tod;
}

bool parse_int(std::string_view s, int& out) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && p == s.data() + s.size();
}

} // namespace

Date local_date(Instant t) {
    auto local = amsterdam()->to_local(t);
    auto days = std::chrono::floor<date::days>(local);
    return Date{std::chrono::sys_days{days.time_since_epoch()}};
}

Instant from_local(Date d, int hour, int minute, int second) {
    auto tod =
        std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
    auto local = to_date_local(d, tod);
    auto info = amsterdam()->get_info(local);
    // One reading serves all three cases: for a unique time `first` is its offset; for an
    // ambiguous one it is the earlier, summer-time offset; for a skipped one it is the offset
    // before the gap, which lands the moment just after the gap.
    return Instant{local.time_since_epoch() - info.first.offset};
}

Instant start_of_local_day(Date d) {
    return from_local(d, 0, 0, 0);
}

Instant end_of_local_day(Date d) {
    auto next = Date{std::chrono::sys_days{d} + std::chrono::days{1}};
    return start_of_local_day(next) - std::chrono::seconds{1};
}

int utc_offset_minutes(Instant t) {
    auto info = amsterdam()->get_info(t);
    return int(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
}

std::string format_date(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                  unsigned(d.day()));
    return buf;
}

std::string format_date_nl(Date d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u-%02u-%04d", unsigned(d.day()), unsigned(d.month()),
                  int(d.year()));
    return buf;
}

std::string format_local_nl(Instant t) {
    auto local = t + std::chrono::minutes{utc_offset_minutes(t)};
    auto days = std::chrono::floor<std::chrono::days>(local);
    auto tod = std::chrono::hh_mm_ss{local - days};
    char buf[24];
    std::snprintf(buf, sizeof buf, " %02d:%02d", int(tod.hours().count()),
                  int(tod.minutes().count()));
    return format_date_nl(Date{days}) + buf;
}

std::string format_iso_local(Instant t) {
    int off = utc_offset_minutes(t);
    auto local = t + std::chrono::minutes{off};
    auto days = std::chrono::floor<std::chrono::days>(local);
    Date d{days};
    auto tod = std::chrono::hh_mm_ss{local - days};
    char buf[40];
    int aoff = off < 0 ? -off : off;
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", int(d.year()),
                  unsigned(d.month()), unsigned(d.day()), int(tod.hours().count()),
                  int(tod.minutes().count()), int(tod.seconds().count()), off < 0 ? '-' : '+',
                  aoff / 60, aoff % 60);
    return buf;
}

std::optional<Date> try_parse_date(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) ||
        !parse_int(s.substr(8, 2), d))
        return std::nullopt;
    Date date{std::chrono::year{y}, std::chrono::month{unsigned(m)}, std::chrono::day{unsigned(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::optional<Instant> try_parse_iso(std::string_view s) {
    if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
    auto date = try_parse_date(s.substr(0, 10));
    if (!date) return std::nullopt;
    int hh, mm, ss = 0;
    if (s[13] != ':' || !parse_int(s.substr(11, 2), hh) || !parse_int(s.substr(14, 2), mm))
        return std::nullopt;
    std::string_view rest = s.substr(16);
    if (!rest.empty() && rest[0] == ':') {
        if (rest.size() < 3 || !parse_int(rest.substr(1, 2), ss)) return std::nullopt;
        rest = rest.substr(3);
    }
    if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
    if (rest.empty()) return from_local(*date, hh, mm, ss);
    auto utc = std::chrono::sys_days{*date} + std::chrono::hours{hh} + std::chrono::minutes{mm} +
               std::chrono::seconds{ss};
    if (rest == "Z") return Instant{utc};
    int oh, om;
    if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
        !parse_int(rest.substr(1, 2), oh) || !parse_int(rest.substr(4, 2), om) || oh > 14 ||
        om > 59)
        return std::nullopt;
    auto off = std::chrono::hours{oh} + std::chrono::minutes{om};
    return Instant{rest[0] == '+' ? utc - off : utc + off};
}

} // namespace kd
