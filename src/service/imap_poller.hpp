// imap_poller.hpp: mail in from a mailbox (issue 12): every minute each configured IMAP
// mailbox (libcurl) is asked for its unseen messages, and each is taken in as the mailgate
// takes one; a message that could not be stored is marked unseen again, to be tried next time.
#pragma once

#include "service/clock.hpp"
#include "service/inbound_mail.hpp"
#include "service/periodic_job.hpp"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace kd {

struct ImapMailbox {
    std::string organisation;  // slug or code
    std::string url;           // "imaps://mail.example.nl/INBOX", "imap://127.0.0.1:1143/INBOX"
    bool confidential = false; // the confidants' address (003)
    std::string user, password;

    // On this machine (127.0.0.1, ::1, localhost): the only mailboxes read without TLS.
    bool local() const {
        for (const char* host : {"://127.0.0.1", "://localhost", "://[::1]"}) {
            auto at = url.find(host);
            if (at == std::string::npos) continue;
            char next = url.size() > at + std::strlen(host) ? url[at + std::strlen(host)] : '/';
            if (next == ':' || next == '/') return true;
        }
        return false;
    }
};

// "xs2more=imaps://mail.example.nl/Klachten": one mailbox as configured; nullopt when it is
// not of that form.
std::optional<ImapMailbox> parse_imap_mailbox(const std::string& text, bool confidential);

struct ImapRun {
    int fetched = 0;                 // messages read from the mailboxes
    int taken = 0;                   // of those, kept (new, joined, ignored or a duplicate)
    int retry = 0;                   // not stored now; unseen again for the next run
    std::vector<std::string> errors; // per mailbox that could not be read, without passwords
};

class ImapPoller {
public:
    ImapPoller(InboundMailService& inbox, const Organisations& orgs,
               std::vector<ImapMailbox> mailboxes)
        : inbox_(inbox), orgs_(orgs), mailboxes_(std::move(mailboxes)) {}

    ImapRun poll(Instant now);
    bool empty() const { return mailboxes_.empty(); }

private:
    InboundMailService& inbox_;
    const Organisations& orgs_;
    std::vector<ImapMailbox> mailboxes_;
};

// The poller in the server: every minute, on its own thread, until destroyed.
std::unique_ptr<PeriodicJob> start_imap_poller(ImapPoller& poller, const Clock& clock);

} // namespace kd
