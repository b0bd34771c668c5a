// calendar.cpp: Dutch public holidays and working-day arithmetic.
#include "core/calendar.hpp"

#include <algorithm>
#include <stdexcept>

namespace kd {
namespace {

using namespace std::chrono;

Date ymd(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, day{d}};
}
Date plus_days(Date d, int n) {
    return Date{sys_days{d} + days{n}};
}
bool is_sunday(Date d) {
    return weekday{sys_days{d}} == Sunday;
}

void check_year(int y) {
    if (y < kFirstCalendarYear || y > kLastCalendarYear)
        throw std::out_of_range("year " + std::to_string(y) +
                                " is outside the supported range 1990-2100");
}

} // namespace

Date easter_sunday(int y) {
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month_ = (h + l - 7 * m + 114) / 31, day_ = ((h + l - 7 * m + 114) % 31) + 1;
    return ymd(y, unsigned(month_), unsigned(day_));
}

std::vector<NonWorkingDay> dutch_public_holidays(int y, const HolidayRules& rules) {
    check_year(y);
    std::vector<NonWorkingDay> out;
    Date easter = easter_sunday(y);
    out.push_back({ymd(y, 1, 1), "Nieuwjaarsdag", "New Year's Day"});
    if (rules.good_friday) out.push_back({plus_days(easter, -2), "Goede Vrijdag", "Good Friday"});
    out.push_back({easter, "Eerste Paasdag", "Easter Sunday"});
    out.push_back({plus_days(easter, 1), "Tweede Paasdag", "Easter Monday"});
    // King's Day is 27 April since 2014 (Queen's Day 30 April before); on a Sunday it
    // moves to the Saturday before (the rule in force since 1980).
    Date kings = y >= 2014 ? ymd(y, 4, 27) : ymd(y, 4, 30);
    if (is_sunday(kings)) kings = plus_days(kings, -1);
    out.push_back({kings, y >= 2014 ? "Koningsdag" : "Koninginnedag",
                   y >= 2014 ? "King's Day" : "Queen's Day"});
    bool liberation = rules.liberation_day == LiberationDay::yearly ||
                      (rules.liberation_day == LiberationDay::lustrum && y % 5 == 0);
    if (liberation) out.push_back({ymd(y, 5, 5), "Bevrijdingsdag", "Liberation Day"});
    out.push_back({plus_days(easter, 39), "Hemelvaartsdag", "Ascension Day"});
    out.push_back({plus_days(easter, 49), "Eerste Pinksterdag", "Whit Sunday"});
    out.push_back({plus_days(easter, 50), "Tweede Pinksterdag", "Whit Monday"});
    out.push_back({ymd(y, 12, 25), "Eerste Kerstdag", "Christmas Day"});
    out.push_back({ymd(y, 12, 26), "Tweede Kerstdag", "Boxing Day"});
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return day_number(a.date) < day_number(b.date);
    });
    return out;
}

WorkingDayCalendar::WorkingDayCalendar(HolidayRules rules) : rules_(std::move(rules)) {
    first_day_ = day_number(ymd(kFirstCalendarYear, 1, 1));
    int last_day = day_number(ymd(kLastCalendarYear, 12, 31));
    off_.assign(static_cast<std::size_t>(last_day - first_day_) + 1, false);
    for (int y = kFirstCalendarYear; y <= kLastCalendarYear; ++y)
        for (const auto& h : dutch_public_holidays(y, rules_))
            off_[std::size_t(day_number(h.date) - first_day_)] = true;
    for (Date d : rules_.closure_days) {
        check_year(int(d.year()));
        off_[std::size_t(day_number(d) - first_day_)] = true;
    }
}

std::vector<NonWorkingDay> WorkingDayCalendar::non_working_days(int y) const {
    auto out = dutch_public_holidays(y, rules_);
    for (std::size_t i = 0; i < rules_.closure_days.size(); ++i) {
        if (int(rules_.closure_days[i].year()) != y) continue;
        std::string name = i < rules_.closure_names.size() && !rules_.closure_names[i].empty()
                               ? rules_.closure_names[i]
                               : "Sluitingsdag";
        out.push_back({rules_.closure_days[i], name, "Closure day"});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return day_number(a.date) < day_number(b.date);
    });
    return out;
}

bool WorkingDayCalendar::is_working_day(Date d) const {
    check_year(int(d.year()));
    weekday wd{sys_days{d}};
    if (wd == Saturday || wd == Sunday) return false;
    return !off_[std::size_t(day_number(d) - first_day_)];
}

Date WorkingDayCalendar::add_working_days(Date d, int n) const {
    if (n < 1) throw std::invalid_argument("add_working_days needs n >= 1");
    Date cur = d;
    while (n > 0) {
        cur = plus_days(cur, 1);
        if (is_working_day(cur)) --n;
    }
    return cur;
}

Date WorkingDayCalendar::this_or_next_working_day(Date d) const {
    while (!is_working_day(d))
        d = plus_days(d, 1);
    return d;
}

int WorkingDayCalendar::working_days_between(Date from, Date to) const {
    int n = 0;
    for (int k = day_number(from) + 1; k <= day_number(to); ++k)
        if (is_working_day(date_from_day_number(k))) ++n;
    return n;
}

} // namespace kd
