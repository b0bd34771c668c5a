// retention.cpp: each case is anonymised in its own write, so a failure leaves the others
// done and this one untouched; the rules are in core/retention.cpp.
#include "service/retention.hpp"

#include "core/retention.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <future>

namespace kd {

RetentionRun run_retention(ComplaintService& service, Writer& writer, Instant now, bool apply,
                           const std::function<void(const std::string&, long long)>& progress,
                           const std::stop_token& stop, int chunk) {
    using namespace std::chrono;
    RetentionRun run;
    Database& db = service.database();
    for (const auto& o : service.organisations().all()) {
        const Procedure& p = o->procedure;
        if (p.retention_years <= 0) continue;
        // A superset of the cases whose term has passed; core/ decides about each one.
        Instant cutoff = now - days{365LL * p.retention_years} + days{2};
        // Mail that came in and became no case is kept as long as a case would be.
        if (apply)
            writer.run([&](Transaction& t) {
                t.anonymise_stray_inbound_mails(o->record.id,
                                                now - days{365LL * p.retention_years});
                return true;
            });
        long long after = 0, seen = 0;
        for (;;) {
            if (stop.stop_requested()) return run;
            auto ids = db.retention_candidates(o->record.id, cutoff, after, chunk);
            if (ids.empty()) break;
            after = ids.back();
            std::vector<std::future<WriteStatus>> pending;
            auto due_count = std::make_shared<std::atomic<long long>>(0);
            for (long long id : ids) {
                if (!apply) {
                    auto c = db.complaint(o->record.id, id);
                    if (c && due_for_anonymisation(p, *c, now)) ++run.due;
                    continue;
                }
                auto promise = std::make_shared<std::promise<WriteStatus>>();
                pending.push_back(promise->get_future());
                const OrganisationContext* org = o.get();
                writer.submit(
                    {[org, id, now, due_count](Transaction& t) {
                         auto before = t.complaint(org->record.id, id);
                         if (!before || !due_for_anonymisation(org->procedure, *before, now))
                             return false;
                         ++*due_count;
                         Complaint after = anonymised(*before, now);
                         auto next = next_due(deadlines_of(org->procedure_of(after),
                                                           org->calendar_of(after), after, now));
                         // Nothing a report counts is personal: the change to the counts is none.
                         t.update_complaint(*before, after, next,
                                            org->report_change(&*before, after), now);
                         Actor system{t.system_actor(org->record.id), "klachtdesk:retention",
                                      std::nullopt};
                         t.append_audit(org->record.id, id, now, system, "anonymise", &*before,
                                        after, /*redact_personal=*/true);
                         // The complainant's private status link ends with the case's
                         // personal data, and the case file goes with them (R-PRIV).
                         t.remove_public_links(org->record.id, id);
                         t.anonymise_mails(org->record.id, id, now);
                         t.anonymise_inbound_mails(org->record.id, id);
                         t.anonymise_actions(org->record.id, id);
                         t.anonymise_nonconformities(org->record.id, id);
                         if (int n = t.remove_attachments(org->record.id, id, now); n > 0)
                             t.append_case_event(
                                 org->record.id, after, "complaint", id, now, system,
                                 "attachments-removed",
                                 nlohmann::json{{"removed_files", {nullptr, n}}}.dump());
                         t.redact_audit_events(org->record.id, after, now, system);
                         return true;
                     },
                     [promise](WriteStatus s, const std::string& err) {
                         if (s == WriteStatus::failed)
                             spdlog::error("retention: a case was not anonymised: {}", err);
                         promise->set_value(s);
                     }});
            }
            for (auto& f : pending) {
                WriteStatus s = f.get();
                if (s == WriteStatus::committed) ++run.anonymised;
                if (s == WriteStatus::failed) ++run.failed;
            }
            if (apply) run.due += due_count->load();
            seen += static_cast<long long>(ids.size());
            if (progress) progress(o->record.slug, seen);
        }
    }
    return run;
}

std::unique_ptr<PeriodicJob> start_retention_job(ComplaintService& service, Writer& writer,
                                                 const Clock& clock) {
    return std::make_unique<PeriodicJob>(
        "retention", std::chrono::minutes{1}, std::chrono::hours{24},
        [&service, &writer, &clock](const std::stop_token& stop) {
            RetentionRun r = run_retention(service, writer, clock.now(), /*apply=*/true, {}, stop);
            if (r.due > 0 || r.failed > 0)
                spdlog::info("retention: {} case(s) anonymised, {} failed", r.anonymised, r.failed);
        });
}

} // namespace kd
