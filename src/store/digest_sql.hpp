// digest_sql.hpp: bytes in SQL (32-byte digests, attachment contents): a BLOB in SQLite, a
// BYTEA in PostgreSQL, a std::string of raw bytes in C++. PostgreSQL takes and gives them as hex
// because SOCI passes text parameters, which cannot hold a zero byte; SQLite binds the bytes as
// they are.
#pragma once

#include "store/audit_chain.hpp"
#include "store/binds.hpp"
#include "store/migrations.hpp"

#include <string>

namespace kd {

// The placeholder `:name` as a digest.
inline std::string digest_param(Backend b, const std::string& name) {
    return b == Backend::sqlite ? "CAST(:" + name + " AS BLOB)" : "decode(:" + name + ", 'hex')";
}

// A digest column as it is selected; read it back with digest_value().
inline std::string digest_column(Backend b, const std::string& column) {
    return b == Backend::sqlite ? column : "encode(" + column + ", 'hex')";
}

inline std::string digest_value(Backend b, const std::string& selected) {
    return b == Backend::sqlite ? selected : from_hex(selected);
}

// A digest column as lower-case hex, for showing (API, CSV).
inline std::string digest_hex_column(Backend b, const std::string& column) {
    return b == Backend::sqlite ? "lower(hex(" + column + "))" : "encode(" + column + ", 'hex')";
}

// Binds a digest, or NULL when `raw` is empty.
inline void bind_digest(Binds& binds, Backend b, const std::string& raw) {
    if (raw.empty())
        binds.null_text();
    else
        binds.text(b == Backend::sqlite ? raw : to_hex(raw));
}

} // namespace kd
