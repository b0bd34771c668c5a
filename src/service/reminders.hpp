// reminders.hpp: the scheduler (issue 12): reminders before each deadline, the news that one
// was missed to the handler's coordinator and management, and each person's morning digest,
// written to the outbox once for good, whichever server writes them first.
#pragma once

#include "service/clock.hpp"
#include "service/complaints.hpp"
#include "service/periodic_job.hpp"

#include <map>
#include <memory>

namespace kd {

struct ReminderRun {
    long long cases_seen = 0;
    int reminders = 0; // mails written in this run; one written before is not counted
    int missed = 0;
    int digests = 0;
};

class Reminders {
public:
    Reminders(ComplaintService& service, Writer& writer) : service_(service), writer_(writer) {}

    // Writes what is due at `now`. A missed deadline is reported up to a week after it
    // passed (core/reminders.hpp); the digest goes out on the organisation's working days from
    // 07:00, once a day.
    ReminderRun run(Instant now);

    static constexpr std::chrono::hours kCatchUp{24 * 7};
    static constexpr int kDigestHour = 7;

private:
    ReminderRun deadlines_of(const OrganisationContext& org, const std::vector<StaffMember>& staff,
                             Instant now);
    ReminderRun digests_of(const OrganisationContext& org, const std::vector<StaffMember>& staff,
                           Instant now);

    ComplaintService& service_;
    Writer& writer_;
    std::map<long long, Date> digest_done_; // by organisation: the day its digests were written
};

// The scheduler in the server: every minute, on its own thread, until destroyed.
std::unique_ptr<PeriodicJob> start_reminder_job(Reminders& reminders, const Clock& clock);

} // namespace kd
