// inbound_mail.hpp: mail in (issue 12): a message to an organisation's complaints address is
// kept once; a reply joins the case it answers, with its files; anything else waits for
// staff to register it as a complaint (channel e-mail, its files in the case file) or to
// dismiss it; a machine's message (auto-reply, bounce, loop) is kept as ignored.
#pragma once

#include "core/access.hpp"
#include "service/attachments.hpp"
#include "service/complaints.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kd {

// What became of a message handed in.
struct MailIn {
    std::string outcome; // "new", "joined", "ignored", "duplicate"
    long long id = 0;    // the kept message (0 for a duplicate)
    std::optional<long long> complaint_id;
    std::string reason; // why ignored
};

class InboundMailService {
public:
    InboundMailService(ComplaintService& complaints, AttachmentService& attachments)
        : complaints_(complaints), attachments_(attachments) {}

    // The addresses klachtdesk sends from (KLACHTDESK_MAIL_FROM): mail from them is a loop.
    std::vector<std::string> own_addresses;
    // Messages larger than this are refused (the MTA bounces them to the sender).
    std::size_t max_message_bytes = std::size_t{40} * 1024 * 1024;

    // Takes a message for `org`, as it came (RFC 5322 bytes). `confidential`: it came in on
    // the confidants' address (003), so only they see it. Refused (invalid) when it is no
    // message; unavailable when it could not be stored (the MTA tries again).
    Outcome<MailIn> receive(const OrganisationContext& org, std::string_view raw, bool confidential,
                            Instant now);

    // The messages of a status ("new" when empty) that `viewer` may see: coordinators and
    // management see the ordinary ones, confidants the confidential ones.
    Outcome<std::vector<InboundMailRecord>> list(const OrganisationContext& org,
                                                 const std::string& status, const Viewer& viewer);
    Outcome<InboundMailRecord> get(const OrganisationContext& org, long long id,
                                   const Viewer& viewer);

    // Registers message `id` as a complaint with the intake staff filled in from it (channel
    // e-mail): the complaint, the message as its written complaint and the message's files in
    // its case file, and the message settled, in one write.
    Outcome<SavedComplaint> register_complaint(const OrganisationContext& org, long long id,
                                               Intake intake, const Actor& actor, Instant now);
    // Not a complaint: settled with the reason, audited.
    Outcome<Done> dismiss(const OrganisationContext& org, long long id, const std::string& reason,
                          const Actor& actor, Instant now);

private:
    Outcome<InboundMailRecord> visible(const OrganisationContext& org, long long id,
                                       const Viewer& viewer);
    bool may_see(const OrganisationContext& org, const InboundMailRecord& m, const Viewer& viewer);

    ComplaintService& complaints_;
    AttachmentService& attachments_;
};

// Who may see a message that came in: confidential ones the confidants, others coordinators
// and management.
bool may_see_inbound(const Viewer& v, bool confidential);

} // namespace kd
