// report_labels.cpp: the report's words for people (see the header).
#include "api/report_labels.hpp"

#include "core/amsterdam_time.hpp"

namespace kd {

std::string breakdown_label(const std::string& measure, const std::string& key, const Report& r) {
    if (key.empty()) return measure == "outcome" ? "Nog in behandeling" : "Niet vastgelegd";
    if (measure == "channel")
        if (auto c = value_in(kChannelNames, key)) return label_in(kChannelNames, *c);
    if (measure == "complainant_type")
        if (auto t = complainant_type_from_name(key)) return label_in(kComplainantTypeNames, *t);
    if (measure == "verdict") return key == "well_founded" ? "Gegrond" : "Ongegrond";
    if (measure == "outcome") {
        if (key == "declined") return "Niet in behandeling genomen";
        if (key == "withdrawn") return "Ingetrokken";
        if (auto res = resolution_from_name(key)) return label_in(kResolutionNames, *res);
    }
    if (measure == "handler") {
        long long id = 0;
        for (char ch : key)
            id = id * 10 + (ch - '0');
        auto it = r.handler_names.find(id);
        return it == r.handler_names.end() ? "Medewerker " + key : it->second;
    }
    return key;
}

std::string breakdown_title(const std::string& measure) {
    if (measure == "category") return "Categorie";
    if (measure == "cause") return "Oorzaak";
    if (measure == "channel") return "Kanaal";
    if (measure == "complainant_type") return "Soort klager";
    if (measure == "verdict") return "Oordeel";
    if (measure == "outcome") return "Uitkomst";
    if (measure == "handler") return "Behandelaar";
    return measure;
}

std::string step_label(const std::string& step) {
    auto id = value_in(kStepNames, step);
    return id ? label_in(kStepNames, *id) : step;
}

std::string period_title(const Period& p) {
    const std::string year = std::to_string(static_cast<int>(p.from.year()));
    const unsigned month = static_cast<unsigned>(p.from.month());
    std::string name;
    switch (p.kind) {
    case PeriodKind::quarter:
        name = std::to_string((month - 1) / 3 + 1) + "e kwartaal " + year;
        break;
    case PeriodKind::half_year:
        name = std::string(month == 1 ? "1e" : "2e") + " halfjaar " + year;
        break;
    case PeriodKind::year:
        name = year;
        break;
    case PeriodKind::custom:
        return format_date_nl(p.from) + " t/m " + format_date_nl(p.to);
    }
    return name + " (" + format_date_nl(p.from) + " t/m " + format_date_nl(p.to) + ")";
}

} // namespace kd
