// import_mapping.hpp: how one row of a CSV file of historic complaints becomes a closed
// complaint (issue 13, item 7): the column mapping, the date patterns, and the rule that
// turns a row into a complaint or names the column at fault.
#pragma once

#include "core/complaint.hpp"
#include "core/outcome.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

// A date pattern as people write one: "YYYY/M/D", "DD-MM-YY", "DD-Mon-YY", "D-M-YYYY",
// "YYYY-DD-MM". YYYY is four digits, YY two (00-68 is 20xx, 69-99 is 19xx, as POSIX reads
// them), MM/DD two digits, M/D one or two, Mon a month's abbreviation in English or Dutch
// (Apr, Oct, mrt, okt). Anything else in the pattern must stand in the value as it is.
class DatePattern {
public:
    // nullopt when `text` is not such a pattern (no year, month or day, or one twice).
    static std::optional<DatePattern> parse(std::string_view text);
    // The date, or nullopt when `value` does not follow the pattern or names no real day.
    std::optional<Date> read(std::string_view value) const;
    const std::string& text() const { return text_; }

private:
    enum class Part { year4, year2, month2, month, month_name, day2, day, literal };
    struct Piece {
        Part part;
        char literal = 0;
    };
    std::string text_;
    std::vector<Piece> pieces_;
};

// A column whose values are dates, tried in the order of `patterns` (a column that mixes two
// ways of writing dates needs both; the first that reads the value wins).
struct DateColumn {
    std::string column;
    std::vector<DatePattern> patterns;
};

// A column whose values are translated: `values` maps a value in the file to one of ours;
// a value not in it is kept as it is when `keep_others`, else it is an error. `fixed` is
// used when there is no column.
struct ValueColumn {
    std::string column;
    std::map<std::string, std::string> values;
    bool keep_others = true;
    std::string fixed;
};

// The mapping file, read (service/import_mapping_file.cpp); every column is named by its
// header.
struct ImportMapping {
    DateColumn received;              // required
    std::optional<DateColumn> closed; // when the case ended; the receipt day without it
    ValueColumn channel;              // to a channel name (phone, letter, email, ...)
    ValueColumn category;             // to the organisation's category
    std::vector<std::string> text;    // joined into the description, blank line between
    std::string source_id;            // the source's own number for the complaint
};

// The columns of the mapping found in a file's header, by position.
struct ImportColumns {
    int received = -1;
    int closed = -1;
    int channel = -1;
    int category = -1;
    std::vector<int> text;
    int source_id = -1;
};

// The mapping's columns in `header`, or why not: every column named that is not there.
Outcome<ImportColumns> find_columns(const ImportMapping& m, const std::vector<std::string>& header);

// Where a row came from, for its error messages and the complaint's `imported_from`.
struct ImportRow {
    std::string file; // the file's name, without its directory
    long long number; // as a spreadsheet counts: the header is row 1
    const std::vector<std::string>& cells;
};

// A historic complaint from one row: closed on the day the source says it ended (or the day
// it came in), received and closed at noon Amsterdam time (the file gives days, not times),
// registered at `now` by `by`, with `imported_from` naming the file and row. Refused with
// the column at fault as `field` when a value is missing, not UTF-8, unreadable, before 1990
// or after today, or not
// a channel klachtdesk knows or one of the procedure's categories (when it lists them).
Outcome<Complaint> complaint_from_row(const Procedure& p, int procedure_version,
                                      const ImportMapping& m, const ImportColumns& cols,
                                      const ImportRow& row, long long by, Instant now);

} // namespace kd
