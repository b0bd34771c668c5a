// inbound_mail.cpp: telling a person's mail from a machine's, the way RT and Zammad do (RFC
// 3834 Auto-Submitted, Precedence, delivery reports, a hop count), and finding a case's
// reference in a subject.
#include "core/inbound_mail.hpp"

#include <algorithm>
#include <cctype>

namespace kd {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& ch : out)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

bool is_digit(char ch) {
    return ch >= '0' && ch <= '9';
}

// RFC 5321 hop limit is 100; RT and Postfix give up well before. A mail that went round
// that often is a loop between two auto-responders.
constexpr int kMaxHops = 30;

} // namespace

Instant moment_of_receipt(std::optional<Instant> date_header, Instant came_in) {
    using namespace std::chrono;
    // Ten minutes of grace for a sender's clock that runs a little ahead.
    if (date_header && *date_header >= came_in - hours{24 * 7} &&
        *date_header <= came_in + minutes{10})
        return std::min(*date_header, came_in);
    return came_in;
}

std::string address_of(std::string_view mailbox) {
    auto open = mailbox.find('<'), close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open)
        return std::string(mailbox.substr(open + 1, close - open - 1));
    return std::string(mailbox);
}

std::string fold_address(std::string_view address) {
    std::string out;
    for (char ch : address)
        if (!std::isspace(static_cast<unsigned char>(ch)))
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

std::optional<std::string> machine_sent(const InboundMessage& m,
                                        const std::vector<std::string>& own_addresses) {
    const std::string from = fold_address(m.from_address);
    if (m.sent_by_klachtdesk) return "loop: a mail klachtdesk sent came back";
    for (const auto& own : own_addresses)
        if (!from.empty() && from == fold_address(own))
            return "loop: sent from klachtdesk's own address";
    if (m.received_headers > kMaxHops) return "loop: passed too many mail servers";
    const std::string type = lower(m.content_type);
    const std::string local = from.substr(0, from.find('@'));
    if (type == "multipart/report" || trim(m.return_path) == "<>" || local == "mailer-daemon" ||
        local == "postmaster")
        return "bounce: a report that a mail could not be delivered";
    const std::string auto_submitted = lower(trim(m.auto_submitted));
    if (!auto_submitted.empty() && auto_submitted.rfind("no", 0) != 0)
        return "auto-reply: Auto-Submitted: " + auto_submitted;
    if (m.autoreply_header) return "auto-reply: X-Autoreply";
    const std::string precedence = lower(trim(m.precedence));
    if (precedence == "bulk" || precedence == "junk" || precedence == "list" ||
        precedence == "auto_reply")
        return "auto-reply: Precedence: " + precedence;
    if (m.list_header) return "mailing list: List-Id";
    if (local == "noreply" || local == "no-reply" || local == "donotreply")
        return "auto-reply: sent from a no-reply address";
    return std::nullopt;
}

std::optional<std::string> reference_in(std::string_view subject, std::string_view org_code) {
    // "004-00017": the code, a dash, five digits or more, not part of a longer number.
    const std::string prefix = std::string(org_code) + "-";
    for (auto at = subject.find(prefix); at != std::string_view::npos;
         at = subject.find(prefix, at + 1)) {
        if (at > 0 && is_digit(subject[at - 1])) continue;
        auto end = at + prefix.size();
        auto digits = end;
        while (digits < subject.size() && is_digit(subject[digits]))
            ++digits;
        if (digits - end >= 5) return std::string(subject.substr(at, digits - at));
    }
    return std::nullopt;
}

} // namespace kd
