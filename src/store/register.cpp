// register.cpp: the register query: filters, what the reader may see, full-text search on the
// database's own index (SQLite FTS5, PostgreSQL tsvector), and keyset paging, so that any page
// and any search costs about the same at a million complaints as at a hundred.
#include "core/names.hpp"
#include "store/complaint_rows.hpp"
#include "store/database.hpp"
#include "store/visibility.hpp"

#include <soci/soci.h>

#include <charconv>

namespace kd {
namespace {

// How a cursor names its sort order (the API's sort parameter has its own spellings).
constexpr NameOf<ComplaintSort> kCursorSortNames[] = {
    {ComplaintSort::received_desc, "received_desc"},
    {ComplaintSort::received_asc, "received_asc"},
    {ComplaintSort::due_asc, "due_asc"},
    {ComplaintSort::reference_asc, "reference_asc"},
};

std::optional<long long> whole(std::string_view s) {
    long long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// The words of a search: runs of letters and digits (any byte of a multi-byte UTF-8
// character counts as a letter), ASCII lower-cased; at most ten.
std::vector<std::string> search_words(const std::string& text) {
    std::vector<std::string> words;
    std::string w;
    auto flush = [&] {
        if (!w.empty() && words.size() < 10) words.push_back(w);
        w.clear();
    };
    for (char ch : text) {
        auto u = static_cast<unsigned char>(ch);
        if (std::isalnum(u) || u >= 0x80)
            w += static_cast<char>(std::tolower(u));
        else
            flush();
    }
    flush();
    return words;
}

// Each word must occur, the last one also as the start of a longer word (as people type):
// `'loon' & 'week':*`. A prefix on every word would merge the lists of every word that starts
// alike, for each word. The words hold only letters and digits. PostgreSQL; SQLite's query
// is built by kd_search_match (store/search_words.cpp) from the same words.
std::string tsquery(const std::vector<std::string>& words) {
    std::string q;
    for (std::size_t i = 0; i < words.size(); ++i)
        q += (q.empty() ? "'" : " & '") + words[i] + (i + 1 == words.size() ? "':*" : "'");
    return q;
}

// The FTS5 query for the words in the organisation's part of SQLite's index; empty when no
// word has anything the index holds.
std::string fts5_query(soci::session& s, long long organisation_id,
                       const std::vector<std::string>& words) {
    Binds b;
    b.num(organisation_id);
    std::string call = "SELECT kd_search_match(:o";
    for (const auto& w : words) {
        call += ", :w" + std::to_string(b.size());
        b.text(w);
    }
    call += ")";
    std::string match;
    soci::indicator ind = soci::i_null;
    soci::statement st(s);
    st.exchange(soci::into(match, ind));
    b.prepare(st, call);
    st.execute(true);
    return ind == soci::i_ok ? match : "";
}

} // namespace

std::optional<ComplaintSort> complaint_sort_from_name(const std::string& name) {
    if (name == "-received_at" || name == "received_at_desc") return ComplaintSort::received_desc;
    if (name == "received_at") return ComplaintSort::received_asc;
    if (name == "next_due_at") return ComplaintSort::due_asc;
    if (name == "reference") return ComplaintSort::reference_asc;
    return std::nullopt;
}

std::string RegisterCursor::to_string() const {
    std::string key =
        sort == ComplaintSort::reference_asc ? text : std::to_string(number.value_or(0));
    return std::string(name_in(kCursorSortNames, sort)) + "." + key + "." + std::to_string(id);
}

std::optional<RegisterCursor> RegisterCursor::parse(const std::string& s) {
    auto first = s.find('.'), last = s.rfind('.');
    if (first == std::string::npos || first == last) return std::nullopt;
    std::string sort = s.substr(0, first), key = s.substr(first + 1, last - first - 1);
    RegisterCursor c;
    auto id = whole(std::string_view(s).substr(last + 1));
    if (!id || *id <= 0 || key.empty() || key.size() > 40) return std::nullopt;
    c.id = *id;
    auto named = value_in(kCursorSortNames, sort);
    if (!named) return std::nullopt;
    c.sort = *named;
    if (c.sort == ComplaintSort::reference_asc) {
        c.text = key;
    } else {
        c.number = whole(key);
        if (!c.number) return std::nullopt;
    }
    return c;
}

ComplaintPage Database::list(const ComplaintQuery& q) {
    soci::session s(*pool_);
    // The due moment comes last, after the complaint's own columns, for the cursor.
    std::string sql = "SELECT " + complaint_columns() +
                      ", c.next_due_at FROM complaints c WHERE c.organisation_id = :o";
    Binds b;
    b.num(q.organisation_id);
    auto param = [&] { return ":p" + std::to_string(b.size()); };
    std::optional<std::string> postgres_search;
    if (!q.states.empty()) {
        sql += " AND c.state IN (";
        for (std::size_t i = 0; i < q.states.size(); ++i) {
            sql += (i ? ", " : "") + param();
            b.text(state_name(q.states[i]));
        }
        sql += ")";
    }
    if (q.category) {
        sql += " AND c.category = " + param();
        b.text(*q.category);
    }
    if (q.handler_id) {
        sql += " AND c.handler_id = " + param();
        b.num(*q.handler_id);
    }
    // Who may see a case comes last in the statement, with its own values, so that a
    // PostgreSQL search can ask it only of the rows that hold the words (below).
    std::string visibility;
    Binds visibility_binds;
    if (q.viewer) visibility = " AND " + visible_to(*q.viewer, "c", visibility_binds);
    if (q.overdue) {
        sql += " AND c.next_due_at < " + param();
        b.num(to_epoch(q.now));
    }
    if (q.received_from) {
        sql += " AND c.received_at >= " + param();
        b.num(to_epoch(*q.received_from));
    }
    if (q.received_until) {
        sql += " AND c.received_at < " + param();
        b.num(to_epoch(*q.received_until));
    }
    if (!q.text.empty()) {
        auto words = search_words(q.text);
        if (words.empty()) return {}; // nothing searchable (only punctuation): nothing found
        if (backend_ == Backend::sqlite) {
            std::string match = fts5_query(s, q.organisation_id, words);
            if (match.empty()) return {};
            // SQLite's planner cannot tell how many rows a MATCH finds, and walks the register
            // checking each against it. When it finds few, the rows themselves are asked for.
            std::vector<long long> found;
            constexpr std::size_t kFew = 2000;
            {
                soci::rowset<soci::row> rs =
                    (s.prepare << "SELECT rowid FROM complaints_search WHERE complaints_search "
                                  "MATCH :m LIMIT " +
                                      std::to_string(kFew + 1),
                     soci::use(match));
                for (const soci::row& r : rs)
                    found.push_back(number_at(r, 0).value_or(0));
            }
            if (found.empty()) return {};
            if (found.size() <= kFew) {
                std::string ids; // numbers read from the index, so they go in as text
                for (long long id : found)
                    ids += (ids.empty() ? "" : ", ") + std::to_string(id);
                sql += " AND c.id IN (" + ids + ")";
                // Fetch those rows by id and sort them, rather than walk the register's index
                // in order checking each row against the list (SQLite's choice otherwise).
                const std::string head = "WHERE c.organisation_id";
                sql.replace(sql.find(head), head.size(), "WHERE +c.organisation_id");
            } else {
                sql += " AND c.id IN (SELECT rowid FROM complaints_search WHERE "
                       "complaints_search MATCH " +
                       param() + ")";
                b.text(match);
            }
        } else {
            postgres_search = tsquery(words); // the last condition, see below
        }
    }
    if (const auto& a = q.after) {
        // The rows after the cursor's row in the page's order.
        auto key = [&] {
            std::string p = param();
            if (a->sort == ComplaintSort::reference_asc)
                b.text(a->text);
            else
                b.num(a->number.value_or(0));
            return p;
        };
        auto id = [&] {
            std::string p = param();
            b.num(a->id);
            return p;
        };
        // Row values, so that both databases walk the index from the cursor on.
        switch (a->sort) {
        case ComplaintSort::received_desc:
            sql += " AND (c.received_at, c.id) < (" + key();
            sql += ", " + id() + ")";
            break;
        case ComplaintSort::received_asc:
            sql += " AND (c.received_at, c.id) > (" + key();
            sql += ", " + id() + ")";
            break;
        case ComplaintSort::due_asc:
            sql += " AND (c.next_due_at, c.id) > (" + key();
            sql += ", " + id() + ")";
            break;
        case ComplaintSort::reference_asc:
            sql += " AND c.reference > " + key();
            break;
        }
    }
    std::string order;
    switch (q.sort) {
    case ComplaintSort::received_desc:
        order = " ORDER BY c.received_at DESC, c.id DESC";
        break;
    case ComplaintSort::received_asc:
        order = " ORDER BY c.received_at, c.id";
        break;
    case ComplaintSort::due_asc:
        // Cases with nothing running carry kNothingDue, so they come last and the index on
        // (organisation, next_due_at) gives the order without sorting.
        order = " ORDER BY c.next_due_at, c.id";
        break;
    case ComplaintSort::reference_asc:
        order = " ORDER BY c.reference";
        break;
    }
    const std::string limit = " LIMIT " + std::to_string(q.limit + 1);
    ComplaintPage page;
    const std::size_t due_column = 2 + complaint_fields_count();
    RegisterCursor last{q.sort, std::nullopt, "", 0};
    auto select = [&](const std::string& statement) {
        page.has_more = false;
        page.items = select_complaints(
            s, b, statement, q.limit, &page.has_more, [&](const soci::row& r, const Complaint& c) {
                last.id = c.id;
                last.text = c.reference;
                last.number = q.sort == ComplaintSort::due_asc
                                  ? number_at(r, due_column)
                                  : std::optional(to_epoch(c.received_at));
            });
    };
    if (!postgres_search) {
        b.append(visibility_binds);
        select(sql + visibility + order + limit + " OFFSET " + std::to_string(q.offset));
    } else {
        // PostgreSQL cannot tell how many rows a search finds either, least of all for the
        // prefix of the last word, and guessed wrong both ways at 1M complaints: it walked the
        // whole register for a word found nowhere (0.6 s), and read the index of every
        // organisation for a common one (0.3 s). So first the page's order is walked for at
        // most kWalk rows, which finds a page of a common word (who may see a case is asked
        // only of the rows that hold the words); when that finds no full page, or the page is
        // asked by offset, the full-text index alone is asked, and the organisation is checked
        // per row it finds. The switches hold for the transaction: that statement and the
        // lists of the complaints it found.
        constexpr int kWalk = 1000;
        const std::string from = " FROM complaints c WHERE ";
        const auto at = sql.find(from);
        const std::string columns = sql.substr(0, at), where = sql.substr(at + from.size());
        // The lexemes of the query prefixed by the organisation, as the index holds them
        // (migration 27); the number is our own, so it goes in as text.
        const std::string search = " c.search @@ regexp_replace(to_tsquery('dutch', " + param() +
                                   ")::text, '''([^'']*)''', '''" +
                                   std::to_string(q.organisation_id) + "_\\1''', 'g')::tsquery";
        b.text(*postgres_search);
        b.append(visibility_binds);
        if (q.offset == 0)
            select(columns +
                   " FROM complaints c WHERE c.id IN (SELECT c.id FROM (SELECT c.id, "
                   "c.search FROM complaints c WHERE " +
                   where + order + " LIMIT " + std::to_string(kWalk) + ") c WHERE" + search + ")" +
                   visibility + order + limit);
        if (!page.has_more) {
            const std::string own = "c.organisation_id = ";
            std::string by_index = where;
            by_index.replace(by_index.find(own), own.size(), "c.organisation_id + 0 = ");
            soci::transaction only_bitmaps(s);
            s << "SET LOCAL enable_indexscan = off";
            s << "SET LOCAL enable_seqscan = off";
            // The costs of what is switched off would make PostgreSQL compile the statement
            // (JIT): 13 ms for a statement that runs in 0.1.
            s << "SET LOCAL jit = off";
            select(columns + from + by_index + " AND" + search + visibility + order + limit +
                   " OFFSET " + std::to_string(q.offset));
            only_bitmaps.commit();
        }
    }
    if (page.has_more) page.next = last;
    return page;
}

} // namespace kd
