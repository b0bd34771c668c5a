// import_test.cpp: the import of historic complaints (issue 13, item 7, docs/import.md) on
// SQLite and PostgreSQL, with the two real public data sets in shared/data: the counts per
// category and per month that the report shows afterwards are those Python's csv module
// counts in the files; a bad row stops all of it unless told to skip; each record is a closed
// case with one audit event from the source "import".
#include "api_fixture.hpp"
#include "service/import.hpp"

#include <cstdio>
#include <fstream>

using namespace kd;
using namespace kd::it;

namespace {

std::string data_file(const std::string& name) {
    return kd::testing::source_path("../shared/data/" + name);
}

ImportMappingFile mapping(const std::string& name) {
    ImportMappingFile m = read_import_mapping(kd::testing::source_path("docs/import/" + name));
    EXPECT_TRUE(m.errors.empty()) << m.errors.front();
    return m;
}

// tests/tools/csv_counts.py: the file counted by Python, not by klachtdesk.
json python_counts(const std::string& file, const std::string& date_column,
                   const std::string& date_format, const std::string& category_column = "") {
    int status = -1;
    std::string out = kd::testing::command_output(
        "/usr/bin/python3 " + kd::testing::source_path("tests/tools/csv_counts.py") + " '" +
            data_file(file) + "' '" + date_column + "' '" + date_format + "' " +
            (category_column.empty() ? "" : "'" + category_column + "'"),
        &status);
    EXPECT_EQ(status, 0) << out;
    return json::parse(out);
}

std::string last_day_of(const std::string& month) { // "2015-02" -> "2015-02-28"
    using namespace std::chrono;
    year_month ym{year{std::stoi(month.substr(0, 4))},
                  std::chrono::month{static_cast<unsigned>(std::stoi(month.substr(5, 2)))}};
    return format_date(year_month_day{ym / last});
}

} // namespace

class Import : public Api {
protected:
    ImportResult run(const std::string& org, const ImportMappingFile& m, const std::string& file,
                     bool skip_bad_rows = false) {
        ImportOptions options;
        options.skip_bad_rows = skip_bad_rows;
        options.batch_rows = 1000; // several batches even for these small files
        long long calls = 0;
        auto r = import_complaints(*world->writer, *world->services->organisations.find(org), m,
                                   data_file(file), options, now(),
                                   [&](const ImportProgress&) { ++calls; });
        if (r.rows > 0) {
            EXPECT_GT(calls, 0) << "no progress shown";
        }
        return r;
    }
    json report(const std::string& org, const std::string& from, const std::string& to) {
        auto r =
            http(org).get("/api/v1/organisations/" + org + "/report?from=" + from + "&to=" + to);
        EXPECT_EQ(r.status, 200) << r.body;
        return r.json()["current"];
    }
    long long count_of(const std::string& org) {
        return world->db->count_complaints(world->services->organisations.find(org)->record.id);
    }
    // Every month of the Python counts has as many complaints received in the report.
    void expect_months(const std::string& org, const json& months) {
        for (const auto& [month, n] : months.items())
            EXPECT_EQ(report(org, month + "-01", last_day_of(month))["received"], n) << month;
    }
};

