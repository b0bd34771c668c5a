// audit_chain.cpp: SHA-256 over an unambiguous encoding of each link.
#include "store/audit_chain.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace kd {

const std::string kGenesisHash(kDigestSize, '\0');

// OpenSSL's, not libsodium's: it uses the processor's SHA instructions, about four times as
// fast, and every audit event hashes its changes and its complaint's state (an import hashes
// millions). The algorithm is fetched once; fetching it per call costs as much as hashing.
std::string sha256(std::string_view data) {
    static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (!md) throw std::runtime_error("OpenSSL has no SHA-256");
    std::string out(kDigestSize, '\0');
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &size,
                   md, nullptr) != 1 ||
        size != kDigestSize)
        throw std::runtime_error("SHA-256 failed");
    return out;
}

std::string to_hex(std::string_view raw) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    out.reserve(raw.size() * 2);
    for (unsigned char ch : raw) {
        out += digits[ch >> 4];
        out += digits[ch & 15];
    }
    return out;
}

std::string from_hex(std::string_view hex) {
    auto value = [](char ch) -> int {
        if (ch >= '0' && ch <= '9') return ch - '0';
        if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
        if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
        return -1;
    };
    if (hex.size() % 2) return {};
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = value(hex[i]), lo = value(hex[i + 1]);
        if (hi < 0 || lo < 0) return {};
        out += static_cast<char>(hi * 16 + lo);
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    return to_hex(sha256(data));
}

void put_field(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += ';';
}

std::string link_hash(const ChainLink& l) {
    const auto put = put_field;
    std::string enc = "klachtdesk-audit-v2;";
    put(enc, std::to_string(l.organisation_id));
    put(enc, std::to_string(l.seq));
    put(enc, std::to_string(l.complaint_id));
    put(enc, std::to_string(l.at));
    put(enc, std::to_string(l.actor_id));
    put(enc, l.action);
    put(enc, l.source);
    put(enc, l.content_digest);
    put(enc, l.prev_hash);
    put(enc, l.subject);
    put(enc, std::to_string(l.subject_id));
    put(enc, l.state_digest);
    return sha256(enc);
}

} // namespace kd
