// import_test.cpp: the pure parts of the import (issue 13, item 7): date patterns, the row
// rule, the CSV reader, and that an imported record counts in no deadline figure.
#include "core/import_mapping.hpp"
#include "core/report_cells.hpp"
#include "service/csv_reader.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace kd;
using kd::testing::at;

namespace {

std::optional<Date> read(const char* pattern, const char* value) {
    auto p = DatePattern::parse(pattern);
    EXPECT_TRUE(p) << pattern;
    return p ? p->read(value) : std::nullopt;
}

Date ymd(int y, unsigned m, unsigned d) {
    return Date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

std::vector<std::vector<std::string>> records(const std::string& text, char separator = ',') {
    std::istringstream in(text);
    CsvReader csv(in, separator);
    std::vector<std::vector<std::string>> out;
    for (std::vector<std::string> r; csv.next(r);)
        out.push_back(r);
    return out;
}

ImportMapping fcc_like() {
    ImportMapping m;
    m.received = {"Date", {*DatePattern::parse("DD-MM-YY"), *DatePattern::parse("YYYY-DD-MM")}};
    m.channel.column = "Via";
    m.channel.values = {{"Internet", "web_form"}, {"Call", "phone"}};
    m.channel.keep_others = false;
    m.category.fixed = "dienstverlening";
    m.text = {"What", "More"};
    m.source_id = "Ticket";
    return m;
}

const std::vector<std::string> kHeader = {"Ticket", "What", "More", "Date", "Via"};

} // namespace

TEST(DatePattern, ReadsThePatternsOfTheSharedFilesAndRefusesWhatDoesNotFit) {
    EXPECT_EQ(read("YYYY/M/D", "2020/3/18"), ymd(2020, 3, 18));
    EXPECT_EQ(read("YYYY/M/D", "2019/12/05"), ymd(2019, 12, 5));
    EXPECT_EQ(read("DD-MM-YY", "22-04-15"), ymd(2015, 4, 22));
    EXPECT_EQ(read("YYYY-DD-MM", "2015-04-08"), ymd(2015, 8, 4)); // FCC's other way
    EXPECT_EQ(read("DD-Mon-YY", "04-Aug-15"), ymd(2015, 8, 4));
    EXPECT_EQ(read("D-Mon-YYYY", "4-okt-2015"), ymd(2015, 10, 4)); // Dutch month names too
    EXPECT_EQ(read("DD-MM-YY", "01-01-69"), ymd(1969, 1, 1));      // POSIX's pivot
    EXPECT_EQ(read("DD-MM-YY", "31-12-68"), ymd(2068, 12, 31));
    EXPECT_EQ(read("DD-MM-YY", "2015-04-08"), std::nullopt);
    EXPECT_EQ(read("DD-MM-YYYY", "31-02-2015"), std::nullopt); // no such day
    EXPECT_EQ(read("DD-MM-YYYY", "1-02-2015"), std::nullopt);  // DD is two digits
    EXPECT_EQ(read("YYYY/M/D", "2020/3/18 "), std::nullopt);   // nothing may follow
    EXPECT_EQ(read("DD-Mon-YY", "04-Foo-15"), std::nullopt);
    for (const char* wrong : {"DD-MM", "YYY-MM-DD", "DD-MM-YYYY-MM", "JJJJ-MM-DD", "DDD-MM-YY", ""})
        EXPECT_FALSE(DatePattern::parse(wrong)) << wrong;
}

TEST(CsvReader, QuotesSeparatorsLineBreaksAndAByteOrderMark) {
    auto r = records("\xEF\xBB\xBF"
                     "a,b,c\r\n"
                     "1,\"x, y\",\"he said \"\"no\"\"\"\n"
                     "2,\"two\nlines\",\n"
                     "3,,last");
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0], (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(r[1], (std::vector<std::string>{"1", "x, y", "he said \"no\""}));
    EXPECT_EQ(r[2], (std::vector<std::string>{"2", "two\nlines", ""}));
    EXPECT_EQ(r[3], (std::vector<std::string>{"3", "", "last"}));
    EXPECT_EQ(records("a;b\n1;2,5\n", ';')[1], (std::vector<std::string>{"1", "2,5"}));

    std::istringstream open_quote("a,b\n1,\"never closed\n2,3\n");
    CsvReader csv(open_quote);
    std::vector<std::string> row;
    ASSERT_TRUE(csv.next(row));
    try {
        csv.next(row);
        FAIL() << "an open quote was read as data";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "record 2: a quote (\") opens a field that never closes");
    }
}

TEST(ImportRow, AGoodRowIsAClosedHistoricRecordOfItsSource) {
    const Procedure p = kd::testing::seed_procedure("xs2more");
    ImportMapping m = fcc_like();
    auto cols = find_columns(m, kHeader);
    ASSERT_TRUE(cols);
    std::vector<std::string> cells = {"250635", "Speed", " slow since May ", "2015-04-08",
                                      "Internet"};
    auto c =
        complaint_from_row(p, 3, m, cols.value(), {"fcc.csv", 2, cells}, 7, at("2026-11-18T10:30"));
    ASSERT_TRUE(c) << c.refusal().message_en;
    EXPECT_EQ(c.value().state, State::closed);
    EXPECT_EQ(c.value().received_at, at("2015-08-04T12:00"));
    EXPECT_EQ(c.value().closed_at, c.value().received_at); // no closing date in the mapping
    EXPECT_EQ(c.value().registered_at, at("2026-11-18T10:30"));
    EXPECT_EQ(c.value().registered_by, 7);
    EXPECT_EQ(c.value().procedure_version, 3);
    EXPECT_EQ(c.value().channel, Channel::web_form);
    EXPECT_EQ(c.value().category, "dienstverlening");
    EXPECT_EQ(c.value().description, "Speed\n\nslow since May");
    EXPECT_EQ(c.value().imported_from, "fcc.csv, rij 2, Ticket 250635");
}

