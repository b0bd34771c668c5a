// writer.hpp: the single writer. Writes from many requests queue here and are committed
// together in one durable transaction (group commit); no caller hears "done" before the
// commit that holds its write has returned.
#pragma once

#include "store/database.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kd {

enum class WriteStatus { committed, refused, failed };

struct WriteRequest {
    // Runs inside the batch's transaction, in its own savepoint. Returns false to undo its
    // own changes (a refused command) without touching the rest of the batch.
    std::function<bool(Transaction&)> work;
    // Called once the batch is durable (committed) or has failed; never before.
    std::function<void(WriteStatus, const std::string& error)> done;
};

class Writer {
public:
    explicit Writer(Database& db, std::size_t max_batch = 256);
    ~Writer(); // drains the queue, then stops
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void submit(WriteRequest r);
    // Submits and waits; for the command line and tests.
    WriteStatus run(std::function<bool(Transaction&)> work, std::string* error = nullptr);

private:
    void loop();
    void commit_batch(std::deque<WriteRequest>& batch);

    Database& db_;
    std::size_t max_batch_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<WriteRequest> queue_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace kd
