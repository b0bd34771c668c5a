// outcome.hpp: a value or the reason it could not be made; the one result type of every
// rule and every use case (habit 4: TryParse returns an error, only what ends a request throws).
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kd {

// What kind of "no" it is; api/problem.cpp is the one place that turns a kind into HTTP.
enum class RefusalKind {
    invalid,     // the input breaks a rule or is unreadable: fix it and send again (422)
    conflict,    // the case is not in a state where this can happen (409)
    forbidden,   // this person may not do this (403)
    limited,     // too many attempts: wait and try again (429)
    not_found,   // no such thing, or not for this person's eyes (404)
    unavailable, // storage failed; nothing was changed; try again later (503)
};

// One problem with one input field: what a form shows next to that field.
struct FieldError {
    std::string field;
    std::string message_nl;
    std::string message_en;
};

// Why a rule said no: a stable code for programs, and a sentence in Dutch and in English
// that a person can act on. `field` names the input at fault, when there is one; `fields`
// lists every problem of a form read at once.
struct Refusal {
    Refusal() = default;
    Refusal(std::string code_, std::string nl, std::string en, std::string field_ = "",
            RefusalKind kind_ = RefusalKind::invalid, std::vector<FieldError> fields_ = {})
        : code(std::move(code_)), message_nl(std::move(nl)), message_en(std::move(en)),
          field(std::move(field_)), kind(kind_), fields(std::move(fields_)) {}

    std::string code; // e.g. "handler_involved"
    std::string message_nl;
    std::string message_en;
    std::string field; // e.g. "handler_id"; empty when no single field is at fault
    RefusalKind kind = RefusalKind::invalid;
    std::vector<FieldError> fields;

    Refusal with_kind(RefusalKind k) && {
        kind = k;
        return std::move(*this);
    }
};

inline Refusal forbidden(std::string nl, std::string en) {
    return Refusal("forbidden", std::move(nl), std::move(en), "", RefusalKind::forbidden);
}
inline Refusal not_found(std::string nl, std::string en) {
    return Refusal("not_found", std::move(nl), std::move(en), "", RefusalKind::not_found);
}
// A form with one or more bad fields.
inline Refusal invalid_fields(std::vector<FieldError> fields) {
    return Refusal("invalid_fields", "Niet alle velden zijn goed ingevuld.",
                   "Not all fields are filled in correctly.", "", RefusalKind::invalid,
                   std::move(fields));
}

template <typename T> class Outcome {
public:
    Outcome(T value) : v_(std::move(value)) {}
    Outcome(Refusal r) : v_(std::move(r)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(v_); }
    T& value() & { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const Refusal& refusal() const { return std::get<1>(v_); }

private:
    std::variant<T, Refusal> v_;
};

// For a use case that returns nothing but can be refused.
struct Done {};

} // namespace kd
