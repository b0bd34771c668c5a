// audit_chain.hpp: the hash chain over an organisation's audit events. Each event's hash
// covers its fields, a digest of its content and the previous event's hash, so a changed,
// inserted or deleted row breaks the chain at that point. The chain covers the content's
// digest, not the content, so redacting personal data later (retention) keeps it intact.
#pragma once

#include <string>
#include <string_view>

namespace kd {

// 64 hex zeros: the "previous hash" of an organisation's first event.
extern const std::string kGenesisHash;

std::string sha256_hex(std::string_view data);

// Everything of an event the chain vouches for.
struct ChainLink {
    long long organisation_id = 0;
    long long seq = 0; // 1, 2, 3, ... per organisation, no gaps
    long long complaint_id = 0;
    long long at = 0; // seconds since the epoch, UTC
    long long actor_id = 0;
    std::string action;
    std::string source;         // where the change came from: client address, "cli"
    std::string content_digest; // sha256_hex of the changes document as first written
    std::string prev_hash;
    std::string subject = "complaint"; // or "staff": what the event is about
    long long subject_id = 0;          // the staff id when subject is "staff"
};

// sha256 over a length-prefixed encoding of every field, so no two different links can
// encode alike.
std::string link_hash(const ChainLink& l);

} // namespace kd
