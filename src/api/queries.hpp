// queries.hpp: query strings read into the register's and the audit log's queries, every
// problem named by its parameter.
#pragma once

#include "api/export_table.hpp"
#include "core/outcome.hpp"
#include "core/report.hpp"
#include "store/records.hpp"

#include <string>
#include <string_view>

namespace kd {

// "?state=received,assigned&handler=12&overdue=true&q=loon&sort=next_due_at&limit=50".
// The refusal lists each bad parameter in `fields`. With `format`, "format=csv|xlsx|json" is
// read into it (the whole list as a file); without, it is an unknown parameter.
Outcome<ComplaintQuery> read_register_query(const std::string& query, long long organisation_id,
                                            const Actor& reader, Instant now,
                                            ExportFormat* format = nullptr);

// "?from=2026-01-01&to=2026-03-31&action=assign&actor=12&complaint=7&format=csv".
struct AuditLogRequest {
    AuditQuery query;
    bool csv = false;
};
Outcome<AuditLogRequest> read_audit_query(const std::string& query, long long organisation_id,
                                          const Actor& reader);

// "?from=2026-01-01&to=2026-06-30&status=open&kind=shortcoming&format=csv": the register's
// filters, and whether it is wanted as a CSV file or an Excel workbook (format=xlsx).
struct NonconformityListRequest {
    NonconformityQuery query;
    ExportFormat format = ExportFormat::json;
};
Outcome<NonconformityListRequest> read_nonconformity_query(const std::string& query);

// "?mine=true&open=false".
struct ActionListRequest {
    bool mine = false;
    bool open_only = true;
};
Outcome<ActionListRequest> read_action_query(const std::string& query);

// "?period=2026-Q3" (or 2026-H1, 2026), or "?from=2026-01-05&to=2026-02-20"; without either,
// the quarter that holds `today`. With `pdf`, "format=pdf|json" is read into it.
Outcome<Period> read_report_query(const std::string& query, Date today, bool* pdf = nullptr);

} // namespace kd
