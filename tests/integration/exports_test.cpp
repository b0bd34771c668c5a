// exports_test.cpp: lists as files for Excel (issue 13, item 6), over HTTP on SQLite and
// PostgreSQL: the complaint register with its filters and the nonconformity register, as
// .xlsx read back by a real reader (openpyxl) and as CSV for Dutch Excel; what a person may not
// see is not in their file, and a complainant's "=formula" stays text.
#include "api_fixture.hpp"

#include <cstdio>
#include <fstream>

using namespace kd;
using namespace kd::it;

namespace {

// The first sheet of a workbook as tests/tools/xlsx_cells.py reads it.
json read_xlsx(const std::string& bytes) {
    char path[] = "/tmp/klachtdesk-test-XXXXXX.xlsx"; // openpyxl goes by the extension
    int fd = mkstemps(path, 5);
    EXPECT_GE(fd, 0);
    close(fd);
    std::ofstream(path, std::ios::binary) << bytes;
    std::string command =
        "/usr/bin/python3 " + kd::testing::source_path("tests/tools/xlsx_cells.py") + " " + path;
    int status = -1;
    std::string out = kd::testing::command_output(command, &status);
    EXPECT_EQ(status, 0) << out;
    std::remove(path);
    return json::parse(out);
}

} // namespace

TEST_F(Api, TheComplaintListAsAnExcelWorkbookAndAsCsvWithItsFilters) {
    const std::string org = "xs2more";
    json in = intake(org);
    in["description"] = "=HYPERLINK(\"http://example.com\") exportwoord";
    in["received_at"] = "2026-11-16T09:30";
    in["channel"] = "email";
    in["category"] = "dienstverlening";
    const json made = create(org, in);
    const std::string list = "/api/v1/organisations/" + org + "/complaints?q=exportwoord";

    auto x = http(org).get(list + "&format=xlsx");
    ASSERT_EQ(x.status, 200) << x.body;
    EXPECT_EQ(x.content_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_NE(x.header("content-disposition").find("klachten-xs2more.xlsx"), std::string::npos);
    json sheet = read_xlsx(x.body);
    EXPECT_EQ(sheet["sheet"], "Klachten");
    ASSERT_EQ(sheet["rows"].size(), 2u) << sheet;
    const json& header = sheet["rows"][0];
    EXPECT_EQ(header[0], "kenmerk");
    EXPECT_EQ(header[1], "ontvangen");
    const json& row = sheet["rows"][1];
    EXPECT_EQ(row[0], made["reference"]);
    EXPECT_EQ(row[1], "2026-11-16");               // a real date...
    EXPECT_EQ(sheet["date_format"], "dd-mm-yyyy"); // ...shown as people here write it
    EXPECT_EQ(row[2], "E-mail");
    EXPECT_EQ(row[5], "dienstverlening");
    EXPECT_EQ(row[6], in["description"]);
    EXPECT_EQ(sheet["types"][1][6], "s"); // text, not a formula
    EXPECT_EQ(row[7], "Ontvangen");
    EXPECT_EQ(sheet["freeze"], "A2");
    EXPECT_EQ(sheet["filter"], "A1:P2");

    auto csv = http(org).get(list + "&format=csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBFkenmerk;ontvangen;kanaal;", 0), 0u) << csv.body;
    EXPECT_NE(csv.body.find(";16-11-2026;"), std::string::npos) << csv.body;
    EXPECT_NE(csv.body.find("\"'=HYPERLINK(\"\"http://example.com\"\") exportwoord\""),
              std::string::npos)
        << csv.body;

    // Peter (an employee) did not register it and it is not about him: not in his file.
    json peters = read_xlsx(as(org, "peter").get(list + "&format=xlsx").body);
    EXPECT_EQ(peters["rows"].size(), 1u) << peters;
    // Filters apply as on the page; a bad format is named.
    json none = read_xlsx(http(org).get(list + "&format=xlsx&state=closed").body);
    EXPECT_EQ(none["rows"].size(), 1u);
    auto bad = http(org).get(list + "&format=pdf");
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(bad.json()["errors"][0]["field"], "format");
}

TEST_F(Api, TheNonconformityRegisterAsAnExcelWorkbook) {
    const std::string org = "xs2more";
    HttpClient& coordinator = http(org);
    const std::string path = "/api/v1/organisations/" + org + "/nonconformities";
    json n = coordinator
                 .post(path, json{{"kind", "shortcoming"},
                                  {"occurred_on", "2026-11-10"},
                                  {"description", "Registerexport: formulier onvolledig"},
                                  {"source", "internal_audit"}})
                 .json();
    ASSERT_TRUE(n.contains("reference")) << n;
    auto x = coordinator.get(path + "?format=xlsx&from=2026-11-10&to=2026-11-10");
    ASSERT_EQ(x.status, 200) << x.body;
    json sheet = read_xlsx(x.body);
    EXPECT_EQ(sheet["sheet"], "Afwijkingenregister");
    EXPECT_EQ(sheet["rows"][0][0], "kenmerk");
    bool found = false;
    for (const auto& r : sheet["rows"])
        if (r[0] == n["reference"]) {
            found = true;
            EXPECT_EQ(r[1], "2026-11-10");
            EXPECT_EQ(r[2], "Tekortkoming");
            EXPECT_EQ(r[3], "Registerexport: formulier onvolledig");
            EXPECT_EQ(r[11], "open");
        }
    EXPECT_TRUE(found) << sheet;
}
