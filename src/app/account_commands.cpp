// account_commands.cpp: `klachtdesk user add|reset-password`: staff accounts from the command
// line, through the same service (and audit trail) as the API.
#include "app/commands.hpp"
#include "service/auth.hpp"
#include "service/passwords.hpp"

#include <iostream>

namespace kd {

namespace {

std::optional<std::string> read_new_password() {
    std::string pw;
    std::getline(std::cin, pw);
    if (auto why = weak_password(pw)) {
        std::cerr << "klachtdesk: " << *why << "\n";
        return std::nullopt;
    }
    return pw;
}

} // namespace

int cmd_user_add(Runtime& rt, const std::string& org, const std::string& email,
                 const std::string& name, const std::string& roles, const std::string& job_title) {
    const OrganisationContext* o = rt.services().organisations.find(org);
    if (!o) {
        std::cerr << "klachtdesk: no organisation " << org << "\n";
        return 1;
    }
    if (auto r = AccountService::check_roles(roles)) {
        std::cerr << "klachtdesk: " << r->message_nl << "\n";
        return 1;
    }
    if (rt.db().login_by_email(fold_email(email))) {
        std::cerr << "klachtdesk: an account with this e-mail address exists\n";
        return 1;
    }
    auto pw = read_new_password();
    if (!pw) return 1;
    AccountService& accounts = rt.services().accounts;
    StaffMember m{0, o->record.id, name, email, roles, false, true, job_title};
    auto made = accounts.add(o->record.id, m, *pw, Actor{0, "cli", std::nullopt},
                             rt.services().clock.now());
    if (!made) {
        std::cerr << "klachtdesk: " << made.refusal().message_nl << "\n";
        return 1;
    }
    std::cout << "account " << made.value().id << " added: " << email << " (" << roles << ") at "
              << o->record.name << "\n";
    return 0;
}

int cmd_user_reset(Runtime& rt, const std::string& email) {
    auto login = rt.db().login_by_email(fold_email(email));
    if (!login) {
        std::cerr << "klachtdesk: no account with this e-mail address\n";
        return 1;
    }
    auto pw = read_new_password();
    if (!pw) return 1;
    AccountService& accounts = rt.services().accounts;
    auto done = accounts.set_password(login->staff.organisation_id, login->staff.id, *pw,
                                      Actor{0, "cli", std::nullopt}, rt.services().clock.now());
    if (!done) {
        std::cerr << "klachtdesk: " << done.refusal().message_nl << "\n";
        return 1;
    }
    std::cout << "password of " << email << " changed\n";
    return 0;
}

} // namespace kd
