// retention.hpp: removing personal data from finished cases past their procedure's retention
// term (R-PRIV): on demand (`klachtdesk purge`) and daily inside the server.
#pragma once

#include "service/clock.hpp"
#include "service/complaints.hpp"

#include "service/periodic_job.hpp"

#include <functional>
#include <memory>
#include <stop_token>
#include <string>

namespace kd {

struct RetentionRun {
    long long due = 0;        // cases past their term
    long long anonymised = 0; // of those, anonymised in this run (0 in a dry run)
    long long failed = 0;
};

// Finds every case due for anonymisation at `now`; with `apply`, anonymises each in its own
// write (the case, its earlier audit events, and an "anonymise" event signed by the
// organisation's system actor). `progress(organisation, cases_seen)` reports as it goes. The
// cases are taken `chunk` at a time; once `stop` is stopped no new chunk is begun, so a server
// that is told to stop does not finish a run over a large register first.
RetentionRun run_retention(ComplaintService& service, Writer& writer, Instant now, bool apply,
                           const std::function<void(const std::string&, long long)>& progress = {},
                           const std::stop_token& stop = {}, int chunk = 500);

// Runs run_retention(apply) a minute after start (so starting stays quick) and then every
// 24 hours, until the job is destroyed.
std::unique_ptr<PeriodicJob> start_retention_job(ComplaintService& service, Writer& writer,
                                                 const Clock& clock);

} // namespace kd
