// writer.cpp: group commit. One thread, one session, one transaction per batch; each write
// in a savepoint, so a refusal or an error undoes only that write.
#include "store/writer.hpp"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <future>

namespace kd {

Writer::Writer(Database& db, std::size_t max_batch)
    : db_(db), max_batch_(max_batch), cache_([&db] {
          auto cache = std::make_unique<StatementCache>(db.writer_session());
          cache->pipeline();
          return cache;
      }()),
      thread_([this] { loop(); }) {}

Writer::~Writer() {
    stop();
}

void Writer::stop() {
    {
        std::lock_guard lock(mu_);
        if (stopped_) return;
        stopping_ = stopped_ = true;
    }
    cv_.notify_all();
    thread_.join();
}

void Writer::submit(WriteRequest r) {
    {
        std::lock_guard lock(mu_);
        if (!stopped_) {
            queue_.push_back(std::move(r));
            cv_.notify_one();
            return;
        }
    }
    r.done(WriteStatus::failed, "the writer has stopped");
}

WriteStatus Writer::run(std::function<bool(Transaction&)> work, std::string* error) {
    std::promise<std::pair<WriteStatus, std::string>> p;
    auto f = p.get_future();
    submit({std::move(work), [&p](WriteStatus s, const std::string& e) { p.set_value({s, e}); }});
    auto [status, err] = f.get();
    if (error) *error = err;
    return status;
}

void Writer::loop() {
    for (;;) {
        std::deque<WriteRequest> batch;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        commit_batch(batch);
    }
}

void Writer::commit_batch(std::deque<WriteRequest>& batch) {
    soci::session& sql = db_.writer_session();
    std::vector<WriteStatus> status(batch.size(), WriteStatus::failed);
    std::vector<std::string> errors(batch.size());
    StatementCache& cache = *cache_;
    auto run = [&](const char* statement) { cache.run(statement); };
    auto undo = [&](Transaction& t) {
        run("ROLLBACK TO SAVEPOINT w");
        run("RELEASE SAVEPOINT w");
        t.undo_write();
    };
    try {
        soci::transaction tr(sql);
        // Destroyed before `tr`, whose rollback needs a session with nothing in flight.
        struct Drain {
            StatementCache& cache;
            ~Drain() { cache.discard(); }
        } drain{cache};
        Transaction t(sql, db_.backend(), cache);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            t.begin_write();
            run("SAVEPOINT w");
            try {
                if (batch[i].work(t)) {
                    run("RELEASE SAVEPOINT w");
                    // Everything this write sent, its savepoint included, is answered here,
                    // so that an error is its own and no other write's.
                    cache.sync();
                    status[i] = WriteStatus::committed;
                    continue;
                }
                status[i] = WriteStatus::refused;
            } catch (const std::exception& e) {
                cache.discard();
                status[i] = WriteStatus::failed;
                errors[i] = e.what();
            }
            // When even the undo fails the transaction is broken: the batch fails (below).
            undo(t);
            cache.sync();
        }
        t.finish();
        cache.sync();
        tr.commit();
    } catch (const std::exception& e) {
        // The commit itself failed: nothing of this batch is stored.
        for (std::size_t i = 0; i < batch.size(); ++i) {
            status[i] = WriteStatus::failed;
            errors[i] = std::string("the database did not store the change: ") + e.what();
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        try {
            batch[i].done(status[i], errors[i]);
        } catch (const std::exception& e) {
            spdlog::error("writer: a completion failed: {}", e.what());
        }
    }
}

} // namespace kd
