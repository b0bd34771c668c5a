// report_cells.cpp: the counts one complaint adds to the report figures, per day.
#include "core/report_cells.hpp"

#include "core/amsterdam_time.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace kd {

namespace {

int day_of(Instant t) {
    return day_number(local_date(t));
}

// Calendar days between two moments, as people count them: from Monday to Wednesday is 2.
int days_between(Instant from, Instant to) {
    return std::max(0, day_of(to) - day_of(from));
}

std::string verdict_key(const Complaint& c) {
    if (!c.well_founded) return "";
    return *c.well_founded ? "well_founded" : "not_well_founded";
}

std::string outcome_key(const Complaint& c) {
    if (c.withdrawn_at) return "withdrawn";
    if (c.declined_at) return "declined";
    if (c.resolution) return resolution_name(*c.resolution);
    return "";
}

// When the case ended: withdrawn, declined or closed.
std::optional<Instant> end_of_case(const Complaint& c) {
    if (c.withdrawn_at) return c.withdrawn_at;
    if (c.declined_at) return c.declined_at;
    return c.closed_at;
}

// The days a deadline is past due and not done: [from, to), or from `from` on while it runs.
struct Overdue {
    int from = 0;
    int to = 0;
    bool running = false;
};

std::optional<Overdue> overdue_span(const StepDeadline& d) {
    if (!d.due || d.status == DeadlineStatus::not_applicable) return std::nullopt;
    if (d.done_at && *d.done_at <= *d.due) return std::nullopt;
    Overdue o{day_of(*d.due), 0, false};
    if (d.done_at)
        o.to = day_of(*d.done_at);
    else if (d.ended_at)
        o.to = day_of(*d.ended_at);
    else
        o.running = true;
    if (!o.running && o.to <= o.from) return std::nullopt; // caught up on the day it fell due
    return o;
}

} // namespace

std::vector<ReportCell> report_cells(const Complaint& c,
                                     const std::vector<StepDeadline>& deadlines) {
    std::vector<ReportCell> out;
    const int received = day_of(c.received_at);
    out.push_back({received, kMeasureReceived, "", 1});
    out.push_back({received, "category", c.category, 1});
    out.push_back({received, "cause", c.cause_category, 1});
    out.push_back({received, "channel", channel_name(c.channel), 1});
    out.push_back({received, "complainant_type", complainant_type_name(c.complainant.type), 1});
    out.push_back({received, "verdict", verdict_key(c), 1});
    out.push_back({received, "outcome", outcome_key(c), 1});
    out.push_back({received, "handler", c.handler_id ? std::to_string(*c.handler_id) : "", 1});

    out.push_back({received, kMeasureOpen, "", 1});
    if (auto end = end_of_case(c)) out.push_back({day_of(*end), kMeasureOpen, "", -1});

    if (c.resolved_at)
        out.push_back({day_of(*c.resolved_at), kMeasureHandling,
                       std::to_string(days_between(c.received_at, *c.resolved_at)), 1});

    std::vector<Overdue> spans;
    // An imported historic record says when it came in and ended, not when its steps were
    // done: counting its deadlines as missed would be a figure nobody measured.
    const std::vector<StepDeadline> unknown;
    for (const StepDeadline& d : c.imported_from.empty() ? deadlines : unknown) {
        const std::string step = step_name(d.step);
        if (d.starts_at && d.done_at)
            out.push_back({day_of(*d.done_at), kStepPrefix + step,
                           std::to_string(days_between(*d.starts_at, *d.done_at)), 1});
        if (!d.due || d.status == DeadlineStatus::not_applicable) continue;
        std::string key;
        if (d.done_at)
            key = *d.done_at <= *d.due ? "met" : "missed";
        else
            key = d.ended_at ? "missed" : "pending";
        out.push_back({day_of(*d.due), kDeadlinePrefix + step, key, 1});
        if (auto o = overdue_span(d)) spans.push_back(*o);
    }

    // The case is overdue while at least one of its deadlines is: the union of the spans.
    std::sort(spans.begin(), spans.end(),
              [](const Overdue& a, const Overdue& b) { return a.from < b.from; });
    for (std::size_t i = 0; i < spans.size();) {
        Overdue u = spans[i++];
        while (i < spans.size() && (u.running || spans[i].from <= u.to)) {
            u.running = u.running || spans[i].running;
            u.to = std::max(u.to, spans[i].to);
            ++i;
        }
        out.push_back({u.from, kMeasureOverdue, "", 1});
        if (!u.running) out.push_back({u.to, kMeasureOverdue, "", -1});
    }
    return out;
}

std::vector<ReportCell> report_delta(const std::vector<ReportCell>& before,
                                     const std::vector<ReportCell>& after) {
    std::map<std::tuple<int, std::string, std::string>, long long> sum;
    for (const ReportCell& c : after)
        sum[{c.day, c.measure, c.key}] += c.n;
    for (const ReportCell& c : before)
        sum[{c.day, c.measure, c.key}] -= c.n;
    std::vector<ReportCell> out;
    for (const auto& [k, n] : sum)
        if (n != 0) out.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), n});
    return out;
}

} // namespace kd
