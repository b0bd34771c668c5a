// complaint.cpp: which states end a complaint; the names are in complaint.hpp's tables.
#include "core/complaint.hpp"

namespace kd {

bool is_final(State s) {
    return s == State::closed || s == State::closed_unsatisfied || s == State::declined ||
           s == State::withdrawn;
}

} // namespace kd
