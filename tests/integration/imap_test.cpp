// imap_test.cpp: mail in from a real IMAP server (Debian's dovecot-imapd, with its own
// configuration on a free port of 127.0.0.1, started and stopped by the test): the mailbox's
// messages come in once, with their files; a mailbox that cannot be reached loses nothing.
#include "api_fixture.hpp"
#include "service/imap_poller.hpp"

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

extern char** environ;

using namespace kd;
using namespace kd::it;

namespace {

// A Dovecot with one mailbox, user "klachten", password "geheim", mail in a Maildir.
class Dovecot {
public:
    Dovecot() : port_(kd::testing::free_port()) {
        dir_ = std::filesystem::temp_directory_path() /
               ("klachtdesk-imap-" + std::to_string(::getpid()) + "-" + std::to_string(port_));
        std::filesystem::remove_all(dir_);
        for (const char* sub : {"run", "state", "home/klachten/Maildir/new",
                                "home/klachten/Maildir/cur", "home/klachten/Maildir/tmp"})
            std::filesystem::create_directories(dir_ / sub);
        // Run as root (CI), Dovecot drops to its own users; run as anyone else, it stays that
        // user throughout.
        std::string internal = "dovecot", login = "dovenull";
        if (::geteuid() != 0) {
            const passwd* me = ::getpwuid(::geteuid());
            internal = login = me ? me->pw_name : "nobody";
        }
        mail_user_ = internal;
        const std::string d = dir_.string();
        std::ofstream(dir_ / "passwd") << "klachten:{PLAIN}geheim\n";
        std::ofstream(dir_ / "dovecot.conf")
            << "base_dir = " << d << "/run\nstate_dir = " << d << "/state\nlog_path = " << d
            << "/dovecot.log\nprotocols = imap\nlisten = 127.0.0.1\nssl = no\n"
            << "disable_plaintext_auth = no\nauth_mechanisms = plain login\nfirst_valid_uid = 1\n"
            << "default_internal_user = " << internal
            << "\ndefault_internal_group = " << group_of(internal)
            << "\ndefault_login_user = " << login << "\n"
            << "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " << d
            << "/passwd\n}\nuserdb {\n  driver = static\n  args = uid=" << internal
            << " gid=" << group_of(internal) << " home=" << d << "/home/%u\n}\n"
            << "mail_location = maildir:~/Maildir\n"
            << "service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n"
            << "    port = " << port_ << "\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\n"
            << "service pop3-login {\n  inet_listener pop3 {\n    port = 0\n  }\n}\n";
        own_home();
    }
    ~Dovecot() {
        stop();
        std::filesystem::remove_all(dir_);
    }

    std::string url() const { return "imap://127.0.0.1:" + std::to_string(port_) + "/INBOX"; }

    void start() {
        pid_ = kd::testing::start_process(
            {"/usr/sbin/dovecot", "-F", "-c", (dir_ / "dovecot.conf").string()}, port_);
        ASSERT_GT(pid_, 0) << "dovecot did not start on port " << port_ << "; see "
                           << dir_ / "dovecot.log";
    }
    void stop() { kd::testing::stop_process(pid_); }

    // Puts a message into the mailbox as a delivery agent does (Maildir: written in tmp/,
    // then moved to new/).
    void deliver(const std::string& raw) {
        const std::string name = std::to_string(++delivered_) + ".klachtdesk-test";
        auto tmp = dir_ / "home/klachten/Maildir/tmp" / name;
        std::ofstream(tmp, std::ios::binary) << raw;
        std::filesystem::rename(tmp, dir_ / "home/klachten/Maildir/new" / name);
        own_home();
    }

private:
    static std::string group_of(const std::string& user) {
        const passwd* p = ::getpwnam(user.c_str());
        const group* g = p ? ::getgrgid(p->pw_gid) : nullptr;
        return g ? g->gr_name : user;
    }
    void own_home() {
        const passwd* p = ::getpwnam(mail_user_.c_str());
        if (!p || ::geteuid() != 0) return;
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir_ / "home"))
            (void)::chown(e.path().c_str(), p->pw_uid, p->pw_gid);
        (void)::chown((dir_ / "home").c_str(), p->pw_uid, p->pw_gid);
    }

    unsigned short port_;
    std::filesystem::path dir_;
    std::string mail_user_;
    pid_t pid_ = 0;
    int delivered_ = 0;
};

