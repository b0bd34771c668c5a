// complaint_fields_test.cpp: the field table is the one list of a complaint's fields: every
// field reads back what was written, and anonymising (core/retention.cpp) changes exactly
// the fields the table marks as personal.
#include "core/complaint_fields.hpp"
#include "core/retention.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace kd;
using kd::testing::at;

namespace {

// A complaint with every field set to something other than its default.
Complaint everything_set() {
    Complaint c;
    c.reference = "004-00007";
    c.procedure_version = 2;
    c.state = State::resolved;
    c.received_at = at("2026-11-20T10:00");
    c.registered_at = at("2026-11-20T10:05");
    c.registered_by = 5;
    c.channel = Channel::letter;
    c.complainant = {"Ahmed Bouzid", "a@example.nl", "0612345678", ComplainantType::internal,
                     "medewerker"};
    c.complainant.language = Language::en;
    c.description = "Rooster te laat; \"aanhalingstekens\" en é";
    c.category = "planning";
    c.description_approved = c.procedure_explained = c.confidential = true;
    c.handler_id = 2;
    c.acknowledged_at = at("2026-11-20T11:00");
    c.acknowledgement_note = "Bevestigd met eerste acties";
    c.assigned_at = at("2026-11-20T12:00");
    c.handling_started_at = at("2026-11-21T09:00");
    c.first_contact_at = at("2026-11-21T10:00");
    c.agreed_resolve_by = at("2026-12-01T17:00");
    c.hearing_at = at("2026-11-22T10:00");
    c.hearing_note = "Beide kanten gehoord";
    c.contact_note = "Gebeld, afspraak gemaakt";
    c.close_reason = "Indiener blijft ontevreden; alles gedaan wat kon";
    c.assessed_at = at("2026-11-23T10:00");
    c.well_founded = false;
    c.assessment_note = "Ongegrond";
    c.cause_category = "communicatie";
    c.cause = "Rooster niet doorgegeven";
    c.extensions_used = 1;
    c.extension = Term{6, TermUnit::weeks};
    c.extension_reason = "Wachten op de opdrachtgever";
    c.resolved_at = at("2026-11-25T10:00");
    c.last_resolved_at = at("2026-11-27T10:00");
    c.resolution = Resolution::not_responsible_helped;
    c.solution = "Doorverwezen en geholpen";
    c.procedure_change_effective = *try_parse_date("2027-01-15");
    c.verified_at = at("2026-11-26T10:00");
    c.satisfaction = Satisfaction::dissatisfied;
    c.satisfaction_note = "Niet tevreden";
    c.satisfaction_evidence = "Brief van 26 november";
    c.dissatisfied_at = at("2026-11-26T10:00");
    c.redone_at = at("2026-11-27T10:00");
    c.reopen_count = 1;
    c.escalated_at = at("2026-11-28T10:00");
    c.external_body = "Blik op Werk";
    c.closed_at = at("2026-11-29T10:00");
    c.declined_at = at("2026-11-29T11:00");
    c.decline_reason = "Buiten de definitie";
    c.decline_notified_at = at("2026-11-29T12:00");
    c.withdrawn_at = at("2026-11-29T13:00");
    c.withdraw_reason = "Opgelost buiten ons om";
    c.anonymised_at = at("2026-11-30T10:00");
    c.imported_from = "klachten-2019.csv, rij 12, Nummer K-17";
    return c;
}

TEST(ComplaintFields, EveryFieldReadsBackWhatWasWritten) {
    Complaint full = everything_set();
    Complaint copy;
    std::set<std::string> names;
    for (const auto& f : complaint_fields()) {
        EXPECT_TRUE(names.insert(f.name).second) << f.name << " twice";
        FieldValue v = f.get(full);
        // Set on a default complaint, each field carries its own value and no other.
        EXPECT_NE(v, f.get(Complaint{})) << f.name << ": everything_set() leaves it default";
        f.set(copy, v);
        EXPECT_EQ(f.get(copy), v) << f.name;
    }
    for (const auto& f : complaint_fields())
        EXPECT_EQ(f.get(copy), f.get(full)) << f.name;
}

TEST(ComplaintFields, ABadStoredValueIsReportedNotGuessed) {
    Complaint c;
    for (const auto& f : complaint_fields()) {
        if (f.kind != FieldKind::name) continue;
        EXPECT_THROW(f.set(c, std::string("no-such-name")), std::invalid_argument) << f.name;
        EXPECT_THROW(f.set(c, 12LL), std::invalid_argument) << f.name;
    }
}

// R-PRIV: anonymising removes every field the table marks personal, and keeps every other
// one (reports count those after anonymising, unchanged).
TEST(ComplaintFields, AnonymisingChangesExactlyThePersonalFields) {
    Complaint full = everything_set();
    full.anonymised_at.reset();
    full.involved_staff = {4};
    full.hearing_summaries = {{4, "Samenvatting", 2, at("2026-11-21T09:00")}};
    Complaint a = anonymised(full, at("2027-01-01T00:00"));
    int personal = 0;
    for (const auto& f : complaint_fields()) {
        if (std::string(f.name) == "anonymised_at") continue;
        if (f.anonymised_as) {
            ++personal;
            EXPECT_EQ(f.get(a), FieldValue(std::string(f.anonymised_as))) << f.name;
        } else {
            EXPECT_EQ(f.get(a), f.get(full)) << f.name << " is not personal and must stay";
        }
    }
    EXPECT_EQ(personal, 17); // the four of the complainant and thirteen texts
    EXPECT_TRUE(a.involved_staff.empty());
    EXPECT_EQ(a.hearing_summaries[0].employee_id, 0);
    EXPECT_EQ(a.hearing_summaries[0].text, "[verwijderd]");
    EXPECT_EQ(a.anonymised_at, at("2027-01-01T00:00"));
}

} // namespace
