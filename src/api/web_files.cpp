// web_files.cpp: serving the built UI from memory, with the headers that keep it safe.
#include "api/web_files.hpp"

#include "api/problem.hpp"
#include "api/uri.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kd {
namespace {

std::string content_type_of(const std::filesystem::path& p) {
    static const std::map<std::string, std::string> kTypes{
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    };
    auto it = kTypes.find(p.extension().string());
    return it == kTypes.end() ? "application/octet-stream" : it->second;
}

} // namespace

WebFiles WebFiles::load(const std::string& dir) {
    WebFiles out;
    std::error_code ec;
    if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream body;
        body << in.rdbuf();
        std::string rel = "/" + std::filesystem::relative(entry.path(), dir).generic_string();
        out.files_[rel] = {content_type_of(entry.path()), body.str()};
    }
    return out;
}

Response WebFiles::answer(std::string_view path) const {
    auto segments = path_segments(path);
    if (!segments) return malformed_path();
    std::string clean;
    for (const auto& s : *segments)
        if (!s.empty()) clean += "/" + s;
    auto it = files_.find(clean);
    bool is_page = it == files_.end();
    if (is_page) {
        // A path with an extension asks for a file that is not there; any other is a page
        // of the app, which routes it in the browser.
        std::string_view last = segments->empty() ? "" : std::string_view(segments->back());
        if (last.find('.') != std::string_view::npos) return no_such_address();
        it = files_.find("/index.html");
        if (it == files_.end()) return no_such_address();
    }
    Response r;
    r.status = 200;
    r.body = it->second.body;
    r.with_header("Content-Type", it->second.content_type);
    // Vite names each asset by a hash of its content, so it never changes under its name.
    if (clean.rfind("/assets/", 0) == 0 && !is_page)
        r.with_header("Cache-Control", "public, max-age=31536000, immutable");
    else
        r.with_header("Cache-Control", "no-cache");
    add_page_security_headers(r);
    return r;
}

void add_page_security_headers(Response& r) {
    r.with_header("Content-Security-Policy",
                  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                  "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                  "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    r.with_header("X-Content-Type-Options", "nosniff");
    r.with_header("X-Frame-Options", "DENY");
    r.with_header("Referrer-Policy", "same-origin");
}

} // namespace kd
