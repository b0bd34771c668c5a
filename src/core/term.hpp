// term.hpp: a procedure's term ("48 hours", "14 days", "2 working days", "6 weeks") and the
// rule that turns a start moment into a due moment. docs/terms.md explains the counting.
#pragma once

#include "core/calendar.hpp"
#include "core/instant.hpp"
#include "core/outcome.hpp"

#include <string>
#include <string_view>

namespace kd {

enum class TermUnit { hours, calendar_days, working_days, weeks };

struct Term {
    int amount = 0; // 0..3650; 0 working days means "the same working day"
    TermUnit unit = TermUnit::calendar_days;
    friend bool operator==(const Term&, const Term&) = default;
};

// Parses "48 hours", "14 days", "2 working days", "6 weeks", and the Dutch forms
// ("48 uur", "14 dagen", "2 werkdagen", "6 weken"); singular forms too.
Outcome<Term> try_parse_term(std::string_view text);

// "2 working days"; Dutch: "2 werkdagen".
std::string describe_term(const Term& t);
std::string describe_term_nl(const Term& t);

// The due moment of a term that starts at `start`:
//  - hours: exactly that many hours later (elapsed time, DST included);
//  - calendar days and weeks: the end (23:59:59 local) of the local date N days later;
//  - working days: the end of the N-th working day after the local date of `start`; the
//    day of receipt never counts, whatever the hour; 0 means the end of that day if it is a
//    working day, else of the next working day.
// Throws std::out_of_range when the result leaves the calendar's years.
Instant due_after(const WorkingDayCalendar& cal, Instant start, const Term& term);

} // namespace kd
