// search_queue.hpp: brings SQLite's full-text index of the register up to date with the
// complaints changed since it last was (the queue of migration 25), once per batch of writes.
#pragma once

#include <array>
#include <string>

namespace kd {

// The statements that do it, in order; run inside the transaction that changed the
// complaints, after its last savepoint. SQLite only.
const std::array<std::string, 3>& search_index_update();

} // namespace kd
