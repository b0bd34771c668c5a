// mail_reader.cpp: GMime's objects turned into an InboundMessage; every GObject is released
// by a guard, since a message may be taken apart thousands of times in one process.
#include "service/mail_reader.hpp"

#include <gmime/gmime.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace kd {
namespace {

struct Unref {
    void operator()(gpointer p) const {
        if (p) g_object_unref(p);
    }
};
template <typename T> using Ref = std::unique_ptr<T, Unref>;

struct GFree {
    void operator()(gpointer p) const { g_free(p); }
};
using GString = std::unique_ptr<char, GFree>;

// Valid UTF-8 without NUL bytes, whatever the message declared: a sender's bytes must not
// break the database (PostgreSQL refuses invalid UTF-8) or the JSON written from them.
std::string clean_text(std::string s) {
    s.erase(std::remove(s.begin(), s.end(), '\0'), s.end());
    if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return s;
    GString valid(g_utf8_make_valid(s.data(), static_cast<gssize>(s.size())));
    return valid ? std::string(valid.get()) : std::string();
}

std::string text_of(const char* s) {
    return s ? clean_text(s) : std::string();
}

// Pulls in GMime's types once per process; GMime is thread-safe after that.
void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// The decoded bytes of a leaf part (base64 and quoted-printable undone).
std::string content_of(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (!content) return "";
    Ref<GMimeStream> out(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(content, out.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
    return bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : "";
}

// HTML as text, for a message that has no plain text: the tags go, the words stay. Only for
// showing; the HTML itself is never kept or served.
std::string html_as_text(const std::string& html) {
    std::string out;
    bool in_tag = false;
    for (char ch : html) {
        if (ch == '<') {
            in_tag = true;
            continue;
        }
        if (ch == '>') {
            in_tag = false;
            out += ' ';
            continue;
        }
        if (!in_tag) out += ch;
    }
    return out;
}

struct Walk {
    InboundMessage* m;
    std::string html;
};

void visit(GMimeObject* /*parent*/, GMimeObject* part, gpointer data) {
    auto* w = static_cast<Walk*>(data);
    if (GMIME_IS_MESSAGE_PART(part)) {
        // An attached message (a forwarded mail, a bounce's original): a file of its own.
        GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
        if (!inner) return;
        Ref<GMimeStream> out(g_mime_stream_mem_new());
        g_mime_object_write_to_stream(GMIME_OBJECT(inner), nullptr, out.get());
        GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out.get()));
        std::string subject = text_of(g_mime_message_get_subject(inner));
        w->m->files.push_back(
            {(subject.empty() ? std::string("bericht") : subject) + ".eml",
             bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : ""});
        return;
    }
    if (!GMIME_IS_PART(part)) return; // a multipart: its children are visited too
    GMimePart* leaf = GMIME_PART(part);
    GMimeContentType* type = g_mime_object_get_content_type(part);
    const bool text = type && g_mime_content_type_is_type(type, "text", "plain");
    const bool html = type && g_mime_content_type_is_type(type, "text", "html");
    if (!g_mime_part_is_attachment(leaf) && (text || html) && GMIME_IS_TEXT_PART(part)) {
        GString decoded(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
        std::string s = text_of(decoded.get());
        if (text && w->m->text.empty())
            w->m->text = s;
        else if (html && w->html.empty())
            w->html = s;
        return;
    }
    w->m->files.push_back({text_of(g_mime_part_get_filename(leaf)), content_of(leaf)});
}

std::string header(GMimeMessage* msg, const char* name) {
    return text_of(g_mime_object_get_header(GMIME_OBJECT(msg), name));
}

std::string strip_angles(std::string id) {
    if (!id.empty() && id.front() == '<') id.erase(0, 1);
    if (!id.empty() && id.back() == '>') id.pop_back();
    return id;
}

} // namespace

std::optional<InboundMessage> read_mail(std::string_view raw) {
    init_gmime();
    Ref<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    Ref<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    Ref<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!msg) return std::nullopt;
    InboundMessage m;
    InternetAddressList* from = g_mime_message_get_from(msg.get());
    for (int i = 0; from && i < internet_address_list_length(from); ++i) {
        InternetAddress* a = internet_address_list_get_address(from, i);
        if (!INTERNET_ADDRESS_IS_MAILBOX(a)) continue;
        m.from_name = text_of(internet_address_get_name(a));
        m.from_address = text_of(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
        break;
    }
    if (m.from_address.empty()) return std::nullopt;
    for (auto kind : {GMIME_ADDRESS_TYPE_TO, GMIME_ADDRESS_TYPE_CC}) {
        InternetAddressList* list = g_mime_message_get_addresses(msg.get(), kind);
        for (int i = 0; list && i < internet_address_list_length(list); ++i) {
            InternetAddress* a = internet_address_list_get_address(list, i);
            if (INTERNET_ADDRESS_IS_MAILBOX(a))
                m.to.push_back(
                    text_of(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))));
        }
    }
    m.subject = text_of(g_mime_message_get_subject(msg.get()));
    if (GDateTime* date = g_mime_message_get_date(msg.get()))
        m.date = from_epoch(g_date_time_to_unix(date));
    m.message_id = text_of(g_mime_message_get_message_id(msg.get()));
    for (const char* name : {"In-Reply-To", "References"}) {
        std::string value = header(msg.get(), name);
        if (value.empty()) continue;
        if (GMimeReferences* refs = g_mime_references_parse(nullptr, value.c_str())) {
            for (int i = 0; i < g_mime_references_length(refs); ++i)
                m.refers_to.push_back(
                    strip_angles(text_of(g_mime_references_get_message_id(refs, i))));
            g_mime_references_free(refs);
        }
    }
    m.auto_submitted = header(msg.get(), "Auto-Submitted");
    m.precedence = header(msg.get(), "Precedence");
    m.return_path = header(msg.get(), "Return-Path");
    m.autoreply_header =
        !header(msg.get(), "X-Autoreply").empty() || !header(msg.get(), "X-Autorespond").empty();
    m.list_header =
        !header(msg.get(), "List-Id").empty() || !header(msg.get(), "List-Unsubscribe").empty();
    GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(msg.get()));
    for (int i = 0; headers && i < g_mime_header_list_get_count(headers); ++i) {
        GMimeHeader* h = g_mime_header_list_get_header_at(headers, i);
        if (h && g_ascii_strcasecmp(g_mime_header_get_name(h), "Received") == 0)
            ++m.received_headers;
    }
    const std::string own_suffix = ".klachtdesk";
    m.sent_by_klachtdesk = m.message_id.size() > own_suffix.size() &&
                           m.message_id.compare(m.message_id.size() - own_suffix.size(),
                                                own_suffix.size(), own_suffix) == 0;
    if (GMimeObject* body = g_mime_message_get_mime_part(msg.get())) {
        GMimeContentType* type = g_mime_object_get_content_type(body);
        if (type) {
            GString mime(g_mime_content_type_get_mime_type(type));
            m.content_type = text_of(mime.get());
        }
    }
    Walk walk{&m, {}};
    g_mime_message_foreach(msg.get(), visit, &walk);
    if (m.text.empty() && !walk.html.empty()) m.text = html_as_text(walk.html);
    m.text = clean_text(std::move(m.text));
    for (auto& f : m.files)
        f.file_name = clean_text(std::move(f.file_name));
    return m;
}

} // namespace kd
