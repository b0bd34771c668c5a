// routes_complaints.cpp: the register, registering a complaint, a case with its timeline, and
// the steps of the procedure ("/complaints/17/acknowledge").
#include "api/documents.hpp"
#include "api/export_table.hpp"
#include "api/queries.hpp"
#include "api/requests.hpp"
#include "api/routes.hpp"
#include "core/amsterdam_time.hpp"

#include <map>

namespace kd {
namespace {

using nlohmann::json;

json with_deadlines(const Complaint& c, const std::vector<StepDeadline>& deadlines) {
    json body = complaint_json(c);
    json d = json::array();
    for (const auto& x : deadlines)
        d.push_back(deadline_json(x));
    body["deadlines"] = d;
    return body;
}

// The most a list gives as a file: beyond it, a narrower filter is asked for.
constexpr std::size_t kMaxExportRows = 100000;

std::string yes_no(const std::optional<bool>& b, const char* yes, const char* no) {
    return b ? (*b ? yes : no) : "";
}

// The whole list the filters select, page after page, as a spreadsheet: what the register page
// shows of each complaint, and the verdict, cause and outcome a review looks at.
Response export_list(Call& c, ComplaintQuery query, ExportFormat format) {
    auto names = c.staff_names();
    ExportTable t;
    t.title = "Klachten";
    t.header = {"kenmerk",        "ontvangen",   "kanaal",           "soort klager",
                "klager",         "categorie",   "omschrijving",     "status",
                "behandelaar",    "gegrond",     "oorzaak",          "uitkomst",
                "afgehandeld op", "gesloten op", "volgende termijn", "termijn verstreken"};
    t.widths = {14, 12, 12, 12, 24, 20, 48, 18, 20, 10, 22, 24, 14, 12, 16, 12};
    auto day = [](const std::optional<Instant>& i) {
        return ExportCell::day(i ? std::optional<Date>(local_date(*i)) : std::nullopt);
    };
    query.limit = 200;
    query.offset = 0;
    for (;;) {
        RegisterPage page = c.services.complaints.register_page(*c.org, query);
        for (const auto& row : page.rows) {
            const Complaint& k = row.complaint;
            std::string outcome = k.withdrawn_at  ? "Ingetrokken"
                                  : k.declined_at ? "Niet in behandeling genomen"
                                  : k.resolution  ? label_in(kResolutionNames, *k.resolution)
                                                  : "";
            t.rows.push_back({k.reference, day(k.received_at), label_in(kChannelNames, k.channel),
                              label_in(kComplainantTypeNames, k.complainant.type),
                              k.complainant.name, k.category, k.description,
                              state_label_nl(k.state), k.handler_id ? names[*k.handler_id] : "",
                              yes_no(k.well_founded, "gegrond", "ongegrond"), k.cause_category,
                              outcome, day(k.resolved_at), day(k.closed_at),
                              day(row.next ? row.next->due : std::nullopt),
                              row.next && row.next->status == DeadlineStatus::missed ? "ja" : ""});
        }
        if (t.rows.size() > kMaxExportRows)
            return problem(Refusal("export_too_large",
                                   "Meer dan 100.000 klachten: kies een kortere periode of een "
                                   "filter.",
                                   "More than 100,000 complaints: choose a shorter period or a "
                                   "filter.",
                                   "format"));
        if (!page.has_more || !page.next) break;
        query.after = page.next;
    }
    return export_reply(t, format, "klachten-" + c.org->record.slug);
}

Response list(Call& c) {
    ExportFormat format = ExportFormat::json;
    auto q = read_register_query(c.req.query, c.org->record.id, c.actor(), c.now, &format);
    if (!q) return bad_query(q.refusal().fields);
    if (format != ExportFormat::json) return export_list(c, q.value(), format);
    const ComplaintQuery& query = q.value();
    RegisterPage page = c.services.complaints.register_page(*c.org, query);
    json items = json::array();
    for (const auto& row : page.rows)
        items.push_back(complaint_summary_json(row.complaint, row.next, query.now));
    return json_reply(200,
                      {{"items", items},
                       {"limit", query.limit},
                       {"offset", query.offset},
                       {"has_more", page.has_more},
                       {"next_cursor", page.next ? json(page.next->to_string()) : json(nullptr)}});
}

Response create(Call& c) {
    auto in = read_input(c.req, read_intake);
    if (!in.value) return in.refused;
    auto saved = c.services.complaints.register_complaint(*c.org, *in.value, c.actor(), c.now);
    return reply(saved, [](const SavedComplaint& s) {
        return json_reply(201, with_deadlines(s.complaint, s.deadlines));
    });
}

Response show(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return problem(not_found("Onbekend klachtnummer.", "Unknown complaint number."));
    auto file = c.services.complaints.read_case(*c.org, *id, c.actor(), c.now);
    return reply(file, [&c](const CaseFile& f) {
        json body = with_deadlines(f.complaint, f.deadlines);
        body["handler"] = f.handler ? json{{"id", f.handler->id},
                                           {"name", f.handler->name},
                                           {"job_title", f.handler->job_title}}
                                    : json(nullptr);
        json t = json::array();
        for (const auto& e : f.timeline)
            t.push_back(audit_json(e));
        body["timeline"] = t;
        json actions = json::array();
        for (const auto& a : f.actions)
            actions.push_back(offered_action_json(a));
        body["actions"] = actions;
        json files = json::array();
        for (const auto& a : f.attachments)
            files.push_back(attachment_json(a));
        body["attachments"] = files;
        body["may_add_files"] = f.may_add_files;
        body["max_file_bytes"] = c.services.attachments.max_bytes;
        body["correspondence"] = correspondence_json(f.mails_out, f.mails_in);
        json agreed = json::array();
        const Date today = local_date(c.now);
        for (const auto& a : c.services.nonconformities.agreed_actions_of(
                 *c.org, f.complaint, c.actor().viewer.value_or(Viewer{})))
            agreed.push_back(tracked_action_json(a, today));
        body["agreed_actions"] = agreed;
        return json_reply(200, body);
    });
}

Response act(Call& c) {
    auto id = parse_id(c.req.param("id"));
    std::string action = c.req.param("action");
    if (!id) return problem(not_found("Onbekend klachtnummer.", "Unknown complaint number."));
    Body body = read_json_body(c.req);
    if (body.refused) return *body.refused;
    ParsedBody parsed;
    auto step = read_command(action, body.json, parsed);
    if (!step)
        return problem(
            not_found("Onbekende stap: " + action + ".", "Unknown action: " + action + "."));
    if (!parsed.errors.empty()) return problem(invalid_fields(parsed.errors));
    auto saved =
        c.services.complaints.apply_command(*c.org, *id, step->command, c.actor(), c.now, step->at);
    return reply(saved, [](const SavedComplaint& s) {
        return json_reply(200, with_deadlines(s.complaint, s.deadlines));
    });
}

} // namespace

void add_complaint_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations/:org/complaints", Access::member, false, list);
    t.add("POST", "/api/v1/organisations/:org/complaints", Access::member, true, create);
    t.add("GET", "/api/v1/organisations/:org/complaints/:id", Access::member, false, show);
    t.add("POST", "/api/v1/organisations/:org/complaints/:id/:action", Access::member, true, act);
}

} // namespace kd