TEST(ImportRow, EachBadValueIsNamedWithItsRowAndColumn) {
    const Procedure p = kd::testing::seed_procedure("xs2more");
    const Instant now = at("2026-11-18T10:30");
    ImportMapping m = fcc_like();
    auto cols = find_columns(m, kHeader).value();
    auto refusal = [&](const std::vector<std::string>& cells, const ImportMapping& with) {
        auto c = complaint_from_row(p, 3, with, cols, {"fcc.csv", 9, cells}, 7, now);
        EXPECT_FALSE(c);
        return c ? std::string() : c.refusal().message_en;
    };
    EXPECT_EQ(refusal({"1", "a", "", "2015/04/08", "Call"}, m),
              "row 9, column \"Date\": \"2015/04/08\" is not a date written as DD-MM-YY / "
              "YYYY-DD-MM");
    EXPECT_EQ(refusal({"1", "a", "", "19-11-26", "Call"}, m),
              "row 9, column \"Date\": \"19-11-26\" is after today (2026-11-18)");
    EXPECT_EQ(refusal({"1", "a", "", " ", "Call"}, m), "row 9, column \"Date\": no date");
    // Before the calendar's first year no deadline can be computed for the case.
    EXPECT_EQ(refusal({"1", "a", "", "31-12-89", "Call"}, m),
              "row 9, column \"Date\": \"31-12-89\" is before 1990, the first year of "
              "klachtdesk's calendar");
    // Windows-1252 from Excel: named, not stored as broken text.
    EXPECT_EQ(refusal({"1", "caf\xe9", "", "22-04-15", "Call"}, m),
              "row 9, column \"What\": is not UTF-8 text; save the file as \"CSV UTF-8\"");
    EXPECT_EQ(refusal({"1", "a", std::string("nul\0byte", 8), "22-04-15", "Call"}, m),
              "row 9, column \"More\": is not UTF-8 text; save the file as \"CSV UTF-8\"");
    EXPECT_EQ(refusal({"1", "a", "", "22-04-15", "Fax"}, m),
              "row 9, column \"Via\": \"Fax\" is not among the mapping's values");
    EXPECT_EQ(refusal({"1", "", " ", "22-04-15", "Call"}, m),
              "row 9, column \"What\": no description");
    ImportMapping keep = m;
    keep.channel.keep_others = true;
    EXPECT_EQ(refusal({"1", "a", "", "22-04-15", "Fax"}, keep),
              "row 9, column \"Via\": \"Fax\" is no channel; map it to one of: phone, letter, "
              "email, web_form, in_person");
    ImportMapping other = m;
    other.category.fixed = "telecom";
    EXPECT_EQ(refusal({"1", "a", "", "22-04-15", "Call"}, other),
              "row 9, column \"category\": \"telecom\" is not a category of this procedure");
    auto c = complaint_from_row(p, 3, m, cols, {"fcc.csv", 9, {"1", "a", "", "19-11-26", "Call"}},
                                7, now);
    EXPECT_EQ(c.refusal().field, "Date");
    EXPECT_EQ(c.refusal().message_nl.substr(0, 18), "rij 9, kolom \"Date");

    auto missing = find_columns(m, {"Ticket", "What", "Date"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.refusal().message_en, "These columns are not in the file: \"Via\", \"More\"");
}

TEST(ImportRow, ATicketClosedBeforeItCameInIsRefused) {
    const Procedure p = kd::testing::seed_procedure("xs2more");
    ImportMapping m = fcc_like();
    m.closed = DateColumn{"Closed", {*DatePattern::parse("DD-MM-YYYY")}};
    std::vector<std::string> header = kHeader;
    header.push_back("Closed");
    auto cols = find_columns(m, header).value();
    auto row = [&](const char* closed) {
        return complaint_from_row(p, 3, m, cols,
                                  {"f.csv", 4, {"1", "a", "", "22-04-15", "Call", closed}}, 7,
                                  at("2026-11-18T10:30"));
    };
    EXPECT_EQ(row("30-04-2015").value().closed_at, at("2015-04-30T12:00"));
    EXPECT_EQ(row("").value().closed_at, at("2015-04-22T12:00"));
    EXPECT_EQ(row("21-04-2015").refusal().message_en,
              "row 4, column \"Closed\": is before the day the complaint came in");
}

TEST(ReportCells, AnImportedRecordCountsInNoDeadlineFigure) {
    const Procedure p = kd::testing::seed_procedure("xs2more");
    Complaint c;
    c.state = State::closed;
    c.received_at = at("2015-04-22T12:00");
    c.closed_at = at("2015-09-01T12:00"); // long after every term of 004
    c.category = "dienstverlening";
    WorkingDayCalendar cal(p.calendar);
    auto deadlines = deadlines_of(p, cal, c, at("2026-11-18T10:30"));
    auto has_deadline_cell = [](const std::vector<ReportCell>& cells) {
        for (const auto& cell : cells)
            if (cell.measure.rfind(kDeadlinePrefix, 0) == 0) return true;
        return false;
    };
    // Registered here and closed late without its steps, its deadlines count as missed ...
    EXPECT_TRUE(has_deadline_cell(report_cells(c, deadlines)));
    // ... imported, nobody measured them.
    c.imported_from = "fcc.csv, rij 2";
    auto cells = report_cells(c, deadlines);
    EXPECT_FALSE(has_deadline_cell(cells));
    EXPECT_NE(std::find(cells.begin(), cells.end(),
                        ReportCell{day_number(Date{std::chrono::year{2015} / 4 / 22}), "category",
                                   "dienstverlening", 1}),
              cells.end());
}
