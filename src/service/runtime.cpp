// runtime.cpp: start-up and shutdown order.
#include "service/runtime.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace kd {
Runtime::Runtime(const std::string& database_url, const ProcedureSet& set, const Clock& clock,
                 int pool_size) {
    db_ = Database::open(database_url, pool_size);
    migrations_applied_ = db_->migrate();
    writer_ = std::make_unique<Writer>(*db_);
    services_ = std::make_unique<Services>(*db_, *writer_, clock);
    for (std::size_t i = 0; i < set.procedures.size(); ++i) {
        const std::string& file = set.files[i];
        try {
            services_->organisations.put_in_force(set.procedures[i], set.texts[i], file,
                                                  clock.now());
        } catch (const ProcedureConflict& e) {
            throw ProcedureConflict(file + ": " + e.what());
        }
    }
    // The report counts of a database from before them, or from an older way of counting.
    for (const auto& org : services_->organisations.all()) {
        auto built = services_->reports.build_if_needed(
            *org,
            [&](long long n) {
                spdlog::info("report figures of {}: {} complaints counted", org->record.slug, n);
            },
            clock.now());
        if (!built) throw std::runtime_error(built.refusal().message_en);
        if (built.value() >= 0)
            spdlog::info("report figures of {} built from {} complaints", org->record.slug,
                         built.value());
    }
}

Runtime::~Runtime() {
    if (writer_) writer_->stop();
    services_.reset();
    writer_.reset();
    db_.reset();
}

} // namespace kd
