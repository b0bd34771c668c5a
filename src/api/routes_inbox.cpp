// routes_inbox.cpp: mail in and out for staff (issue 12): the messages that came in to a
// complaints address (one with what it suggests for the intake, registering it as a
// complaint, dismissing it), and the outbox's mails that were given up.
#include "api/documents.hpp"
#include "api/requests.hpp"
#include "api/routes.hpp"
#include "api/uri.hpp"
#include "core/amsterdam_time.hpp"
#include "core/inbound_mail.hpp"

namespace kd {
namespace {

using nlohmann::json;

Refusal unknown_message() {
    return not_found("Onbekend bericht.", "Unknown message.");
}

Viewer viewer_of(const Call& c) {
    return c.actor().viewer.value_or(Viewer{});
}

Response list(Call& c) {
    auto query = query_parameters(c.req.query);
    if (!query) return bad_query({});
    const std::string status = (*query)["status"];
    if (!status.empty() && status != "new" && status != "registered" && status != "joined" &&
        status != "dismissed" && status != "ignored")
        return bad_query({{"status", "Kies new, registered, joined, dismissed of ignored.",
                           "Choose new, registered, joined, dismissed or ignored."}});
    auto found = c.services.inbound_mail.list(*c.org, status, viewer_of(c));
    return reply(found, [](const std::vector<InboundMailRecord>& all) {
        json items = json::array();
        for (const auto& m : all)
            items.push_back(inbound_mail_json(m, false));
        return json_reply(200, {{"items", items}});
    });
}

Response show(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return problem(unknown_message());
    auto m = c.services.inbound_mail.get(*c.org, *id, viewer_of(c));
    return reply(m, [](const InboundMailRecord& r) {
        json body = inbound_mail_json(r, true);
        // The intake form opens with what the message says; staff check and complete it.
        body["suggested_intake"] = {
            {"received_at", format_iso_local(moment_of_receipt(r.sent_at, r.received_at))},
            {"channel", "email"},
            {"complainant", {{"name", r.from_name}, {"email", r.from_address}}},
            {"description", r.text},
            {"confidential", r.confidential}};
        return json_reply(200, body);
    });
}

Response register_it(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return problem(unknown_message());
    auto in = read_input(c.req, read_intake);
    if (!in.value) return in.refused;
    auto saved =
        c.services.inbound_mail.register_complaint(*c.org, *id, *in.value, c.actor(), c.now);
    return reply(saved, [](const SavedComplaint& s) {
        json body = complaint_json(s.complaint);
        json d = json::array();
        for (const auto& x : s.deadlines)
            d.push_back(deadline_json(x));
        body["deadlines"] = d;
        return json_reply(201, body);
    });
}

Response dismiss(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return problem(unknown_message());
    auto reason = read_input(c.req, read_dismissal);
    if (!reason.value) return reason.refused;
    auto done = c.services.inbound_mail.dismiss(*c.org, *id, *reason.value, c.actor(), c.now);
    return reply(done, [](const Done&) { return json_reply(200, {{"status", "dismissed"}}); });
}

// The outbox's given-up (or waiting) mails, each with its case's reference.
Response outbox(Call& c) {
    auto query = query_parameters(c.req.query);
    if (!query) return bad_query({});
    const std::string status = (*query)["status"].empty() ? "failed" : (*query)["status"];
    if (status != "failed" && status != "waiting")
        return bad_query({{"status", "Kies failed of waiting.", "Choose failed or waiting."}});
    auto found = c.services.outbox.list(*c.org, status == "failed", viewer_of(c));
    return reply(found, [](const std::vector<OutboxListRow>& rows) {
        json items = json::array();
        for (const auto& r : rows)
            items.push_back(outbox_mail_json(r));
        return json_reply(200, {{"items", items}});
    });
}

} // namespace

void add_inbox_routes(RouteTable& t) {
    t.add("GET", "/api/v1/organisations/:org/outbox", Access::member, false, outbox);
    t.add("GET", "/api/v1/organisations/:org/inbox", Access::member, false, list);
    t.add("GET", "/api/v1/organisations/:org/inbox/:id", Access::member, false, show);
    t.add("POST", "/api/v1/organisations/:org/inbox/:id/register", Access::member, true,
          register_it);
    t.add("POST", "/api/v1/organisations/:org/inbox/:id/dismiss", Access::member, true, dismiss);
}

} // namespace kd
