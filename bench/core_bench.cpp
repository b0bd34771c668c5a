// core_bench.cpp: the cost of the rules themselves: a due moment, and all deadlines of a case.
#include "core/amsterdam_time.hpp"
#include "core/deadlines.hpp"
#include "core/lifecycle.hpp"
#include "service/procedure_file.hpp"

#include <benchmark/benchmark.h>

namespace {

kd::Procedure load(const char* file) {
    return *kd::load_procedure_file(std::string(KLACHTDESK_SOURCE_DIR) + "/procedures/" + file)
                .procedure;
}

void BM_DueAfterWorkingDays(benchmark::State& state) {
    kd::WorkingDayCalendar cal({});
    kd::Instant t = *kd::try_parse_iso("2026-12-24T17:30");
    kd::Term term{5, kd::TermUnit::working_days};
    for (auto _ : state)
        benchmark::DoNotOptimize(kd::due_after(cal, t, term));
}
BENCHMARK(BM_DueAfterWorkingDays);

void BM_DeadlinesOfAnExactpiCase(benchmark::State& state) {
    kd::Procedure p = load("001-exactpi.toml");
    kd::WorkingDayCalendar cal(p.calendar);
    kd::Intake in;
    in.received_at = *kd::try_parse_iso("2026-11-20T10:00");
    in.complainant.name = "Jan";
    in.description = "x";
    in.description_approved = in.procedure_explained = in.acknowledged_at_intake = true;
    kd::Complaint c = kd::register_complaint(p, in, 1, in.received_at).value();
    c = kd::apply(p, cal, c, kd::Assign{2, false}, *kd::try_parse_iso("2026-11-21T10:00")).value();
    kd::Instant now = *kd::try_parse_iso("2026-11-25T10:00");
    for (auto _ : state)
        benchmark::DoNotOptimize(kd::deadlines_of(p, cal, c, now));
}
BENCHMARK(BM_DeadlinesOfAnExactpiCase);

void BM_CalendarConstruction(benchmark::State& state) {
    for (auto _ : state)
        benchmark::DoNotOptimize(kd::WorkingDayCalendar({}));
}
BENCHMARK(BM_CalendarConstruction);

} // namespace

BENCHMARK_MAIN();
