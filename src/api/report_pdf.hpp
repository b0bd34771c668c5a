// report_pdf.hpp: the management-review report as a PDF made by the server (cairo and pango):
// the organisation, the periods, every figure beside the previous period's, a bar chart per
// breakdown, and the conclusions and decisions.
#pragma once

#include "core/instant.hpp"
#include "service/reports.hpp"

#include <string>

namespace kd {

// The PDF's bytes (A4, as many pages as it needs, each with the moment it was made).
std::string report_pdf(const Report& r, const std::string& organisation_name, Instant made_at);

} // namespace kd
