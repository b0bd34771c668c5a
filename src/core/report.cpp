// report.cpp: periods of the management-review report and its figures from the day sums.
#include "core/report.hpp"

#include "core/amsterdam_time.hpp"
#include "core/report_cells.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace kd {

namespace {

using namespace std::chrono;

std::optional<int> parse_int(std::string_view s) {
    int v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return v;
}

// The first month of the quarter, half-year or year that holds `m` (1-12).
unsigned first_month(PeriodKind kind, unsigned m) {
    switch (kind) {
    case PeriodKind::quarter:
        return (m - 1) / 3 * 3 + 1;
    case PeriodKind::half_year:
        return m <= 6 ? 1 : 7;
    default:
        return 1;
    }
}

unsigned months_of(PeriodKind kind) {
    return kind == PeriodKind::quarter ? 3 : kind == PeriodKind::half_year ? 6 : 12;
}

Period calendar_period(PeriodKind kind, int year, unsigned first) {
    Period p;
    p.kind = kind;
    p.from = Date{std::chrono::year{year}, month{first}, day{1}};
    year_month last =
        year_month{std::chrono::year{year}, month{first}} + months{months_of(kind) - 1};
    p.to = Date{last / std::chrono::last};
    p.name = std::to_string(year);
    if (kind == PeriodKind::quarter) p.name += "-Q" + std::to_string((first - 1) / 3 + 1);
    if (kind == PeriodKind::half_year) p.name += first == 1 ? "-H1" : "-H2";
    return p;
}

// Nearest rank on a histogram of whole days.
std::optional<int> rank_value(const std::map<int, long long>& histogram, long long total,
                              double fraction) {
    if (total == 0) return std::nullopt;
    long long rank = static_cast<long long>(std::ceil(fraction * static_cast<double>(total)));
    rank = std::max<long long>(rank, 1);
    long long seen = 0;
    for (const auto& [days, n] : histogram) {
        seen += n;
        if (seen >= rank) return days;
    }
    return histogram.rbegin()->first;
}

DurationFigure duration_of(std::string step, const std::map<int, long long>& histogram) {
    DurationFigure f;
    f.step = std::move(step);
    for (const auto& entry : histogram)
        f.count += entry.second;
    f.median_days = rank_value(histogram, f.count, 0.5);
    f.p90_days = rank_value(histogram, f.count, 0.9);
    return f;
}

} // namespace

std::optional<Period> period_named(std::string_view name) {
    if (name.size() < 4) return std::nullopt;
    auto year = parse_int(name.substr(0, 4));
    if (!year || *year < 1990 || *year > 2100) return std::nullopt;
    std::string_view rest = name.substr(4);
    if (rest.empty()) return calendar_period(PeriodKind::year, *year, 1);
    if (rest == "-H1" || rest == "-H2")
        return calendar_period(PeriodKind::half_year, *year, rest == "-H1" ? 1 : 7);
    if (rest.size() == 3 && rest.substr(0, 2) == "-Q" && rest[2] >= '1' && rest[2] <= '4')
        return calendar_period(PeriodKind::quarter, *year,
                               static_cast<unsigned>(rest[2] - '1') * 3 + 1);
    return std::nullopt;
}

std::optional<Period> period_between(Date from, Date to) {
    if (!from.ok() || !to.ok() || day_number(to) < day_number(from)) return std::nullopt;
    if (day_number(to) - day_number(from) > 3660) return std::nullopt;
    return Period{PeriodKind::custom, from, to, format_date(from) + ".." + format_date(to)};
}

Period period_holding(PeriodKind kind, Date day) {
    if (kind == PeriodKind::custom) return *period_between(day, day);
    return calendar_period(kind, static_cast<int>(day.year()),
                           first_month(kind, static_cast<unsigned>(day.month())));
}

Period previous_period(const Period& p) {
    if (p.kind == PeriodKind::custom) {
        int length = day_number(p.to) - day_number(p.from) + 1;
        return *period_between(date_from_day_number(day_number(p.from) - length),
                               date_from_day_number(day_number(p.from) - 1));
    }
    return period_holding(p.kind, date_from_day_number(day_number(p.from) - 1));
}

std::optional<Refusal> check_conclusions(const std::string& conclusions) {
    if (conclusions.find_first_not_of(" \t\r\n") != std::string::npos) return std::nullopt;
    return invalid_fields({{"conclusions", "Schrijf de conclusies en besluiten op.",
                            "Write down the conclusions and decisions."}});
}

PeriodFigures figures_of(const ReportSums& sums, const std::vector<std::string>& step_order) {
    PeriodFigures f;
    std::map<std::string, std::map<std::string, long long>> by_measure;
    for (const CellSum& s : sums.in_period)
        by_measure[s.measure][s.key] += s.n;

    auto received = by_measure.find(kMeasureReceived);
    if (received != by_measure.end()) f.received = received->second[""];

    for (const char* measure : kBreakdownMeasures) {
        Breakdown b{measure, {}};
        for (const auto& [key, n] : by_measure[measure])
            if (n != 0) b.counts.push_back({key, n});
        std::stable_sort(b.counts.begin(), b.counts.end(),
                         [](const KeyCount& x, const KeyCount& y) { return x.n > y.n; });
        f.breakdowns.push_back(std::move(b));
    }

    auto histogram = [&](const std::string& measure) {
        std::map<int, long long> h;
        for (const auto& [key, n] : by_measure[measure])
            if (auto days = parse_int(key); days && n > 0) h[*days] += n;
        return h;
    };
    f.handling = duration_of("", histogram(kMeasureHandling));

    std::map<std::string, long long> past_due;
    for (const CellSum& s : sums.pending_past_due)
        if (s.key == "pending") past_due[s.measure] += s.n;
    for (const std::string& step : step_order) {
        f.steps.push_back(duration_of(step, histogram(kStepPrefix + step)));
        const std::string measure = kDeadlinePrefix + step;
        auto& keys = by_measure[measure];
        DeadlineFigure d;
        d.step = step;
        d.met = keys["met"];
        long long late_pending = std::min(past_due[measure], keys["pending"]);
        d.missed = keys["missed"] + late_pending;
        d.running = keys["pending"] - late_pending;
        if (d.met + d.missed > 0)
            d.on_time_rate = static_cast<double>(d.met) / static_cast<double>(d.met + d.missed);
        f.deadlines.push_back(d);
    }

    f.open_at_end = sums.open_at_end;
    f.overdue_at_end = sums.overdue_at_end;
    f.measures_opened = sums.measures_opened;
    f.measures_done = sums.measures_done;
    f.measures_effective = sums.measures_effective;
    f.measures_not_effective = sums.measures_not_effective;
    f.findings_recorded = sums.findings_recorded;
    return f;
}

} // namespace kd
