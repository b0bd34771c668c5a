// queries.cpp: strict query-string reading; an unknown parameter is an error, not ignored.
#include "api/queries.hpp"

#include "api/uri.hpp"
#include "core/amsterdam_time.hpp"

#include <algorithm>
#include <charconv>
#include <map>

namespace kd {

namespace {

std::optional<long long> positive_id(const std::string& s) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

std::optional<int> whole_number(const std::string& s, int lo, int hi) {
    int n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc{} || p != s.data() + s.size() || n < lo || n > hi) return std::nullopt;
    return n;
}

FieldError out_of_range(const std::string& name, int lo, int hi) {
    return {name,
            "Moet een getal van " + std::to_string(lo) + " tot " + std::to_string(hi) + " zijn.",
            "Must be a number from " + std::to_string(lo) + " to " + std::to_string(hi) + "."};
}

// "Up to and including the 30th", as people mean it: the start of the next day.
Instant day_after(Date d) {
    return start_of_local_day(Date{std::chrono::sys_days{d} + std::chrono::days{1}});
}

const FieldError kUnreadable{"", "De zoekopdracht in het adres is onleesbaar.",
                             "The query string cannot be read."};

// "format=json|csv|xlsx": the list as JSON, or as a file for Excel.
void read_format(const std::string& key, const std::string& value, ExportFormat& into,
                 std::vector<FieldError>& errors) {
    if (value == "json" || value == "csv" || value == "xlsx") {
        into = value == "csv"    ? ExportFormat::csv
               : value == "xlsx" ? ExportFormat::xlsx
                                 : ExportFormat::json;
        return;
    }
    errors.push_back({key, "Kies json, csv of xlsx.", "Choose json, csv or xlsx."});
}

// "2026-01-01" into `into`, or the field named.
void read_date(const std::string& key, const std::string& value, std::optional<Date>& into,
               std::vector<FieldError>& errors) {
    if (auto d = try_parse_date(value))
        into = d;
    else
        errors.push_back(
            {key, "Moet een datum zijn, zoals 2026-01-01.", "Must be a date, like 2026-01-01."});
}

} // namespace

Outcome<ComplaintQuery> read_register_query(const std::string& query, long long organisation_id,
                                            const Actor& reader, Instant now,
                                            ExportFormat* format) {
    auto params = query_parameters(query);
    if (!params) return invalid_fields({kUnreadable});
    std::vector<FieldError> errors;
    ComplaintQuery q;
    q.organisation_id = organisation_id;
    q.viewer = reader.viewer;
    q.now = now;
    static const char* known[] = {"state",         "category",    "handler", "overdue",
                                  "received_from", "received_to", "q",       "sort",
                                  "limit",         "offset",      "cursor",  "format"};
    for (const auto& [key, value] : *params) {
        if (std::find(std::begin(known), std::end(known), key) == std::end(known)) {
            errors.push_back({key, "Onbekend filter.", "Unknown filter."});
        } else if (key == "state") {
            std::size_t start = 0;
            while (start <= value.size()) {
                auto end = value.find(',', start);
                std::string one =
                    value.substr(start, end == std::string::npos ? std::string::npos : end - start);
                if (auto st = state_from_name(one))
                    q.states.push_back(*st);
                else
                    errors.push_back(
                        {"state", "Onbekende status: " + one + ".", "Unknown state: " + one + "."});
                if (end == std::string::npos) break;
                start = end + 1;
            }
        } else if (key == "format") {
            if (format)
                read_format(key, value, *format, errors);
            else
                errors.push_back({key, "Onbekend filter.", "Unknown filter."});
        } else if (key == "category") {
            q.category = value;
        } else if (key == "handler") {
            if (auto id = positive_id(value))
                q.handler_id = *id;
            else
                errors.push_back(
                    {"handler", "Moet een medewerkernummer zijn.", "Must be an employee number."});
        } else if (key == "overdue") {
            if (value == "true" || value == "false")
                q.overdue = value == "true";
            else
                errors.push_back({"overdue", "Kies true of false.", "Choose true or false."});
        } else if (key == "received_from" || key == "received_to") {
            auto d = try_parse_date(value);
            if (!d)
                errors.push_back({key, "Moet een datum zijn, zoals 2026-11-23.",
                                  "Must be a date like 2026-11-23."});
            else if (key == "received_from")
                q.received_from = start_of_local_day(*d);
            else
                q.received_until = day_after(*d);
        } else if (key == "q") {
            if (value.size() > 200)
                errors.push_back({"q", "Zoektekst te lang.", "Search text too long."});
            else
                q.text = value;
        } else if (key == "sort") {
            if (auto so = complaint_sort_from_name(value))
                q.sort = *so;
            else
                errors.push_back({"sort",
                                  "Sorteer op -received_at, received_at, next_due_at of reference.",
                                  "Sort by -received_at, received_at, next_due_at or reference."});
        } else if (key == "limit") {
            if (auto n = whole_number(value, 1, 200))
                q.limit = *n;
            else
                errors.push_back(out_of_range(key, 1, 200));
        } else if (key == "cursor") {
            if (auto c = RegisterCursor::parse(value))
                q.after = *c;
            else
                errors.push_back({"cursor",
                                  "Onleesbare plaats in de lijst; begin opnieuw bij de eerste "
                                  "pagina.",
                                  "Unreadable cursor; start again from the first page."});
        } else if (key == "offset") {
            if (auto n = whole_number(value, 0, 10000000))
                q.offset = *n;
            else
                errors.push_back(out_of_range(key, 0, 10000000));
        }
    }
    if (q.after && q.after->sort != q.sort)
        errors.push_back({"cursor", "Deze plaats hoort bij een andere sortering.",
                          "This cursor belongs to another sort order."});
    if (q.after && q.offset > 0)
        errors.push_back({"offset", "Gebruik cursor of offset, niet allebei.",
                          "Use cursor or offset, not both."});
    if (!errors.empty()) return invalid_fields(errors);
    return q;
}

