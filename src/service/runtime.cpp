// runtime.cpp: start-up and shutdown order.
#include "service/runtime.hpp"

#include <fstream>
#include <sstream>

namespace kd {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

std::string procedure_file_of(const std::string& dir, const Procedure& p) {
    return dir + "/" + p.organisation_code + "-" + p.slug + ".toml";
}

Runtime::Runtime(const std::string& database_url, const ProcedureSet& set, const std::string& dir,
                 const Clock& clock, int pool_size) {
    db_ = Database::open(database_url, pool_size);
    migrations_applied_ = db_->migrate();
    writer_ = std::make_unique<Writer>(*db_);
    services_ = std::make_unique<Services>(*db_, *writer_, clock);
    for (const auto& p : set.procedures) {
        std::string file = procedure_file_of(dir, p);
        try {
            services_->organisations.put_in_force(p, read_text(file), file, clock.now());
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
