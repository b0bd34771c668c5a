// smtp.cpp: one mail to an SMTP server through libcurl's easy interface.
#include "service/smtp.hpp"

#include "core/inbound_mail.hpp"

#include "core/amsterdam_time.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

namespace kd {
namespace {

// "=?UTF-8?B?...?=" for a header value that is not plain ASCII (RFC 2047); as it is otherwise.
std::string header_text(const std::string& text) {
    bool ascii = std::all_of(text.begin(), text.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return c >= 0x20 && c < 0x7F;
    });
    if (ascii) return text;
    std::string b64(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(text.data()),
                      text.size(), sodium_base64_VARIANT_ORIGINAL);
    b64.resize(b64.find('\0'));
    return "=?UTF-8?B?" + b64 + "?=";
}

// "Tue, 24 Nov 2026 10:30:00 +0100" in Amsterdam time (RFC 5322, 3.3).
std::string rfc5322_date(Instant t) {
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int offset = utc_offset_minutes(t);
    auto local = t + std::chrono::minutes{offset};
    auto days = std::chrono::floor<std::chrono::days>(local);
    std::chrono::year_month_day ymd{days};
    std::chrono::weekday wd{days};
    std::chrono::hh_mm_ss tod{local - days};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d %c%02d%02d",
                  kDays[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                  kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                  static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                  static_cast<int>(tod.seconds().count()), offset < 0 ? '-' : '+',
                  std::abs(offset) / 60, std::abs(offset) % 60);
    return buf;
}

struct Upload {
    const std::string& text;
    std::size_t sent = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t n, void* data) {
    auto* u = static_cast<Upload*>(data);
    std::size_t chunk = std::min(size * n, u->text.size() - u->sent);
    std::copy_n(u->text.data() + u->sent, chunk, buffer);
    u->sent += chunk;
    return chunk;
}

} // namespace

std::string rfc5322_message(const SmtpSettings& s, const OutboxMail& m, Instant date) {
    std::string to = m.to_name.empty() ? "<" + m.to_address + ">"
                                       : header_text(m.to_name) + " <" + m.to_address + ">";
    std::string text = "Date: " + rfc5322_date(date) + "\r\nFrom: " + s.from + "\r\nTo: " + to +
                       "\r\nSubject: " + header_text(m.subject) +
                       "\r\nMessage-ID: " + m.message_id +
                       "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                       "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n";
    // SMTP lines end in CRLF; libcurl escapes a line that starts with a dot.
    for (char ch : m.body) {
        if (ch == '\n') text += '\r';
        text += ch;
    }
    return text;
}

SmtpResult smtp_send(const SmtpSettings& s, const OutboxMail& m, Instant date) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), curl_easy_cleanup);
    if (!h) return {false, false, "libcurl could not start"};
    std::string text = rfc5322_message(s, m, date);
    Upload upload{text};
    std::string from = "<" + address_of(s.from) + ">", to = "<" + m.to_address + ">";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(
        curl_slist_append(nullptr, to.c_str()), curl_slist_free_all);
    char error[CURL_ERROR_SIZE] = {0};
    CURL* c = h.get();
    curl_easy_setopt(c, CURLOPT_URL, s.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    if (!s.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, s.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, s.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_USE_SSL, s.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return {true, false, ""};
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    std::string why = error[0] ? error : curl_easy_strerror(rc);
    if (code) why += " (SMTP " + std::to_string(code) + ")";
    // A 5xx answer is the server's final word on this mail; anything else may pass later.
    return {false, code >= 500 && code < 600, why};
}

} // namespace kd
