// binds.hpp: values for a statement built at run time, bound by position in the order they
// are added; deques keep their addresses stable while the statement runs.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace kd {

class Binds {
public:
    void num(long long v) { add(false, nums_, v); }
    void text(std::string v) { add(true, texts_, std::move(v)); }
    void null() {
        num(0);
        nulls_.back() = soci::i_null;
    }
    void null_text() {
        text("");
        nulls_.back() = soci::i_null;
    }
    std::size_t size() const { return order_.size(); } // values bound so far

    // Binds the values to `st`, whose into() elements are already exchanged, and prepares it.
    void prepare(soci::statement& st, const std::string& sql) {
        for (std::size_t k = 0; k < order_.size(); ++k) {
            auto [is_text, i] = order_[k];
            if (is_text)
                st.exchange(soci::use(texts_[i], nulls_[k]));
            else
                st.exchange(soci::use(nums_[i], nulls_[k]));
        }
        st.alloc();
        st.prepare(sql);
        st.define_and_bind();
    }

    // Takes the values of `other`, which binds the same kinds in the same order, into this
    // one's slots, so that a statement prepared with these binds runs with those values.
    // False (and nothing changed) when the two do not line up.
    bool overwrite(const Binds& other) {
        if (other.order_.size() != order_.size()) return false;
        for (std::size_t k = 0; k < order_.size(); ++k)
            if (order_[k].first != other.order_[k].first) return false;
        for (std::size_t k = 0; k < order_.size(); ++k) {
            auto [is_text, i] = order_[k];
            auto j = other.order_[k].second;
            if (is_text)
                texts_[i] = other.texts_[j];
            else
                nums_[i] = other.nums_[j];
            nulls_[k] = other.nulls_[k];
        }
        return true;
    }

    // The values as text in bind order, for libpq; a null one as nullptr. `numbers` keeps
    // the numbers' text alive while `out` points into it.
    void as_text(std::vector<std::string>& numbers, std::vector<const char*>& out) const {
        numbers.clear();
        numbers.reserve(order_.size());
        out.clear();
        for (std::size_t k = 0; k < order_.size(); ++k) {
            auto [is_text, i] = order_[k];
            if (nulls_[k] == soci::i_null) {
                out.push_back(nullptr);
            } else if (is_text) {
                out.push_back(texts_[i].c_str());
            } else {
                numbers.push_back(std::to_string(nums_[i]));
                out.push_back(nullptr); // set below, once `numbers` no longer moves
            }
        }
        std::size_t n = 0;
        for (std::size_t k = 0; k < order_.size(); ++k)
            if (!order_[k].first && nulls_[k] != soci::i_null) out[k] = numbers[n++].c_str();
    }

    // Adds the values of `other` after these, for SQL whose text puts its piece last.
    void append(const Binds& other) {
        for (std::size_t k = 0; k < other.order_.size(); ++k) {
            auto [is_text, i] = other.order_[k];
            if (is_text)
                text(other.texts_[i]);
            else
                num(other.nums_[i]);
            nulls_.back() = other.nulls_[k];
        }
    }

private:
    template <typename T> void add(bool is_text, std::deque<T>& to, T v) {
        to.push_back(std::move(v));
        order_.push_back({is_text, to.size() - 1});
        nulls_.push_back(soci::i_ok);
    }

    std::deque<long long> nums_;
    std::deque<std::string> texts_;
    std::deque<soci::indicator> nulls_;
    std::vector<std::pair<bool, std::size_t>> order_; // true = text
};

} // namespace kd