Outcome<AuditLogRequest> read_audit_query(const std::string& query, long long organisation_id,
                                          const Actor& reader) {
    auto params = query_parameters(query);
    if (!params) return invalid_fields({kUnreadable});
    std::vector<FieldError> errors;
    AuditLogRequest r;
    AuditQuery& q = r.query;
    q.organisation_id = organisation_id;
    if (reader.viewer) q.viewer = *reader.viewer;
    for (const auto& [key, val] : *params) {
        auto date = try_parse_date(val);
        auto id = positive_id(val);
        if (key == "from" && date)
            q.from = start_of_local_day(*date);
        else if (key == "to" && date)
            q.until = day_after(*date);
        else if (key == "action" && val.size() <= 40)
            q.action = val;
        else if (key == "actor" && id)
            q.actor_id = *id;
        else if (key == "complaint" && id)
            q.complaint_id = *id;
        else if (key == "limit" && whole_number(val, 1, 1000))
            q.limit = *whole_number(val, 1, 1000);
        else if (key == "offset" && whole_number(val, 0, 2147483647))
            q.offset = *whole_number(val, 0, 2147483647);
        else if (key == "format" && (val == "csv" || val == "json"))
            r.csv = val == "csv";
        else
            errors.push_back(
                {key, "Onbekend of onleesbaar filter.", "Unknown or unreadable filter."});
    }
    if (!errors.empty()) return invalid_fields(errors);
    return r;
}

namespace {

std::optional<bool> true_or_false(const std::string& s) {
    if (s == "true") return true;
    if (s == "false") return false;
    return std::nullopt;
}

FieldError not_true_or_false(const std::string& key) {
    return {key, "Moet true of false zijn.", "Must be true or false."};
}

} // namespace

Outcome<NonconformityListRequest> read_nonconformity_query(const std::string& query) {
    auto params = query_parameters(query);
    if (!params) return invalid_fields({kUnreadable});
    std::vector<FieldError> errors;
    NonconformityListRequest r;
    NonconformityQuery& q = r.query;
    for (const auto& [key, value] : *params) {
        if (key == "format") {
            read_format(key, value, r.format, errors);
        } else if (key == "from" || key == "to") {
            read_date(key, value, key == "from" ? q.from : q.to, errors);
        } else if (key == "status") {
            if (value == "open" || value == "closed")
                q.closed = value == "closed";
            else
                errors.push_back({key, "Kies open of closed.", "Choose open or closed."});
        } else if (key == "kind") {
            q.kind = finding_kind_from_name(value);
            if (!q.kind)
                errors.push_back({key, "Kies nonconformity, potential, shortcoming of improvement.",
                                  "Choose nonconformity, potential, shortcoming or improvement."});
        } else {
            errors.push_back({key, "Onbekend filter.", "Unknown filter."});
        }
    }
    if (!errors.empty()) return invalid_fields(std::move(errors));
    return r;
}

Outcome<ActionListRequest> read_action_query(const std::string& query) {
    auto params = query_parameters(query);
    if (!params) return invalid_fields({kUnreadable});
    std::vector<FieldError> errors;
    ActionListRequest r;
    for (const auto& [key, value] : *params) {
        if (key != "mine" && key != "open") {
            errors.push_back({key, "Onbekend filter.", "Unknown filter."});
            continue;
        }
        auto b = true_or_false(value);
        if (!b)
            errors.push_back(not_true_or_false(key));
        else
            (key == "mine" ? r.mine : r.open_only) = *b;
    }
    if (!errors.empty()) return invalid_fields(std::move(errors));
    return r;
}

Outcome<Period> read_report_query(const std::string& query, Date today, bool* pdf) {
    auto params = query_parameters(query);
    if (!params) return invalid_fields({kUnreadable});
    std::vector<FieldError> errors;
    std::optional<Period> named;
    std::optional<Date> from, to;
    for (const auto& [key, value] : *params) {
        if (key == "period") {
            named = period_named(value);
            if (!named)
                errors.push_back({key,
                                  "Kies een kwartaal, halfjaar of jaar, zoals 2026-Q3, "
                                  "2026-H1 of 2026.",
                                  "Choose a quarter, half-year or year, like 2026-Q3, 2026-H1 or "
                                  "2026."});
        } else if (key == "from" || key == "to") {
            read_date(key, value, key == "from" ? from : to, errors);
        } else if (key == "format" && pdf != nullptr) {
            if (value == "pdf" || value == "json")
                *pdf = value == "pdf";
            else
                errors.push_back({key, "Kies json of pdf.", "Choose json or pdf."});
        } else {
            errors.push_back({key, "Onbekende keuze.", "Unknown parameter."});
        }
    }
    if (errors.empty() && named && (from || to))
        errors.push_back({"period", "Kies een periode óf een begin- en einddatum, niet beide.",
                          "Choose a period or a start and end date, not both."});
    if (errors.empty() && !named && (from || to)) {
        if (!from || !to)
            errors.push_back({from ? "to" : "from", "Vul zowel een begin- als een einddatum in.",
                              "Give both a start and an end date."});
        else if (day_number(*to) < day_number(*from))
            errors.push_back({"to", "De einddatum ligt voor de begindatum.",
                              "The end date is before the start date."});
        else if (!(named = period_between(*from, *to)))
            errors.push_back(
                {"to", "Een periode is ten hoogste tien jaar.", "A period is at most ten years."});
    }
    if (!errors.empty()) return invalid_fields(std::move(errors));
    return named ? *named : period_holding(PeriodKind::quarter, today);
}

} // namespace kd
