// procedure.cpp: lookups on a procedure; the names of its enums are in procedure.hpp.
#include "core/procedure.hpp"

#include <algorithm>

namespace kd {

const StepRule* Procedure::step(StepId id) const {
    auto it = std::find_if(steps.begin(), steps.end(), [id](const auto& s) { return s.id == id; });
    return it == steps.end() ? nullptr : &*it;
}

bool Procedure::accepts_channel(Channel c) const {
    return std::find(channels.begin(), channels.end(), c) != channels.end();
}

} // namespace kd
