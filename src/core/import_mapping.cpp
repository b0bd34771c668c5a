// import_mapping.cpp: date patterns and the row rule of the import (import_mapping.hpp).
#include "core/import_mapping.hpp"

#include "core/amsterdam_time.hpp"
#include "core/calendar.hpp"
#include "core/utf8.hpp"

#include <algorithm>
#include <cctype>

namespace kd {
namespace {

// English and Dutch, so that "04-Aug-15" and "4-okt-2015" both read.
constexpr const char* kMonthNames[][2] = {
    {"jan", "jan"}, {"feb", "feb"}, {"mar", "mrt"}, {"apr", "apr"}, {"may", "mei"}, {"jun", "jun"},
    {"jul", "jul"}, {"aug", "aug"}, {"sep", "sep"}, {"oct", "okt"}, {"nov", "nov"}, {"dec", "dec"},
};

// Reads `min`..`max` digits at `pos`; nullopt when there are fewer than `min`.
std::optional<int> digits(std::string_view s, std::size_t& pos, std::size_t min, std::size_t max) {
    std::size_t start = pos;
    int v = 0;
    while (pos < s.size() && pos - start < max && std::isdigit(static_cast<unsigned char>(s[pos])))
        v = v * 10 + (s[pos++] - '0');
    if (pos - start < min) return std::nullopt;
    return v;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

Refusal row_error(const ImportRow& row, const std::string& column, const std::string& nl,
                  const std::string& en) {
    return Refusal(
        "import_row", "rij " + std::to_string(row.number) + ", kolom \"" + column + "\": " + nl,
        "row " + std::to_string(row.number) + ", column \"" + column + "\": " + en, column);
}

std::string patterns_of(const DateColumn& c) {
    std::string out;
    for (const auto& p : c.patterns)
        out += (out.empty() ? "" : " / ") + p.text();
    return out;
}

// The date in the column, or why not.
Outcome<Date> date_in(const DateColumn& c, const ImportRow& row, int index, Date today) {
    std::string_view v = trimmed(row.cells[static_cast<std::size_t>(index)]);
    if (v.empty()) return row_error(row, c.column, "geen datum", "no date");
    for (const auto& p : c.patterns) {
        if (auto d = p.read(v)) {
            // The working-day calendar, and so every deadline and report of the case, starts
            // in 1990: a case from before would break the pages that show it.
            if (static_cast<int>(d->year()) < kFirstCalendarYear)
                return row_error(
                    row, c.column,
                    "\"" + std::string(v) + "\" ligt vóór " + std::to_string(kFirstCalendarYear) +
                        ", het eerste jaar van de kalender van klachtdesk",
                    "\"" + std::string(v) + "\" is before " + std::to_string(kFirstCalendarYear) +
                        ", the first year of klachtdesk's calendar");
            if (day_number(*d) > day_number(today))
                return row_error(
                    row, c.column,
                    "\"" + std::string(v) + "\" ligt na vandaag (" + format_date_nl(today) + ")",
                    "\"" + std::string(v) + "\" is after today (" + format_date(today) + ")");
            return *d;
        }
    }
    return row_error(row, c.column,
                     "\"" + std::string(v) + "\" is geen datum als " + patterns_of(c),
                     "\"" + std::string(v) + "\" is not a date written as " + patterns_of(c));
}

// The value of a translated column: its translation, the value itself, or why not.
Outcome<std::string> value_in(const ValueColumn& c, const ImportRow& row, int index) {
    if (index < 0) return c.fixed;
    std::string v(trimmed(row.cells[static_cast<std::size_t>(index)]));
    if (auto it = c.values.find(v); it != c.values.end()) return it->second;
    if (!c.keep_others)
        return row_error(row, c.column, "\"" + v + "\" staat niet in de vertaling van de mapping",
                         "\"" + v + "\" is not among the mapping's values");
    return v;
}

} // namespace

std::optional<DatePattern> DatePattern::parse(std::string_view text) {
    DatePattern p;
    p.text_ = std::string(text);
    int years = 0, months = 0, days = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto run = [&](char ch) {
            std::size_t n = 0;
            while (i + n < text.size() && text[i + n] == ch)
                ++n;
            return n;
        };
        if (text.substr(i, 3) == "Mon") {
            p.pieces_.push_back({Part::month_name});
            ++months;
            i += 3;
        } else if (std::size_t n = run('Y')) {
            if (n != 2 && n != 4) return std::nullopt;
            p.pieces_.push_back({n == 4 ? Part::year4 : Part::year2});
            ++years;
            i += n;
        } else if (std::size_t n = run('M')) {
            if (n > 2) return std::nullopt;
            p.pieces_.push_back({n == 2 ? Part::month2 : Part::month});
            ++months;
            i += n;
        } else if (std::size_t n = run('D')) {
            if (n > 2) return std::nullopt;
            p.pieces_.push_back({n == 2 ? Part::day2 : Part::day});
            ++days;
            i += n;
        } else if (std::isalnum(static_cast<unsigned char>(text[i]))) {
            return std::nullopt; // a letter that is no part: a typing error, not a literal
        } else {
            p.pieces_.push_back({Part::literal, text[i++]});
        }
    }
    if (years != 1 || months != 1 || days != 1) return std::nullopt;
    return p;
}

std::optional<Date> DatePattern::read(std::string_view value) const {
    int y = 0, m = 0, d = 0;
    std::size_t pos = 0;
    for (const Piece& piece : pieces_) {
        std::optional<int> v;
        switch (piece.part) {
        case Part::year4:
            v = digits(value, pos, 4, 4);
            if (v) y = *v;
            break;
        case Part::year2:
            v = digits(value, pos, 2, 2);
            if (v) y = *v < 69 ? 2000 + *v : 1900 + *v;
            break;
        case Part::month2:
        case Part::month:
            v = digits(value, pos, piece.part == Part::month2 ? 2 : 1, 2);
            if (v) m = *v;
            break;
        case Part::day2:
        case Part::day:
            v = digits(value, pos, piece.part == Part::day2 ? 2 : 1, 2);
            if (v) d = *v;
            break;
        case Part::month_name: {
            if (pos + 3 > value.size()) return std::nullopt;
            std::string name(value.substr(pos, 3));
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            for (int i = 0; i < 12 && !v; ++i)
                if (name == kMonthNames[i][0] || name == kMonthNames[i][1]) v = m = i + 1;
            pos += 3;
            break;
        }
        case Part::literal:
            if (pos < value.size() && value[pos] == piece.literal) v = ++pos;
            break;
        }
        if (!v) return std::nullopt;
    }
    if (pos != value.size()) return std::nullopt;
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

Outcome<ImportColumns> find_columns(const ImportMapping& m,
                                    const std::vector<std::string>& header) {
    std::vector<std::string> missing;
    auto at = [&](const std::string& name) {
        if (name.empty()) return -1;
        auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end()) {
            missing.push_back("\"" + name + "\"");
            return -1;
        }
        return static_cast<int>(it - header.begin());
    };
    ImportColumns c;
    c.received = at(m.received.column);
    if (m.closed) c.closed = at(m.closed->column);
    c.channel = at(m.channel.column);
    c.category = at(m.category.column);
    for (const auto& t : m.text)
        c.text.push_back(at(t));
    c.source_id = at(m.source_id);
    if (!missing.empty()) {
        std::string list;
        for (const auto& name : missing)
            list += (list.empty() ? "" : ", ") + name;
        return Refusal("import_columns", "Deze kolommen staan niet in het bestand: " + list,
                       "These columns are not in the file: " + list, "mapping");
    }
    return c;
}

Outcome<Complaint> complaint_from_row(const Procedure& p, int procedure_version,
                                      const ImportMapping& m, const ImportColumns& cols,
                                      const ImportRow& row, long long by, Instant now) {
    const Date today = local_date(now);
    // Text that is not UTF-8 (a CSV saved by Excel as Windows-1252) cannot be stored or
    // hashed: named here, with its row and column, instead of failing the whole import.
    auto readable = [&](int index, const std::string& column) -> std::optional<Refusal> {
        if (index < 0) return std::nullopt;
        std::string_view cell = row.cells[static_cast<std::size_t>(index)];
        if (valid_utf8(cell) && cell.find('\0') == std::string_view::npos) return std::nullopt;
        return row_error(row, column, "is geen UTF-8-tekst; sla het bestand op als \"CSV UTF-8\"",
                         "is not UTF-8 text; save the file as \"CSV UTF-8\"");
    };
    std::vector<std::pair<int, std::string>> used = {{cols.received, m.received.column},
                                                     {cols.channel, m.channel.column},
                                                     {cols.category, m.category.column},
                                                     {cols.source_id, m.source_id}};
    if (m.closed) used.emplace_back(cols.closed, m.closed->column);
    for (std::size_t i = 0; i < cols.text.size() && i < m.text.size(); ++i)
        used.emplace_back(cols.text[i], m.text[i]);
    for (const auto& [index, column] : used)
        if (auto bad = readable(index, column)) return *bad;
    Complaint c;
    c.procedure_version = procedure_version;
    auto received = date_in(m.received, row, cols.received, today);
    if (!received) return received.refusal();
    c.received_at = from_local(received.value(), 12, 0);
    c.closed_at = c.received_at;
    if (cols.closed >= 0 && !trimmed(row.cells[static_cast<std::size_t>(cols.closed)]).empty()) {
        auto closed = date_in(*m.closed, row, cols.closed, today);
        if (!closed) return closed.refusal();
        if (day_number(closed.value()) < day_number(received.value()))
            return row_error(row, m.closed->column, "ligt vóór de datum van ontvangst",
                             "is before the day the complaint came in");
        c.closed_at = from_local(closed.value(), 12, 0);
    }

    auto channel = value_in(m.channel, row, cols.channel);
    if (!channel) return channel.refusal();
    auto known = channel_from_name(channel.value());
    if (!known) {
        std::string names;
        for (const auto& n : kChannelNames)
            names += (names.empty() ? "" : ", ") + std::string(n.name);
        return row_error(row, m.channel.column.empty() ? "channel" : m.channel.column,
                         "\"" + channel.value() +
                             "\" is geen kanaal; vertaal het naar een van: " + names,
                         "\"" + channel.value() + "\" is no channel; map it to one of: " + names);
    }
    c.channel = *known;

    auto category = value_in(m.category, row, cols.category);
    if (!category) return category.refusal();
    c.category = std::move(category).value();
    if (!p.categories.empty() &&
        std::find(p.categories.begin(), p.categories.end(), c.category) == p.categories.end())
        return row_error(row, m.category.column.empty() ? "category" : m.category.column,
                         "\"" + c.category + "\" is geen categorie van deze procedure",
                         "\"" + c.category + "\" is not a category of this procedure");

    for (int i : cols.text) {
        std::string_view t = trimmed(row.cells[static_cast<std::size_t>(i)]);
        if (t.empty()) continue;
        if (!c.description.empty()) c.description += "\n\n";
        c.description += t;
    }
    if (c.description.empty())
        return row_error(row, m.text.empty() ? "text" : m.text.front(), "geen omschrijving",
                         "no description");

    c.imported_from = row.file + ", rij " + std::to_string(row.number);
    if (cols.source_id >= 0) {
        std::string_view id = trimmed(row.cells[static_cast<std::size_t>(cols.source_id)]);
        if (!id.empty()) c.imported_from += ", " + m.source_id + " " + std::string(id);
    }
    c.registered_at = now;
    c.registered_by = by;
    c.state = State::closed;
    c.close_reason = "Historisch dossier, geïmporteerd: de afhandeling is niet in klachtdesk "
                     "vastgelegd.";
    return c;
}

} // namespace kd
