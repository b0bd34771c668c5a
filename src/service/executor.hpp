// executor.hpp: a named pool of threads for blocking work (database, argon2, waiting on the
// writer), so that the HTTP I/O thread never blocks.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kd {

class Executor {
public:
    // `name` shows in `top -H` and gdb as "<name>-<n>" (at most 15 characters in all).
    // At most `max_queued` tasks wait at once; more are refused, so a flood costs answers
    // (503), not memory.
    Executor(std::string name, std::size_t threads, std::size_t max_queued = 4096);
    ~Executor(); // shutdown()
    Executor(const Executor&) = delete;
    Executor& operator=(const Executor&) = delete;

    // Queues `task`; false (and `task` not run) once shutdown has begun or the queue is full.
    // A task that throws is logged; tasks should catch what they can answer themselves.
    bool post(std::function<void()> task);

    // Refuses new tasks, runs every queued one, and joins the threads. Idempotent.
    void shutdown();

    std::size_t size() const { return threads_.size(); }

private:
    void loop();

    std::string name_;
    std::size_t max_queued_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    bool closing_ = false;
    std::vector<std::thread> threads_;
};

} // namespace kd
