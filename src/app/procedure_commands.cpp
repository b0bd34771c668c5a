// procedure_commands.cpp: the tools a quality manager uses to check a procedure file before
// it goes live: check-procedure, calendar, deadlines. They need no database.
#include "app/commands.hpp"
#include "core/amsterdam_time.hpp"
#include "core/deadlines.hpp"
#include "service/procedure_file.hpp"

#include <iostream>

namespace kd {

int cmd_check_procedure(const std::string& file) {
    auto load = load_procedure_file(file);
    for (const auto& e : load.errors)
        std::cerr << e << "\n";
    if (!load.procedure) return 1;
    const auto& p = *load.procedure;
    std::cout << file << ": ok: " << p.organisation_name << ", " << p.title << ", version "
              << p.version << ", authorised by " << p.authorised_by << ", " << p.steps.size()
              << " step(s)\n";
    return 0;
}

int cmd_calendar(int year, const std::string& procedure_file) {
    HolidayRules rules;
    if (!procedure_file.empty()) {
        auto load = load_procedure_file(procedure_file);
        for (const auto& e : load.errors)
            std::cerr << e << "\n";
        if (!load.procedure) return 1;
        rules = load.procedure->calendar;
    }
    if (year < kFirstCalendarYear || year > kLastCalendarYear) {
        std::cerr << "klachtdesk: the calendar covers 1990-2100\n";
        return 1;
    }
    WorkingDayCalendar cal(rules);
    for (const auto& d : cal.non_working_days(year))
        std::cout << format_date(d.date) << "  " << d.name_nl << " (" << d.name_en << ")\n";
    return 0;
}

int cmd_deadlines(const std::string& procedure_file, const std::string& received) {
    auto load = load_procedure_file(procedure_file);
    for (const auto& e : load.errors)
        std::cerr << e << "\n";
    if (!load.procedure) return 1;
    auto at = try_parse_iso(received);
    if (!at) {
        std::cerr << "klachtdesk: --received must look like 2026-11-23T14:05\n";
        return 1;
    }
    const Procedure& p = *load.procedure;
    WorkingDayCalendar cal(p.calendar);
    std::cout << "received            " << format_iso_local(*at) << "\n";
    for (const auto& s : p.steps) {
        std::string line = std::string(step_name(s.id));
        line.resize(20, ' ');
        // A step whose clock starts later (at assignment, resolution, dissatisfaction) is
        // shown as if that happened at the moment of receipt, and the line says so.
        std::string start = step_clock_start(s.id);
        if (auto due = step_due(p, cal, s.id, *at))
            std::cout << line << format_iso_local(*due) << "  (" << describe_term(s.term)
                      << " after " << start
                      << (start == "receipt" ? "" : ", taken here as at the moment of receipt")
                      << ")\n";
        else
            std::cout << line << (s.kind == TermKind::agreed ? "agreed per case" : "no term")
                      << "\n";
    }
    return 0;
}

} // namespace kd
