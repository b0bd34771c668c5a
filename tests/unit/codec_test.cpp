// codec_test.cpp: the stored form of a complaint round-trips, and the audit diff names
// exactly the fields that changed.
#include "store/complaint_codec.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace kd;
using kd::testing::at;

TEST(Codec, RoundTripKeepsEveryField) {
    Complaint c;
    c.id = 7;
    c.organisation_id = 3;
    c.reference = "004-00007";
    c.procedure_version = 2;
    c.state = State::resolved;
    c.received_at = at("2026-11-20T10:00");
    c.registered_at = at("2026-11-20T10:05");
    c.channel = Channel::letter;
    c.complainant = {"Ahmed Bouzid", "a@example.nl", "0612345678", ComplainantType::internal,
                     "medewerker"};
    c.description = "Rooster te laat; \"aanhalingstekens\" en é";
    c.involved_staff = {4, 9};
    c.handler_id = 2;
    c.well_founded = false;
    c.extension = Term{6, TermUnit::weeks};
    c.resolution = Resolution::not_responsible_helped;
    c.procedure_change_effective = *try_parse_date("2027-01-15");
    c.satisfaction = Satisfaction::dissatisfied;
    c.resolved_at = at("2026-11-25T10:00");
    c.granted_access = {11, 12};
    c.hearing_summaries = {{4, "Samenvatting voor hoor en wederhoor", 2, at("2026-11-21T09:00")}};
    Complaint d = decode_complaint(encode_complaint(c));
    EXPECT_EQ(encode_complaint(d), encode_complaint(c));
    EXPECT_EQ(d.complainant.type, ComplainantType::internal);
    EXPECT_EQ(*d.extension, (Term{6, TermUnit::weeks}));
    EXPECT_EQ(d.well_founded, std::optional<bool>(false));
    EXPECT_EQ(d.granted_access, (std::vector<long long>{11, 12}));
    ASSERT_EQ(d.hearing_summaries.size(), 1u);
    EXPECT_EQ(d.hearing_summaries[0].shared_at, at("2026-11-21T09:00"));
}

TEST(Codec, CorruptDocumentsAreReportedNotGuessed) {
    EXPECT_THROW(decode_complaint("not json"), std::runtime_error);
    EXPECT_THROW(decode_complaint("{\"id\": 1}"), std::runtime_error);
}

TEST(Codec, ChangesListOnlyWhatChanged) {
    Complaint a;
    a.received_at = a.registered_at = at("2026-11-20T10:00");
    Complaint b = a;
    b.state = State::acknowledged;
    b.acknowledged_at = at("2026-11-20T11:00");
    auto j = nlohmann::json::parse(complaint_changes(&a, b));
    EXPECT_EQ(j.size(), 2u);
    EXPECT_EQ(j["state"][0], "received");
    EXPECT_EQ(j["state"][1], "acknowledged");
    EXPECT_TRUE(j["acknowledged_at"][0].is_null());
    auto created = nlohmann::json::parse(complaint_changes(nullptr, b));
    EXPECT_GT(created.size(), 10u);
}
