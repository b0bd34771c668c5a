// fuzz_queries.cpp: query strings and paths as they arrive in a request line: the register's
// and the audit log's query readers, and the path splitting that runs before the router.
#include "api/queries.hpp"
#include "api/uri.hpp"
#include "core/amsterdam_time.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    kd::Viewer coordinator = kd::viewer_from_roles(1, "coordinator");
    kd::Actor reader{1, "fuzz", coordinator};
    kd::Instant now = kd::from_local(kd::Date{std::chrono::year{2026} / 11 / 24}, 10, 0);
    (void)kd::read_register_query(text, 1, reader, now);
    (void)kd::read_audit_query(text, 1, reader);
    (void)kd::path_segments(text);
    return 0;
}
