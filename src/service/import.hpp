// import.hpp: `klachtdesk import` (issue 13, item 7, docs/import.md): historic complaints from
// a CSV file into an organisation as closed records, all in one transaction or none, each
// with an "import" event in the audit chain (source "import").
#pragma once

#include "service/import_mapping_file.hpp"
#include "service/organisations.hpp"
#include "store/writer.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kd {

struct ImportOptions {
    // Import the good rows and leave the bad ones out; without it one bad row stops all.
    bool skip_bad_rows = false;
    std::size_t batch_rows = 4096; // rows handed to the store at once
};

struct ImportProgress {
    long long bytes_read = 0;
    long long bytes_total = 0; // 0 when the size is unknown
    long long rows = 0;        // data rows read so far
};

struct ImportResult {
    long long rows = 0;     // data rows in the file (the header not counted)
    long long imported = 0; // written as complaints
    long long bad = 0;      // rows with an error
    // The first errors, each naming its row and column ("row 17, column "Date": ...").
    std::vector<std::string> errors;
    // A problem with the whole file (a column not in it, a quote never closed, the write
    // failed); nothing is written then.
    std::string failure;
    bool written = false; // committed: the complaints are stored
    // The references the stored complaints got, in the order of the file ("001-00041").
    std::string first_reference, last_reference;
};

// Reads `data_path` with the mapping and imports it into `org`, registered by the
// organisation's system actor at `now`. `progress` is called from this thread as rows are
// read, about every 1 % of the file.
ImportResult import_complaints(Writer& writer, const OrganisationContext& org,
                               const ImportMappingFile& mapping, const std::string& data_path,
                               const ImportOptions& options, Instant now,
                               const std::function<void(const ImportProgress&)>& progress);

// How many errors an ImportResult keeps word for word; the rest are only counted.
inline constexpr std::size_t kImportErrorsKept = 100;

} // namespace kd
