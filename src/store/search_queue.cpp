// search_queue.cpp: the full-text index follows the complaints through a queue table that the
// triggers fill (migrations 25 and 26); see search_queue.hpp.
#include "store/search_queue.hpp"

namespace kd {

const std::array<std::string, 3>& search_index_update() {
    static const std::array<std::string, 3> statements = [] {
        return std::array<std::string, 3>{
            // The index forgets a row only when told the words it indexed: those of the text
            // the queue kept of the first change (the views of migration 26).
            "INSERT INTO complaints_search (complaints_search, rowid, words) SELECT 'delete', "
            "id, words FROM complaints_search_old_text",
            "INSERT INTO complaints_search (rowid, words) SELECT t.id, t.words FROM "
            "complaints_search_queue q JOIN complaints_search_text t ON t.id = q.id",
            "DELETE FROM complaints_search_queue",
        };
    }();
    return statements;
}

} // namespace kd
