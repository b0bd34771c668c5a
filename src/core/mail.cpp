// mail.cpp: the mails of each step, in the organisation's own words (core/mail_template.hpp) and
// the addressee's language, with the case's own dates and terms filled in.
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

std::string day_of(Instant t) {
    return format_local_nl(t).substr(0, 10); // "23-11-2026", in English mails too
}

// What every mail to the complainant may say.
TemplateValues complainant_values(const Procedure& p, const Complaint& c,
                                  const MailContext& context) {
    const bool en = c.complainant.language == Language::en;
    auto resolve = due_of(context, StepId::resolve);
    // The procedure's own term for the resolution, as the complaint's version states it.
    std::string term;
    if (const StepRule* rule = p.step(StepId::resolve)) {
        if (rule->kind == TermKind::fixed)
            term = en ? describe_term(rule->term) : describe_term_nl(rule->term);
        else if (rule->kind == TermKind::agreed)
            term = en ? "a term agreed with you" : "een termijn die wij met u afspreken";
        else
            term = en ? "as soon as possible" : "zo spoedig mogelijk";
    }
    return {{"complainant_name", !c.complainant.name.empty() ? c.complainant.name
                                 : en                        ? "Sir or Madam"
                                                             : "heer, mevrouw"},
            {"reference", c.reference},
            {"received_on", day_of(c.received_at)},
            {"organisation", context.organisation_name},
            {"procedure", p.title},
            {"resolve_by", resolve ? day_of(*resolve) : std::string()},
            {"resolve_term", term}};
}

OutgoingMail filled(MailKind kind, MailTo to, const MailTemplate& t, const TemplateValues& values,
                    std::string address, std::string name) {
    return {kind,
            to,
            std::move(address),
            std::move(name),
            one_line(fill_in(t.subject, values)),
            fill_in(t.body, values),
            {},
            {}};
}

OutgoingMail to_complainant(MailKind kind, TemplateKind template_kind, const Procedure& p,
                            const Complaint& c, const MailContext& context,
                            const TemplateValues& more) {
    TemplateValues values = complainant_values(p, c, context);
    for (const auto& [k, v] : more)
        values[k] = v;
    const Language l = c.complainant.language;
    return filled(kind, MailTo::complainant, context.templates.get(template_kind, l), values,
                  c.complainant.email, c.complainant.name);
}

// R-CLOSE: the complainant is asked whether they are satisfied; their answer through the
// link is their written confirmation (003).
std::string satisfaction_request(const Procedure& p, const Complaint& c,
                                 const MailContext& context) {
    TemplateValues values = complainant_values(p, c, context);
    values["satisfaction_url"] = context.satisfaction_url;
    values["satisfaction_until"] =
        context.satisfaction_until ? day_of(*context.satisfaction_until) : std::string();
    return fill_in(
        context.templates.get(TemplateKind::satisfaction_request, c.complainant.language).body,
        values);
}

OutgoingMail assigned(const Complaint& c, const MailContext& context) {
    const Language l = context.staff_language;
    TemplateValues values{{"staff_name", context.handler_name},
                          {"reference", c.reference},
                          {"received_on", day_of(c.received_at)},
                          {"organisation", context.organisation_name}};
    auto next = next_deadline(context.deadlines);
    if (next && next->due) {
        values["next_step"] = step_label(next->step, l);
        values["next_due"] = format_local_nl(*next->due);
    }
    return filled(MailKind::assigned, MailTo::handler,
                  context.templates.get(TemplateKind::assigned, l), values, context.handler_email,
                  context.handler_name);
}

} // namespace

const char* step_label(StepId s, Language l) {
    if (l == Language::nl) return step_label_nl(s);
    switch (s) {
    case StepId::acknowledge:
        return "Acknowledgement";
    case StepId::first_contact:
        return "First contact by the handler";
    case StepId::take_into_handling:
        return "Taken into handling";
    case StepId::decline_notice:
        return "Notice: not taken into handling";
    case StepId::resolve:
        return "Resolution";
    case StepId::verify:
        return "Satisfaction verified";
    case StepId::redo:
        break;
    }
    return "Resolved after all, after dissatisfaction";
}

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
    const bool missed = alert.kind == AlertKind::missed;
    TemplateValues values{{"staff_name", to.name},
                          {"reference", c.reference},
                          {"received_on", day_of(c.received_at)},
                          {"organisation", context.organisation_name},
                          {"step", step_label(alert.step, to.language)},
                          {"due", format_local_nl(alert.due)},
                          {"handler_name", context.handler_name}};
    if (to.as == MailTo::handler && !context.handler_name.empty())
        values["you_handle"] = to.language == Language::en ? "yes" : "ja";
    OutgoingMail m = filled(
        missed ? MailKind::missed : MailKind::reminder, to.as,
        context.templates.get(missed ? TemplateKind::missed : TemplateKind::reminder, to.language),
        values, to.email, to.name);
    m.staff_id = to.id;
    m.once_key = std::string(missed ? "missed:" : "reminder:") + std::to_string(c.id) + ":" +
                 step_name(alert.step) + ":" + std::to_string(to_epoch(alert.due)) + ":" +
                 std::to_string(to.id);
    return m;
}

