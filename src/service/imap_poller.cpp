// imap_poller.cpp: the three IMAP commands the poller needs, through libcurl: UID SEARCH
// UNSEEN, a fetch by UID (which marks the message seen), and UID STORE to unmark it.
#include "service/imap_poller.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <sstream>

namespace kd {
namespace {

std::size_t collect(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

// One IMAP request: `custom` is a command on the mailbox of `url` ("UID SEARCH UNSEEN"), or
// empty to fetch what `url` names. The answer's text, or the error in `error`.
std::optional<std::string> imap(const ImapMailbox& box, const std::string& url,
                                const std::string& custom, std::string& error) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), curl_easy_cleanup);
    if (!h) {
        error = "libcurl could not start";
        return std::nullopt;
    }
    std::string out;
    char why[CURL_ERROR_SIZE] = {0};
    CURL* c = h.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    if (!box.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, box.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, box.password.c_str());
    }
    if (!custom.empty()) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, custom.c_str());
    // The login never goes out in the clear: TLS (imaps://, or STARTTLS on imap://) is
    // required, except to a server on this machine (a local Dovecot, the tests').
    curl_easy_setopt(c, CURLOPT_USE_SSL, box.local() ? CURLUSESSL_TRY : CURLUSESSL_ALL);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, why);
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        error = why[0] ? why : curl_easy_strerror(rc);
        return std::nullopt;
    }
    return out;
}

// The UIDs in "* SEARCH 3 7 12".
std::vector<std::string> uids_in(const std::string& answer) {
    std::vector<std::string> out;
    std::istringstream lines(answer);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("* SEARCH", 0) != 0) continue;
        std::istringstream words(line.substr(8));
        for (std::string w; words >> w;)
            if (w.find_first_not_of("0123456789") == std::string::npos) out.push_back(w);
    }
    return out;
}

std::string mailbox_url(const std::string& url) {
    return url.back() == '/' ? url.substr(0, url.size() - 1) : url;
}

// The URL as it may be logged: without a password in its userinfo.
std::string shown(const std::string& url) {
    auto scheme = url.find("://");
    auto at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return url;
    return url.substr(0, scheme + 3) + url.substr(at + 1);
}

} // namespace

std::optional<ImapMailbox> parse_imap_mailbox(const std::string& text, bool confidential) {
    auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    ImapMailbox box{text.substr(0, eq), text.substr(eq + 1), confidential, "", ""};
    if (box.url.rfind("imap://", 0) != 0 && box.url.rfind("imaps://", 0) != 0) return std::nullopt;
    return box;
}

ImapRun ImapPoller::poll(Instant now) {
    ImapRun run;
    for (const auto& box : mailboxes_) {
        const OrganisationContext* org = orgs_.find(box.organisation);
        if (!org) {
            run.errors.push_back(box.organisation + ": no such organisation");
            continue;
        }
        const std::string url = mailbox_url(box.url);
        std::string error;
        auto found = imap(box, url, "UID SEARCH UNSEEN", error);
        if (!found) {
            run.errors.push_back(shown(url) + ": " + error);
            continue;
        }
        for (const auto& uid : uids_in(*found)) {
            auto raw = imap(box, url + "/;UID=" + uid, "", error);
            if (!raw) {
                run.errors.push_back(shown(url) + " UID " + uid + ": " + error);
                continue;
            }
            ++run.fetched;
            // A storage fault that throws is as "not stored": unseen again, read next time.
            Outcome<MailIn> taken = Refusal("storage", "", "", "", RefusalKind::unavailable);
            try {
                taken = inbox_.receive(*org, *raw, box.confidential, now);
            } catch (const std::exception& e) {
                run.errors.push_back(shown(url) + " UID " + uid + ": " + e.what());
            }
            if (taken || taken.refusal().kind != RefusalKind::unavailable) {
                // Kept, or no message at all (logged): either way not to be read again.
                if (taken)
                    ++run.taken;
                else
                    spdlog::warn("mail in ({}): UID {} is no message: {}", shown(url), uid,
                                 taken.refusal().message_en);
                continue;
            }
            // Fetching marked it seen; unmarked, the next run reads it again (and a message
            // stored after all is kept once: its Message-ID is known).
            ++run.retry;
            if (!imap(box, url, "UID STORE " + uid + " -FLAGS (\\Seen)", error))
                run.errors.push_back(shown(url) + " UID " + uid + ": " + error);
        }
    }
    return run;
}

std::unique_ptr<PeriodicJob> start_imap_poller(ImapPoller& poller, const Clock& clock) {
    return std::make_unique<PeriodicJob>(
        "imap", std::chrono::seconds{0}, std::chrono::minutes{1},
        [&poller, &clock](const std::stop_token&) {
            ImapRun r = poller.poll(clock.now());
            for (const auto& e : r.errors)
                spdlog::warn("mail in: {}", e);
            if (r.fetched > 0)
                spdlog::info("mail in: {} message(s) read, {} taken in, {} to try again", r.fetched,
                             r.taken, r.retry);
        });
}

} // namespace kd
