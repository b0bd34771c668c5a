// import.cpp: the import's two threads: this one reads the CSV file and turns rows into
// complaints; the writer thread stores them in one transaction as they come, so reading and
// writing overlap and a file of any size passes through a few batches of memory.
#include "service/import.hpp"

#include "core/report_cells.hpp"
#include "service/csv_reader.hpp"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

namespace kd {
namespace {

// Batches from the reader to the writer, at most `capacity` waiting. Either side can close
// it: the reader when the file is done, the writer when its transaction ends early (a
// database error), so that neither waits for the other for ever.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t capacity) : capacity_(capacity) {}

    // False when the writer is gone.
    bool push(std::vector<Complaint> batch) {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return closed_ || queue_.size() < capacity_; });
        if (closed_) return false;
        queue_.push_back(std::move(batch));
        cv_.notify_all();
        return true;
    }
    // nullopt when nothing more will come.
    std::optional<std::vector<Complaint>> pop() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return std::nullopt;
        auto b = std::move(queue_.front());
        queue_.pop_front();
        cv_.notify_all();
        return b;
    }
    void close() {
        std::lock_guard lock(mu_);
        closed_ = true;
        cv_.notify_all();
    }

private:
    std::size_t capacity_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::vector<Complaint>> queue_;
    bool closed_ = false;
};

using CellPlace = std::tuple<int, std::string, std::string>;

} // namespace

ImportResult import_complaints(Writer& writer, const OrganisationContext& org,
                               const ImportMappingFile& mapping, const std::string& data_path,
                               const ImportOptions& options, Instant now,
                               const std::function<void(const ImportProgress&)>& progress) {
    ImportResult result;
    std::ifstream in(data_path, std::ios::binary);
    if (!in) {
        result.failure = data_path + ": cannot be read";
        return result;
    }
    std::error_code size_error;
    auto size = std::filesystem::file_size(data_path, size_error);
    ImportProgress shown{0, size_error ? 0 : static_cast<long long>(size), 0};
    CsvReader csv(in, mapping.separator);
    std::vector<std::string> header, cells;
    std::optional<ImportColumns> cols;
    try {
        if (!csv.next(header)) {
            result.failure = data_path + ": the file is empty";
            return result;
        }
    } catch (const std::exception& e) {
        result.failure = data_path + ": " + e.what();
        return result;
    }
    auto found = find_columns(mapping.mapping, header);
    if (!found) {
        result.failure = found.refusal().message_en;
        return result;
    }
    cols = found.value();

    // The writer's transaction: it takes batches until the reader is done, then keeps what it
    // wrote only if the reader found nothing wrong (or was told to skip bad rows).
    BatchQueue queue(4);
    std::mutex mu;
    std::condition_variable cv;
    bool finished = false, keep = false;
    WriteStatus status = WriteStatus::failed;
    std::string write_error;
    std::map<CellPlace, long long> sums;
    std::string first_reference, last_reference; // the writer's, read after it is done
    const long long organisation_id = org.record.id;
    writer.submit(
        {[&](Transaction& tx) {
             struct CloseOnExit {
                 BatchQueue& q;
                 ~CloseOnExit() { q.close(); }
             } close_on_exit{queue};
             const Actor actor{tx.system_actor(organisation_id), "import", std::nullopt};
             while (auto batch = queue.pop()) {
                 tx.import_complaints(*batch, actor, "import", now);
                 if (first_reference.empty()) first_reference = batch->front().reference;
                 last_reference = batch->back().reference;
             }
             std::lock_guard lock(mu);
             if (!keep) return false;
             std::vector<ReportCell> cells;
             cells.reserve(sums.size());
             for (const auto& [place, n] : sums)
                 cells.push_back({std::get<0>(place), std::get<1>(place), std::get<2>(place), n});
             tx.add_to_report(organisation_id, cells);
             return true;
         },
         [&](WriteStatus s, const std::string& error) {
             // The work may never have run (the writer stopped, BEGIN failed): the reader must
             // not wait for it to take batches. Closed before `finished`, after which the
             // reader may leave this frame.
             queue.close();
             std::lock_guard lock(mu);
             status = s;
             write_error = error;
             finished = true;
             cv.notify_all();
         }});
    // The writer's work and its `done` hold references to this frame: whatever happens below,
    // it is not left before they are over. `keep` stays false on an exception: rolled back.
    struct WriterDone {
        BatchQueue& queue;
        std::mutex& mu;
        std::condition_variable& cv;
        bool& finished;
        void wait() {
            queue.close();
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return finished; });
        }
        ~WriterDone() { wait(); }
    } writer_done{queue, mu, cv, finished};

    const std::string file = std::filesystem::path(data_path).filename().string();
    std::vector<Complaint> batch;
    batch.reserve(options.batch_rows);
    bool writing = true; // false once a bad row makes the import fail, or the writer is gone
    long long next_report = shown.bytes_total / 100;
    try {
        while (csv.next(cells)) {
            ++result.rows;
            ImportRow row{file, csv.record(), cells};
            auto bad = [&](const std::string& message) {
                ++result.bad;
                if (result.errors.size() < kImportErrorsKept) result.errors.push_back(message);
                if (!options.skip_bad_rows) writing = false;
            };
            if (cells.size() != header.size()) {
                bad("row " + std::to_string(row.number) + ": " + std::to_string(cells.size()) +
                    " fields, the header has " + std::to_string(header.size()));
                continue;
            }
            // Registered by the organisation's system account: the store sets it, in the
            // transaction that knows it.
            auto c = complaint_from_row(org.procedure, org.procedure.version, mapping.mapping,
                                        *cols, row, 0, now);
            if (!c) {
                bad(c.refusal().message_en);
                continue;
            }
            if (!writing) continue; // still read to the end, to name every bad row
            Complaint& complaint = c.value();
            complaint.organisation_id = organisation_id;
            for (const ReportCell& cell : report_cells(complaint, {}))
                sums[{cell.day, cell.measure, cell.key}] += cell.n;
            batch.push_back(std::move(complaint));
            if (batch.size() >= options.batch_rows) {
                result.imported += static_cast<long long>(batch.size());
                writing = queue.push(std::move(batch)) && writing;
                batch = {};
                batch.reserve(options.batch_rows);
            }
            if (progress && csv.bytes_read() >= next_report) {
                shown.bytes_read = csv.bytes_read();
                shown.rows = result.rows;
                progress(shown);
                next_report = csv.bytes_read() + std::max(1LL, shown.bytes_total / 100);
            }
        }
    } catch (const std::exception& e) {
        result.failure = data_path + ": " + e.what();
        writing = false;
    }
    if (writing && !batch.empty()) {
        result.imported += static_cast<long long>(batch.size());
        writing = queue.push(std::move(batch));
    }
    {
        std::lock_guard lock(mu);
        keep = writing;
    }
    writer_done.wait();
    if (progress) {
        shown.bytes_read = csv.bytes_read();
        shown.rows = result.rows;
        progress(shown);
    }
    result.written = status == WriteStatus::committed;
    if (result.written) {
        result.first_reference = first_reference;
        result.last_reference = last_reference;
    } else {
        result.imported = 0;
        if (status == WriteStatus::failed && result.failure.empty())
            result.failure = "the database refused the import: " + write_error;
    }
    return result;
}

} // namespace kd
