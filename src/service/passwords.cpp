// passwords.cpp: libsodium's argon2id at its "interactive" limits.
#include "service/passwords.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kd {

std::string random_hex(std::size_t bytes) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                   raw.size());
    hex.pop_back();
    return hex;
}

std::string hash_password(const std::string& password) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(
            out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::optional<std::string> weak_password(const std::string& password) {
    if (password.size() < 10) return "Een wachtwoord heeft minstens 10 tekens.";
    if (password.size() > 200) return "Een wachtwoord heeft hoogstens 200 tekens.";
    return std::nullopt;
}

} // namespace kd
