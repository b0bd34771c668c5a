// periodic_job.hpp: work the server does by itself on a thread of its own (retention daily,
// the mail sender every 15 s): first after a delay, then at an interval, until destroyed.
// An exception from the work is logged and the next round still comes. The work gets a token
// that is stopped when the job is destroyed: a long round (retention) ends early with it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace kd {

class PeriodicJob {
public:
    PeriodicJob(std::string name, std::chrono::seconds first, std::chrono::seconds every,
                std::function<void(const std::stop_token&)> work);
    ~PeriodicJob(); // stops the token, waits for a round in progress, then ends the thread
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

private:
    void loop();
    std::string name_;
    std::chrono::seconds first_, every_;
    std::function<void(const std::stop_token&)> work_;
    std::stop_source stop_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace kd
