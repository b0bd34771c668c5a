// procedure_file_test.cpp: the five seed procedures load with the terms of procedures.md,
// and a broken file is reported as "file:line: what is wrong".
#include "service/procedure_file.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <iterator>

using namespace kd;
using kd::testing::seed_procedure;
using kd::testing::source_path;

namespace {

const char* kMinimal = R"([procedure]
organisation_code = "009"
slug = "test"
organisation_name = "Test"
title = "Klachtenregeling"
version = 1
authorised_by = "A. Tester"

[intake]
channels = ["phone"]

[[steps]]
step = "resolve"
term = "14 days"
)";

std::vector<std::string> errors_of(const std::string& text) {
    return parse_procedure(text, "t.toml").errors;
}

std::string with(std::string base, const std::string& from, const std::string& to) {
    base.replace(base.find(from), from.size(), to);
    return base;
}

} // namespace

TEST(ProcedureFiles, AllFiveSeedsLoad) {
    auto set = load_procedure_dir(source_path("procedures"));
    EXPECT_TRUE(set.errors.empty()) << set.errors.front();
    ASSERT_EQ(set.procedures.size(), 5u);
    EXPECT_EQ(set.procedures[0].organisation_code, "000");
    EXPECT_EQ(set.procedures[4].organisation_code, "004");
}

TEST(ProcedureFiles, SeedTermsMatchTheTable) {
    auto term = [](const Procedure& p, StepId s) { return describe_term(p.step(s)->term); };
    Procedure jexo = seed_procedure("jexo");
    EXPECT_EQ(term(jexo, StepId::resolve), "14 days");
    EXPECT_FALSE(jexo.requires_step(StepId::acknowledge));
    EXPECT_EQ(jexo.analysis, AnalysisPeriod::half_yearly);
    // Issue 13: the register shows the cause (000), so it is recorded before resolving.
    EXPECT_TRUE(jexo.cause_required);
    EXPECT_EQ(jexo.cause_categories.size(), 10u);
    // R-NC (000): "De klacht wordt opgenomen ... in ons afwijkingenregister".
    EXPECT_TRUE(jexo.complaints_in_register);

    Procedure exactpi = seed_procedure("exactpi");
    EXPECT_EQ(term(exactpi, StepId::first_contact), "2 working days");
    EXPECT_EQ(term(exactpi, StepId::verify), "5 working days");
    EXPECT_EQ(term(exactpi, StepId::redo), "2 working days");
    EXPECT_EQ(exactpi.step(StepId::resolve)->kind, TermKind::agreed);
    EXPECT_TRUE(exactpi.require_description_approval && exactpi.require_procedure_explained);
    EXPECT_EQ(exactpi.analysis, AnalysisPeriod::quarterly);
    EXPECT_FALSE(exactpi.cause_required);
    EXPECT_FALSE(exactpi.complaints_in_register);

    Procedure loket = seed_procedure("een-loket-mk");
    EXPECT_EQ(term(loket, StepId::acknowledge), "1 working day");
    EXPECT_EQ(term(loket, StepId::resolve), "4 weeks");
    EXPECT_EQ(loket.retention_years, 2);
    EXPECT_TRUE(loket.satisfaction_evidence_required);

    Procedure quoratio = seed_procedure("quoratio");
    EXPECT_EQ(term(quoratio, StepId::acknowledge), "48 hours");
    EXPECT_EQ(quoratio.step(StepId::resolve)->kind, TermKind::none);
    EXPECT_TRUE(quoratio.confidant_route && quoratio.acknowledgement_states_first_actions);

    Procedure xs2 = seed_procedure("xs2more");
    EXPECT_EQ(term(xs2, StepId::acknowledge), "2 weeks");
    EXPECT_EQ(term(xs2, StepId::take_into_handling), "2 weeks");
    EXPECT_EQ(term(xs2, StepId::decline_notice), "4 weeks");
    EXPECT_EQ(term(xs2, StepId::resolve), "6 weeks");
    EXPECT_TRUE(xs2.extension.allowed);
    EXPECT_EQ(describe_term(xs2.extension.max), "6 weeks");
    EXPECT_EQ(xs2.extension.times, 1);
    EXPECT_TRUE(xs2.hearing_required && xs2.assessment_required);
    EXPECT_EQ(xs2.escalation_body, "College voor Klachten en Arbitrage van Blik op Werk");
    EXPECT_EQ(xs2.authorised_by, "E.M. van As, directeur");
    EXPECT_EQ(xs2.analysis, AnalysisPeriod::yearly);
}

