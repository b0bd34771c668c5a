// audit_log.hpp: the organisation-wide audit log (R-REPORT), for those who keep the register
// and for the auditor, without events of cases the reader may not see.
#pragma once

#include "core/outcome.hpp"
#include "store/database.hpp"

#include <optional>

#include <vector>

namespace kd {

struct AuditLogPage {
    std::vector<AuditLogEntry> entries;
    bool has_more = false;
};

class AuditLogService {
public:
    explicit AuditLogService(Database& db) : db_(db) {}

    // Only the coordinator, management and the auditor read it.
    std::optional<Refusal> may_read(const Actor& reader) const;
    // One page for `q.viewer`, if they may read the log.
    Outcome<AuditLogPage> read(const AuditQuery& q);

private:
    Database& db_;
};

} // namespace kd
