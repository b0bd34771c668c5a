// chain_upgrade.hpp: the migrations of the audit chain itself: linking the events written
// before there was a chain (schema 2), and rewriting the chain of version 1 as version 2
// (schema 11). Both run once, inside their migration's transaction.
#pragma once

#include "core/instant.hpp"
#include "store/migrations.hpp"

namespace soci {
class session;
}

namespace kd {

// Schema 2: the events of schema 1 become the first links of their organisation's chain
// (version 1: hex digests, a prev_hash column).
void link_events_from_before_the_chain(soci::session& s, Backend backend);

// Schema 11: checks each organisation's chain of version 1, then writes every link again
// as version 2, with the state of each complaint on its newest event, and appends one
// "chain-upgrade" event that records how the version 1 chain was found (its head, whether
// it was intact) and vouches for the events redacted before.
void upgrade_chain_to_v2(soci::session& s, Backend backend, Instant now);

} // namespace kd
