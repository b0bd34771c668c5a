// report_labels.hpp: how the report's keys, steps and periods read for people, in Dutch: one
// place for the page's JSON and the server's PDF.
#pragma once

#include "service/reports.hpp"

#include <string>

namespace kd {

// A breakdown's key ("" is "not recorded"); the category and cause are the organisation's own
// words, a handler their name.
std::string breakdown_label(const std::string& measure, const std::string& key, const Report& r);
// "Categorie", "Oorzaak", ... for a breakdown's measure.
std::string breakdown_title(const std::string& measure);
// "Ontvangstbevestiging" for "acknowledge".
std::string step_label(const std::string& step);
// "3e kwartaal 2026 (01-07-2026 t/m 30-09-2026)".
std::string period_title(const Period& p);

} // namespace kd
