// export_table.cpp: a list as CSV for Dutch Excel or as an .xlsx workbook (see the header).
#include "api/export_table.hpp"

#include "api/csv.hpp"
#include "api/problem.hpp"
#include "core/amsterdam_time.hpp"

#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unistd.h>

namespace kd {

namespace {

std::string csv_of(const ExportTable& t) {
    std::string out;
    auto line = [&](const std::vector<std::string>& fields) {
        for (std::size_t i = 0; i < fields.size(); ++i)
            out += (i ? ";" : "") + fields[i];
        out += "\r\n";
    };
    // The header is our own words, without separators or quotes: written as they are.
    std::vector<std::string> fields = t.header;
    line(fields);
    for (const auto& row : t.rows) {
        fields.clear();
        for (const auto& c : row) {
            switch (c.kind) {
            case ExportCell::Kind::text:
                fields.push_back(c.text.empty() ? std::string() : csv_field(c.text));
                break;
            case ExportCell::Kind::number:
                fields.push_back(std::to_string(c.number));
                break;
            case ExportCell::Kind::date:
                fields.push_back(format_date_nl(c.date));
                break;
            }
        }
        line(fields);
    }
    return out;
}

// A sheet name may not hold []:*?/\ and is at most 31 characters.
std::string sheet_name(const std::string& title) {
    std::string out;
    for (char ch : title) {
        if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) continue;
        out += ch;
    }
    if (out.size() > 31) out.resize(31);
    return out.empty() ? "Blad1" : out;
}

} // namespace

std::optional<std::string> xlsx_bytes(const ExportTable& t) {
    // libxlsxwriter 1.1.4 writes to a file, never to memory: a private temporary one.
    char path[] = "/tmp/klachtdesk-xlsx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return std::nullopt;
    close(fd);
    struct Remove {
        const char* p;
        ~Remove() { std::remove(p); }
    } remove{path};

    lxw_workbook* wb = workbook_new(path);
    if (!wb) return std::nullopt;
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(t.title).c_str());
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd-mm-yyyy");
    lxw_format* wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

    const auto columns = static_cast<lxw_col_t>(t.header.size());
    for (lxw_col_t c = 0; c < columns; ++c) {
        double w = c < t.widths.size() ? t.widths[c] : 14;
        worksheet_set_column(ws, c, c, w, w > 30 ? wrap : nullptr);
        worksheet_write_string(ws, 0, c, t.header[c].c_str(), bold);
    }
    lxw_row_t r = 1;
    for (const auto& row : t.rows) {
        for (lxw_col_t c = 0; c < row.size() && c < columns; ++c) {
            const ExportCell& cell = row[c];
            switch (cell.kind) {
            case ExportCell::Kind::text:
                // Written as a string, never as a formula: a complainant's "=..." stays text.
                if (!cell.text.empty())
                    worksheet_write_string(ws, r, c, cell.text.c_str(), nullptr);
                break;
            case ExportCell::Kind::number:
                worksheet_write_number(ws, r, c, static_cast<double>(cell.number), nullptr);
                break;
            case ExportCell::Kind::date: {
                lxw_datetime d{static_cast<int>(cell.date.year()),
                               static_cast<int>(static_cast<unsigned>(cell.date.month())),
                               static_cast<int>(static_cast<unsigned>(cell.date.day())),
                               0,
                               0,
                               0};
                worksheet_write_datetime(ws, r, c, &d, date);
                break;
            }
            }
        }
        ++r;
    }
    if (columns > 0) {
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_autofilter(ws, 0, 0, r - 1, columns - 1);
    }
    if (workbook_close(wb) != LXW_NO_ERROR) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return std::nullopt;
    return bytes.str();
}

Response export_reply(const ExportTable& t, ExportFormat format, const std::string& file_stem) {
    if (format == ExportFormat::csv) return csv_reply(csv_of(t), file_stem + ".csv");
    auto bytes = xlsx_bytes(t);
    if (!bytes)
        return problem(Refusal("export_failed", "Het Excel-bestand kon niet worden gemaakt.",
                               "The Excel file could not be made.", "", RefusalKind::unavailable));
    return Response{200, {}, std::move(*bytes)}
        .with_header("Content-Type",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .with_header("Content-Disposition", "attachment; filename=\"" + file_stem + ".xlsx\"")
        .with_header("Cache-Control", "no-store");
}

} // namespace kd
