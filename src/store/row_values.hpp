// row_values.hpp: a column of a dynamic soci::row as a number or text, whatever type the
// backend reports for it (SQLite and PostgreSQL disagree on integer widths).
#pragma once

#include <soci/soci.h>

#include <stdexcept>
#include <string>

namespace kd {

inline long long as_ll(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return 0;
    switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
        return r.get<int>(i);
    case soci::dt_long_long:
        return r.get<long long>(i);
    case soci::dt_unsigned_long_long:
        return static_cast<long long>(r.get<unsigned long long>(i));
    case soci::dt_double:
        return static_cast<long long>(r.get<double>(i));
    case soci::dt_string:
        return std::stoll(r.get<std::string>(i));
    default:
        throw std::runtime_error("unexpected column type for a number");
    }
}

inline std::string as_str(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_null ? std::string{} : r.get<std::string>(i);
}

} // namespace kd
