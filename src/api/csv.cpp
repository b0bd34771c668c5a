// csv.cpp: text files for Dutch Excel (see csv.hpp).
#include "api/csv.hpp"

namespace kd {

std::string csv_field(const std::string& v) {
    std::string out = "\"";
    if (!v.empty() && std::string_view("=+-@\t\r").find(v.front()) != std::string_view::npos)
        out += '\'';
    for (char ch : v) {
        if (ch == '"') out += '"';
        out += ch;
    }
    return out + "\"";
}

Response csv_reply(const std::string& rows, const std::string& file_name) {
    return Response{200, {}, "\xEF\xBB\xBF" + rows}
        .with_header("Content-Type", "text/csv; charset=utf-8")
        .with_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"")
        .with_header("Cache-Control", "no-store");
}

} // namespace kd
