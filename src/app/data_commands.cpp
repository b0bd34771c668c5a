// data_commands.cpp: commands over the stored data: audit verify, purge, seed-demo and
// import, each showing its progress on standard error.
#include "app/commands.hpp"
#include "service/demo_data.hpp"
#include "service/import.hpp"
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

// Exit 0 when the complaints are stored; 1 when rows were bad (nothing stored, unless
// --skip-bad-rows) or the write failed; 2 when the mapping or the organisation is wrong.
int cmd_import(Runtime& rt, const std::string& organisation, const std::string& mapping_path,
               const std::string& data_path, bool skip_bad_rows) {
    Services& s = rt.services();
    const OrganisationContext* org = s.organisations.find(organisation);
    if (!org) {
        std::cerr << "klachtdesk: no organisation " << organisation << "\n";
        return 2;
    }
    ImportMappingFile mapping = read_import_mapping(mapping_path);
    if (!mapping.errors.empty()) {
        for (const auto& e : mapping.errors)
            std::cerr << e << "\n";
        std::cerr << "klachtdesk: " << mapping.errors.size()
                  << " problem(s) in the mapping; nothing was imported.\n";
        return 2;
    }
    auto progress = [](const ImportProgress& p) {
        int percent = p.bytes_total > 0 ? static_cast<int>(100 * p.bytes_read / p.bytes_total) : 0;
        std::string bar(static_cast<std::size_t>(percent / 4), '#');
        bar.resize(25, '.');
        std::cerr << "\rimport: [" << bar << "] " << percent << " %, " << p.rows << " rows"
                  << std::flush;
    };
    ImportOptions options;
    options.skip_bad_rows = skip_bad_rows;
    ImportResult r =
        import_complaints(rt.writer(), *org, mapping, data_path, options, s.clock.now(), progress);
    std::cerr << "\n";
    for (const auto& e : r.errors)
        std::cerr << e << "\n";
    if (r.bad > static_cast<long long>(r.errors.size()))
        std::cerr << "... and " << r.bad - static_cast<long long>(r.errors.size())
                  << " more bad row(s)\n";
    if (!r.failure.empty()) {
        std::cerr << "klachtdesk: " << r.failure << "; nothing was imported.\n";
        return r.rows == 0 && !r.written ? 2 : 1;
    }
    if (!r.written) {
        std::cerr << "klachtdesk: " << r.bad << " of " << r.rows
                  << " row(s) are bad; nothing was imported. Correct them, or leave them out "
                     "with --skip-bad-rows.\n";
        return 1;
    }
    if (r.imported == 0) {
        std::cerr << "klachtdesk: no row of " << r.rows << " could be imported.\n";
        return 1;
    }
    std::cout << "imported: " << r.imported << " complaint(s) into " << org->record.slug;
    std::cout << ", " << r.first_reference << " to " << r.last_reference;
    if (r.bad) std::cout << "; left out: " << r.bad << " bad row(s)";
    std::cout << "\n";
    return 0;
}

} // namespace kd
