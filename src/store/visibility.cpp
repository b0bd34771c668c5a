// visibility.cpp: can_see as SQL. Placeholders are bound in the order they are appended.
#include "store/visibility.hpp"

namespace kd {

std::string visible_to(const Viewer& v, const std::string& c, Binds& b) {
    // Placeholders are bound in the order they are appended, so each piece is appended in
    // its own statement (the operands of one + have no evaluation order).
    std::string sql;
    auto me = [&] {
        b.num(v.staff_id);
        sql += ":me" + std::to_string(b.size());
    };
    auto handler = [&] {
        sql += c + ".handler_id = ";
        me();
    };
    auto granted = [&] {
        sql += "EXISTS (SELECT 1 FROM complaint_access ca WHERE ca.complaint_id = " + c +
               ".id AND ca.staff_id = ";
        me();
        sql += ")";
    };
    // An involved employee never sees the case about them.
    sql += "(NOT EXISTS (SELECT 1 FROM complaint_involved ci WHERE ci.complaint_id = " + c +
           ".id AND ci.staff_id = ";
    me();
    sql += ") AND ";
    // A confidential case: only its confidant (the handler) and whom they added; an open
    // case also the register's roles, or whoever registered it.
    if (sees_all_open_cases(v)) {
        sql += "(" + c + ".confidential = 0 OR ";
        handler();
        sql += " OR ";
        granted();
        sql += ")";
    } else if (v.employee || v.handler || v.confidant) {
        sql += "(";
        handler();
        sql += " OR (" + c + ".confidential = 0 AND " + c + ".registered_by = ";
        me();
        sql += ") OR ";
        granted();
        sql += ")";
    } else {
        granted();
    }
    return sql + ")";
}

} // namespace kd
