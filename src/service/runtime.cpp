// runtime.cpp: start-up and shutdown order.
#include "service/runtime.hpp"

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
}

Runtime::~Runtime() {
    if (writer_) writer_->stop();
    services_.reset();
    writer_.reset();
    db_.reset();
}

} // namespace kd
