// access_test.cpp: the role rules of core/access.cpp, one case per rule.
#include "core/access.hpp"

#include <gtest/gtest.h>

using namespace kd;

namespace {

const Procedure kAnyProcedure{};
constexpr long long kPeter = 1, kSanne = 2, kMohamed = 3, kBoss = 4, kHenk = 5, kFatima = 6;

Complaint case_by_peter_about_mohamed() {
    Complaint c;
    c.registered_by = kPeter;
    c.involved_staff = {kMohamed};
    c.handler_id = kSanne;
    return c;
}

} // namespace

TEST(Access, RolesAreReadFromTheList) {
    Viewer v = viewer_from_roles(7, "coordinator,management,bogus");
    EXPECT_TRUE(v.coordinator && v.management);
    EXPECT_FALSE(v.admin || v.employee || v.auditor);
    EXPECT_EQ(v.staff_id, 7);
}

TEST(Access, WhoSeesAnOrdinaryCase) {
    Complaint c = case_by_peter_about_mohamed();
    EXPECT_TRUE(can_see(viewer_from_roles(kPeter, "employee"), c));   // registered it
    EXPECT_TRUE(can_see(viewer_from_roles(kSanne, "handler"), c));    // handles it
    EXPECT_FALSE(can_see(viewer_from_roles(kMohamed, "handler"), c)); // it is about him
    EXPECT_FALSE(can_see(viewer_from_roles(kMohamed, "coordinator,management"), c));
    EXPECT_TRUE(can_see(viewer_from_roles(kBoss, "coordinator"), c));
    EXPECT_TRUE(can_see(viewer_from_roles(kBoss, "management"), c));
    EXPECT_TRUE(can_see(viewer_from_roles(kBoss, "auditor"), c));
    EXPECT_FALSE(can_see(viewer_from_roles(kBoss, "admin"), c));
    EXPECT_FALSE(can_see(viewer_from_roles(kHenk, "employee"), c)); // someone else's
}

TEST(Access, AConfidentialCaseOnlyItsConfidant) {
    Complaint c = case_by_peter_about_mohamed();
    c.confidential = true;
    c.handler_id = kFatima;
    EXPECT_TRUE(can_see(viewer_from_roles(kFatima, "confidant"), c));
    EXPECT_FALSE(can_see(viewer_from_roles(kHenk, "confidant"), c));
    EXPECT_FALSE(can_see(viewer_from_roles(kBoss, "coordinator,management,auditor,admin"), c));
    EXPECT_FALSE(can_see(viewer_from_roles(kPeter, "employee"), c)); // even who registered it
}

TEST(Access, AConfidentialCaseAlsoWhomTheConfidantAdded) {
    Complaint c = case_by_peter_about_mohamed();
    c.confidential = true;
    c.handler_id = kFatima;
    c.granted_access = {kBoss};
    EXPECT_TRUE(can_see(viewer_from_roles(kBoss, "admin"), c)); // added, whatever the role
    EXPECT_FALSE(can_see(viewer_from_roles(kHenk, "confidant"), c));
    c.granted_access = {kBoss, kMohamed}; // never the person it is about
    EXPECT_FALSE(can_see(viewer_from_roles(kMohamed, "employee"), c));
    // Added people read; only the confidant works the case and adds people.
    Command grant = GrantAccess{kHenk};
    EXPECT_FALSE(
        may_apply(viewer_from_roles(kFatima, "confidant"), kAnyProcedure, c, grant).has_value());
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kBoss, "management"), kAnyProcedure, c, grant).has_value());
    EXPECT_TRUE(may_apply(viewer_from_roles(kBoss, "management"), kAnyProcedure, c,
                          Command{Acknowledge{"x"}})
                    .has_value());
    c.confidential = false;
    c.handler_id = kSanne;
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kSanne, "handler"), kAnyProcedure, c, grant).has_value());
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kBoss, "coordinator"), kAnyProcedure, c, grant).has_value());
}

TEST(Access, WhoMayChangeACase) {
    Complaint c = case_by_peter_about_mohamed();
    Command resolve = Resolve{Resolution::solved, "x", {}};
    Command assign = Assign{kSanne, false};
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kPeter, "employee"), kAnyProcedure, c, resolve).has_value());
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kBoss, "auditor"), kAnyProcedure, c, resolve).has_value());
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kBoss, "admin"), kAnyProcedure, c, resolve).has_value());
    EXPECT_FALSE(
        may_apply(viewer_from_roles(kSanne, "handler"), kAnyProcedure, c, resolve).has_value());
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kSanne, "handler"), kAnyProcedure, c, assign).has_value());
    EXPECT_FALSE(
        may_apply(viewer_from_roles(kBoss, "coordinator"), kAnyProcedure, c, assign).has_value());
    EXPECT_FALSE(
        may_apply(viewer_from_roles(kBoss, "management"), kAnyProcedure, c, resolve).has_value());
    EXPECT_TRUE(may_apply(viewer_from_roles(kHenk, "handler"), kAnyProcedure, c, resolve)
                    .has_value()); // not his
    c.confidential = true;
    c.handler_id = kFatima;
    EXPECT_FALSE(
        may_apply(viewer_from_roles(kFatima, "confidant"), kAnyProcedure, c, assign).has_value());
    EXPECT_TRUE(
        may_apply(viewer_from_roles(kBoss, "coordinator"), kAnyProcedure, c, assign).has_value());
}

TEST(Access, WhoMayRegister) {
    for (const char* r : {"employee", "handler", "coordinator", "management", "confidant"})
        EXPECT_TRUE(can_register(viewer_from_roles(1, r))) << r;
    for (const char* r : {"auditor", "admin", ""})
        EXPECT_FALSE(can_register(viewer_from_roles(1, r))) << r;
}

// The case file (issue 11): who takes part in complaint work adds to it; an auditor or an
// admin does not; after retention nobody does.
TEST(Access, WhoMayAddToTheCaseFile) {
    Complaint c;
    for (const char* r : {"employee", "handler", "coordinator", "management", "confidant"})
        EXPECT_FALSE(may_add_file(viewer_from_roles(1, r), c)) << r;
    for (const char* r : {"auditor", "admin", ""}) {
        auto no = may_add_file(viewer_from_roles(1, r), c);
        ASSERT_TRUE(no) << r;
        EXPECT_EQ(no->kind, RefusalKind::forbidden);
    }
    c.anonymised_at = Instant{std::chrono::seconds{1}};
    auto gone = may_add_file(viewer_from_roles(1, "coordinator"), c);
    ASSERT_TRUE(gone);
    EXPECT_EQ(gone->code, "personal_data_removed");
    EXPECT_EQ(gone->kind, RefusalKind::conflict);
}
