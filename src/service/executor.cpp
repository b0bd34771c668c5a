// executor.cpp: a fixed pool of worker threads draining one queue.
#include "service/executor.hpp"

#include <spdlog/spdlog.h>

#include <pthread.h>

namespace kd {

Executor::Executor(std::string name, std::size_t threads, std::size_t max_queued)
    : name_(std::move(name)), max_queued_(max_queued) {
    for (std::size_t i = 0; i < std::max<std::size_t>(1, threads); ++i)
        threads_.emplace_back([this, i] {
            std::string n = (name_ + "-" + std::to_string(i)).substr(0, 15);
            pthread_setname_np(pthread_self(), n.c_str());
            loop();
        });
}

Executor::~Executor() {
    shutdown();
}

bool Executor::post(std::function<void()> task) {
    {
        std::lock_guard lock(mu_);
        if (closing_ || queue_.size() >= max_queued_) return false;
        queue_.push_back(std::move(task));
    }
    cv_.notify_one();
    return true;
}

void Executor::shutdown() {
    {
        std::lock_guard lock(mu_);
        if (closing_ && threads_.empty()) return;
        closing_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

void Executor::loop() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
            if (queue_.empty()) return; // closing, and nothing left to run
            task = std::move(queue_.front());
            queue_.pop_front();
        }
        try {
            task();
        } catch (const std::exception& e) {
            spdlog::error("{}: a task failed: {}", name_, e.what());
        } catch (...) {
            spdlog::error("{}: a task failed", name_);
        }
    }
}

} // namespace kd
