// toml_reader.hpp: reads the values of a TOML file (a procedure, an import mapping) and
// collects every problem as "file:line: what", so that one run names all of them. Unknown
// keys are errors, so a typo never silently falls back to a default.
#pragma once

#include "core/amsterdam_time.hpp"
#include "core/calendar.hpp"
#include "core/term.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace kd {

class TomlReader {
public:
    TomlReader(std::string path, std::vector<std::string>& errors)
        : path_(std::move(path)), errors_(errors) {}

    void error(const toml::node* at, const std::string& what) {
        int line = at ? int(at->source().begin.line) : 1;
        errors_.push_back(path_ + ":" + std::to_string(line) + ": " + what);
    }

    // Reports keys of `t` that are not in `known`.
    void only_keys(const toml::table& t, std::initializer_list<std::string_view> known,
                   const std::string& where) {
        for (auto&& [k, v] : t) {
            if (std::find(known.begin(), known.end(), k.str()) == known.end())
                error(&v, "unknown key '" + std::string(k.str()) + "' in " + where);
        }
    }

    const toml::table* table(const toml::table& t, std::string_view key, bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) error(&t, "missing table [" + std::string(key) + "]");
            return nullptr;
        }
        if (!n->is_table()) {
            error(n, "'" + std::string(key) + "' must be a table");
            return nullptr;
        }
        return n->as_table();
    }

    std::string str(const toml::table& t, std::string_view key, bool required,
                    const std::string& where) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) error(&t, "missing '" + std::string(key) + "' in " + where);
            return {};
        }
        if (!n->is_string()) {
            error(n, "'" + std::string(key) + "' must be a text in quotes");
            return {};
        }
        std::string s = **n->as_string();
        if (required && s.find_first_not_of(" \t") == std::string::npos)
            error(n, "'" + std::string(key) + "' must not be empty");
        return s;
    }

    bool boolean(const toml::table& t, std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) return false;
        if (!n->is_boolean()) {
            error(n, "'" + std::string(key) + "' must be true or false");
            return false;
        }
        return **n->as_boolean();
    }

    std::optional<long long> integer(const toml::table& t, std::string_view key, long long lo,
                                     long long hi) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_integer() || **n->as_integer() < lo || **n->as_integer() > hi) {
            error(n, "'" + std::string(key) + "' must be a whole number from " +
                         std::to_string(lo) + " to " + std::to_string(hi));
            return std::nullopt;
        }
        return **n->as_integer();
    }

    std::optional<Date> date(const toml::node* n, const std::string& what) {
        if (!n->is_date()) {
            error(n, what + " must be a date like 2026-12-24 (no quotes)");
            return std::nullopt;
        }
        auto d = **n->as_date();
        Date out{std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}};
        if (!out.ok() || int(out.year()) < kFirstCalendarYear ||
            int(out.year()) > kLastCalendarYear) {
            error(n, what + " must be a real date in 1990-2100");
            return std::nullopt;
        }
        return out;
    }

    std::optional<Term> term(const toml::node* n, const std::string& what) {
        if (!n->is_string()) {
            error(n, what + " must be a term in quotes, like \"2 working days\"");
            return std::nullopt;
        }
        auto t = try_parse_term(**n->as_string());
        if (!t) {
            error(n, what + ": " + t.refusal().message_en);
            return std::nullopt;
        }
        return t.value();
    }

    std::vector<std::string> strings(const toml::table& t, std::string_view key) {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n) return out;
        if (!n->is_array()) {
            error(n, "'" + std::string(key) + "' must be a list of texts");
            return out;
        }
        for (const toml::node& e : *n->as_array()) {
            if (!e.is_string())
                error(&e, "every entry of '" + std::string(key) + "' must be a text");
            else
                out.push_back(**e.as_string());
        }
        return out;
    }

private:
    std::string path_;
    std::vector<std::string>& errors_;
};

} // namespace kd
