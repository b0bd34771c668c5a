// calendar_test.cpp: the Dutch holidays against a hand-written table, and working-day sums.
#include "core/amsterdam_time.hpp"
#include "core/calendar.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

using namespace kd;
using namespace std::chrono;

namespace {

Date d(const std::string& s) {
    return *try_parse_date(s);
}

std::map<int, std::set<std::string>> fixture() {
    std::ifstream in(kd::testing::source_path("tests/fixtures/dutch_holidays_2020_2035.txt"));
    std::map<int, std::set<std::string>> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out[std::stoi(line.substr(0, 4))].insert(line);
    return out;
}

} // namespace

TEST(Calendar, EveryHoliday2020To2035MatchesTheHandWrittenTable) {
    auto table = fixture();
    ASSERT_EQ(table.size(), 16u);
    HolidayRules rules; // defaults: no Good Friday, Liberation Day in lustrum years
    for (int y = 2020; y <= 2035; ++y) {
        std::set<std::string> got;
        for (const auto& h : dutch_public_holidays(y, rules))
            if (weekday{sys_days{h.date}} != Sunday ||
                h.name_en.find("Sunday") == std::string::npos)
                got.insert(format_date(h.date));
        EXPECT_EQ(got, table[y]) << "year " << y;
    }
}

TEST(Calendar, EasterSundays2020To2035) {
    const char* expected[] = {"2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09",
                              "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
                              "2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13",
                              "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25"};
    for (int y = 2020; y <= 2035; ++y)
        EXPECT_EQ(format_date(easter_sunday(y)), expected[y - 2020]);
}

TEST(Calendar, KingsDayMovesToSaturdayWhenOnSunday) {
    WorkingDayCalendar cal({});
    EXPECT_FALSE(cal.is_working_day(d("2031-04-26"))); // Saturday anyway, but named
    auto h = dutch_public_holidays(2025, {});
    bool found = false;
    for (auto& x : h)
        found |= x.name_en == "King's Day" && format_date(x.date) == "2025-04-26";
    EXPECT_TRUE(found);
    // Queen's Day before 2014: 30 April, and 29 April in 2006 when the 30th was a Sunday.
    auto q = dutch_public_holidays(2006, {});
    found = false;
    for (auto& x : q)
        found |= x.name_en == "Queen's Day" && format_date(x.date) == "2006-04-29";
    EXPECT_TRUE(found);
}

TEST(Calendar, GoodFridayAndLiberationDayAreOptions) {
    HolidayRules with;
    with.good_friday = true;
    with.liberation_day = LiberationDay::yearly;
    WorkingDayCalendar on(with), off({});
    EXPECT_FALSE(on.is_working_day(d("2026-04-03"))); // Good Friday 2026
    EXPECT_TRUE(off.is_working_day(d("2026-04-03")));
    EXPECT_FALSE(on.is_working_day(d("2026-05-05"))); // Liberation Day, not a lustrum
    EXPECT_TRUE(off.is_working_day(d("2026-05-05")));
    EXPECT_FALSE(off.is_working_day(d("2025-05-05"))); // lustrum year
    HolidayRules never;
    never.liberation_day = LiberationDay::never;
    EXPECT_TRUE(WorkingDayCalendar(never).is_working_day(d("2025-05-05")));
}

TEST(Calendar, ClosureDaysOfTheOrganisation) {
    HolidayRules r;
    r.closure_days = {d("2026-12-28")};
    r.closure_names = {"Collectieve vrije dag"};
    WorkingDayCalendar cal(r);
    EXPECT_FALSE(cal.is_working_day(d("2026-12-28")));
    // Thursday 24 Dec + 1 working day: 25/26 holidays, 27 Sunday, 28 closed -> Tuesday 29.
    EXPECT_EQ(format_date(cal.add_working_days(d("2026-12-24"), 1)), "2026-12-29");
    auto days = cal.non_working_days(2026);
    EXPECT_EQ(days.back().name_nl, "Collectieve vrije dag");
}

TEST(Calendar, WorkingDaySums) {
    WorkingDayCalendar cal({});
    EXPECT_EQ(format_date(cal.add_working_days(d("2026-11-20"), 1)), "2026-11-23"); // Fri -> Mon
    EXPECT_EQ(format_date(cal.add_working_days(d("2026-11-21"), 1)), "2026-11-23"); // Sat -> Mon
    EXPECT_EQ(format_date(cal.add_working_days(d("2026-04-02"), 1)),
              "2026-04-03"); // Good Friday works by default
    EXPECT_EQ(format_date(cal.add_working_days(d("2026-04-03"), 1)),
              "2026-04-07"); // over Easter Monday
    EXPECT_EQ(format_date(cal.this_or_next_working_day(d("2026-12-25"))), "2026-12-28");
    EXPECT_EQ(cal.working_days_between(d("2026-12-24"), d("2026-12-29")), 2);
    EXPECT_EQ(cal.working_days_between(d("2026-12-29"), d("2026-12-24")), 0);
}

TEST(Calendar, CoversExactly1990To2100) {
    WorkingDayCalendar cal({});
    EXPECT_TRUE(cal.is_working_day(d("1990-01-02")));
    EXPECT_FALSE(cal.is_working_day(d("2100-12-25")));
    EXPECT_THROW(cal.is_working_day(d("1989-12-29")), std::out_of_range);
    EXPECT_THROW(cal.is_working_day(d("2101-01-03")), std::out_of_range);
    EXPECT_THROW(dutch_public_holidays(2101, {}), std::out_of_range);
    // Easter 2100 (28 March) by the Gregorian computus.
    EXPECT_EQ(format_date(easter_sunday(2100)), "2100-03-28");
}
