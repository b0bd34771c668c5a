// periodic_job.cpp: the loop of a job: wait (woken early only to stop), work, repeat.
#include "service/periodic_job.hpp"

#include <spdlog/spdlog.h>

namespace kd {

PeriodicJob::PeriodicJob(std::string name, std::chrono::seconds first, std::chrono::seconds every,
                         std::function<void(const std::stop_token&)> work)
    : name_(std::move(name)), first_(first), every_(every), work_(std::move(work)),
      thread_([this] { loop(); }) {}

PeriodicJob::~PeriodicJob() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    stop_.request_stop();
    cv_.notify_all();
    thread_.join();
}

void PeriodicJob::loop() {
    auto wait = first_;
    for (;;) {
        {
            std::unique_lock lock(mu_);
            if (cv_.wait_for(lock, wait, [this] { return stopping_; })) return;
        }
        try {
            work_(stop_.get_token());
        } catch (const std::exception& e) {
            spdlog::error("{}: {}", name_, e.what());
        }
        wait = every_;
    }
}

} // namespace kd
