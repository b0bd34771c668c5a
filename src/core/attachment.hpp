// attachment.hpp: what a file in a case file is and which files are taken: the type is read
// from the content, never from the name or the sender's Content-Type (R-INTAKE, R-PRIV).
#pragma once

#include "core/instant.hpp"
#include "core/outcome.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kd {

// What a file is for in the case file (glossary: "projectmap, dossier").
enum class AttachmentKind {
    written_complaint,    // the complaint as the complainant wrote it (004)
    correspondence,       // letters and e-mails to and from the complainant
    written_confirmation, // the complainant's written confirmation (003)
    evidence,             // the project folder's pieces, photos, statements (002)
    other,
};
const char* to_string(AttachmentKind k);
std::optional<AttachmentKind> attachment_kind_from_string(std::string_view s);

// A type klachtdesk takes: how it is recognised, which names it may have, what it is served as.
struct FileType {
    const char* name;       // "pdf", "docx", "text", ...
    const char* media_type; // what a download is labelled with
    const char* label_nl;   // "een PDF-document", for messages
    const char* label_en;
};

// A file in a case file, without its bytes.
struct Attachment {
    long long id = 0;
    long long complaint_id = 0;
    std::string file_name; // as uploaded, without a folder; "[verwijderd]" after retention
    AttachmentKind kind = AttachmentKind::other;
    std::string media_type;
    long long size = 0;
    std::string sha256; // hex, of the bytes as uploaded
    Instant uploaded_at{};
    long long uploaded_by = 0;
    std::optional<Instant> removed_at; // its bytes were removed (retention)
};

inline constexpr std::size_t kMaxFileNameBytes = 200;

// The file's type, recognised from its first bytes and checked against its name's extension:
// a refusal (field "file") when the content is not a type that is taken, or the name says
// another type than the content. Markup (HTML, SVG, XML) and programs are never taken.
Outcome<FileType> check_attachment(std::string_view file_name, std::string_view bytes);

// The name as it will be kept: the last part of a path someone's browser sent, trimmed; a
// refusal (field "file_name") when it is empty, too long, or holds control characters.
Outcome<std::string> clean_file_name(std::string_view name);

// A size as people read it: "20 MB", "64 kB", "512 bytes" (the same words in Dutch and
// English).
std::string size_text(std::size_t bytes);

// Every type that is taken, for the refusal message and the documentation.
std::string accepted_types_nl();
std::string accepted_types_en();

} // namespace kd
