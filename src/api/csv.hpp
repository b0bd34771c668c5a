// csv.hpp: text files for Dutch Excel: semicolons, CRLF, UTF-8 with a byte order mark, every
// text quoted, and no cell that a spreadsheet would run as a formula.
#pragma once

#include "api/http.hpp"

#include <string>

namespace kd {

// One quoted field. A text that starts like a formula (= + - @, a tab or a carriage return)
// gets a leading apostrophe, so that a complainant's words never run in someone's Excel.
std::string csv_field(const std::string& v);
// A CSV download: `rows` is the header line and the lines after it, each ending in "\r\n";
// the byte order mark is put in front.
Response csv_reply(const std::string& rows, const std::string& file_name);

} // namespace kd
