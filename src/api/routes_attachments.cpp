// routes_attachments.cpp: the case file over HTTP: a file is sent as the request body (its
// name and kind in the query), and comes back only as a download, never shown inline.
#include "api/documents.hpp"
#include "api/routes.hpp"
#include "api/uri.hpp"

#include <cctype>

namespace kd {
namespace {

using nlohmann::json;

Response unknown_complaint() {
    return problem(not_found("Onbekend klachtnummer.", "Unknown complaint number."));
}

Response list(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown_complaint();
    auto file = c.services.complaints.read_case(*c.org, *id, c.actor(), c.now);
    return reply(file, [](const CaseFile& f) {
        json items = json::array();
        for (const auto& a : f.attachments)
            items.push_back(attachment_json(a));
        return json_reply(200, {{"items", items}});
    });
}

Response upload(Call& c) {
    auto id = parse_id(c.req.param("id"));
    if (!id) return unknown_complaint();
    auto query = query_parameters(c.req.query);
    if (!query) return bad_query({});
    NewAttachment file{(*query)["file_name"], (*query)["kind"], c.req.body};
    auto added = c.services.attachments.add(*c.org, *id, file, c.actor(), c.now);
    return reply(added, [](const Attachment& a) { return json_reply(201, attachment_json(a)); });
}

// RFC 6266: a plain fallback name for old clients, and the real name in UTF-8.
std::string content_disposition(const std::string& name) {
    std::string plain, encoded;
    static const char* hex = "0123456789ABCDEF";
    for (char ch : name) {
        auto c = static_cast<unsigned char>(ch);
        plain += (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') ? ch : '_';
        if (std::isalnum(c) || c == '.' || c == '-' || c == '_')
            encoded += ch;
        else
            encoded += {'%', hex[c >> 4], hex[c & 15]};
    }
    return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + encoded;
}

Response download(Call& c) {
    auto id = parse_id(c.req.param("id"));
    auto file_id = parse_id(c.req.param("file"));
    if (!id) return unknown_complaint();
    if (!file_id) return problem(not_found("Onbekend bestand.", "Unknown file."));
    auto file = c.services.attachments.download(*c.org, *id, *file_id, c.actor(), c.now);
    if (!file) return problem(file.refusal());
    const Attachment& a = file.value().attachment;
    // Always a download: no browser shows it as a page, guesses another type, or runs it.
    return Response{200, {}, std::move(file.value().bytes)}
        .with_header("Content-Type", a.media_type)
        .with_header("Content-Disposition", content_disposition(a.file_name))
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Content-Security-Policy", "default-src 'none'; sandbox")
        .with_header("Cache-Control", "private, no-store");
}

} // namespace

void add_attachment_routes(RouteTable& t) {
    const std::string base = "/api/v1/organisations/:org/complaints/:id/attachments";
    t.add("GET", base, Access::member, false, list);
    t.add_upload("POST", base, Access::member, upload);
    t.add("GET", base + "/:file", Access::member, false, download);
}

} // namespace kd
