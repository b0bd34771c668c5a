// routes_nonconformities.cpp: the nonconformity register and the actions followed until done
// (issue 13, docs/register.md).
#include "api/documents.hpp"
#include "api/export_table.hpp"
#include "api/queries.hpp"
#include "api/routes.hpp"
#include "core/amsterdam_time.hpp"
#include "service/services.hpp"

#include <map>

namespace kd {
namespace {

using nlohmann::json;

Viewer viewer_of(const Call& c) {
    return c.actor().viewer.value_or(Viewer{});
}

Response unknown(const char* nl, const char* en) {
    return problem(not_found(nl, en));
}

Response one_nonconformity(const Call& c, const Outcome<NonconformityView>& n, int status = 200) {
    const Date today = local_date(c.now);
    return reply(n, [&](const NonconformityView& v) {
        return json_reply(status, nonconformity_json(v, today));
    });
}

Response one_action(const Call& c, const Outcome<ActionView>& a, int status = 200) {
    const Date today = local_date(c.now);
    return reply(
        a, [&](const ActionView& v) { return json_reply(status, tracked_action_json(v, today)); });
}

// The register as a spreadsheet reads it: one line per nonconformity, its measures in one
// cell, dates as dates (dd-mm-jjjj), words as the page shows them.
ExportTable register_table(const Call& c, const std::vector<NonconformityView>& all) {
    auto names = c.staff_names();
    ExportTable t;
    t.title = "Afwijkingenregister";
    t.header = {"kenmerk",     "datum",       "soort",        "omschrijving",
                "bron",        "klacht",      "oorzaak",      "toelichting oorzaak",
                "correctie",   "maatregelen", "doeltreffend", "status",
                "gesloten op", "conclusie"};
    t.widths = {12, 12, 18, 40, 16, 14, 22, 36, 36, 60, 12, 10, 12, 36};
    for (const auto& v : all) {
        const Nonconformity& n = v.record;
        std::string measures;
        int judged = 0, effective = 0;
        for (const auto& m : v.measures) {
            const TrackedAction& a = m.action;
            if (!measures.empty()) measures += " | ";
            measures += std::string(label_in(kActionKindNames, a.kind)) + ": " + a.what + " (" +
                        names[a.owner_id] + ", " + label_in(kActionStatusNames, a.status);
            if (a.effective_from) measures += ", gaat in op " + format_date_nl(*a.effective_from);
            if (a.effective) {
                ++judged;
                effective += *a.effective ? 1 : 0;
                measures += std::string(", doeltreffend: ") + (*a.effective ? "ja" : "nee");
            }
            measures += ")";
        }
        t.rows.push_back(
            {n.reference, ExportCell::day(n.occurred_on), label_in(kFindingKindNames, n.kind),
             n.description, label_in(kFindingSourceNames, n.source),
             v.complaint ? v.complaint->reference : "", n.cause_category, n.cause, n.correction,
             measures, judged ? std::to_string(effective) + " van " + std::to_string(judged) : "",
             n.closed() ? "gesloten" : "open",
             ExportCell::day(n.closed_at ? std::optional<Date>(local_date(*n.closed_at))
                                         : std::nullopt),
             n.close_note});
    }
    return t;
}

Response list(Call& c) {
    auto q = read_nonconformity_query(c.req.query);
    if (!q) return bad_query(q.refusal().fields);
    auto rows = c.services.nonconformities.list(*c.org, viewer_of(c), q.value().query);
    const Date today = local_date(c.now);
    if (rows && q.value().format != ExportFormat::json)
        return export_reply(register_table(c, rows.value()), q.value().format,
                            "afwijkingenregister-" + c.org->record.slug);
    return reply(rows, [&](const std::vector<NonconformityView>& all) {
        json items = json::array();
        for (const auto& n : all)
            items.push_back(nonconformity_json(n, today));
        return json_reply(200, {{"items", items}});
    });
}

Response record(Call& c) {
    auto in = read_input(c.req, read_new_nonconformity);
    if (!in.value) return in.refused;
    return one_nonconformity(
        c, c.services.nonconformities.record(*c.org, *in.value, c.actor(), c.now), 201);
}

Response show(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekende afwijking.", "Unknown nonconformity.");
    return one_nonconformity(c, c.services.nonconformities.get(*c.org, viewer_of(c), *id));
}

Response change(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekende afwijking.", "Unknown nonconformity.");
    auto in = read_input(c.req, read_nonconformity_change);
    if (!in.value) return in.refused;
    return one_nonconformity(
        c, c.services.nonconformities.change(*c.org, *id, *in.value, c.actor(), c.now));
}

Response close(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekende afwijking.", "Unknown nonconformity.");
    auto in = read_input(c.req, read_close_note);
    if (!in.value) return in.refused;
    return one_nonconformity(
        c, c.services.nonconformities.close(*c.org, *id, *in.value, c.actor(), c.now));
}

Response add_measure(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekende afwijking.", "Unknown nonconformity.");
    auto in = read_input(c.req,
                         [](const json& b, ParsedBody& p) { return read_new_action(b, p, false); });
    if (!in.value) return in.refused;
    return one_action(
        c, c.services.nonconformities.add_measure(*c.org, *id, *in.value, c.actor(), c.now), 201);
}

Response add_agreed(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekend klachtnummer.", "Unknown complaint number.");
    auto in =
        read_input(c.req, [](const json& b, ParsedBody& p) { return read_new_action(b, p, true); });
    if (!in.value) return in.refused;
    return one_action(
        c, c.services.nonconformities.add_agreed_action(*c.org, *id, *in.value, c.actor(), c.now),
        201);
}

Response actions(Call& c) {
    auto q = read_action_query(c.req.query);
    if (!q) return bad_query(q.refusal().fields);
    auto found = c.services.nonconformities.actions(*c.org, viewer_of(c), q.value().mine,
                                                    q.value().open_only);
    const Date today = local_date(c.now);
    return reply(found, [&](const std::vector<ActionView>& all) {
        json items = json::array();
        for (const auto& a : all)
            items.push_back(tracked_action_json(a, today));
        return json_reply(200, {{"items", items}});
    });
}

Response status(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekende actie.", "Unknown action.");
    auto in = read_input(c.req, read_status_change);
    if (!in.value) return in.refused;
    return one_action(c, c.services.nonconformities.change_status(
                             *c.org, *id, in.value->status, in.value->note, c.actor(), c.now));
}

Response review(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown("Onbekende actie.", "Unknown action.");
    auto in = read_input(c.req, read_review);
    if (!in.value) return in.refused;
    auto done = c.services.nonconformities.review(*c.org, *id, in.value->review,
                                                  in.value->follow_up, c.actor(), c.now);
    const Date today = local_date(c.now);
    return reply(done, [&](const NonconformityService::Reviewed& r) {
        return json_reply(200, {{"action", tracked_action_json(r.action, today)},
                                {"follow_up", r.follow_up ? tracked_action_json(*r.follow_up, today)
                                                          : json(nullptr)}});
    });
}

} // namespace

void add_nonconformity_routes(RouteTable& t) {
    const std::string org = "/api/v1/organisations/:org";
    t.add("GET", org + "/nonconformities", Access::member, false, list);
    t.add("POST", org + "/nonconformities", Access::member, true, record);
    t.add("GET", org + "/nonconformities/:id", Access::member, false, show);
    t.add("PATCH", org + "/nonconformities/:id", Access::member, true, change);
    t.add("POST", org + "/nonconformities/:id/close", Access::member, true, close);
    t.add("POST", org + "/nonconformities/:id/measures", Access::member, true, add_measure);
    t.add("POST", org + "/complaints/:id/actions", Access::member, true, add_agreed);
    t.add("GET", org + "/actions", Access::member, false, actions);
    t.add("POST", org + "/actions/:id/status", Access::member, true, status);
    t.add("POST", org + "/actions/:id/review", Access::member, true, review);
}

} // namespace kd
