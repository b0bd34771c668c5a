// mail.cpp: the mails of each step, in Dutch, with the case's own dates and terms filled in.
#include "core/mail.hpp"

#include "core/amsterdam_time.hpp"

#include <algorithm>
#include <cctype>

namespace kd {
namespace {

std::optional<Instant> due_of(const MailContext& c, StepId step) {
    for (const auto& d : c.deadlines)
        if (d.step == step) return d.due;
    return std::nullopt;
}

// The day the complaint came in, as the complainant knows it: "23-11-2026".
std::string received_nl(const Complaint& c) {
    return format_local_nl(c.received_at).substr(0, 10);
}

std::string greeting(const Complaint& c) {
    return "Beste " +
           (c.complainant.name.empty() ? std::string("heer, mevrouw") : c.complainant.name) +
           ",\n\n";
}

std::string signature(const MailContext& context, const Complaint& c) {
    return "\nMet vriendelijke groet,\n\n" + context.organisation_name +
           "\n\nKenmerk: " + c.reference + " (noem dit kenmerk als u op deze e-mail reageert)\n";
}

OutgoingMail to_complainant(MailKind kind, const Complaint& c, const MailContext& context,
                            const std::string& subject, const std::string& text) {
    return {kind,
            MailTo::complainant,
            c.complainant.email,
            c.complainant.name,
            subject + " (" + c.reference + ")",
            greeting(c) + text + signature(context, c),
            {},
            {}};
}

std::string resolve_promise(const MailContext& context) {
    auto due = due_of(context, StepId::resolve);
    return due ? "U hoort uiterlijk " + format_local_nl(*due).substr(0, 10) +
                     " van ons hoe uw klacht is afgehandeld.\n"
               : std::string("U hoort zo snel mogelijk van ons hoe uw klacht is afgehandeld.\n");
}

// R-CLOSE: the complainant is asked whether they are satisfied; their answer through the
// link is their written confirmation (003).
std::string satisfaction_question(const MailContext& context) {
    if (context.satisfaction_url.empty()) return "Wij horen graag of u hierover tevreden bent.\n";
    std::string until =
        context.satisfaction_until
            ? " (tot en met " + format_local_nl(*context.satisfaction_until).substr(0, 10) + ")"
            : std::string();
    return "Bent u tevreden over hoe wij uw klacht hebben afgehandeld? Laat het ons weten via "
           "deze link" +
           until + ":\n\n" + context.satisfaction_url +
           "\n\nUw antwoord geldt als "
           "uw schriftelijke bevestiging.\n";
}

OutgoingMail acknowledgement(const Procedure& p, const Complaint& c, const MailContext& context) {
    std::string text = "Wij hebben uw klacht van " + received_nl(c) +
                       " ontvangen en behandelen die volgens onze klachtenregeling (" + p.title +
                       ").\n\n";
    if (!c.acknowledgement_note.empty())
        text += "Uw klacht en wat wij als eerste doen:\n" + c.acknowledgement_note + "\n\n";
    return to_complainant(MailKind::acknowledgement, c, context,
                          "Ontvangstbevestiging van uw klacht", text + resolve_promise(context));
}

OutgoingMail assigned(const Complaint& c, const MailContext& context) {
    std::string text = "Beste " + context.handler_name + ",\n\nKlacht " + c.reference + " van " +
                       received_nl(c) + " is aan u toegewezen.";
    auto next = next_deadline(context.deadlines);
    if (next && next->due)
        text += " De eerstvolgende termijn (" + std::string(step_label_nl(next->step)) +
                ") loopt af op " + format_local_nl(*next->due) + ".";
    return {MailKind::assigned,
            MailTo::handler,
            context.handler_email,
            context.handler_name,
            "Klacht " + c.reference + " is aan u toegewezen",
            text + "\n\n" + context.organisation_name + " (klachtdesk)\n",
            {},
            {}};
}

} // namespace

const char* to_string(MailKind k) {
    switch (k) {
    case MailKind::acknowledgement:
        return "acknowledgement";
    case MailKind::not_taken_into_handling:
        return "not_taken_into_handling";
    case MailKind::extension:
        return "extension";
    case MailKind::outcome:
        return "outcome";
    case MailKind::external_referral:
        return "external_referral";
    case MailKind::assigned:
        return "assigned";
    case MailKind::reminder:
        return "reminder";
    case MailKind::missed:
        return "missed";
    case MailKind::digest:
        break;
    }
    return "digest";
}

const char* to_string(MailTo t) {
    switch (t) {
    case MailTo::complainant:
        return "complainant";
    case MailTo::handler:
        return "handler";
    case MailTo::coordinator:
        return "coordinator";
    case MailTo::management:
        return "management";
    case MailTo::confidant:
        break;
    }
    return "confidant";
}

std::string with_links_hidden(std::string text) {
    static const std::string marker = "/tevredenheid/";
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + 1)) {
        auto start = at + marker.size(), end = start;
        while (end < text.size() && std::isxdigit(static_cast<unsigned char>(text[end])))
            ++end;
        // From the scheme on: "https://host/klacht/slug/tevredenheid/<token>".
        auto begin = text.rfind("http", at);
        auto line = text.rfind('\n', at);
        if (begin == std::string::npos || (line != std::string::npos && begin < line)) begin = at;
        if (end - start == 64) {
            text.replace(begin, end - begin, "[persoonlijke link]");
            at = begin;
        }
    }
    return text;
}

