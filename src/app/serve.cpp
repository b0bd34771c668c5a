// serve.cpp: `klachtdesk serve`: the HTTP server, the daily retention job, the scheduler of
// reminders, the mail sender and the IMAP poller, until a signal.
#include "api/server.hpp"
#include "app/commands.hpp"
#include "service/outgoing_mail.hpp"
#include "service/reminders.hpp"
#include "service/retention.hpp"

#include <csignal>
#include <iostream>
#include <memory>

namespace kd {

int cmd_serve(Runtime& rt, unsigned short port, std::size_t workers, const std::string& web_root,
              const SmtpSettings& smtp, const std::vector<ImapMailbox>& mailboxes) {
    // main() blocked SIGINT and SIGTERM before any thread started (the writer starts with the
    // runtime), so every thread inherits the mask and only this sigwait receives them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    auto retention =
        start_retention_job(rt.services().complaints, rt.writer(), rt.services().clock);
    // Mails are queued with every change whether or not a server is set; they go out once
    // one is.
    MailSender sender(rt.writer(), smtp);
    std::unique_ptr<PeriodicJob> mail;
    if (!smtp.url.empty()) mail = start_mail_sender(sender, rt.services().clock);
    Reminders reminders(rt.services().complaints, rt.writer());
    auto scheduler = start_reminder_job(reminders, rt.services().clock);
    ImapPoller poller(rt.services().inbound_mail, rt.services().organisations, mailboxes);
    std::unique_ptr<PeriodicJob> imap;
    if (!poller.empty()) imap = start_imap_poller(poller, rt.services().clock);
    ServerOptions options;
    options.port = port;
    options.workers = workers;
    options.web_root = web_root;
    HttpServer server(rt.services(), options);
    std::cout << "klachtdesk " << KLACHTDESK_VERSION << " listening on http://127.0.0.1:" << port
              << " (database: " << rt.services().storage_name << ")" << std::endl;
    // Without a login that may be in the URL ("smtp://user:secret@host").
    std::string shown = smtp.url;
    if (auto at = shown.rfind('@'); at != std::string::npos)
        shown = shown.substr(0, shown.find("//") + 2) + shown.substr(at + 1);
    std::cout << (smtp.url.empty() ? std::string("klachtdesk: no SMTP server set "
                                                 "(KLACHTDESK_SMTP_URL): mails wait in the outbox")
                                   : "klachtdesk: mail goes out through " + shown)
              << std::endl;
    for (const auto& box : mailboxes)
        std::cout << "klachtdesk: mail in for " << box.organisation
                  << (box.confidential ? " (confidants)" : "") << " from an IMAP mailbox"
                  << std::endl;
    if (!server.serves_web())
        std::cout << "klachtdesk: no web UI in " << web_root
                  << " (run `npm ci && npm run build` in web/); serving the API only" << std::endl;
    int sig = 0;
    sigwait(&set, &sig);
    std::cout << "klachtdesk: stopping" << std::endl;
    // The server answers what it has and stops; the scheduler, the mail sender, the retention job
    // and then the runtime (writer, services, database) follow as they go out of scope.
    server.stop();
    return 0;
}

} // namespace kd
