// search_words.cpp: the SQL functions that give SQLite's register index its words, prefixed
// by organisation; see search_words.hpp and migration 26.
#include "store/search_words.hpp"

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h> // declares SQLite's API inside namespace sqlite_api

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

namespace {

namespace sq = sqlite_api;
using sq::sqlite3_destructor_type; // named by SQLITE_TRANSIENT

// One unicode61 tokenizer, as the index is told to use, for one connection.
class Tokenizer {
public:
    explicit Tokenizer(sq::sqlite3* db) {
        sq::fts5_api* fts5 = nullptr;
        sq::sqlite3_stmt* st = nullptr;
        if (sq::sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, nullptr) == SQLITE_OK) {
            sq::sqlite3_bind_pointer(st, 1, static_cast<void*>(&fts5), "fts5_api_ptr", nullptr);
            sq::sqlite3_step(st);
        }
        sq::sqlite3_finalize(st);
        void* user = nullptr;
        if (!fts5 || fts5->xFindTokenizer(fts5, "unicode61", &user, &api_) != SQLITE_OK)
            throw std::runtime_error("this SQLite has no FTS5 unicode61 tokenizer");
        const char* args[] = {"remove_diacritics", "2"};
        if (api_.xCreate(user, args, 2, &tokenizer_) != SQLITE_OK)
            throw std::runtime_error("cannot create FTS5's unicode61 tokenizer");
    }
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;
    ~Tokenizer() { api_.xDelete(tokenizer_); }

    // The tokens of a text, in order.
    bool tokens(std::string_view text, std::vector<std::string>& out) {
        // Called from SQLite's C code, which no exception may cross.
        auto add = [](void* to, int, const char* token, int size, int, int) noexcept {
            try {
                static_cast<std::vector<std::string>*>(to)->emplace_back(
                    token, static_cast<std::size_t>(size));
                return SQLITE_OK;
            } catch (...) {
                return SQLITE_NOMEM;
            }
        };
        return api_.xTokenize(tokenizer_, &out, FTS5_TOKENIZE_DOCUMENT, text.data(),
                              static_cast<int>(text.size()), add) == SQLITE_OK;
    }

private:
    sq::fts5_tokenizer api_{};
    sq::Fts5Tokenizer* tokenizer_ = nullptr;
};

std::string_view text_of(sq::sqlite3_value* v) {
    const auto* p = reinterpret_cast<const char*>(sq::sqlite3_value_text(v));
    return p ? std::string_view(p, static_cast<std::size_t>(sq::sqlite3_value_bytes(v)))
             : std::string_view();
}

// The organisation's prefix: `_` is a token character of the index (migration 26) and never
// one of a word's tokens, so "5_" + "04" and "50_" + "4" stay apart.
std::string prefix_of(sq::sqlite3_value* organisation) {
    return std::to_string(sq::sqlite3_value_int64(organisation)) + "_";
}

void search_text(sq::sqlite3_context* ctx, int argc, sq::sqlite3_value** argv) {
    if (argc < 1)
        return sq::sqlite3_result_error(ctx, "kd_search_text: the organisation comes first", -1);
    auto* tokenizer = static_cast<Tokenizer*>(sq::sqlite3_user_data(ctx));
    const std::string prefix = prefix_of(argv[0]);
    std::vector<std::string> tokens;
    for (int i = 1; i < argc; ++i) {
        if (sq::sqlite3_value_type(argv[i]) == SQLITE_NULL) continue;
        if (!tokenizer->tokens(text_of(argv[i]), tokens))
            return sq::sqlite3_result_error(ctx, "kd_search_text: the tokenizer failed", -1);
    }
    std::string out;
    for (const auto& t : tokens)
        out += (out.empty() ? "" : " ") + prefix + t;
    sq::sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

void search_match(sq::sqlite3_context* ctx, int argc, sq::sqlite3_value** argv) {
    if (argc < 1)
        return sq::sqlite3_result_error(ctx, "kd_search_match: the organisation comes first", -1);
    auto* tokenizer = static_cast<Tokenizer*>(sq::sqlite3_user_data(ctx));
    const std::string prefix = prefix_of(argv[0]);
    std::vector<std::string> phrases;
    for (int i = 1; i < argc; ++i) {
        std::vector<std::string> tokens;
        if (!tokenizer->tokens(text_of(argv[i]), tokens))
            return sq::sqlite3_result_error(ctx, "kd_search_match: the tokenizer failed", -1);
        if (tokens.empty()) continue;
        // A word the tokenizer splits ("a’b") stays one phrase: its parts next to each other.
        std::string phrase = "\"";
        for (std::size_t k = 0; k < tokens.size(); ++k)
            phrase += (k ? " " : "") + prefix + tokens[k];
        phrases.push_back(phrase + "\"");
    }
    if (phrases.empty()) return sq::sqlite3_result_null(ctx);
    std::string out;
    for (const auto& p : phrases)
        out += (out.empty() ? "" : " ") + p;
    out += "*"; // the last word also as the start of a longer one, as people type
    sq::sqlite3_result_text(ctx, out.data(), static_cast<int>(out.size()), SQLITE_TRANSIENT);
}

// What SQLite calls: the function, with no exception (only running out of memory can throw)
// crossing SQLite's C code.
template <void (*Function)(sq::sqlite3_context*, int, sq::sqlite3_value**)>
void guarded(sq::sqlite3_context* ctx, int argc, sq::sqlite3_value** argv) noexcept {
    try {
        Function(ctx, argc, argv);
    } catch (...) {
        sq::sqlite3_result_error_nomem(ctx);
    }
}

void add(sq::sqlite3* db, const char* name,
         void (*fn)(sq::sqlite3_context*, int, sq::sqlite3_value**)) {
    // SQLite owns the tokenizer from here on, and deletes it with the connection (or at once
    // when the function cannot be added). A view of migration 26 calls kd_search_text, so it
    // is marked innocuous: allowed outside direct SQL.
    auto* tokenizer = new Tokenizer(db);
    int rc = sq::sqlite3_create_function_v2(
        db, name, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, tokenizer, fn, nullptr,
        nullptr, [](void* p) { delete static_cast<Tokenizer*>(p); });
    if (rc != SQLITE_OK) throw std::runtime_error(std::string("cannot add SQL function ") + name);
}

} // namespace

void add_search_functions(soci::session& sqlite) {
    auto* db = static_cast<soci::sqlite3_session_backend*>(sqlite.get_backend())->conn_;
    add(db, "kd_search_text", guarded<search_text>);
    add(db, "kd_search_match", guarded<search_match>);
}

} // namespace kd
