// satisfaction_links.cpp: the SQL of the satisfaction link: written with the resolution that
// sends it, answered once.
#include "store/database.hpp"
#include "store/row_values.hpp"

#include <soci/soci.h>

namespace kd {

void Transaction::insert_satisfaction_link(const std::string& token_digest,
                                           const SatisfactionLink& link) {
    long long created = to_epoch(link.created_at), expires = to_epoch(link.expires_at);
    sql() << "INSERT INTO satisfaction_links (token_digest, organisation_id, complaint_id, "
             "created_at, expires_at) VALUES (:t, :o, :c, :a, :e)",
        soci::use(token_digest), soci::use(link.organisation_id), soci::use(link.complaint_id),
        soci::use(created), soci::use(expires);
}

bool Transaction::answer_satisfaction_link(const std::string& token_digest, Instant at) {
    long long when = to_epoch(at);
    soci::statement st = (sql().prepare << "UPDATE satisfaction_links SET answered_at = :a WHERE "
                                           "token_digest = :t AND answered_at IS NULL",
                          soci::use(when), soci::use(token_digest));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::optional<SatisfactionLink> Database::satisfaction_link(long long organisation_id,
                                                            const std::string& token_digest) {
    soci::session s(*pool_);
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT organisation_id, complaint_id, created_at, expires_at, answered_at "
                      "FROM satisfaction_links WHERE token_digest = :t AND organisation_id = :o",
         soci::use(token_digest), soci::use(organisation_id));
    for (const soci::row& r : rs) {
        SatisfactionLink link{as_ll(r, 0), as_ll(r, 1), from_epoch(as_ll(r, 2)),
                              from_epoch(as_ll(r, 3)), std::nullopt};
        if (r.get_indicator(4) != soci::i_null) link.answered_at = from_epoch(as_ll(r, 4));
        return link;
    }
    return std::nullopt;
}

} // namespace kd