ImapMailbox mailbox_of(const Dovecot& d, const std::string& org) {
    return {org, d.url(), false, "klachten", "geheim"};
}

std::string with_file(const std::string& id, const std::string& subject) {
    return "From: Karin de Wit <karin@example.org>\r\nTo: klachten@example.nl\r\nSubject: " +
           subject + "\r\nMessage-ID: <" + id +
           ">\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"g\"\r\n\r\n"
           "--g\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDe factuur klopt niet.\r\n"
           "--g\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
           "filename=\"factuur.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           "JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9GCg==\r\n"
           "--g--\r\n";
}

std::vector<InboundMailRecord> with_subject(const std::string& org, const std::string& status,
                                            const std::string& subject) {
    const OrganisationContext& o = *world->services->organisations.find(org);
    std::vector<InboundMailRecord> out;
    for (auto& m : world->db->inbound_mails(o.record.id, status, 200))
        if (m.subject == subject) out.push_back(m);
    return out;
}

} // namespace

TEST_F(Api, AnImapMailboxsMessagesComeInOnceWithTheirFiles) {
    Dovecot dovecot;
    dovecot.start();
    const std::string org = "een-loket-mk";
    dovecot.deliver(with_file("imap-factuur@example.org", "Klacht over de factuur"));
    dovecot.deliver("From: karin@example.org\r\nSubject: Automatisch antwoord: afwezig\r\n"
                    "Auto-Submitted: auto-replied\r\nMessage-ID: <imap-auto@example.org>\r\n\r\n"
                    "Ik ben afwezig.\r\n");
    ImapPoller poller(world->services->inbound_mail, world->services->organisations,
                      {mailbox_of(dovecot, org)});
    ImapRun r = poller.poll(now());
    EXPECT_TRUE(r.errors.empty()) << r.errors.front();
    EXPECT_EQ(r.fetched, 2);
    EXPECT_EQ(r.taken, 2);
    auto fresh = with_subject(org, "new", "Klacht over de factuur");
    ASSERT_EQ(fresh.size(), 1u);
    EXPECT_EQ(fresh[0].files, 1);
    EXPECT_EQ(fresh[0].from_address, "karin@example.org");
    EXPECT_EQ(fresh[0].text, "De factuur klopt niet."); // the line break is the boundary's
    EXPECT_EQ(with_subject(org, "ignored", "Automatisch antwoord: afwezig").size(), 1u);
    // Read once: the next run finds nothing unseen.
    r = poller.poll(now());
    EXPECT_EQ(r.fetched, 0);
    EXPECT_EQ(with_subject(org, "new", "Klacht over de factuur").size(), 1u);
}

TEST_F(Api, AnImapMailboxThatCannotBeReachedLosesNothing) {
    Dovecot dovecot; // not started yet
    const std::string org = "een-loket-mk";
    dovecot.deliver(with_file("imap-later@example.org", "Klacht die later binnenkomt"));
    ImapPoller poller(world->services->inbound_mail, world->services->organisations,
                      {mailbox_of(dovecot, org)});
    ImapRun down = poller.poll(now());
    ASSERT_EQ(down.errors.size(), 1u);
    EXPECT_EQ(down.errors[0].find("geheim"), std::string::npos); // no password in the log
    EXPECT_EQ(down.fetched, 0);
    dovecot.start();
    ImapRun up = poller.poll(now());
    EXPECT_EQ(up.fetched, 1);
    EXPECT_EQ(with_subject(org, "new", "Klacht die later binnenkomt").size(), 1u);
}
