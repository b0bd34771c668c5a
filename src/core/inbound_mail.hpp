// inbound_mail.hpp: mail that comes in to an organisation's complaints address (issue 12), as
// klachtdesk reads it once a MIME library has taken it apart: whether a person wrote it or
// a machine (an auto-reply, a bounce, a loop), and which case it answers.
#pragma once

#include "core/instant.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kd {

struct MailFile {
    std::string file_name; // as the sender named it; may be empty
    std::string bytes;
};

// A message as it came in, decoded: headers in UTF-8, the text as plain UTF-8 text.
struct InboundMessage {
    std::string from_name, from_address;
    std::vector<std::string> to; // the addresses of To and Cc
    std::string subject;
    std::optional<Instant> date;        // its Date header, if it has a valid one
    std::string message_id;             // without < >; empty when it has none
    std::vector<std::string> refers_to; // In-Reply-To and References, without < >
    std::string text;                   // the plain text part (or the HTML one, as text)
    std::vector<MailFile> files;        // its attachments, attached messages included

    // What tells whether a person or a machine sent it.
    std::string auto_submitted;      // "no", "auto-replied", "auto-generated", ...
    std::string precedence;          // "bulk", "junk", "list", "auto_reply"
    std::string content_type;        // of the whole message: "multipart/report", ...
    std::string return_path;         // "<>" for a bounce
    bool autoreply_header = false;   // X-Autoreply or X-Autorespond
    bool list_header = false;        // List-Id or List-Unsubscribe: a mailing list
    int received_headers = 0;        // how many hops it took
    bool sent_by_klachtdesk = false; // it carries klachtdesk's own loop header
};

// Why this message is not a person writing: a bounce, an auto-reply, a mailing list, a loop;
// nullopt when a person wrote it. `own_addresses`: the addresses klachtdesk sends from and
// receives on, from which a message is always a loop.
std::optional<std::string> machine_sent(const InboundMessage& m,
                                        const std::vector<std::string>& own_addresses);

// The reference of one of the organisation's cases named in `subject`, like "004-00017" in
// "Re: Uw klacht is afgehandeld (004-00017)"; nullopt when it names none.
std::optional<std::string> reference_in(std::string_view subject, std::string_view org_code);

// When a message counts as received, for the terms that run from receipt: its Date header
// when that is plausible (at most a week before it came in, not after), else when it came in:
// a sender's clock, or a forged date, must not move a legal term.
Instant moment_of_receipt(std::optional<Instant> date_header, Instant came_in);

// "klachten@example.nl" out of "Klachtdesk <klachten@example.nl>".
std::string address_of(std::string_view mailbox);

// An address as compared: lower case, without spaces.
std::string fold_address(std::string_view address);

} // namespace kd
