// passwords.hpp: argon2id password hashes (libsodium) and random tokens. Hashing takes tens
// of milliseconds on purpose: call it on an executor thread, never on an HTTP I/O thread.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace kd {

std::string hash_password(const std::string& password); // argon2id, libsodium's format
bool verify_password(const std::string& hash, const std::string& password);
// Why a new password is not good enough (in Dutch), or nullopt.
std::optional<std::string> weak_password(const std::string& password);

// `bytes` random bytes from the operating system, as lower-case hex.
std::string random_hex(std::size_t bytes);

} // namespace kd
