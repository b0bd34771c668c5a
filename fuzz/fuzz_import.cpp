// fuzz_import.cpp: a CSV file of historic complaints as anyone may hand it to `klachtdesk
// import`: read record by record and each row turned into a complaint or an error; each
// row's first two fields also tried as a date pattern and a date written in it.
#include "core/amsterdam_time.hpp"
#include "core/import_mapping.hpp"
#include "service/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const kd::Procedure procedure = [] {
        kd::Procedure p; // the row rule reads only the list of categories
        p.categories = {"dienstverlening", "overig"};
        return p;
    }();
    static const kd::ImportMapping mapping = [] {
        kd::ImportMapping m;
        m.received = {"Date",
                      {*kd::DatePattern::parse("DD-MM-YY"), *kd::DatePattern::parse("YYYY-DD-MM"),
                       *kd::DatePattern::parse("D-Mon-YYYY")}};
        m.closed = kd::DateColumn{"Closed", {*kd::DatePattern::parse("YYYY/M/D")}};
        m.channel.column = "Via";
        m.channel.values = {{"Internet", "web_form"}};
        m.category.column = "Category";
        m.category.keep_others = false;
        m.category.values = {{"x", "dienstverlening"}};
        m.text = {"What"};
        m.source_id = "Ticket";
        return m;
    }();
    const kd::Instant now = kd::from_local(kd::Date{std::chrono::year{2026} / 11 / 18}, 10, 30);
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    kd::CsvReader csv(in, size % 2 ? ';' : ',');
    std::vector<std::string> header = {"Ticket", "What", "Date", "Via", "Category", "Closed"};
    auto cols = kd::find_columns(mapping, header);
    if (!cols) __builtin_trap(); // the fixed header has every column
    std::vector<std::string> cells;
    try {
        while (csv.next(cells)) {
            if (cells.size() >= 2)
                if (auto p = kd::DatePattern::parse(cells[0])) (void)p->read(cells[1]);
            if (cells.size() != header.size()) continue;
            (void)kd::complaint_from_row(procedure, 1, mapping, cols.value(),
                                         {"fuzz.csv", csv.record(), cells}, 1, now);
        }
    } catch (const std::runtime_error&) {
        // A quote that never closes: the import stops there and says so.
    }
    return 0;
}
