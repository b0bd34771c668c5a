// clock.hpp: the one source of "now" for the server and the command line; tests set it.
#pragma once

#include "core/instant.hpp"

#include <atomic>
#include <chrono>

namespace kd {

// Rules never read a clock (core/ takes "now" as an argument); the layers that call them
// ask this, so a test can run the whole server at any moment it chooses.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override {
        return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    }
};

// A clock that stands still until it is set or advanced: what tests run the server on.
class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : seconds_(start.time_since_epoch().count()) {}
    Instant now() const override { return Instant{std::chrono::seconds{seconds_.load()}}; }
    void set(Instant t) { seconds_ = t.time_since_epoch().count(); }
    void advance(std::chrono::seconds d) { seconds_ += d.count(); }

private:
    std::atomic<long long> seconds_; // seconds since the epoch, UTC
};

} // namespace kd