TEST_F(Import, CfpbSampleCountsPerCategoryAndMonthAreThoseOfTheFile) {
    const std::string org = "exactpi";
    ImportResult r = run(org, mapping("cfpb.toml"), "cfpb_complaints_sample.csv");
    ASSERT_TRUE(r.written) << r.failure << (r.errors.empty() ? "" : r.errors.front());
    EXPECT_EQ(r.rows, 6623);
    EXPECT_EQ(r.imported, 6623);
    EXPECT_EQ(r.bad, 0);

    const json expected =
        python_counts("cfpb_complaints_sample.csv", "Date received", "%Y/%m/%d", "Product");
    ASSERT_EQ(expected["rows"], 6623);
    const json all = report(org, "2015-01-01", "2020-12-31");
    EXPECT_EQ(all["received"], 6623);
    long long categories = 0;
    for (const auto& b : all["breakdowns"])
        if (b["measure"] == "category")
            for (const auto& k : b["counts"]) {
                EXPECT_EQ(k["n"], expected["categories"][k["key"].get<std::string>()]) << k;
                categories += k["n"].get<long long>();
            }
    EXPECT_EQ(categories, 6623);
    EXPECT_EQ(expected["categories"].size(), 13u);
    expect_months(org, expected["months"]);
    // Historic records: ended on the day they came in, no deadline counted met or missed.
    EXPECT_EQ(all["open_at_end"], 0);
    for (const auto& d : all["deadlines"])
        EXPECT_EQ(d["met"].get<int>() + d["missed"].get<int>() + d["running"].get<int>(), 0) << d;

    // The first row of the file, as a case: closed, where it came from, one audit event.
    auto id = world->db->complaint_by_reference(world->services->organisations.find(org)->record.id,
                                                r.first_reference);
    ASSERT_TRUE(id) << r.first_reference;
    json c = get(org, *id);
    EXPECT_EQ(c["state"], "closed");
    EXPECT_EQ(c["imported_from"], "cfpb_complaints_sample.csv, rij 2, Complaint ID 3571115");
    EXPECT_EQ(c["received_at"], "2020-03-18T12:00:00+01:00");
    EXPECT_EQ(c["channel"], "web_form");
    EXPECT_EQ(c["category"],
              "Credit reporting, credit repair services, or other personal consumer reports");
    EXPECT_EQ(c["description"],
              "Incorrect information on your report\n\nInformation belongs to someone else");
    ASSERT_EQ(c["timeline"].size(), 1u);
    EXPECT_EQ(c["timeline"][0]["action"], "import");
    EXPECT_EQ(c["timeline"][0]["source"], "import");
    EXPECT_EQ(c["timeline"][0]["changes"]["imported_from"][1], c["imported_from"]);
    // Registered by the organisation's system account, as the event's actor says.
    EXPECT_NE(c["registered_by"], 0);
    EXPECT_EQ(c["registered_by"], c["timeline"][0]["actor_id"]);
}

TEST_F(Import, FccMixedDatesOneBadRowStopsAllUnlessSkippedBothPatternsReadEveryRow) {
    // With only the day-month-year pattern, the 609 rows written year-day-month are bad:
    // each is named with its row and column, and nothing is stored.
    ImportMappingFile one = mapping("fcc.toml");
    one.mapping.received.patterns.resize(1);
    const long long before = count_of("quoratio");
    ImportResult refused = run("quoratio", one, "fcc_comcast_complaints_2015.csv");
    EXPECT_FALSE(refused.written);
    EXPECT_EQ(refused.rows, 2224);
    EXPECT_EQ(refused.bad, 609);
    EXPECT_EQ(refused.imported, 0);
    ASSERT_EQ(refused.errors.size(), kImportErrorsKept);
    EXPECT_EQ(refused.errors.front(),
              "row 3, column \"Date\": \"2015-04-08\" is not a date written as DD-MM-YY");
    EXPECT_EQ(count_of("quoratio"), before);

    // Told to skip them, the 1,615 good rows go in (at xs2more, whose list has the category).
    ImportMappingFile skipping = one;
    skipping.mapping.category.fixed = "dienstverlening";
    const long long xs2more = count_of("xs2more");
    ImportResult skipped = run("xs2more", skipping, "fcc_comcast_complaints_2015.csv", true);
    EXPECT_TRUE(skipped.written);
    EXPECT_EQ(skipped.imported, 1615);
    EXPECT_EQ(skipped.bad, 609);
    EXPECT_EQ(count_of("xs2more"), xs2more + 1615);
    EXPECT_EQ(report("xs2more", "2015-01-01", "2015-12-31")["received"], 1615);

    // A category not in xs2more's list is a bad row, named with the mapping's column.
    ImportResult unlisted = run("xs2more", one, "fcc_comcast_complaints_2015.csv");
    EXPECT_FALSE(unlisted.written);
    EXPECT_EQ(unlisted.bad, 2224);
    EXPECT_EQ(count_of("xs2more"), xs2more + 1615);

    // Both patterns: every row, in the month the file's unambiguous Date_month_year gives.
    ImportResult full = run("quoratio", mapping("fcc.toml"), "fcc_comcast_complaints_2015.csv");
    ASSERT_TRUE(full.written) << (full.errors.empty() ? full.failure : full.errors.front());
    EXPECT_EQ(full.imported, 2224);
    const json expected =
        python_counts("fcc_comcast_complaints_2015.csv", "Date_month_year", "%d-%b-%y");
    expect_months("quoratio", expected["months"]);
    const json year = report("quoratio", "2015-01-01", "2015-12-31");
    EXPECT_EQ(year["received"], 2224);
    long long phone = 0, web = 0;
    for (const auto& b : year["breakdowns"])
        if (b["measure"] == "channel")
            for (const auto& k : b["counts"])
                (k["key"] == "phone" ? phone : web) += k["n"].get<long long>();
    EXPECT_EQ(phone, 1119); // "Customer Care Call"
    EXPECT_EQ(web, 1105);   // "Internet"
}

