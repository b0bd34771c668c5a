// accounts.hpp: managing staff accounts: adding one, changing roles or name or whether it
// is active, and passwords. Every change is one write with its audit event (subject "staff").
#pragma once

#include "core/outcome.hpp"
#include "service/auth.hpp"
#include "store/database.hpp"
#include "store/records.hpp"
#include "store/writer.hpp"

#include <optional>
#include <string>

namespace kd {

struct AccountChange {
    std::optional<std::string> name;
    std::optional<std::string> roles;
    std::optional<bool> active;
    std::optional<std::string> job_title;
    std::optional<Language> language;
};

class AccountService {
public:
    AccountService(Database& db, Writer& writer, Authenticator& auth)
        : db_(db), writer_(writer), auth_(auth) {}

    // Account management is the admin's and management's, within their own organisation; an
    // actor without a viewer (staff_id 0) is the command line, and the organisation's system
    // actor signs. No one changes their own roles, and the roles that open complaints to
    // their holder (coordinator, management, auditor, confidant) are granted by management
    // (or on the command line), never by an admin alone (docs/access.md). Deactivating an
    // account or setting its password ends its sessions.
    Outcome<StaffMember> add(long long organisation_id, StaffMember m, const std::string& password,
                             const Actor& actor, Instant now);
    Outcome<StaffMember> change(long long organisation_id, long long staff_id,
                                const AccountChange& change, const Actor& actor, Instant now);
    Outcome<Done> set_password(long long organisation_id, long long staff_id,
                               const std::string& password, const Actor& actor, Instant now);
    // A person changes their own password, proving the current one first (limited like
    // logging in). Every session of theirs ends; the caller starts a new one for them.
    Outcome<Done> change_own_password(const StaffMember& me, const std::string& current_password,
                                      const std::string& new_password, const Actor& actor,
                                      Instant now);

    std::vector<StaffMember> staff(long long organisation_id) { return db_.staff(organisation_id); }

    // "employee,handler": each known, none twice; nullopt when valid, else why not.
    static std::optional<Refusal> check_roles(const std::string& roles);

private:
    Database& db_;
    Writer& writer_;
    Authenticator& auth_;
};

} // namespace kd
