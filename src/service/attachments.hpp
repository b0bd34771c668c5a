// attachments.hpp: the case file: adding a file to a complaint and downloading it, each an
// audit event on the complaint; what the file may be is decided in core/attachment.hpp.
#pragma once

#include "core/attachment.hpp"
#include "core/outcome.hpp"
#include "service/organisations.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <string>

namespace kd {

// A file as it was sent: its name, what it is for ("correspondence", ...), its bytes.
struct NewAttachment {
    std::string file_name;
    std::string kind;
    std::string bytes;
};

// The file checked as a file of complaint `complaint_id`, added by `added_by` at `now`: its
// type from its content, its name cleaned; a refusal naming the field otherwise.
Outcome<Attachment> checked_file(const NewAttachment& file, long long complaint_id,
                                 long long added_by, Instant now, std::size_t max_bytes);

// Puts checked file `a` with its bytes into the case file of `c`, with its audit event, in
// the transaction `t` (gives `a` its id).
void file_into_case(Transaction& t, const OrganisationContext& org, const Complaint& c,
                    Attachment& a, const std::string& bytes, const Actor& actor, Instant now);

class AttachmentService {
public:
    AttachmentService(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // Files larger than this are refused; the HTTP server refuses larger bodies before it
    // reads them (api/server.cpp), with the same limit.
    std::size_t max_bytes = std::size_t{20} * 1024 * 1024;

    // Whoever may see the case may add to its file, until its personal data is removed.
    Outcome<Attachment> add(const OrganisationContext& org, long long complaint_id,
                            const NewAttachment& file, const Actor& actor, Instant now);
    // The file with its bytes, after the download is recorded; a file whose bytes do not
    // match their hash any more is not handed out (it throws: an incident).
    Outcome<AttachmentFile> download(const OrganisationContext& org, long long complaint_id,
                                     long long attachment_id, const Actor& actor, Instant now);

private:
    Database& db_;
    Writer& writer_;
};

} // namespace kd
