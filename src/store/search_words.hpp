// search_words.hpp: the words of SQLite's full-text index of the register, each prefixed by
// its organisation, so that a search reads only its own organisation's part of the index.
#pragma once

namespace soci {
class session;
}

namespace kd {

// Adds two SQL functions to a SQLite connection (migration 26 and the register use them):
//   kd_search_text(organisation_id, text...) -> "5_loonstrook 5_te 5_laat ...": the words of
//     the texts as FTS5's unicode61 tokenizer reads them (lower case, accents removed), each
//     prefixed by the organisation; NULL texts are skipped.
//   kd_search_match(organisation_id, word...) -> `"5_loon" "5_week"*`: an FTS5 query for those
//     words, the last also as the start of a longer word; NULL when no word holds a letter or
//     digit.
// Both sides go through the same tokenizer, so a word glued by a curly quote or a dash is
// found the way it was indexed.
void add_search_functions(soci::session& sqlite);

} // namespace kd
