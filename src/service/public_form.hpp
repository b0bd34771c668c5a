// public_form.hpp: complaints sent by anyone through an organisation's public form, and the
// status page its private link opens: the state, the next step and when it is due, nothing
// internal (R-PRIV).
#pragma once

#include "core/deadlines.hpp"
#include "core/outcome.hpp"
#include "service/organisations.hpp"
#include "store/database.hpp"
#include "store/writer.hpp"

#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kd {

// What the form asks; `website` is the honeypot: hidden from people, filled by robots.
// `submission` is the form's own random id (public_pages.cpp): the same form sent again (a
// reload of the thank-you page) is answered with the first receipt, not registered twice.
struct PublicSubmission {
    std::string name, email, phone, description, category, website;
    std::string submission;
    Language language = Language::nl; // the form's: mails to the complainant are in it
};

struct PublicReceipt {
    bool discarded = false; // the honeypot was filled: nothing was stored
    std::string reference;
    std::string token; // the private link's secret; shown once, only its digest is kept
};

struct PublicStatus {
    std::string reference;
    State state = State::received;
    Instant received_at{};
    std::optional<StepDeadline> next; // the next step and when it is due
    std::optional<Instant> finished_at;
    // The mails meant for the complainant that went out, and their messages that came in,
    // oldest first (issue 12).
    struct Letter {
        Instant at{};
        bool to_complainant = true;
        std::string subject, text;
    };
    std::vector<Letter> correspondence;
};

class PublicFormService {
public:
    PublicFormService(Database& db, Writer& writer) : db_(db), writer_(writer) {}

    // At most kPerHour complaints registered an hour from one address at one organisation
    // (429 after; a refused or discarded one does not count), so that the form cannot be
    // used to flood the register; registered by the organisation's system actor
    // with the channel web_form and the sender's address as the event's source.
    Outcome<PublicReceipt> submit(const OrganisationContext& org, const PublicSubmission& s,
                                  const std::string& address, Instant now);
    // The status a private link shows; not_found for any token that is not one.
    Outcome<PublicStatus> status(const OrganisationContext& org, const std::string& token,
                                 Instant now);

    static constexpr int kPerHour = 5;

private:
    // Takes one of the hour's places of `key` (organisation and address), or false.
    bool reserve(const std::string& key, Instant now);
    void release(const std::string& key, Instant now);

    Database& db_;
    Writer& writer_;
    std::mutex mu_;
    std::map<std::string, std::deque<Instant>> recent_; // per organisation and address
    // Receipts by organisation and submission id, for an hour (in memory: after a restart a
    // resent form counts as new).
    std::map<std::string, std::pair<Instant, PublicReceipt>> sent_;
};

} // namespace kd
