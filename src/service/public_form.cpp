// public_form.cpp: the public form's submissions and status pages.
#include "service/public_form.hpp"

#include "core/mail.hpp"

#include "core/lifecycle.hpp"
#include "service/incident.hpp"
#include "service/nonconformities.hpp"
#include "service/passwords.hpp"
#include "store/audit_chain.hpp"

#include <algorithm>

namespace kd {
namespace {

Refusal refusal(RefusalKind kind, std::string code, std::string nl, std::string en) {
    return Refusal(std::move(code), std::move(nl), std::move(en), "", kind);
}

} // namespace

bool PublicFormService::reserve(const std::string& key, Instant now) {
    std::lock_guard lock(mu_);
    // Addresses that went quiet are forgotten, so the map stays small.
    if (recent_.size() > 10000)
        for (auto it = recent_.begin(); it != recent_.end();)
            it = (it->second.empty() || now - it->second.back() >= std::chrono::hours{1})
                     ? recent_.erase(it)
                     : std::next(it);
    auto& times = recent_[key];
    while (!times.empty() && now - times.front() >= std::chrono::hours{1})
        times.pop_front();
    // Checked and taken under one lock, so concurrent posts cannot all slip through.
    if (times.size() >= static_cast<std::size_t>(kPerHour)) return false;
    times.push_back(now);
    return true;
}

void PublicFormService::release(const std::string& key, Instant now) {
    std::lock_guard lock(mu_);
    auto& times = recent_[key];
    auto it = std::find(times.rbegin(), times.rend(), now);
    if (it != times.rend()) times.erase(std::next(it).base());
}

Outcome<PublicReceipt> PublicFormService::submit(const OrganisationContext& org,
                                                 const PublicSubmission& s,
                                                 const std::string& address, Instant now) {
    // A robot that filled the hidden field is thanked like a person, and nothing is kept.
    if (!s.website.empty()) return PublicReceipt{true, "", ""};
    const bool has_id = s.submission.size() == 32 &&
                        s.submission.find_first_not_of("0123456789abcdef") == std::string::npos;
    const std::string sent_key = std::to_string(org.record.id) + " " + s.submission;
    if (has_id) {
        std::lock_guard lock(mu_);
        for (auto it = sent_.begin(); it != sent_.end();)
            it = it->second.first < now - std::chrono::hours{1} ? sent_.erase(it) : std::next(it);
        if (auto it = sent_.find(sent_key); it != sent_.end()) return it->second.second;
    }
    const std::string key = std::to_string(org.record.id) + " " + address;
    if (!reserve(key, now))
        return refusal(RefusalKind::limited, "too_many_submissions",
                       "Vanaf dit adres zijn het afgelopen uur al " + std::to_string(kPerHour) +
                           " klachten gestuurd; probeer het later opnieuw of bel ons.",
                       "Already " + std::to_string(kPerHour) +
                           " complaints were sent from this address in the past hour; try "
                           "again later or call us.");
    Intake in;
    in.received_at = now;
    in.channel = Channel::web_form;
    in.complainant.name = s.name;
    in.complainant.email = s.email;
    in.complainant.phone = s.phone;
    in.complainant.type = ComplainantType::external;
    in.complainant.language = s.language;
    in.description = s.description;
    in.category = s.category;
    // The form shows the procedure in plain words before it is sent (public_pages.cpp).
    in.procedure_explained = true;
    in.description_approved = true; // the complainant wrote it themselves
    // The rules of the intake are checked before anything is written; the registrar is
    // filled in inside the write, where the system actor is known.
    auto checked = register_complaint(org.procedure, in, 0, now);
    if (!checked) {
        release(key, now); // a refused form does not count
        return checked.refusal();
    }
    PublicReceipt receipt{false, "", random_hex(32)};
    std::string error;
    auto status = writer_.run(
        [&](Transaction& t) {
            Actor system{t.system_actor(org.record.id), "webformulier " + address, std::nullopt};
            Complaint c = checked.value();
            c.organisation_id = org.record.id;
            c.registered_by = system.staff_id;
            auto deadlines = deadlines_of(org.procedure, org.calendar, c, now);
            t.insert_complaint(c, next_due(deadlines), org.report_change(nullptr, c), now);
            t.append_audit(org.record.id, c.id, now, system, "register", nullptr, c);
            record_complaint_in_register(t, org, c, system, now);
            t.insert_public_link(org.record.id, c.id, sha256_hex(receipt.token));
            receipt.reference = c.reference;
            return true;
        },
        &error);
    if (status != WriteStatus::committed) {
        release(key, now);
        std::string id = log_incident("public form", error);
        return refusal(RefusalKind::unavailable, "storage_failed",
                       "Uw klacht kon niet worden opgeslagen; probeer het opnieuw (melding " + id +
                           ").",
                       "Your complaint could not be stored; try again (incident " + id + ").");
    }
    if (has_id) {
        std::lock_guard lock(mu_);
        sent_[sent_key] = {now, receipt};
    }
    return receipt;
}

Outcome<PublicStatus> PublicFormService::status(const OrganisationContext& org,
                                                const std::string& token, Instant now) {
    auto unknown = [] {
        return refusal(RefusalKind::not_found, "unknown_link", "Deze link is onbekend of verlopen.",
                       "This link is unknown or has expired.");
    };
    if (token.size() != 64) return unknown();
    auto c = db_.complaint_by_public_link(org.record.id, sha256_hex(token));
    if (!c) return unknown();
    PublicStatus out;
    out.reference = c->reference;
    out.state = c->state;
    out.received_at = c->received_at;
    out.next = next_deadline(deadlines_of(org.procedure_of(*c), org.calendar_of(*c), *c, now));
    if (c->closed_at)
        out.finished_at = c->closed_at;
    else if (c->declined_at)
        out.finished_at = c->declined_at;
    else if (c->withdrawn_at)
        out.finished_at = c->withdrawn_at;
    for (const auto& m : db_.mails_of(org.record.id, c->id))
        if (m.recipient == "complainant" && m.sent_at)
            out.correspondence.push_back({*m.sent_at, true, m.subject, with_links_hidden(m.body)});
    for (const auto& m : db_.inbound_mails_of(org.record.id, c->id))
        out.correspondence.push_back({m.received_at, false, m.subject, m.text});
    std::stable_sort(out.correspondence.begin(), out.correspondence.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    return out;
}

} // namespace kd
