// export_table.hpp: a list as a spreadsheet, described once and given as a CSV file for Dutch
// Excel or as an .xlsx workbook (libxlsxwriter): the register, and any list of complaints.
#pragma once

#include "api/http.hpp"
#include "core/instant.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kd {

// One cell: a text, a whole number, or a date (a real date in the workbook, dd-mm-jjjj in
// both). An empty text is an empty cell.
struct ExportCell {
    enum class Kind { text, number, date };
    Kind kind = Kind::text;
    std::string text;
    long long number = 0;
    Date date{};

    ExportCell(std::string t = {}) : text(std::move(t)) {} // NOLINT: a text is the usual cell
    ExportCell(const char* t) : text(t) {}                 // NOLINT
    static ExportCell whole(long long n) {
        ExportCell c;
        c.kind = Kind::number;
        c.number = n;
        return c;
    }
    static ExportCell day(const std::optional<Date>& d) {
        ExportCell c;
        if (d) {
            c.kind = Kind::date;
            c.date = *d;
        }
        return c;
    }
};

struct ExportTable {
    std::string title; // the sheet's name (at most 31 characters are used)
    std::vector<std::string> header;
    std::vector<double> widths; // per column, in characters; missing: 14
    std::vector<std::vector<ExportCell>> rows;
};

enum class ExportFormat { json, csv, xlsx };

// `file_stem` without extension: "afwijkingenregister-xs2more".
Response export_reply(const ExportTable& t, ExportFormat format, const std::string& file_stem);

// The workbook's bytes; nullopt when libxlsxwriter could not write it (disk full).
std::optional<std::string> xlsx_bytes(const ExportTable& t);

} // namespace kd
