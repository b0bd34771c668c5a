// routes_reports.cpp: the management-review report of a period (issue 13, docs/reports.md).
#include "api/queries.hpp"
#include "api/report_labels.hpp"
#include "api/report_pdf.hpp"
#include "api/requests.hpp"
#include "api/routes.hpp"
#include "core/amsterdam_time.hpp"
#include "core/report_cells.hpp"
#include "service/services.hpp"

namespace kd {
namespace {

using nlohmann::json;

const char* kind_name(PeriodKind k) {
    switch (k) {
    case PeriodKind::quarter:
        return "quarter";
    case PeriodKind::half_year:
        return "half_year";
    case PeriodKind::year:
        return "year";
    case PeriodKind::custom:
        break;
    }
    return "custom";
}

json period_json(const Period& p) {
    return {{"name", p.name},
            {"kind", kind_name(p.kind)},
            {"from", format_date(p.from)},
            {"to", format_date(p.to)}};
}

json optional_days(const std::optional<int>& d) {
    return d ? json(*d) : json(nullptr);
}

json figures_json(const PeriodFigures& f, const Report& r) {
    json breakdowns = json::array();
    for (const Breakdown& b : f.breakdowns) {
        json counts = json::array();
        for (const KeyCount& k : b.counts)
            counts.push_back(
                {{"key", k.key}, {"label", breakdown_label(b.measure, k.key, r)}, {"n", k.n}});
        breakdowns.push_back({{"measure", b.measure}, {"counts", counts}});
    }
    json steps = json::array();
    for (const DurationFigure& d : f.steps)
        steps.push_back({{"step", d.step},
                         {"label", step_label(d.step)},
                         {"count", d.count},
                         {"median_days", optional_days(d.median_days)},
                         {"p90_days", optional_days(d.p90_days)}});
    json deadlines = json::array();
    for (const DeadlineFigure& d : f.deadlines)
        deadlines.push_back(
            {{"step", d.step},
             {"label", step_label(d.step)},
             {"met", d.met},
             {"missed", d.missed},
             {"running", d.running},
             {"on_time_rate", d.on_time_rate ? json(*d.on_time_rate) : json(nullptr)}});
    return {{"received", f.received},
            {"breakdowns", breakdowns},
            {"handling",
             {{"count", f.handling.count},
              {"median_days", optional_days(f.handling.median_days)},
              {"p90_days", optional_days(f.handling.p90_days)}}},
            {"steps", steps},
            {"deadlines", deadlines},
            {"open_at_end", f.open_at_end},
            {"overdue_at_end", f.overdue_at_end},
            {"measures",
             {{"opened", f.measures_opened},
              {"done", f.measures_done},
              {"effective", f.measures_effective},
              {"not_effective", f.measures_not_effective}}},
            {"findings_recorded", f.findings_recorded}};
}

json review_json(const ReportReview& r, const std::string& by) {
    return {{"conclusions", r.conclusions},
            {"updated_at", format_iso_local(r.updated_at)},
            {"updated_by", {{"id", r.updated_by}, {"name", by}}}};
}

Response show(Call& c) {
    const Date today = local_date(c.now);
    bool pdf = false;
    auto period = read_report_query(c.req.query, today, &pdf);
    if (!period) return bad_query(period.refusal().fields);
    auto report = c.services.reports.report(*c.org, c.actor().viewer.value_or(Viewer{}),
                                            period.value(), today);
    if (report && pdf)
        return Response{200, {}, report_pdf(report.value(), c.org->record.name, c.now)}
            .with_header("Content-Type", "application/pdf")
            .with_header("Content-Disposition", "attachment; filename=\"directiebeoordeling-" +
                                                    c.org->record.slug + "-" +
                                                    report.value().period.name + ".pdf\"")
            .with_header("Cache-Control", "no-store");
    return reply(report, [&](const Report& r) {
        return json_reply(
            200, {{"organisation",
                   {{"slug", c.org->record.slug},
                    {"code", c.org->record.code},
                    {"name", c.org->record.name}}},
                  {"period", period_json(r.period)},
                  {"previous_period", period_json(r.previous)},
                  {"current", figures_json(r.current, r)},
                  {"previous", figures_json(r.before, r)},
                  {"review", r.review ? review_json(*r.review, r.reviewed_by) : json(nullptr)},
                  {"may_review", r.may_review}});
    });
}

Response review(Call& c) {
    auto period = read_report_query(c.req.query, local_date(c.now));
    if (!period) return bad_query(period.refusal().fields);
    auto in = read_input(c.req, read_conclusions);
    if (!in.value) return in.refused;
    auto saved = c.services.reports.review(*c.org, period.value(), *in.value, c.actor(), c.now);
    return reply(saved, [&](const ReportReview& r) {
        return json_reply(200, review_json(r, c.staff_names()[r.updated_by]));
    });
}

} // namespace

void add_report_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations/:org/report", Access::member, false, show);
    t.add("PUT", "/api/v1/organisations/:org/report/review", Access::member, true, review);
}

} // namespace kd
