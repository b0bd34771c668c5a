// audit_chain_test.cpp: the link hash is SHA-256 and changes with every field it vouches for.
#include "store/audit_chain.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace kd;

TEST(AuditChain, Sha256KnownAnswer) {
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(kGenesisHash, std::string(32, '\0'));
    EXPECT_EQ(sha256("abc").size(), kDigestSize);
    EXPECT_EQ(to_hex(sha256("abc")), sha256_hex("abc"));
}

// The encoding of chain version 2 is fixed: every stored hash depends on it, so a change to
// it must be a new chain version with its own migration, never an edit.
TEST(AuditChain, VersionTwoLinkKnownAnswer) {
    ChainLink l{4,           17,           1234,         1795000000,  23,   "assign",
                "127.0.0.1", sha256("{}"), kGenesisHash, "complaint", 1234, sha256("state")};
    EXPECT_EQ(to_hex(link_hash(l)),
              "fa9b950ea400310ba459c1826b13e66aea198e5dc92d0a3f4e9db20089d3e2f9");
}

TEST(AuditChain, HexRoundTripsAndRefusesWhatIsNotHex) {
    std::string raw = sha256("x");
    EXPECT_EQ(from_hex(to_hex(raw)), raw);
    EXPECT_EQ(from_hex("ABcd"), std::string("\xab\xcd"));
    EXPECT_EQ(from_hex("abc"), "");
    EXPECT_EQ(from_hex("zz"), "");
}

TEST(AuditChain, EveryFieldChangesTheHash) {
    ChainLink base{4,           17,           1234,         1795000000,  23,   "assign",
                   "127.0.0.1", sha256("{}"), kGenesisHash, "complaint", 1234, sha256("state")};
    std::set<std::string> seen{link_hash(base)};
    EXPECT_EQ(link_hash(base), link_hash(base)); // deterministic
    auto differs = [&](ChainLink l) { EXPECT_TRUE(seen.insert(link_hash(l)).second); };
    ChainLink l = base;
    l.organisation_id = 5;
    differs(l);
    l = base;
    l.seq = 18;
    differs(l);
    l = base;
    l.complaint_id = 1235;
    differs(l);
    l = base;
    l.at += 1;
    differs(l);
    l = base;
    l.actor_id = 24;
    differs(l);
    l = base;
    l.action = "close";
    differs(l);
    l = base;
    l.source = "10.0.0.1";
    differs(l);
    l = base;
    l.content_digest = sha256("{\"x\":1}");
    differs(l);
    l = base;
    l.prev_hash = sha256("other");
    differs(l);
    // Chain version 2 also vouches for the subject of complaint events and their state.
    l = base;
    l.subject = "staff";
    differs(l);
    l = base;
    l.subject_id = 1235;
    differs(l);
    l = base;
    l.state_digest = sha256("another state");
    differs(l);
    l = base;
    l.state_digest.clear();
    differs(l);
}

TEST(AuditChain, FieldBoundariesAreUnambiguous) {
    ChainLink a{1, 1, 1, 1, 1, "ab", "c", "d", "e", "complaint", 1, ""};
    ChainLink b{1, 1, 1, 1, 1, "a", "bc", "d", "e", "complaint", 1, ""};
    EXPECT_NE(link_hash(a), link_hash(b));
}
