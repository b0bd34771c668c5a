// reports.cpp: the report of a period from the counts, and building the counts anew.
#include "service/reports.hpp"

#include "service/incident.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace kd {

std::vector<std::string> report_steps(const OrganisationContext& org) {
    std::vector<std::string> out;
    auto add = [&](const Procedure& p) {
        for (const StepRule& rule : p.steps)
            if (std::find(out.begin(), out.end(), step_name(rule.id)) == out.end())
                out.push_back(step_name(rule.id));
    };
    add(org.procedure);
    for (const auto& entry : org.earlier)
        add(entry.second->procedure);
    return out;
}

Outcome<Report> ReportService::report(const OrganisationContext& org, const Viewer& viewer,
                                      const Period& period, Date today) {
    if (!reads_register(viewer))
        return forbidden("Alleen de klachtencoördinator, het management en de auditor lezen de "
                         "rapportage.",
                         "Only the complaints coordinator, management and the auditor read the "
                         "report.");
    const auto steps = report_steps(org);
    std::vector<std::string> measures = {kMeasureReceived, kMeasureHandling};
    for (const char* m : kBreakdownMeasures)
        measures.emplace_back(m);
    for (const auto& s : steps) {
        measures.push_back(kStepPrefix + s);
        measures.push_back(kDeadlinePrefix + s);
    }
    Report r;
    r.period = period;
    r.previous = previous_period(period);
    r.current = figures_of(db_.report_sums(org.record.id, measures, r.period, today), steps);
    r.before = figures_of(db_.report_sums(org.record.id, measures, r.previous, today), steps);
    std::map<long long, std::string> names;
    for (const StaffMember& m : db_.staff(org.record.id))
        names[m.id] = m.name;
    r.review = db_.report_review(org.record.id, period.name);
    if (r.review) r.reviewed_by = names[r.review->updated_by];
    r.may_review = runs_register(viewer);
    for (const PeriodFigures* f : {&r.current, &r.before})
        for (const Breakdown& b : f->breakdowns)
            if (b.measure == std::string("handler"))
                for (const KeyCount& k : b.counts) {
                    // Only our own cells write these keys, but a key that is no number must
                    // leave a name out, not fail the report.
                    long long id = 0;
                    auto [end, error] =
                        std::from_chars(k.key.data(), k.key.data() + k.key.size(), id);
                    if (error != std::errc() || end != k.key.data() + k.key.size()) continue;
                    if (auto it = names.find(id); it != names.end())
                        r.handler_names[it->first] = it->second;
                }
    return r;
}

Outcome<ReportReview> ReportService::review(const OrganisationContext& org, const Period& period,
                                            const std::string& conclusions, const Actor& actor,
                                            Instant now) {
    if (!actor.viewer || !runs_register(*actor.viewer))
        return forbidden("Alleen de klachtencoördinator en het management leggen de conclusies "
                         "vast.",
                         "Only the complaints coordinator and management record the conclusions.");
    if (auto no = check_conclusions(conclusions)) return *no;
    ReportReview r{0, org.record.id, period.name, conclusions, now, actor.staff_id};
    const auto before = db_.report_review(org.record.id, period.name);
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            t.put_report_review(r);
            using nlohmann::json;
            json changes = {
                {"period", {before ? json(period.name) : json(nullptr), period.name}},
                {"conclusions", {before ? json(before->conclusions) : json(nullptr), conclusions}}};
            t.append_register_event(org.record.id, "report_review", r.id, now, actor,
                                    before ? "report-review-changed" : "report-review-recorded",
                                    changes.dump());
            return true;
        },
        &error);
    if (status != WriteStatus::committed) return storage_failed("record report review", error);
    return r;
}

Outcome<long long> ReportService::rebuild(const OrganisationContext& org,
                                          const std::function<void(long long)>& progress,
                                          Instant now) {
    long long counted = 0;
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            counted = t.rebuild_report_counts(
                org.record.id, kReportCellsVersion,
                [&](const Complaint& c) { return org.report_cells_of(c); }, progress, now);
            return true;
        },
        &error);
    if (status != WriteStatus::committed) return storage_failed("rebuild report counts", error);
    return counted;
}

Outcome<long long> ReportService::build_if_needed(const OrganisationContext& org,
                                                  const std::function<void(long long)>& progress,
                                                  Instant now) {
    auto version = db_.report_version(org.record.id);
    if (version && *version == kReportCellsVersion) return -1LL;
    return rebuild(org, progress, now);
}

} // namespace kd
