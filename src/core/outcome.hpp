// outcome.hpp: a value or the reason it could not be made; the non-throwing result type of
// every rule (habit 4: TryParse returns an error, only what ends a request throws).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kd {

// Why a rule said no: a stable code for programs, and a sentence in Dutch and in English
// that a person can act on. `field` names the input at fault, when there is one.
struct Refusal {
    std::string code; // e.g. "handler_involved"
    std::string message_nl;
    std::string message_en;
    std::string field; // e.g. "handler_id"; empty when no single field is at fault
};

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

} // namespace kd
