// report_bench.cpp: the management-review report of a year over a large database, through the
// service (the sums of both periods and the figures), without HTTP. KLACHTDESK_BENCH_DATABASE
// names the database; KLACHTDESK_BENCH_FILL=N first adds the report counts of N synthetic
// complaints received in 2025 at Xs2more (the counts only: the report reads nothing else).
#include "core/amsterdam_time.hpp"
#include "service/procedure_file.hpp"
#include "service/runtime.hpp"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>

namespace {

using namespace kd;

const char* env_or(const char* name, const char* fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

SystemClock& clock_() {
    static SystemClock c;
    return c;
}

Runtime& runtime() {
    static std::unique_ptr<Runtime> rt = [] {
        const char* url = std::getenv("KLACHTDESK_BENCH_DATABASE");
        if (!url) throw std::runtime_error("set KLACHTDESK_BENCH_DATABASE");
        return std::make_unique<Runtime>(
            url, load_procedure_dir(std::string(KLACHTDESK_SOURCE_DIR) + "/procedures"), clock_(),
            2);
    }();
    return *rt;
}

const OrganisationContext& org() {
    auto* o = runtime().services().organisations.find(env_or("KLACHTDESK_BENCH_ORG", "xs2more"));
    if (!o) throw std::runtime_error("no such organisation");
    return *o;
}

// The cells of `n` complaints drawn at random, as many kinds of each figure as a real year
// has: 10 categories and causes, 40 handlers, handling up to 120 days, every step's deadline.
void fill(long long n) {
    std::mt19937_64 rng(20261124);
    const int first = day_number(*try_parse_date("2025-01-01"));
    const std::vector<std::string> steps = report_steps(org());
    // Summed here first: what the store would hold after the writes of n complaints, written
    // in one transaction (one statement per count on PostgreSQL makes many small ones slow).
    std::map<std::tuple<int, std::string, std::string>, long long> sums;
    std::vector<ReportCell> batch;
    auto flush = [&] {
        for (const auto& c : batch)
            sums[{c.day, c.measure, c.key}] += c.n;
        batch.clear();
    };
    const auto started = std::chrono::steady_clock::now();
    for (long long i = 0; i < n; ++i) {
        const int day = first + static_cast<int>(rng() % 365);
        auto pick = [&](int k) { return std::to_string(rng() % k); };
        batch.push_back({day, kMeasureReceived, "", 1});
        batch.push_back({day, "category", "categorie " + pick(10), 1});
        batch.push_back({day, "cause", "oorzaak " + pick(11), 1});
        batch.push_back({day, "channel", pick(5), 1});
        batch.push_back({day, "complainant_type", pick(2), 1});
        batch.push_back({day, "verdict", pick(3), 1});
        batch.push_back({day, "outcome", pick(6), 1});
        batch.push_back({day, "handler", pick(40), 1});
        const int handled = static_cast<int>(rng() % 121);
        batch.push_back({day + handled, kMeasureHandling, std::to_string(handled), 1});
        batch.push_back({day, kMeasureOpen, "", 1});
        batch.push_back({day + handled + 3, kMeasureOpen, "", -1});
        for (const auto& s : steps) {
            batch.push_back({day + static_cast<int>(rng() % 61), kStepPrefix + s, pick(61), 1});
            const char* keys[] = {"met", "met", "met", "missed", "pending"};
            batch.push_back({day + 14, kDeadlinePrefix + s, keys[rng() % 5], 1});
        }
        if (batch.size() > 1'000'000) flush();
        if ((i + 1) % 1'000'000 == 0) std::cerr << "filled " << (i + 1) << " complaints\n";
    }
    flush();
    for (const auto& [place, n] : sums)
        batch.push_back({std::get<0>(place), std::get<1>(place), std::get<2>(place), n});
    auto status = runtime().writer().run([&](Transaction& t) {
        t.add_to_report(org().record.id, batch);
        return true;
    });
    if (status != WriteStatus::committed) throw std::runtime_error("fill failed");
    std::cerr << batch.size() << " counts written; filled " << n << " complaints in "
              << std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() -
                                                                  started)
                     .count()
              << " s\n";
}

void BM_YearReport(benchmark::State& state) {
    static bool filled = [] {
        if (long long n = std::atoll(env_or("KLACHTDESK_BENCH_FILL", "0")); n > 0) fill(n);
        return true;
    }();
    (void)filled;
    auto period = period_named(env_or("KLACHTDESK_BENCH_PERIOD", "2025"));
    if (!period) throw std::runtime_error("KLACHTDESK_BENCH_PERIOD: 2025, 2025-H1, 2025-Q3");
    Viewer coordinator;
    coordinator.coordinator = true;
    long long received = 0;
    for (auto _ : state) {
        auto r = runtime().services().reports.report(org(), coordinator, *period,
                                                     local_date(clock_().now()));
        if (!r) throw std::runtime_error(r.refusal().message_en);
        received = r.value().current.received;
    }
    state.counters["received"] = static_cast<double>(received);
}
BENCHMARK(BM_YearReport)->Unit(benchmark::kMillisecond)->MinTime(2.0);

} // namespace

BENCHMARK_MAIN();
