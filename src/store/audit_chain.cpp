// audit_chain.cpp: SHA-256 (libsodium) over an unambiguous encoding of each link.
#include "store/audit_chain.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kd {

const std::string kGenesisHash(64, '0');

std::string sha256_hex(std::string_view data) {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
    unsigned char out[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return hex;
}

namespace {

void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += ';';
}

} // namespace

std::string link_hash(const ChainLink& l) {
    std::string enc = "klachtdesk-audit-v1;";
    put(enc, std::to_string(l.organisation_id));
    put(enc, std::to_string(l.seq));
    put(enc, std::to_string(l.complaint_id));
    put(enc, std::to_string(l.at));
    put(enc, std::to_string(l.actor_id));
    put(enc, l.action);
    put(enc, l.source);
    put(enc, l.content_digest);
    put(enc, l.prev_hash);
    // Events about complaints hash as they always did; others also vouch for their subject.
    if (l.subject != "complaint") {
        put(enc, l.subject);
        put(enc, std::to_string(l.subject_id));
    }
    return sha256_hex(enc);
}

} // namespace kd
