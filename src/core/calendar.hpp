// calendar.hpp: the Dutch working-day calendar: weekends, public holidays and an
// organisation's own closure days. Valid for the years 1990-2100.
#pragma once

#include "core/instant.hpp"

#include <string>
#include <vector>

namespace kd {

inline constexpr int kFirstCalendarYear = 1990;
inline constexpr int kLastCalendarYear = 2100;

// Liberation Day (5 May) is a public holiday, but most collective agreements give the day
// off only in lustrum years (2025, 2030, ...); the procedure file says which applies.
enum class LiberationDay { yearly, lustrum, never };

struct HolidayRules {
    bool good_friday = false; // Goede Vrijdag off or not
    LiberationDay liberation_day = LiberationDay::lustrum;
    std::vector<Date> closure_days;         // organisation's own closing days
    std::vector<std::string> closure_names; // same length as closure_days, may be ""
};

struct NonWorkingDay {
    Date date;
    std::string name_nl;
    std::string name_en;
};

// Dutch public holidays of one year as the rules give them (including Easter Sunday and
// Whit Sunday, which fall on Sundays), in date order. Throws std::out_of_range outside
// 1990-2100.
std::vector<NonWorkingDay> dutch_public_holidays(int year, const HolidayRules& rules);

// Easter Sunday (Gregorian computus, Meeus/Jones/Butcher).
Date easter_sunday(int year);

class WorkingDayCalendar {
public:
    explicit WorkingDayCalendar(HolidayRules rules);

    // Holidays and closure days of a year, in date order (weekends are implied).
    std::vector<NonWorkingDay> non_working_days(int year) const;

    // Mon-Fri and not a holiday or closure day. Throws std::out_of_range outside 1990-2100.
    bool is_working_day(Date d) const;

    // The n-th working day after d (d itself never counts). n >= 1.
    Date add_working_days(Date d, int n) const;

    // d if it is a working day, else the first working day after it.
    Date this_or_next_working_day(Date d) const;

    // Working days w with from < w <= to; 0 when to <= from.
    int working_days_between(Date from, Date to) const;

    const HolidayRules& rules() const { return rules_; }

private:
    HolidayRules rules_;
    std::vector<bool> off_; // indexed by day_number - first_day_: holiday or closure day
    int first_day_ = 0;
};

} // namespace kd
