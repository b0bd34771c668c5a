// language.hpp: the languages klachtdesk writes to people in: Dutch first, English second.
#pragma once

#include <optional>
#include <string_view>

namespace kd {

enum class Language { nl, en };

inline const char* language_name(Language l) {
    return l == Language::en ? "en" : "nl";
}

inline std::optional<Language> language_from_name(std::string_view name) {
    if (name == "nl") return Language::nl;
    if (name == "en") return Language::en;
    return std::nullopt;
}

} // namespace kd
