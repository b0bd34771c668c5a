// csv_reader.hpp: reads a CSV file record by record (RFC 4180: quoted fields may hold the
// separator, "" and line breaks), as the import needs it: streaming, so a file of a million
// rows never sits in memory whole.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace kd {

class CsvReader {
public:
    // `separator` is ',' or ';' (Dutch Excel). A UTF-8 byte order mark at the start is skipped.
    CsvReader(std::istream& in, char separator = ',');

    // The next record's fields; false at the end of the file. Throws std::runtime_error for a
    // quote that is never closed, naming the record it opened in.
    bool next(std::vector<std::string>& fields);
    // The number of the record `next` gave last: the first (the header) is 1.
    long long record() const { return record_; }
    // Bytes read so far, for a progress bar.
    long long bytes_read() const { return consumed_; }

private:
    bool fill();
    int peek();
    int take();

    std::istream& in_;
    char separator_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, end_ = 0;
    long long record_ = 0;
    long long consumed_ = 0;
};

} // namespace kd
