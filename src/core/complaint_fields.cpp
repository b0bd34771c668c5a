// complaint_fields.cpp: the field table. A field added to Complaint and not here is neither
// stored nor audited; tests/unit/complaint_fields_test.cpp fails for it.
#include "core/complaint_fields.hpp"

#include "core/amsterdam_time.hpp"
#include "core/term.hpp"

#include <stdexcept>

namespace kd {
namespace {

constexpr const char* kRemoved = "[verwijderd]";

[[noreturn]] void wrong(const char* what) {
    throw std::invalid_argument(std::string("stored complaint: unreadable ") + what);
}

const std::string& text_of(const FieldValue& v, const char* what) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    wrong(what);
}

long long number_of(const FieldValue& v, const char* what) {
    if (const auto* n = std::get_if<long long>(&v)) return *n;
    wrong(what);
}

FieldValue moment(const std::optional<Instant>& t) {
    return t ? FieldValue(to_epoch(*t)) : FieldValue();
}

std::optional<Instant> moment_of(const FieldValue& v, const char* what) {
    if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
    return from_epoch(number_of(v, what));
}

template <typename E> E named(std::optional<E> e, const char* what) {
    if (!e) wrong(what);
    return *e;
}

std::optional<Satisfaction> satisfaction_from_name(const std::string& n) {
    for (auto s : {Satisfaction::unknown, Satisfaction::satisfied, Satisfaction::dissatisfied})
        if (n == satisfaction_name(s)) return s;
    return std::nullopt;
}

// The table is written with these macros so that each field's name, getter and setter stand
// on one line and cannot drift apart.
#define KD_TEXT(f, anonymised_as)                                                                  \
    {                                                                                              \
#f, FieldKind::text, anonymised_as, false,                                                 \
            [](const Complaint& c) { return FieldValue(c.f); },                                    \
                                                             [](Complaint & c,                     \
                                                                const FieldValue&                  \
                                                                    v) { c.f = text_of(v, #f); }   \
    }
#define KD_MOMENT(f)                                                                               \
    {                                                                                              \
#f, FieldKind::moment, nullptr, true,                                                      \
            [](const Complaint& c) { return moment(c.f); }, [](Complaint & c,                      \
                                                               const FieldValue&                   \
                                                                   v) { c.f = moment_of(v, #f); }  \
    }
#define KD_NUMBER(f)                                                                               \
    {                                                                                              \
#f, FieldKind::number, nullptr, false,                                                       \
     [](const Complaint& c) { return FieldValue(static_cast<long long>(c.f)); },                \
     [](Complaint& c, const FieldValue& v) {                                                    \
         c.f = static_cast<decltype(c.f)>(number_of(v, #f));                                     \
     }     \
    }
#define KD_FLAG(f)                                                                                 \
    {                                                                                              \
#f, FieldKind::flag, nullptr, false,                                                         \
     [](const Complaint& c) { return FieldValue(c.f ? 1LL : 0LL); },                            \
     [](Complaint& c, const FieldValue& v) { c.f = number_of(v, #f) != 0; }     \
    }

} // namespace

const std::vector<ComplaintField>& complaint_fields() {
    static const std::vector<ComplaintField> fields = {
        KD_TEXT(reference, nullptr),
        KD_NUMBER(procedure_version),
        {"state", FieldKind::name, nullptr, false,
         [](const Complaint& c) { return FieldValue(std::string(state_name(c.state))); },
         [](Complaint& c, const FieldValue& v) {
             c.state = named(state_from_name(text_of(v, "state")), "state");
         }},
        {"received_at", FieldKind::moment, nullptr, false,
         [](const Complaint& c) { return FieldValue(to_epoch(c.received_at)); },
         [](Complaint& c, const FieldValue& v) {
             c.received_at = from_epoch(number_of(v, "received_at"));
         }},
        {"registered_at", FieldKind::moment, nullptr, false,
         [](const Complaint& c) { return FieldValue(to_epoch(c.registered_at)); },
         [](Complaint& c, const FieldValue& v) {
             c.registered_at = from_epoch(number_of(v, "registered_at"));
         }},
        KD_NUMBER(registered_by),
        {"channel", FieldKind::name, nullptr, false,
         [](const Complaint& c) { return FieldValue(std::string(channel_name(c.channel))); },
         [](Complaint& c, const FieldValue& v) {
             c.channel = named(channel_from_name(text_of(v, "channel")), "channel");
         }},
        {"complainant_name", FieldKind::text, "[geanonimiseerd]", false,
         [](const Complaint& c) { return FieldValue(c.complainant.name); },
         [](Complaint& c, const FieldValue& v) {
             c.complainant.name = text_of(v, "complainant_name");
         }},
        {"complainant_email", FieldKind::text, "", false,
         [](const Complaint& c) { return FieldValue(c.complainant.email); },
         [](Complaint& c, const FieldValue& v) {
             c.complainant.email = text_of(v, "complainant_email");
         }},
        {"complainant_phone", FieldKind::text, "", false,
         [](const Complaint& c) { return FieldValue(c.complainant.phone); },
         [](Complaint& c, const FieldValue& v) {
             c.complainant.phone = text_of(v, "complainant_phone");
         }},
        {"complainant_type", FieldKind::name, nullptr, false,
         [](const Complaint& c) {
             return FieldValue(std::string(complainant_type_name(c.complainant.type)));
         },
         [](Complaint& c, const FieldValue& v) {
             c.complainant.type = named(complainant_type_from_name(text_of(v, "complainant_type")),
                                        "complainant_type");
         }},
        {"complainant_relation", FieldKind::text, "", false,
         [](const Complaint& c) { return FieldValue(c.complainant.relation); },
         [](Complaint& c, const FieldValue& v) {
             c.complainant.relation = text_of(v, "complainant_relation");
         }},
        // Dutch is stored as empty: a field added with an empty default leaves the state, and
        // so the audit proof, of every complaint written before it as it was.
        {"complainant_language", FieldKind::name, nullptr, false,
         [](const Complaint& c) {
             return FieldValue(c.complainant.language == Language::nl
                                   ? std::string()
                                   : std::string(language_name(c.complainant.language)));
         },
         [](Complaint& c, const FieldValue& v) {
             if (std::holds_alternative<std::monostate>(v)) {
                 c.complainant.language = Language::nl;
                 return;
             }
             const std::string& name = text_of(v, "complainant_language");
             c.complainant.language = name.empty()
                                          ? Language::nl
                                          : named(language_from_name(name), "complainant_language");
         }},
        KD_TEXT(description, kRemoved),
        KD_TEXT(category, nullptr),
        KD_FLAG(description_approved),
        KD_FLAG(procedure_explained),
        KD_FLAG(confidential),
        {"handler_id", FieldKind::number, nullptr, true,
         [](const Complaint& c) { return c.handler_id ? FieldValue(*c.handler_id) : FieldValue(); },
         [](Complaint& c, const FieldValue& v) {
             if (std::holds_alternative<std::monostate>(v))
                 c.handler_id.reset();
             else
                 c.handler_id = number_of(v, "handler_id");
         }},
        KD_MOMENT(acknowledged_at),
        KD_TEXT(acknowledgement_note, kRemoved),
        KD_MOMENT(assigned_at),
        KD_MOMENT(handling_started_at),
        KD_MOMENT(first_contact_at),
        KD_TEXT(contact_note, kRemoved),
        KD_MOMENT(agreed_resolve_by),
        KD_MOMENT(hearing_at),
        KD_TEXT(hearing_note, kRemoved),
        KD_MOMENT(assessed_at),
        {"well_founded", FieldKind::flag, nullptr, true,
         [](const Complaint& c) {
             return c.well_founded ? FieldValue(*c.well_founded ? 1LL : 0LL) : FieldValue();
         },
         [](Complaint& c, const FieldValue& v) {
             if (std::holds_alternative<std::monostate>(v))
                 c.well_founded.reset();
             else
                 c.well_founded = number_of(v, "well_founded") != 0;
         }},
        KD_TEXT(assessment_note, kRemoved),
        // The category is kept on anonymising: the analysis counts it (R-REPORT).
        KD_TEXT(cause_category, nullptr),
        KD_TEXT(cause, kRemoved),
        KD_NUMBER(extensions_used),
        {"extension", FieldKind::name, nullptr, true,
         [](const Complaint& c) {
             return c.extension ? FieldValue(describe_term(*c.extension)) : FieldValue();
         },
         [](Complaint& c, const FieldValue& v) {
             if (std::holds_alternative<std::monostate>(v)) {
                 c.extension.reset();
                 return;
             }
             auto t = try_parse_term(text_of(v, "extension"));
             if (!t) wrong("extension");
             c.extension = t.value();
         }},
        KD_TEXT(extension_reason, kRemoved),
        KD_MOMENT(resolved_at),
        KD_MOMENT(last_resolved_at),
        {"resolution", FieldKind::name, nullptr, true,
         [](const Complaint& c) {
             return c.resolution ? FieldValue(std::string(resolution_name(*c.resolution)))
                                 : FieldValue();
         },
         [](Complaint& c, const FieldValue& v) {
             if (std::holds_alternative<std::monostate>(v))
                 c.resolution.reset();
             else
                 c.resolution = named(resolution_from_name(text_of(v, "resolution")), "resolution");
         }},
        KD_TEXT(solution, kRemoved),
        {"procedure_change_effective", FieldKind::date, nullptr, true,
         [](const Complaint& c) {
             return c.procedure_change_effective
                        ? FieldValue(format_date(*c.procedure_change_effective))
                        : FieldValue();
         },
         [](Complaint& c, const FieldValue& v) {
             if (std::holds_alternative<std::monostate>(v)) {
                 c.procedure_change_effective.reset();
                 return;
             }
             auto d = try_parse_date(text_of(v, "procedure_change_effective"));
             if (!d) wrong("procedure_change_effective");
             c.procedure_change_effective = *d;
         }},
        KD_MOMENT(verified_at),
        {"satisfaction", FieldKind::name, nullptr, false,
         [](const Complaint& c) {
             return FieldValue(std::string(satisfaction_name(c.satisfaction)));
         },
         [](Complaint& c, const FieldValue& v) {
             c.satisfaction =
                 named(satisfaction_from_name(text_of(v, "satisfaction")), "satisfaction");
         }},
        KD_TEXT(satisfaction_note, kRemoved),
        KD_TEXT(satisfaction_evidence, kRemoved),
        KD_MOMENT(dissatisfied_at),
        KD_MOMENT(redone_at),
        KD_NUMBER(reopen_count),
        KD_MOMENT(escalated_at),
        KD_TEXT(external_body, nullptr),
        KD_MOMENT(closed_at),
        KD_TEXT(close_reason, kRemoved),
        KD_MOMENT(declined_at),
        KD_TEXT(decline_reason, kRemoved),
        KD_MOMENT(decline_notified_at),
        KD_MOMENT(withdrawn_at),
        KD_TEXT(withdraw_reason, kRemoved),
        KD_MOMENT(anonymised_at),
        KD_TEXT(imported_from, nullptr),
    };
    return fields;
}

bool is_empty_value(const FieldValue& v) {
    if (std::holds_alternative<std::monostate>(v)) return true;
    if (const auto* n = std::get_if<long long>(&v)) return *n == 0;
    return std::get<std::string>(v).empty();
}

} // namespace kd
