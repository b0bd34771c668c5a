// csv_reader.cpp: the record reader of csv_reader.hpp.
#include "service/csv_reader.hpp"

#include <stdexcept>

namespace kd {

CsvReader::CsvReader(std::istream& in, char separator)
    : in_(in), separator_(separator), buffer_(1 << 16) {
    if (peek() == 0xEF) {
        // Only a whole byte order mark is skipped; anything else stays data.
        if (fill() && end_ - pos_ >= 3 && static_cast<unsigned char>(buffer_[pos_ + 1]) == 0xBB &&
            static_cast<unsigned char>(buffer_[pos_ + 2]) == 0xBF) {
            pos_ += 3;
            consumed_ += 3;
        }
    }
}

// Moves what is left to the front and reads more; false when nothing is left at all.
bool CsvReader::fill() {
    if (pos_ > 0) {
        std::size_t left = end_ - pos_;
        std::copy(buffer_.begin() + static_cast<long>(pos_),
                  buffer_.begin() + static_cast<long>(end_), buffer_.begin());
        pos_ = 0;
        end_ = left;
    }
    if (in_) {
        in_.read(buffer_.data() + end_, static_cast<std::streamsize>(buffer_.size() - end_));
        end_ += static_cast<std::size_t>(in_.gcount());
    }
    return end_ > pos_;
}

int CsvReader::peek() {
    if (pos_ == end_ && !fill()) return -1;
    return static_cast<unsigned char>(buffer_[pos_]);
}

int CsvReader::take() {
    int c = peek();
    if (c >= 0) {
        ++pos_;
        ++consumed_;
    }
    return c;
}

bool CsvReader::next(std::vector<std::string>& fields) {
    fields.clear();
    if (peek() < 0) return false;
    ++record_;
    std::string field;
    for (;;) {
        int c = take();
        if (c == '"' && field.empty()) {
            // A quoted field runs to the quote that is not doubled.
            for (;;) {
                int q = take();
                if (q < 0)
                    throw std::runtime_error("record " + std::to_string(record_) +
                                             ": a quote (\") opens a field that never closes");
                if (q == '"') {
                    if (peek() != '"') break;
                    take();
                }
                field.push_back(static_cast<char>(q));
            }
            // Text after the closing quote (a"b"c) is kept as it is, as spreadsheets do.
            continue;
        }
        if (c < 0 || c == '\n' || c == separator_) {
            if (c == '\n' && !field.empty() && field.back() == '\r') field.pop_back();
            fields.push_back(std::move(field));
            field.clear();
            if (c != separator_) return true;
            continue;
        }
        field.push_back(static_cast<char>(c));
    }
}

} // namespace kd