OutgoingMail deadline_mail(const Complaint& c, const DeadlineAlert& alert, const StaffAddressee& to,
                           const MailContext& context) {
    const std::string step = step_label_nl(alert.step);
    const std::string due = format_local_nl(alert.due);
    const bool missed = alert.kind == AlertKind::missed;
    std::string text = "Beste " + to.name + ",\n\n";
    if (missed)
        text += "De termijn \"" + step + "\" van klacht " + c.reference + " (ontvangen " +
                received_nl(c) + ") is op " + due + " verstreken, en die stap is niet gezet.\n";
    else
        text += "De termijn \"" + step + "\" van klacht " + c.reference + " (ontvangen " +
                received_nl(c) + ") loopt af op " + due + ".\n";
    text += context.handler_name.empty()
                ? "De klacht heeft nog geen behandelaar.\n"
                : (to.as == MailTo::handler ? std::string("U behandelt deze klacht.\n")
                                            : "Behandelaar: " + context.handler_name + ".\n");
    std::string subject =
        missed ? "Termijn verstreken: " + step + " van klacht " + c.reference
               : "Herinnering: " + step + " van klacht " + c.reference + " uiterlijk " + due;
    OutgoingMail m{missed ? MailKind::missed : MailKind::reminder,
                   to.as,
                   to.email,
                   to.name,
                   subject,
                   text + "\n" + context.organisation_name + " (klachtdesk)\n",
                   to.id,
                   {}};
    m.once_key = std::string(missed ? "missed:" : "reminder:") + std::to_string(c.id) + ":" +
                 step_name(alert.step) + ":" + std::to_string(to_epoch(alert.due)) + ":" +
                 std::to_string(to.id);
    return m;
}

std::optional<OutgoingMail> digest_mail(const StaffAddressee& to, std::vector<DigestLine> lines,
                                        const std::string& organisation_name, Date today) {
    if (lines.empty()) return std::nullopt;
    std::stable_sort(lines.begin(), lines.end(),
                     [](const DigestLine& a, const DigestLine& b) { return a.due < b.due; });
    const Instant start = start_of_local_day(today);
    std::string list;
    int late = 0;
    for (const auto& l : lines) {
        const bool past = l.due < start;
        late += past ? 1 : 0;
        list += "- " + l.reference + ": " + step_label_nl(l.step) +
                (past ? ", verstreken op " : ", uiterlijk ") + format_local_nl(l.due) +
                (l.unassigned ? " (nog geen behandelaar)" : "") + "\n";
    }
    std::string count =
        std::to_string(lines.size()) + (lines.size() == 1 ? " termijn" : " termijnen");
    if (late > 0) count += ", waarvan " + std::to_string(late) + " verstreken";
    OutgoingMail m{MailKind::digest,
                   to.as,
                   to.email,
                   to.name,
                   "Uw klachten op " + format_date_nl(today) + ": " + count,
                   "Beste " + to.name + ",\n\nDeze termijnen lopen voor u (" + count + "):\n\n" +
                       list + "\n" + organisation_name + " (klachtdesk)\n",
                   to.id,
                   {}};
    m.once_key = "digest:" + std::to_string(to.id) + ":" + format_date(today);
    return m;
}

std::vector<OutgoingMail> mails_after_step(const Procedure& p, const Complaint& before,
                                           const Complaint& after, const Command& cmd,
                                           const MailContext& context) {
    std::vector<OutgoingMail> out;
    const Complaint& c = after;
    bool complainant = !c.complainant.email.empty();
    const std::string received = received_nl(c);

    if (std::holds_alternative<Acknowledge>(cmd) && complainant)
        out.push_back(acknowledgement(p, c, context));
    if (const auto* d = std::get_if<Decline>(&cmd); d && complainant)
        out.push_back(to_complainant(
            MailKind::not_taken_into_handling, c, context,
            "Uw klacht wordt niet in behandeling genomen",
            "Wij hebben uw klacht van " + received +
                " beoordeeld. Wij nemen die niet in behandeling, om deze reden:\n\n" + d->reason +
                "\n\nBent u het hier niet mee eens, neem dan contact met ons op.\n"));
    if (const auto* e = std::get_if<Extend>(&cmd); e && complainant)
        out.push_back(to_complainant(
            MailKind::extension, c, context, "De behandeling van uw klacht duurt langer",
            "De behandeling van uw klacht van " + received +
                " duurt langer dan gepland: " + describe_term_nl(e->term) +
                " extra, om deze reden:\n\n" + e->reason + "\n\n" + resolve_promise(context)));
    if (const auto* r = std::get_if<Resolve>(&cmd); r && complainant)
        out.push_back(to_complainant(MailKind::outcome, c, context, "Uw klacht is afgehandeld",
                                     "Uw klacht van " + received +
                                         " is afgehandeld. Wat wij hebben gedaan:\n\n" +
                                         r->solution + "\n\n" + satisfaction_question(context)));
    if (std::holds_alternative<Escalate>(cmd) && complainant)
        out.push_back(to_complainant(
            MailKind::external_referral, c, context, "Uw klacht gaat naar " + c.external_body,
            "U bent niet tevreden over de afhandeling van uw klacht van " + received +
                ". Volgens onze klachtenregeling kunt u uw klacht voorleggen aan " +
                c.external_body + ". Wij hebben uw klacht daarnaar doorverwezen.\n"));
    if (std::holds_alternative<Assign>(cmd) && after.handler_id != before.handler_id &&
        !context.handler_email.empty())
        out.push_back(assigned(c, context));
    return out;
}

std::vector<OutgoingMail> mails_after_intake(const Procedure& p, const Complaint& c,
                                             const MailContext& context) {
    std::vector<OutgoingMail> out;
    if (c.acknowledged_at && !c.complainant.email.empty())
        out.push_back(acknowledgement(p, c, context));
    if (c.handler_id && !context.handler_email.empty()) out.push_back(assigned(c, context));
    return out;
}

} // namespace kd
