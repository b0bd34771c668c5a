// attachment.cpp: the types a case file takes, recognised by their first bytes.
#include "core/attachment.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace kd {
namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// The `n` bytes at `pos`, fewer or none when the file is shorter: a file of three bytes is
// refused, not a reason to throw.
std::string_view part(std::string_view s, std::size_t pos, std::size_t n) {
    return pos > s.size() ? std::string_view() : s.substr(pos, n);
}

// Office Open XML and OpenDocument files are ZIP archives; what is inside tells them apart.
bool zip(std::string_view b) {
    return starts_with(b, std::string_view("PK\x03\x04", 4));
}
bool ooxml(std::string_view b, std::string_view part) {
    return zip(b) && b.find("[Content_Types].xml") != std::string_view::npos &&
           b.find(part) != std::string_view::npos;
}
// OpenDocument stores its media type first and uncompressed, as the entry "mimetype".
bool odf(std::string_view b, std::string_view media_type) {
    return zip(b) && part(b, 30, 8) == "mimetype" &&
           starts_with(part(b, 38, media_type.size()), media_type);
}
bool ole2(std::string_view b) {
    return starts_with(b, std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8));
}
bool heif(std::string_view b) {
    if (part(b, 4, 4) != "ftyp") return false;
    std::string_view brand = part(b, 8, 4);
    return brand == "heic" || brand == "heix" || brand == "mif1" || brand == "heif";
}

// Plain text: UTF-8 without control characters (a program has them) that is not a markup
// document. A browser could be talked
// into rendering markup as a page; plain text with a tag somewhere (an e-mail's HTML part)
// is still text, and is only ever served as a download.
bool plain_text(std::string_view b) {
    if (starts_with(b, "\xEF\xBB\xBF")) b.remove_prefix(3);
    bool controls = std::any_of(b.begin(), b.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F;
    });
    if (controls || !valid_utf8(b)) return false;
    auto first = b.find_first_not_of(" \t\r\n\f");
    if (first == std::string_view::npos) return true;
    std::string head(b.substr(first, 16));
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    for (std::string_view markup :
         {"<!doctype", "<html", "<svg", "<?xml", "<script", "<head", "<body", "<iframe", "<!--"})
        if (starts_with(head, markup)) return false;
    return true;
}

struct Rule {
    FileType type;
    std::array<const char*, 2> extensions; // lower case, without the dot; nullptr ends
    bool (*matches)(std::string_view);
};

