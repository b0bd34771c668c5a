// routes_audit_log.cpp: R-REPORT: the organisation-wide audit log, for the register's keepers
// and the auditor, as JSON or as CSV for a spreadsheet (semicolons and a byte-order mark, as
// Dutch Excel wants).
#include "api/csv.hpp"
#include "api/documents.hpp"
#include "api/queries.hpp"
#include "api/routes.hpp"
#include "core/amsterdam_time.hpp"

namespace kd {
namespace {

Response as_json(const AuditQuery& q, const AuditLogPage& page) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : page.entries) {
        nlohmann::json j = audit_json(r.event);
        j["complaint_id"] = r.event.complaint_id;
        j["reference"] = r.reference;
        items.push_back(std::move(j));
    }
    return json_reply(
        200,
        {{"items", items}, {"limit", q.limit}, {"offset", q.offset}, {"has_more", page.has_more}});
}

Response as_csv(const OrganisationContext& o, const AuditLogPage& page) {
    std::string out = "volgnummer;tijdstip;medewerker;bron;actie;onderwerp;onderwerp_id;klacht;"
                      "wijzigingen;hash\r\n";
    for (const auto& r : page.entries)
        out += std::to_string(r.event.seq) + ";" + format_iso_local(r.event.at) + ";" +
               std::to_string(r.event.actor_id) + ";" + csv_field(r.event.source) + ";" +
               csv_field(r.event.action) + ";" + csv_field(r.event.subject) + ";" +
               std::to_string(r.event.subject_id) + ";" + csv_field(r.reference) + ";" +
               csv_field(r.event.changes_json) + ";" + r.event.hash + "\r\n";
    return csv_reply(out, "auditlog-" + o.record.slug + ".csv");
}

Response audit_log(Call& c) {
    Actor reader = c.actor();
    // Who may not read the log learns that first, whatever they asked.
    if (auto no = c.services.audit_log.may_read(reader)) return problem(*no);
    auto request = read_audit_query(c.req.query, c.org->record.id, reader);
    if (!request) return bad_query(request.refusal().fields);
    const AuditLogRequest& r = request.value();
    auto page = c.services.audit_log.read(r.query);
    if (!page) return problem(page.refusal());
    return r.csv ? as_csv(*c.org, page.value()) : as_json(r.query, page.value());
}

} // namespace

void add_audit_log_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations/:org/audit", Access::member, false, audit_log);
}

} // namespace kd
