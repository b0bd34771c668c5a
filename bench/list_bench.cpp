// list_bench.cpp: one filtered, sorted page of 50 complaints from a large database, straight
// through the store (no HTTP), to separate query cost from HTTP cost. Needs
// KLACHTDESK_BENCH_DATABASE pointing at a database filled by `klachtdesk seed-demo`.
#include "store/database.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <stdexcept>

namespace {

kd::Database& db() {
    static std::unique_ptr<kd::Database> d = [] {
        const char* url = std::getenv("KLACHTDESK_BENCH_DATABASE");
        if (!url) throw std::runtime_error("set KLACHTDESK_BENCH_DATABASE");
        return kd::Database::open(url, 2);
    }();
    return *d;
}

long long org(const char* slug) {
    for (const auto& o : db().organisations())
        if (o.slug == slug) return o.id;
    throw std::runtime_error("organisation not found");
}

void run(benchmark::State& state, kd::ComplaintQuery q) {
    std::size_t rows = 0;
    for (auto _ : state)
        rows = db().list(q).items.size();
    state.counters["rows"] = double(rows);
}

void BM_NewestPage(benchmark::State& state) {
    kd::ComplaintQuery q;
    q.organisation_id = org("xs2more");
    run(state, q);
}
BENCHMARK(BM_NewestPage)->Unit(benchmark::kMillisecond);

void BM_ClosedByHandlerPage(benchmark::State& state) {
    kd::ComplaintQuery q;
    q.organisation_id = org("xs2more");
    q.states = {kd::State::closed};
    q.handler_id = db().staff(q.organisation_id).at(1).id;
    run(state, q);
}
BENCHMARK(BM_ClosedByHandlerPage)->Unit(benchmark::kMillisecond);

void BM_ReceivedInAMonthByState(benchmark::State& state) {
    kd::ComplaintQuery q;
    q.organisation_id = org("exactpi");
    q.states = {kd::State::closed, kd::State::escalated};
    q.received_from = kd::Instant{std::chrono::seconds{1735686000}};  // 2025-01-01 local
    q.received_until = kd::Instant{std::chrono::seconds{1738364400}}; // 2025-02-01 local
    q.sort = kd::ComplaintSort::received_asc;
    run(state, q);
}
BENCHMARK(BM_ReceivedInAMonthByState)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