std::optional<OutgoingMail> digest_mail(const StaffAddressee& to, std::vector<DigestLine> lines,
                                        const MailContext& context, Date today) {
    if (lines.empty()) return std::nullopt;
    const bool en = to.language == Language::en;
    std::stable_sort(lines.begin(), lines.end(),
                     [](const DigestLine& a, const DigestLine& b) { return a.due < b.due; });
    const Instant start = start_of_local_day(today);
    std::string list;
    std::size_t late = 0;
    for (const auto& l : lines) {
        const bool past = l.due < start;
        late += past ? 1 : 0;
        const std::string what = l.action.empty()
                                     ? std::string(step_label(l.step, to.language))
                                     : (en ? "action \"" : "actie \"") + one_line(l.action) + "\"";
        list +=
            "- " + l.reference + ": " + what +
            (past ? (en ? ", missed on " : ", verstreken op ") : (en ? ", by " : ", uiterlijk ")) +
            format_local_nl(l.due) +
            (l.unassigned ? (en ? " (no handler yet)" : " (nog geen behandelaar)") : "") + "\n";
    }
    const bool one = lines.size() == 1;
    std::string count = std::to_string(lines.size()) + (en ? (one ? " deadline" : " deadlines")
                                                           : (one ? " termijn" : " termijnen"));
    if (late > 0)
        count +=
            (en ? ", " : ", waarvan ") + std::to_string(late) + (en ? " missed" : " verstreken");
    TemplateValues values{{"staff_name", to.name},
                          {"organisation", context.organisation_name},
                          {"date", format_date_nl(today)},
                          {"count", count},
                          {"deadline_list", list}};
    OutgoingMail m =
        filled(MailKind::digest, to.as, context.templates.get(TemplateKind::digest, to.language),
               values, to.email, to.name);
    m.staff_id = to.id;
    m.once_key = "digest:" + std::to_string(to.id) + ":" + format_date(today);
    return m;
}

std::vector<OutgoingMail> mails_after_step(const Procedure& p, const Complaint& before,
                                           const Complaint& after, const Command& cmd,
                                           const MailContext& context) {
    std::vector<OutgoingMail> out;
    const Complaint& c = after;
    const bool complainant = !c.complainant.email.empty();
    const bool en = c.complainant.language == Language::en;

    if (std::holds_alternative<Acknowledge>(cmd) && complainant)
        out.push_back(to_complainant(MailKind::acknowledgement, TemplateKind::acknowledgement, p, c,
                                     context, {{"acknowledgement_note", c.acknowledgement_note}}));
    if (const auto* d = std::get_if<Decline>(&cmd); d && complainant)
        out.push_back(to_complainant(MailKind::not_taken_into_handling,
                                     TemplateKind::not_taken_into_handling, p, c, context,
                                     {{"reason", d->reason}}));
    if (const auto* e = std::get_if<Extend>(&cmd); e && complainant)
        out.push_back(
            to_complainant(MailKind::extension, TemplateKind::extension, p, c, context,
                           {{"extension", en ? describe_term(e->term) : describe_term_nl(e->term)},
                            {"reason", e->reason}}));
    if (const auto* r = std::get_if<Resolve>(&cmd); r && complainant)
        out.push_back(
            to_complainant(MailKind::outcome, TemplateKind::outcome, p, c, context,
                           {{"solution", r->solution},
                            {"satisfaction_request", satisfaction_request(p, c, context)}}));
    if (std::holds_alternative<Escalate>(cmd) && complainant)
        out.push_back(to_complainant(MailKind::external_referral, TemplateKind::external_referral,
                                     p, c, context, {{"external_body", c.external_body}}));
    if (std::holds_alternative<Assign>(cmd) && after.handler_id != before.handler_id &&
        !context.handler_email.empty())
        out.push_back(assigned(c, context));
    return out;
}

std::vector<OutgoingMail> mails_after_intake(const Procedure& p, const Complaint& c,
                                             const MailContext& context) {
    std::vector<OutgoingMail> out;
    if (c.acknowledged_at && !c.complainant.email.empty())
        out.push_back(to_complainant(MailKind::acknowledgement, TemplateKind::acknowledgement, p, c,
                                     context, {{"acknowledgement_note", c.acknowledgement_note}}));
    if (c.handler_id && !context.handler_email.empty()) out.push_back(assigned(c, context));
    return out;
}

} // namespace kd
