// uri.cpp: percent-decoding and splitting of the request target.
#include "api/uri.hpp"

namespace kd {

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
    auto hex = [](char ch) -> int {
        if (ch >= '0' && ch <= '9') return ch - '0';
        if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
        if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+' && plus_is_space) {
            out += ' ';
        } else if (s[i] != '%') {
            out += s[i];
        } else {
            if (i + 2 >= s.size()) return std::nullopt;
            int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        }
    }
    if (!valid_utf8(out)) return std::nullopt;
    return out;
}

std::optional<std::vector<std::string>> path_segments(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string> out;
    std::size_t start = 1;
    while (true) {
        std::size_t end = path.find('/', start);
        auto segment = percent_decode(path.substr(start, end - start), false);
        if (!segment) return std::nullopt;
        out.push_back(std::move(*segment));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

std::optional<std::map<std::string, std::string>> query_parameters(std::string_view query) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        std::string_view pair = query.substr(start, end - start);
        if (!pair.empty()) {
            std::size_t eq = pair.find('=');
            auto name = percent_decode(pair.substr(0, eq), true);
            auto value = percent_decode(
                eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
            if (!name || !value) return std::nullopt;
            out[std::move(*name)] = std::move(*value);
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

} // namespace kd
