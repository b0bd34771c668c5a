// web_files.hpp: the built web UI (web/dist), read into memory once at start, so that the
// I/O thread serves a page without touching the disk.
#pragma once

#include "api/http.hpp"

#include <map>
#include <string>
#include <string_view>

namespace kd {

class WebFiles {
public:
    WebFiles() = default;
    // Every regular file under `dir`; an empty set when `dir` does not exist (API only).
    static WebFiles load(const std::string& dir);

    bool empty() const { return files_.empty(); }
    std::size_t size() const { return files_.size(); }

    // The answer to GET `path` (not under /api/): the file, or the app's index.html for a
    // page of the app (/complaints/12), or 404 for a missing file with an extension.
    Response answer(std::string_view path) const;

private:
    struct File {
        std::string content_type;
        std::string body;
    };
    std::map<std::string, File, std::less<>> files_; // "/assets/index-3f2a.js"
};

// The security headers of every page of the staff UI: no inline scripts, no framing.
void add_page_security_headers(Response& r);

} // namespace kd
