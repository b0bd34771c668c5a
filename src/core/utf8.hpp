// utf8.hpp: whether bytes are well-formed UTF-8 (paths, queries, text attachments).
#pragma once

#include <string_view>

namespace kd {

// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool valid_utf8(std::string_view s);

} // namespace kd
