// audit_log.cpp: who may read the audit log, and one page of it.
#include "service/audit_log.hpp"

namespace kd {

std::optional<Refusal> AuditLogService::may_read(const Actor& reader) const {
    // The command line (no viewer) reads everything; a person needs a register role.
    if (!reader.viewer || sees_all_open_cases(*reader.viewer)) return std::nullopt;
    return forbidden("Alleen de coördinator, de directie en de auditor lezen het auditlog.",
                     "Only the coordinator, management and the auditor read the audit log.");
}

Outcome<AuditLogPage> AuditLogService::read(const AuditQuery& q) {
    if (!sees_all_open_cases(q.viewer)) return *may_read(Actor{q.viewer.staff_id, "", q.viewer});
    AuditLogPage page;
    page.entries = db_.audit_log(q);
    page.has_more = static_cast<int>(page.entries.size()) > q.limit;
    if (page.has_more) page.entries.pop_back();
    return page;
}

} // namespace kd
