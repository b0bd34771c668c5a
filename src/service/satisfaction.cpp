// satisfaction.cpp: a satisfaction link's question and answer; the answer is one write with
// the step it records.
#include "service/satisfaction.hpp"

#include "core/amsterdam_time.hpp"
#include "service/incident.hpp"
#include "store/audit_chain.hpp"

namespace kd {
namespace {

Refusal unknown_link() {
    return Refusal("unknown_link", "Deze link is onbekend of verlopen. Neem contact met ons op.",
                   "This link is unknown or has expired. Please contact us.", "",
                   RefusalKind::not_found);
}

Refusal moved_on() {
    return Refusal("satisfaction_answered",
                   "Uw antwoord is al ontvangen, of uw klacht is inmiddels verder behandeld. "
                   "Neem contact met ons op als u nog iets wilt laten weten.",
                   "Your answer has already been received, or your complaint has been taken "
                   "further since. Please contact us if you want to tell us more.",
                   "", RefusalKind::conflict);
}

} // namespace

Outcome<SatisfactionQuestion> SatisfactionService::question(const OrganisationContext& org,
                                                            const std::string& token, Instant now) {
    if (token.size() != 64) return unknown_link();
    Database& db = complaints_.database();
    auto link = db.satisfaction_link(org.record.id, sha256_hex(token));
    if (!link || now > link->expires_at) return unknown_link();
    auto c = db.complaint(org.record.id, link->complaint_id);
    if (!c || c->anonymised_at) return unknown_link();
    return SatisfactionQuestion{c->id,
                                c->reference,
                                c->solution,
                                link->expires_at,
                                link->answered_at.has_value(),
                                c->state != State::resolved};
}

Outcome<SavedComplaint> SatisfactionService::answer(const OrganisationContext& org,
                                                    const std::string& token, bool satisfied,
                                                    const std::string& comment, Instant now) {
    auto q = question(org, token, now);
    if (!q) return q.refusal();
    if (q.value().answered || q.value().moved_on) return moved_on();
    const std::string digest = sha256_hex(token);
    // The complainant's own words are the written confirmation (003: "schriftelijke
    // bevestiging"): what they chose, when, and what they added.
    std::string evidence = std::string("Antwoord van de indiener via de tevredenheidslink op ") +
                           format_local_nl(now) + ": " +
                           (satisfied ? "tevreden" : "niet tevreden") + ".";
    if (comment.find_first_not_of(" \t\r\n") != std::string::npos)
        evidence += " Toelichting: " + comment;
    long long system = 0;
    std::string error;
    auto found = complaints_.writer().run(
        [&](Transaction& t) {
            system = t.system_actor(org.record.id);
            return true;
        },
        &error);
    if (found != WriteStatus::committed) return storage_failed("record an answer", error);
    std::optional<Refusal> refused;
    Actor actor{system, "klachtdesk:satisfaction-link", std::nullopt};
    auto saved = complaints_.apply_command(
        org, q.value().complaint_id, VerifySatisfaction{satisfied, comment, evidence}, actor, now,
        std::nullopt, [&](Transaction& t, const Complaint&) {
            if (!t.answer_satisfaction_link(digest, now)) {
                refused = moved_on();
                return false;
            }
            return true;
        });
    if (refused) return *refused;
    return saved;
}

} // namespace kd