const std::array<Rule, 16>& rules() {
    static const std::array<Rule, 16> all{{
        {{"pdf", "application/pdf", "een PDF-document", "a PDF document"},
         {"pdf", nullptr},
         [](std::string_view b) { return starts_with(b, "%PDF-"); }},
        {{"png", "image/png", "een PNG-afbeelding", "a PNG image"},
         {"png", nullptr},
         [](std::string_view b) { return starts_with(b, "\x89PNG\r\n\x1A\n"); }},
        {{"jpeg", "image/jpeg", "een JPEG-foto", "a JPEG photo"},
         {"jpg", "jpeg"},
         [](std::string_view b) { return starts_with(b, "\xFF\xD8\xFF"); }},
        {{"gif", "image/gif", "een GIF-afbeelding", "a GIF image"},
         {"gif", nullptr},
         [](std::string_view b) { return starts_with(b, "GIF87a") || starts_with(b, "GIF89a"); }},
        {{"heic", "image/heic", "een HEIC-foto (iPhone)", "a HEIC photo (iPhone)"},
         {"heic", "heif"},
         heif},
        {{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "een Word-document", "a Word document"},
         {"docx", nullptr},
         [](std::string_view b) { return ooxml(b, "word/"); }},
        {{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "een Excel-werkblad", "an Excel workbook"},
         {"xlsx", nullptr},
         [](std::string_view b) { return ooxml(b, "xl/"); }},
        {{"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "een PowerPoint-presentatie", "a PowerPoint presentation"},
         {"pptx", nullptr},
         [](std::string_view b) { return ooxml(b, "ppt/"); }},
        {{"odt", "application/vnd.oasis.opendocument.text", "een OpenDocument-tekst",
          "an OpenDocument text"},
         {"odt", nullptr},
         [](std::string_view b) { return odf(b, "application/vnd.oasis.opendocument.text"); }},
        {{"ods", "application/vnd.oasis.opendocument.spreadsheet", "een OpenDocument-werkblad",
          "an OpenDocument spreadsheet"},
         {"ods", nullptr},
         [](std::string_view b) {
             return odf(b, "application/vnd.oasis.opendocument.spreadsheet");
         }},
        // The old Office formats and saved Outlook mails share one container format.
        {{"doc", "application/msword", "een Word-document (oud formaat)",
          "a Word document (old format)"},
         {"doc", nullptr},
         ole2},
        {{"xls", "application/vnd.ms-excel", "een Excel-werkblad (oud formaat)",
          "an Excel workbook (old format)"},
         {"xls", nullptr},
         ole2},
        {{"msg", "application/vnd.ms-outlook", "een Outlook-bericht", "an Outlook message"},
         {"msg", nullptr},
         ole2},
        {{"eml", "message/rfc822", "een opgeslagen e-mail", "a saved e-mail"},
         {"eml", nullptr},
         plain_text},
        {{"csv", "text/csv; charset=utf-8", "een CSV-bestand", "a CSV file"},
         {"csv", nullptr},
         plain_text},
        {{"text", "text/plain; charset=utf-8", "een tekstbestand", "a text file"},
         {"txt", "text"},
         plain_text},
    }};
    return all;
}

std::string extension_of(std::string_view name) {
    auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return "";
    std::string ext(name.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return ext;
}

std::string accepted_types(bool dutch) {
    std::string out;
    for (const Rule& r : rules())
        for (const char* e : r.extensions)
            if (e) out += (out.empty() ? "." : ", .") + std::string(e);
    return (dutch ? "Toegestaan: " : "Accepted: ") + out + ".";
}

Refusal refuse_file(std::string nl, std::string en) {
    return Refusal("attachment_type", std::move(nl), std::move(en), "file");
}

} // namespace

const char* to_string(AttachmentKind k) {
    switch (k) {
    case AttachmentKind::written_complaint:
        return "written_complaint";
    case AttachmentKind::correspondence:
        return "correspondence";
    case AttachmentKind::written_confirmation:
        return "written_confirmation";
    case AttachmentKind::evidence:
        return "evidence";
    case AttachmentKind::other:
        break;
    }
    return "other";
}

std::optional<AttachmentKind> attachment_kind_from_string(std::string_view s) {
    for (auto k :
         {AttachmentKind::written_complaint, AttachmentKind::correspondence,
          AttachmentKind::written_confirmation, AttachmentKind::evidence, AttachmentKind::other})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

std::string size_text(std::size_t bytes) {
    constexpr std::size_t kKb = 1024, kMb = kKb * 1024;
    if (bytes >= kMb) return std::to_string(bytes / kMb) + " MB";
    if (bytes >= kKb) return std::to_string(bytes / kKb) + " kB";
    return std::to_string(bytes) + " bytes";
}

std::string accepted_types_nl() {
    return accepted_types(true);
}
std::string accepted_types_en() {
    return accepted_types(false);
}

Outcome<FileType> check_attachment(std::string_view file_name, std::string_view bytes) {
    if (bytes.empty()) return refuse_file("Het bestand is leeg.", "The file is empty.");
    std::string ext = extension_of(file_name);
    const Rule* recognised = nullptr;
    for (const Rule& r : rules()) {
        if (!r.matches(bytes)) continue;
        for (const char* e : r.extensions)
            if (e && ext == e) return r.type;
        if (!recognised) recognised = &r;
    }
    if (!recognised)
        return refuse_file("Dit soort bestand wordt niet aangenomen. " + accepted_types_nl(),
                           "This kind of file is not accepted. " + accepted_types_en());
    return refuse_file(std::string("Het bestand is ") + recognised->type.label_nl +
                           ", maar de naam eindigt op " +
                           (ext.empty() ? "niets herkenbaars" : "." + ext) +
                           ". Geef het de juiste extensie (." + recognised->extensions[0] + ").",
                       std::string("The file is ") + recognised->type.label_en +
                           ", but its name ends in " + (ext.empty() ? "no extension" : "." + ext) +
                           ". Give it the right extension (." + recognised->extensions[0] + ").");
}

Outcome<std::string> clean_file_name(std::string_view name) {
    // Some browsers send the whole path the file came from.
    auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    while (!name.empty() && name.front() == ' ')
        name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ')
        name.remove_suffix(1);
    auto refuse = [](std::string nl, std::string en) {
        return Refusal("file_name", std::move(nl), std::move(en), "file_name");
    };
    if (name.empty() || name == "." || name == "..")
        return refuse("Het bestand heeft geen naam.", "The file has no name.");
    if (name.size() > kMaxFileNameBytes)
        return refuse("De bestandsnaam is te lang (hoogstens 200 tekens).",
                      "The file name is too long (200 characters at most).");
    if (!valid_utf8(name) || std::any_of(name.begin(), name.end(), [](char ch) {
            auto c = static_cast<unsigned char>(ch);
            return c < 0x20 || c == 0x7F;
        }))
        return refuse("De bestandsnaam bevat tekens die niet kunnen.",
                      "The file name holds characters that are not allowed.");
    return std::string(name);
}

} // namespace kd
