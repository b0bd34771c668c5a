// mail_commands.cpp: `klachtdesk mailgate`: one message on standard input, for an MTA's pipe
// alias (as RT's rt-mailgate); its exit code tells the MTA what to do with the message.
#include "app/commands.hpp"

#include <iostream>
#include <iterator>
#include <sstream>

namespace kd {

// sysexits.h: what Postfix, Exim and sendmail understand from a pipe's exit code.
constexpr int kExDataErr = 65;  // not a message: bounced to the sender
constexpr int kExNoUser = 67;   // no such organisation: bounced
constexpr int kExTempFail = 75; // could not be stored now: the MTA tries again later

int cmd_mailgate(Runtime& rt, const std::string& org_name, bool confidential) {
    const OrganisationContext* org = rt.services().organisations.find(org_name);
    if (!org) {
        std::cerr << "klachtdesk mailgate: no organisation '" << org_name << "'\n";
        return kExNoUser;
    }
    std::ostringstream in;
    in << std::cin.rdbuf();
    const std::string raw = in.str();
    auto r = rt.services().inbound_mail.receive(*org, raw, confidential, rt.services().clock.now());
    if (!r) {
        const Refusal& no = r.refusal();
        std::cerr << "klachtdesk mailgate: " << no.message_en << "\n";
        return no.kind == RefusalKind::unavailable ? kExTempFail : kExDataErr;
    }
    const MailIn& m = r.value();
    if (m.outcome == "duplicate")
        std::cerr << "klachtdesk mailgate: this message was taken in before; kept once\n";
    else if (m.outcome == "ignored")
        std::cerr << "klachtdesk mailgate: message " << m.id << " kept, not for staff: " << m.reason
                  << "\n";
    else if (m.outcome == "joined")
        std::cerr << "klachtdesk mailgate: message " << m.id << " joined case " << *m.complaint_id
                  << "\n";
    else
        std::cerr << "klachtdesk mailgate: message " << m.id
                  << " waits in the inbox for staff to register it\n";
    return 0;
}

} // namespace kd
