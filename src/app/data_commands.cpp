// data_commands.cpp: commands over the stored data: audit verify, purge and seed-demo, each
// showing its progress on standard error.
#include "app/commands.hpp"
#include "service/demo_data.hpp"
#include "service/retention.hpp"

#include <iostream>

namespace kd {

// Checks each organisation's audit chain; exit 1 names the first broken link.
int cmd_audit_verify(Runtime& rt, const std::string& only) {
    int broken = 0, checked = 0;
    for (const auto& o : rt.services().organisations.all()) {
        if (!only.empty() && o->record.slug != only && o->record.code != only) continue;
        ++checked;
        auto progress = [&](long long n) {
            std::cerr << "\r" << o->record.slug << ": " << n << " events checked" << std::flush;
        };
        AuditCheck r = rt.db().verify_audit(o->record.id, progress);
        if (r.events >= 100000) std::cerr << "\n";
        if (r.intact) {
            std::cout << o->record.code << " " << o->record.slug << ": " << r.events
                      << " events, chain intact\n";
        } else {
            ++broken;
            std::cout << o->record.code << " " << o->record.slug << ": BROKEN at " << r.problem
                      << (r.event_id ? " (row id " + std::to_string(r.event_id) + ")" : "") << "; "
                      << r.events << " events before it are intact\n";
        }
    }
    if (checked == 0) {
        std::cerr << "klachtdesk: no organisation " << only << "\n";
        return 1;
    }
    return broken == 0 ? 0 : 1;
}

int cmd_purge(Runtime& rt, bool apply) {
    auto progress = [](const std::string& org, long long seen) {
        std::cerr << "\r" << org << ": " << seen << " finished cases examined" << std::flush;
    };
    RetentionRun r = run_retention(rt.services().complaints, rt.writer(), rt.services().clock.now(),
                                   apply, progress);
    std::cerr << "\n";
    std::cout << (apply ? "anonymised: " : "would anonymise: ") << (apply ? r.anonymised : r.due)
              << " case(s)" << (r.failed ? ", failed: " + std::to_string(r.failed) : "") << "\n";
    return r.failed == 0 ? 0 : 1;
}

int cmd_seed_demo(Runtime& rt, long long complaints, int years, unsigned rng_seed,
                  const std::string& organisation) {
    Services& s = rt.services();
    bool complaints_given = complaints >= 0;
    DemoStaff staff = seed_demo_staff(s.complaints, s.accounts, s.clock.now());
    std::cout << "demo staff added: " << staff.added << "\n";
    if (staff.given_password > 0)
        std::cout << "demo accounts without a password given the demo password: "
                  << staff.given_password << "\n";
    if (complaints < 0) {
        long long existing = 0;
        for (const auto& o : s.organisations.all())
            existing += rt.db().count_complaints(o->record.id);
        complaints = existing == 0 ? 40 : 0;
    }
    // The handful for a first look came in over the last seven weeks, so deadlines still
    // count down; --complaints N spreads N over --years.
    std::chrono::days span =
        complaints_given ? std::chrono::days{365LL * years} : std::chrono::days{49};
    auto progress = [](long long done, long long total) {
        std::cerr << "\rcomplaints: " << done << " / " << total << std::flush;
        if (done == total) std::cerr << "\n";
    };
    const OrganisationContext* only = nullptr;
    if (!organisation.empty() && !(only = s.organisations.find(organisation))) {
        std::cerr << "unknown organisation: " << organisation << "\n";
        return 2;
    }
    long long n = generate_complaints(s.complaints, rt.writer(), complaints, s.clock.now(), span,
                                      rng_seed, progress, only);
    std::cout << "demo complaints added: " << n << "\n";
    return 0;
}

} // namespace kd
