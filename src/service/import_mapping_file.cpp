// import_mapping_file.cpp: reads and checks an import mapping (import_mapping_file.hpp).
#include "service/import_mapping_file.hpp"

#include "service/toml_reader.hpp"

#include <fstream>
#include <sstream>

namespace kd {
namespace {

std::optional<DateColumn> date_column(TomlReader& r, const toml::table& root, const char* key,
                                      bool required) {
    const toml::table* t = r.table(root, key, required);
    if (!t) return std::nullopt;
    const std::string where = std::string("[") + key + "]";
    r.only_keys(*t, {"column", "formats"}, where);
    DateColumn c;
    c.column = r.str(*t, "column", true, where);
    const std::vector<std::string> formats = r.strings(*t, "formats");
    for (const auto& text : formats) {
        if (auto p = DatePattern::parse(text))
            c.patterns.push_back(*p);
        else
            r.error(t->get("formats"), "'" + text +
                                           "' is no date pattern: write it with YYYY or YY, "
                                           "MM or M, DD or D, or Mon, e.g. \"DD-MM-YYYY\"");
    }
    if (formats.empty())
        r.error(t->get("formats") ? t->get("formats") : t,
                "'formats' in " + where + " needs a date pattern, e.g. formats = [\"DD-MM-YYYY\"]");
    return c;
}

ValueColumn value_column(TomlReader& r, const toml::table& root, const char* key) {
    ValueColumn c;
    const toml::table* t = r.table(root, key, false);
    if (!t) return c;
    const std::string where = std::string("[") + key + "]";
    r.only_keys(*t, {"column", "values", "others", "fixed"}, where);
    c.column = r.str(*t, "column", false, where);
    c.fixed = r.str(*t, "fixed", false, where);
    if (!c.column.empty() && !c.fixed.empty())
        r.error(t, where + " takes 'column' or 'fixed', not both");
    if (const toml::table* values = r.table(*t, "values", false))
        for (auto&& [from, to] : *values) {
            if (!to.is_string())
                r.error(&to, "every value in " + where + " values must be a text");
            else
                c.values[std::string(from.str())] = **to.as_string();
        }
    std::string others = r.str(*t, "others", false, where);
    if (others == "error")
        c.keep_others = false;
    else if (!others.empty() && others != "keep")
        r.error(t->get("others"), "'others' must be \"keep\" or \"error\"");
    return c;
}

} // namespace

ImportMappingFile read_import_mapping(const std::string& path) {
    ImportMappingFile out;
    std::ifstream in(path);
    if (!in) {
        out.errors.push_back(path + ": cannot be read");
        return out;
    }
    std::stringstream text;
    text << in.rdbuf();
    toml::table root;
    try {
        root = toml::parse(text.str(), path);
    } catch (const toml::parse_error& e) {
        out.errors.push_back(path + ":" + std::to_string(e.source().begin.line) + ": " +
                             std::string(e.description()));
        return out;
    }
    TomlReader r(path, out.errors);
    r.only_keys(root,
                {"separator", "text", "source_id", "received", "closed", "channel", "category"},
                "the mapping");
    std::string separator = r.str(root, "separator", false, "the mapping");
    if (separator == ";")
        out.separator = ';';
    else if (!separator.empty() && separator != ",")
        r.error(root.get("separator"), "'separator' must be \",\" or \";\"");
    ImportMapping& m = out.mapping;
    if (auto received = date_column(r, root, "received", true)) m.received = *received;
    m.closed = date_column(r, root, "closed", false);
    m.channel = value_column(r, root, "channel");
    // A channel that is no channel would make every row bad: said once, here.
    std::string names;
    for (const auto& n : kChannelNames)
        names += (names.empty() ? "" : ", ") + std::string(n.name);
    auto check_channel = [&](const std::string& value) {
        if (!value.empty() && !channel_from_name(value))
            r.error(root.get("channel"),
                    "[channel]: '" + value + "' is no channel; use one of: " + names);
    };
    check_channel(m.channel.fixed);
    for (const auto& [from, to] : m.channel.values)
        check_channel(to);
    m.category = value_column(r, root, "category");
    m.text = r.strings(root, "text");
    if (m.text.empty())
        r.error(&root, "missing 'text': the column(s) that describe the complaint, e.g. "
                       "text = [\"Omschrijving\"]");
    m.source_id = r.str(root, "source_id", false, "the mapping");
    if (m.channel.column.empty() && m.channel.fixed.empty())
        r.error(&root, "missing [channel]: a 'column', or 'fixed' = \"phone\" for all rows");
    return out;
}

} // namespace kd
