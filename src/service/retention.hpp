// retention.hpp: removing personal data from finished cases past their procedure's retention
// term (R-PRIV): on demand (`klachtdesk purge`) and daily inside the server.
#pragma once

#include "service/clock.hpp"
#include "service/complaints.hpp"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kd {

struct RetentionRun {
    long long due = 0;        // cases past their term
    long long anonymised = 0; // of those, anonymised in this run (0 in a dry run)
    long long failed = 0;
};

// Finds every case due for anonymisation at `now`; with `apply`, anonymises each in its own
// write (the case, its earlier audit events, and an "anonymise" event signed by the
// organisation's system actor). `progress(organisation, cases_seen)` reports as it goes.
RetentionRun run_retention(ComplaintService& service, Writer& writer, Instant now, bool apply,
                           const std::function<void(const std::string&, long long)>& progress = {});

// Runs run_retention(apply) shortly after start and then every 24 hours, until destroyed.
class RetentionJob {
public:
    RetentionJob(ComplaintService& service, Writer& writer, const Clock& clock);
    ~RetentionJob();
    RetentionJob(const RetentionJob&) = delete;
    RetentionJob& operator=(const RetentionJob&) = delete;

private:
    void loop();

    ComplaintService& service_;
    Writer& writer_;
    const Clock& clock_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace kd
