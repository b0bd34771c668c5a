// mail_fixture.hpp: a real SMTP server for the mail tests (Debian's python3-aiosmtpd, started
// on a free port and stopped after), and reading what it received.
#pragma once

#include "api_fixture.hpp"
#include "service/outgoing_mail.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace kd::it {

// An SMTP server that keeps every message it accepts in a Maildir.
class SmtpCatcher {
public:
    // `delay`: seconds the server waits before it answers each message (0: aiosmtpd as is).
    explicit SmtpCatcher(double delay = 0) : port_(kd::testing::free_port()), delay_(delay) {
        dir_ = std::filesystem::temp_directory_path() /
               ("klachtdesk-smtp-" + std::to_string(::getpid()) + "-" + std::to_string(port_));
        std::filesystem::remove_all(dir_);
    }
    ~SmtpCatcher() {
        stop();
        std::filesystem::remove_all(dir_);
    }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    void start() {
        std::string listen = "127.0.0.1:" + std::to_string(port_), dir = dir_.string();
        // Debian's own python3, which has the aiosmtpd package (scripts/setup installs it).
        std::vector<std::string> args = {
            "/usr/bin/python3",          "-m", "aiosmtpd", "-n", "-l", listen, "-c",
            "aiosmtpd.handlers.Mailbox", dir};
        if (delay_ > 0)
            args = {"/usr/bin/python3", kd::testing::source_path("tests/integration/slow_smtp.py"),
                    std::to_string(port_), dir, std::to_string(delay_)};
        pid_ = kd::testing::start_process(args, port_);
        ASSERT_GT(pid_, 0) << "aiosmtpd did not start on " << listen;
    }
    void stop() { kd::testing::stop_process(pid_); }
    // Every message received so far, as its text.
    std::vector<std::string> messages() const {
        std::vector<std::string> out;
        for (const char* sub : {"new", "cur"}) {
            auto d = dir_ / sub;
            if (!std::filesystem::exists(d)) continue;
            for (const auto& f : std::filesystem::directory_iterator(d)) {
                std::ifstream in(f.path(), std::ios::binary);
                std::stringstream text;
                text << in.rdbuf();
                out.push_back(text.str());
            }
        }
        return out;
    }
    // The messages that mention `needle` (a reference, a Message-ID).
    std::vector<std::string> about(const std::string& needle) const {
        std::vector<std::string> out;
        for (auto& m : messages())
            if (m.find(needle) != std::string::npos) out.push_back(m);
        return out;
    }

private:
    unsigned short port_;
    double delay_ = 0;
    std::filesystem::path dir_;
    pid_t pid_ = 0;
};

inline SmtpSettings settings_for(const SmtpCatcher& smtp) {
    return {smtp.url(), "Klachtdesk Xs2more <klachten@xs2more.example>", "", "", false};
}

// Sends until nothing is due at `now` (other tests queue mails too).
inline void send_all(MailSender& sender, Instant now) {
    for (int i = 0; i < 50; ++i) {
        SendRun r = sender.send_due(now);
        if (r.sent + r.retried + r.failed == 0) return;
    }
}

// A header's value, unfolded (a long Subject may be stored over several lines).
inline std::string header(const std::string& message, const std::string& name) {
    auto at = message.find("\n" + name + ": ");
    if (at == std::string::npos) return "";
    std::string value;
    std::istringstream lines(message.substr(at + name.size() + 3));
    std::string line;
    // Unfolding removes the line break only (RFC 5322, 2.2.3): the white space stays.
    for (bool first = true; std::getline(lines, line); first = false) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!first && (line.empty() || (line[0] != ' ' && line[0] != '\t'))) break;
        value += line;
    }
    return value;
}

} // namespace kd::it
