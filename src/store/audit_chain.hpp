// audit_chain.hpp: the hash chain over an organisation's audit events (chain version 2).
// Each event's hash covers its fields, a digest of its content, the state of its complaint
// after it, and the previous event's hash, so a changed, inserted or deleted row breaks the
// chain at that point, and so does a complaint row changed outside an event.
#pragma once

#include <string>
#include <string_view>

namespace kd {

// Digests and hashes are 32 raw bytes in a std::string; hex only at the edges (API, CLI).
inline constexpr std::size_t kDigestSize = 32;

// 32 zero bytes: the "previous hash" of an organisation's first event.
extern const std::string kGenesisHash;

std::string sha256(std::string_view data);
std::string sha256_hex(std::string_view data);
std::string to_hex(std::string_view raw);
// Empty when `hex` is not an even number of hex digits.
std::string from_hex(std::string_view hex);

// Everything of an event the chain vouches for.
struct ChainLink {
    long long organisation_id = 0;
    long long seq = 0; // 1, 2, 3, ... per organisation, no gaps
    long long complaint_id = 0;
    long long at = 0; // seconds since the epoch, UTC
    long long actor_id = 0;
    std::string action;
    std::string source;         // where the change came from: client address, "cli"
    std::string content_digest; // sha256 of the changes document as first written
    std::string prev_hash;
    std::string subject = "complaint"; // or "staff", "procedure": what the event is about
    long long subject_id = 0;
    // sha256 of the complaint as it was after this event (complaint_state in
    // store/complaint_rows.hpp); empty for events about staff or a procedure, and for
    // events of chain version 1 that were not the newest of their complaint.
    std::string state_digest;
};

// The key under which an event that redacts earlier events (retention's "redact", and the
// upgrade to chain version 2) records them: {"<seq>": "<hex sha256 of the redacted changes>"}.
// Verification accepts a redacted event only when such a record vouches for what it holds now.
inline constexpr const char* kRedactedEvents = "redacted_events";

// The condition for the events of one register subject ("nonconformity" or "action"), written
// so that SQLite takes the partial index on them; throws for any other subject.
std::string register_subject_is(const std::string& subject);

// Appends "<length>:<bytes>;": the encoding that makes every link's fields unambiguous.
void put_field(std::string& out, std::string_view field);

// sha256 over a length-prefixed encoding of every field, so no two different links can
// encode alike.
std::string link_hash(const ChainLink& l);

} // namespace kd
