// term.cpp: parsing terms and computing due moments in Amsterdam local time.
#include "core/term.hpp"

#include "core/amsterdam_time.hpp"

#include <cctype>
#include <charconv>

namespace kd {
namespace {

std::string lower_trimmed(std::string_view s) {
    std::string out;
    for (char c : s)
        out += char(std::tolower(static_cast<unsigned char>(c)));
    auto b = out.find_first_not_of(' '), e = out.find_last_not_of(' ');
    return b == std::string::npos ? std::string{} : out.substr(b, e - b + 1);
}

Refusal bad_term(std::string_view text) {
    return {"invalid_term",
            "Termijn '" + std::string(text) +
                "' is onleesbaar; schrijf bijvoorbeeld '48 hours', '14 days', "
                "'2 working days' of '6 weeks'.",
            "Term '" + std::string(text) +
                "' is not readable; write for example '48 hours', '14 days', "
                "'2 working days' or '6 weeks'.",
            ""};
}

} // namespace

Outcome<Term> try_parse_term(std::string_view text) {
    std::string s = lower_trimmed(text);
    auto space = s.find(' ');
    if (space == std::string::npos) return bad_term(text);
    int n = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + space, n);
    if (ec != std::errc{} || p != s.data() + space || n < 0 || n > 3650) return bad_term(text);
    std::string unit = lower_trimmed(s.substr(space + 1));
    Term t{n, TermUnit::calendar_days};
    if (unit == "hour" || unit == "hours" || unit == "uur")
        t.unit = TermUnit::hours;
    else if (unit == "day" || unit == "days" || unit == "calendar days" || unit == "dag" ||
             unit == "dagen" || unit == "kalenderdagen")
        t.unit = TermUnit::calendar_days;
    else if (unit == "working day" || unit == "working days" || unit == "werkdag" ||
             unit == "werkdagen")
        t.unit = TermUnit::working_days;
    else if (unit == "week" || unit == "weeks" || unit == "weken")
        t.unit = TermUnit::weeks;
    else
        return bad_term(text);
    return t;
}

std::string describe_term(const Term& t) {
    auto n = std::to_string(t.amount);
    bool one = t.amount == 1;
    switch (t.unit) {
    case TermUnit::hours:
        return n + (one ? " hour" : " hours");
    case TermUnit::calendar_days:
        return n + (one ? " day" : " days");
    case TermUnit::working_days:
        return n + (one ? " working day" : " working days");
    case TermUnit::weeks:
        return n + (one ? " week" : " weeks");
    }
    return n;
}

std::string describe_term_nl(const Term& t) {
    auto n = std::to_string(t.amount);
    bool one = t.amount == 1;
    switch (t.unit) {
    case TermUnit::hours:
        return n + " uur";
    case TermUnit::calendar_days:
        return n + (one ? " dag" : " dagen");
    case TermUnit::working_days:
        return n + (one ? " werkdag" : " werkdagen");
    case TermUnit::weeks:
        return n + (one ? " week" : " weken");
    }
    return n;
}

Instant due_after(const WorkingDayCalendar& cal, Instant start, const Term& term) {
    using namespace std::chrono;
    switch (term.unit) {
    case TermUnit::hours:
        return start + hours{term.amount};
    case TermUnit::calendar_days:
    case TermUnit::weeks: {
        int n = term.unit == TermUnit::weeks ? term.amount * 7 : term.amount;
        Date d{sys_days{local_date(start)} + days{n}};
        if (int(d.year()) > kLastCalendarYear) throw std::out_of_range("term ends after 2100");
        return end_of_local_day(d);
    }
    case TermUnit::working_days: {
        Date received = local_date(start);
        Date d = term.amount == 0 ? cal.this_or_next_working_day(received)
                                  : cal.add_working_days(received, term.amount);
        return end_of_local_day(d);
    }
    }
    return start;
}

} // namespace kd
