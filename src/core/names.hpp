// names.hpp: one table per enum holds its names (as stored and sent) and Dutch labels; the
// lookups both ways read that table, so adding a value is one line and cannot be half done.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace kd {

template <typename E> struct NameOf {
    E value;
    const char* name;               // as stored and in the API: "in_handling"
    const char* label_nl = nullptr; // as shown: "In behandeling"
};

template <typename E, std::size_t N>
constexpr const char* name_in(const NameOf<E> (&table)[N], E value) {
    for (const auto& e : table)
        if (e.value == value) return e.name;
    return "?";
}

template <typename E, std::size_t N>
constexpr const char* label_in(const NameOf<E> (&table)[N], E value) {
    for (const auto& e : table)
        if (e.value == value) return e.label_nl ? e.label_nl : e.name;
    return "?";
}

template <typename E, std::size_t N>
constexpr std::optional<E> value_in(const NameOf<E> (&table)[N], std::string_view name) {
    for (const auto& e : table)
        if (name == e.name) return e.value;
    return std::nullopt;
}

} // namespace kd
