// fuzz_attachment.cpp: uploaded files and their names as they arrive: the type check reads
// the first bytes of anything anyone sends (a three-byte file once made it throw).
#include "core/attachment.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    // The first line is the file's name, the rest its content.
    auto newline = all.find('\n');
    std::string_view name = all.substr(0, newline);
    std::string_view bytes =
        newline == std::string_view::npos ? std::string_view() : all.substr(newline + 1);
    auto cleaned = kd::clean_file_name(name);
    (void)kd::check_attachment(cleaned ? std::string_view(cleaned.value()) : name, bytes);
    return 0;
}
