// periodic_job.hpp: work the server does by itself on a thread of its own (retention daily,
// the mail sender every 15 s): first after a delay, then at an interval, until destroyed.
// An exception from the work is logged and the next round still comes.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace kd {

class PeriodicJob {
public:
    PeriodicJob(std::string name, std::chrono::seconds first, std::chrono::seconds every,
                std::function<void()> work);
    ~PeriodicJob(); // waits for a round in progress, then ends the thread
    PeriodicJob(const PeriodicJob&) = delete;
    PeriodicJob& operator=(const PeriodicJob&) = delete;

private:
    void loop();
    std::string name_;
    std::chrono::seconds first_, every_;
    std::function<void()> work_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace kd
