// visibility.hpp: who may see a complaint (core/access.cpp, can_see) as one SQL condition, for
// the register and the audit log; tests/store/visibility_test.cpp holds the two together.
#pragma once

#include "core/access.hpp"
#include "store/binds.hpp"

#include <string>

namespace kd {

// A condition on the complaint row aliased `c` that is true when `v` may see it; binds the
// reader's id to `b` as often as it is used.
std::string visible_to(const Viewer& v, const std::string& c, Binds& b);

} // namespace kd
