// complaint.cpp: the names and labels of states, complainant types and outcomes.
#include "core/complaint.hpp"

namespace kd {

const char* state_name(State s) {
    switch (s) {
    case State::received:
        return "received";
    case State::acknowledged:
        return "acknowledged";
    case State::assigned:
        return "assigned";
    case State::in_handling:
        return "in_handling";
    case State::resolved:
        return "resolved";
    case State::escalated:
        return "escalated";
    case State::closed:
        return "closed";
    case State::declined:
        return "declined";
    case State::withdrawn:
        return "withdrawn";
    }
    return "?";
}

const char* state_label_nl(State s) {
    switch (s) {
    case State::received:
        return "Ontvangen";
    case State::acknowledged:
        return "Ontvangst bevestigd";
    case State::assigned:
        return "Toegewezen";
    case State::in_handling:
        return "In behandeling";
    case State::resolved:
        return "Afgehandeld";
    case State::escalated:
        return "Extern doorverwezen";
    case State::closed:
        return "Gesloten";
    case State::declined:
        return "Niet in behandeling genomen";
    case State::withdrawn:
        return "Ingetrokken";
    }
    return "?";
}

std::optional<State> state_from_name(const std::string& name) {
    for (State s : kAllStates)
        if (name == state_name(s)) return s;
    return std::nullopt;
}

bool is_final(State s) {
    return s == State::closed || s == State::declined || s == State::withdrawn;
}

const char* complainant_type_name(ComplainantType t) {
    return t == ComplainantType::internal ? "internal" : "external";
}

std::optional<ComplainantType> complainant_type_from_name(const std::string& name) {
    if (name == "external") return ComplainantType::external;
    if (name == "internal") return ComplainantType::internal;
    return std::nullopt;
}

const char* resolution_name(Resolution r) {
    switch (r) {
    case Resolution::solved:
        return "solved";
    case Resolution::not_responsible_helped:
        return "not_responsible_helped";
    case Resolution::not_solved:
        return "not_solved";
    }
    return "?";
}

std::optional<Resolution> resolution_from_name(const std::string& name) {
    for (auto r : {Resolution::solved, Resolution::not_responsible_helped, Resolution::not_solved})
        if (name == resolution_name(r)) return r;
    return std::nullopt;
}

const char* satisfaction_name(Satisfaction s) {
    switch (s) {
    case Satisfaction::unknown:
        return "unknown";
    case Satisfaction::satisfied:
        return "satisfied";
    case Satisfaction::dissatisfied:
        return "dissatisfied";
    }
    return "?";
}

} // namespace kd
