// executor_test.cpp: the worker pool runs every task it accepted, refuses work beyond its
// queue's bound instead of growing, and refuses everything once shutdown has begun.
#include "service/executor.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

using namespace kd;

TEST(Executor, RunsWhatItAcceptedAndRefusesBeyondItsQueue) {
    Executor pool("kd-test", 1, 3);
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> started;
    std::atomic<int> ran{0};
    // The one worker waits inside its first task, so the next ones queue.
    ASSERT_TRUE(pool.post([&] {
        started.set_value();
        released.wait();
        ++ran;
    }));
    started.get_future().wait();
    for (int i = 0; i < 3; ++i)
        EXPECT_TRUE(pool.post([&] { ++ran; })) << i;
    EXPECT_FALSE(pool.post([&] { ++ran; })) << "a fourth waiting task is one too many";
    release.set_value();
    pool.shutdown(); // runs what is queued, then joins
    EXPECT_EQ(ran.load(), 4);
    EXPECT_FALSE(pool.post([&] { ++ran; }));
}