TEST(ProcedureFiles, MinimalFileLoads) {
    EXPECT_TRUE(errors_of(kMinimal).empty());
}

TEST(ProcedureFiles, ErrorsNameFileAndLine) {
    auto e = errors_of(with(kMinimal, "term = \"14 days\"", "term = \"14 dayz\""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("t.toml:14: ", 0), 0u) << e[0];

    e = errors_of(with(kMinimal, "version = 1", "version = 1\nsigned_by = \"x\""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("t.toml:7: unknown key 'signed_by'"), std::string::npos) << e[0];

    e = errors_of(with(kMinimal, "authorised_by = \"A. Tester\"\n", ""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("missing 'authorised_by'"), std::string::npos) << e[0];

    e = errors_of(with(kMinimal, "channels = [\"phone\"]", "channels = [\"fax\"]"));
    ASSERT_FALSE(e.empty());
    EXPECT_NE(e[0].find("t.toml:10: unknown channel 'fax'"), std::string::npos) << e[0];

    e = errors_of("[procedure\nx = 1");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("t.toml:1: ", 0), 0u) << e[0];
}

TEST(ProcedureFiles, StructuralRules) {
    std::string twice =
        std::string(kMinimal) + "\n[[steps]]\nstep = \"resolve\"\nterm = \"1 week\"\n";
    EXPECT_FALSE(errors_of(twice).empty());
    std::string agreed =
        std::string(kMinimal) + "\n[[steps]]\nstep = \"acknowledge\"\nkind = \"agreed\"\n";
    EXPECT_FALSE(errors_of(agreed).empty());
    std::string no_resolve = with(kMinimal, "step = \"resolve\"", "step = \"acknowledge\"");
    EXPECT_FALSE(errors_of(no_resolve).empty());
    std::string ext = std::string(kMinimal) + "\n[extension]\nallowed = true\n";
    auto e = errors_of(ext);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("needs its 'max' term"), std::string::npos);
    std::string closure = with(kMinimal, "[intake]",
                               "[calendar]\nclosure_days = [{ date = 2026-02-30 }]\n\n[intake]");
    EXPECT_FALSE(errors_of(closure).empty());
    std::string causes =
        with(kMinimal, "[[steps]]",
             "[rules]\ncause_categories = [\"planning\", \"planning\"]\n\n[[steps]]");
    auto c = errors_of(causes);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_NE(c[0].find("cause 'planning' is listed twice"), std::string::npos) << c[0];
}

namespace {

// Lower case with runs of white space as one space: the seeds wrap lines and capitalise
// the start of a sentence that a quote may begin in the middle of.
std::string folded(const std::string& s) {
    std::string out;
    for (unsigned char ch : s) {
        if (std::isspace(ch)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += static_cast<char>(std::tolower(ch));
        }
    }
    return out;
}

} // namespace

// Issue 9, item 6: a quote is the seed's own words, with "..." where words are left out, so a
// user reading a term reads what the organisation wrote.
TEST(ProcedureFiles, EveryQuoteIsTheSeedsOwnWords) {
    auto set = load_procedure_dir(source_path("procedures"));
    ASSERT_TRUE(set.errors.empty());
    int quotes = 0;
    for (const auto& p : set.procedures) {
        std::ifstream in(source_path("procedures/" + p.source));
        ASSERT_TRUE(in) << p.slug << ": seed text " << p.source << " not found";
        std::string seed = folded(std::string(std::istreambuf_iterator<char>(in), {}));
        for (const auto& step : p.steps) {
            if (step.quote.empty()) continue;
            ++quotes;
            std::string quote = folded(step.quote);
            std::size_t from = 0, at = 0;
            while (from <= quote.size()) {
                std::size_t gap = quote.find("...", from);
                std::string part = quote.substr(from, gap == std::string::npos ? gap : gap - from);
                while (!part.empty() && part.front() == ' ')
                    part.erase(part.begin());
                while (!part.empty() && part.back() == ' ')
                    part.pop_back();
                if (!part.empty()) {
                    at = seed.find(part, at);
                    ASSERT_NE(at, std::string::npos)
                        << p.slug << " " << step_name(step.id) << ": \"" << part << "\" is not in "
                        << p.source << " (in this order)";
                    at += part.size();
                }
                if (gap == std::string::npos) break;
                from = gap + 3;
            }
        }
    }
    EXPECT_EQ(quotes, 13); // every step of the five files has one
}
