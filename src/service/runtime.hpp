// runtime.hpp: klachtdesk assembled: the database (migrated), the single writer, the services
// and the procedures in force; torn down in the one safe order.
#pragma once

#include "service/procedure_file.hpp"
#include "service/services.hpp"

#include <memory>
#include <string>

namespace kd {

class Runtime {
public:
    // Opens and migrates the database, starts the writer and puts each procedure of `set`
    // (loaded without errors) in force. Throws ProcedureConflict naming the file, or
    // std::runtime_error when the database cannot be opened.
    Runtime(const std::string& database_url, const ProcedureSet& set, const Clock& clock,
            int pool_size = 8);
    // The writer commits what is queued and stops, then the services go, then the database:
    // queued writes may still use the services' organisations.
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    Database& db() { return *db_; }
    Writer& writer() { return *writer_; }
    Services& services() { return *services_; }
    int migrations_applied() const { return migrations_applied_; }

private:
    std::unique_ptr<Database> db_;
    std::unique_ptr<Writer> writer_;
    std::unique_ptr<Services> services_;
    int migrations_applied_ = 0;
};

} // namespace kd