// A bad row after batches were already written, and a quote that never closes: both roll back
// what was written, the numbering included.
TEST_F(Import, ABadRowAtTheEndUndoesTheBatchesWrittenBeforeIt) {
    const std::string org = "jexo";
    std::ifstream in(data_file("fcc_comcast_complaints_2015.csv"));
    std::string head;
    for (std::string line; head.size() < 400000 && std::getline(in, line);)
        head += line + "\n";
    auto write = [](const std::string& text) {
        char path[] = "/tmp/klachtdesk-import-XXXXXX.csv";
        int fd = mkstemps(path, 4);
        EXPECT_GE(fd, 0);
        close(fd);
        std::ofstream(path, std::ios::binary) << text;
        return std::string(path);
    };
    auto import = [&](const std::string& path) {
        ImportOptions options;
        options.batch_rows = 500;
        return import_complaints(*world->writer, *world->services->organisations.find(org),
                                 mapping("fcc.toml"), path, options, now(), {});
    };
    const long long before = count_of(org);
    const std::string short_row = write(head + "1,too few,22-04-15\n");
    ImportResult r = import(short_row);
    EXPECT_FALSE(r.written);
    EXPECT_GT(r.rows, 2000); // four batches of 500 went to the writer first
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], "row " + std::to_string(r.rows + 1) + ": 3 fields, the header has 11");
    EXPECT_EQ(count_of(org), before);

    const std::string open_quote = write(head + "2,\"never closed,22-04-15,Internet\n");
    r = import(open_quote);
    EXPECT_FALSE(r.written);
    EXPECT_NE(r.failure.find(": a quote (\") opens a field that never closes"), std::string::npos)
        << r.failure;
    EXPECT_EQ(count_of(org), before);

    // The numbering goes on where it was: nothing of the undone imports took a number.
    const std::string good = write(head);
    r = import(good);
    ASSERT_TRUE(r.written) << r.failure;
    char first[32];
    std::snprintf(first, sizeof first, "000-%05lld", before + 1);
    EXPECT_EQ(r.first_reference, first);
    for (const auto& path : {short_row, open_quote, good})
        std::remove(path.c_str());
}

TEST_F(Import, AFileThatLacksAMappedColumnOrAMappingWithErrorsIsRefusedWhole) {
    ImportMappingFile m = mapping("cfpb.toml");
    m.mapping.text.push_back("Klachtomschrijving");
    const long long before = count_of("jexo");
    ImportResult r = run("jexo", m, "cfpb_complaints_sample.csv");
    EXPECT_FALSE(r.written);
    EXPECT_EQ(r.failure, "These columns are not in the file: \"Klachtomschrijving\"");
    EXPECT_EQ(count_of("jexo"), before);

    char path[] = "/tmp/klachtdesk-mapping-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    const std::string bad = "text = [\"Issue\"]\n[received]\ncolumn = \"Date received\"\n"
                            "formats = [\"JJJJ-MM-DD\"]\n[channel]\nfixed = \"web_form\"\n"
                            "colour = \"red\"\n";
    EXPECT_EQ(write(fd, bad.data(), bad.size()), static_cast<ssize_t>(bad.size()));
    close(fd);
    ImportMappingFile broken = read_import_mapping(path);
    std::remove(path);
    ASSERT_EQ(broken.errors.size(), 2u);
    EXPECT_NE(broken.errors[0].find(":4: 'JJJJ-MM-DD' is no date pattern"), std::string::npos)
        << broken.errors[0];
    EXPECT_NE(broken.errors[1].find(":7: unknown key 'colour' in [channel]"), std::string::npos)
        << broken.errors[1];
}
