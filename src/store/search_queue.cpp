// search_queue.cpp: the full-text index follows the complaints through a queue table that the
// triggers fill (migration 25); see search_queue.hpp.
#include "store/search_queue.hpp"

namespace kd {

const std::array<std::string, 3>& search_index_update() {
    static const std::array<std::string, 3> statements = [] {
        const std::string cols =
            "reference, complainant_name, complainant_email, category, description";
        std::string current;
        for (const char* c :
             {"reference", "complainant_name", "complainant_email", "category", "description"})
            current += std::string(", c.") + c;
        return std::array<std::string, 3>{
            // An external-content index forgets a row only when told the text it indexed,
            // which is what the queue kept of the first change.
            "INSERT INTO complaints_search (complaints_search, rowid, " + cols +
                ") SELECT 'delete', id, " + cols + " FROM complaints_search_queue WHERE indexed",
            "INSERT INTO complaints_search (rowid, " + cols + ") SELECT c.id" + current +
                " FROM complaints_search_queue q JOIN complaints c ON c.id = q.id",
            "DELETE FROM complaints_search_queue",
        };
    }();
    return statements;
}

} // namespace kd
