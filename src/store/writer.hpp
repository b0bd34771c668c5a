// writer.hpp: the single writer. Writes from many requests queue here and are committed
// together in one durable transaction (group commit); no caller hears "done" before the
// commit that holds its write has returned. The writer thread only writes: `done` hands
// the result back (a promise, a counter) and must not render, read or block.
#pragma once

#include "store/database.hpp"
#include "store/statement_cache.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace kd {

enum class WriteStatus { committed, refused, failed };

struct WriteRequest {
    // Runs inside the batch's transaction, in its own savepoint. Returns false to undo its
    // own changes (a refused command) without touching the rest of the batch.
    std::function<bool(Transaction&)> work;
    // Called on the writer thread once the batch is durable (committed) or has failed;
    // never before. An exception it throws is logged and swallowed.
    std::function<void(WriteStatus, const std::string& error)> done;
};

class Writer {
public:
    explicit Writer(Database& db, std::size_t max_batch = 256);
    ~Writer(); // stop()
    // Commits what is queued, then ends the thread; a write submitted after it fails.
    void stop();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void submit(WriteRequest r);
    // Submits and waits; for the services, which run on executor threads, never on an
    // HTTP I/O thread. `error` gets the database's text, for the log only.
    WriteStatus run(std::function<bool(Transaction&)> work, std::string* error = nullptr);

private:
    void loop();
    void commit_batch(std::deque<WriteRequest>& batch);

    Database& db_;
    std::size_t max_batch_;
    std::unique_ptr<StatementCache> cache_; // of the writer's session; used on its thread only
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<WriteRequest> queue_;
    bool stopping_ = false;
    bool stopped_ = false;
    std::thread thread_;
};

} // namespace kd
