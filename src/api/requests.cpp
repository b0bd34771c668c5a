// requests.cpp: request bodies in, read strictly: unknown fields and wrong types are named.
// Times come as ISO 8601 with the Amsterdam offset, or as UTC with Z.
#include "api/requests.hpp"

#include "core/amsterdam_time.hpp"

#include <set>

namespace kd {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxText = 20000; // a long letter fits; a pasted book does not

// Reads fields of one JSON object and remembers which were read, so the rest are unknown.
class Fields {
public:
    Fields(const json& j, ParsedBody& out, std::string prefix = "")
        : j_(j), out_(out), prefix_(std::move(prefix)) {}

    void error(const std::string& key, std::string nl, std::string en) {
        out_.errors.push_back({prefix_ + key, std::move(nl), std::move(en)});
    }

    const json* get(const std::string& key) {
        used_.insert(key);
        auto it = j_.find(key);
        return it == j_.end() || it->is_null() ? nullptr : &*it;
    }

    std::string text(const std::string& key, std::size_t max = kMaxText) {
        const json* v = get(key);
        if (!v) return {};
        if (!v->is_string()) {
            error(key, "Moet tekst zijn.", "Must be text.");
            return {};
        }
        std::string s = v->get<std::string>();
        // The limit counts characters, as the message says, not the bytes of their UTF-8.
        std::size_t characters = 0;
        for (unsigned char ch : s)
            characters += (ch & 0xC0) != 0x80;
        if (characters > max) {
            error(key, "Te lang (hoogstens " + std::to_string(max) + " tekens).",
                  "Too long (at most " + std::to_string(max) + " characters).");
            return {};
        }
        return s;
    }

    bool boolean(const std::string& key) {
        const json* v = get(key);
        if (!v) return false;
        if (!v->is_boolean()) {
            error(key, "Moet true of false zijn.", "Must be true or false.");
            return false;
        }
        return v->get<bool>();
    }

    std::optional<bool> required_boolean(const std::string& key) {
        const json* v = get(key);
        if (!v || !v->is_boolean()) {
            error(key, "Kies ja of nee (true of false).", "Choose yes or no (true or false).");
            return std::nullopt;
        }
        return v->get<bool>();
    }

    std::optional<long long> id(const std::string& key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number_integer() || v->get<long long>() <= 0) {
            error(key, "Moet een nummer van een medewerker zijn.", "Must be an employee's number.");
            return std::nullopt;
        }
        return v->get<long long>();
    }

    std::vector<long long> ids(const std::string& key) {
        std::vector<long long> out;
        const json* v = get(key);
        if (!v) return out;
        if (!v->is_array() || v->size() > 50) {
            error(key, "Moet een lijst van medewerkernummers zijn.",
                  "Must be a list of employee numbers.");
            return out;
        }
        for (const auto& e : *v) {
            if (!e.is_number_integer() || e.get<long long>() <= 0) {
                error(key, "Moet een lijst van medewerkernummers zijn.",
                      "Must be a list of employee numbers.");
                return {};
            }
            out.push_back(e.get<long long>());
        }
        return out;
    }

    std::optional<Instant> instant(const std::string& key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        std::optional<Instant> t;
        if (v->is_string()) t = try_parse_iso(v->get<std::string>());
        if (!t)
            error(key, "Moet een datum en tijd zijn, zoals 2026-11-23T14:05.",
                  "Must be a date and time, like 2026-11-23T14:05.");
        return t;
    }

    std::optional<Date> date(const std::string& key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        std::optional<Date> d;
        if (v->is_string()) d = try_parse_date(v->get<std::string>());
        if (!d)
            error(key, "Moet een datum zijn, zoals 2026-11-23.",
                  "Must be a date, like 2026-11-23.");
        return d;
    }

    // Every key not read is an error: a misspelt field never silently does nothing.
    void finish() {
        for (auto it = j_.begin(); it != j_.end(); ++it)
            if (!used_.count(it.key())) error(it.key(), "Onbekend veld.", "Unknown field.");
    }

private:
    const json& j_;
    ParsedBody& out_;
    std::string prefix_;
    std::set<std::string> used_;
};

// The language a person is written to in: "nl" (empty: nl) or "en".
std::optional<Language> language_of(Fields& g) {
    std::string name = g.text("language", 5);
    if (name.empty()) return std::nullopt;
    if (auto l = language_from_name(name)) return l;
    g.error("language", "Kies nl (Nederlands) of en (Engels).",
            "Choose nl (Dutch) or en (English).");
    return std::nullopt;
}

bool require_object(const json& body, ParsedBody& out) {
    if (body.is_object()) return true;
    out.errors.push_back(
        {"", "De inhoud moet een JSON-object zijn.", "The body must be a JSON object."});
    return false;
}

} // namespace

Intake read_intake(const json& body, ParsedBody& out) {
    Intake in;
    if (!require_object(body, out)) return in;
    Fields f(body, out);
    if (auto t = f.instant("received_at"))
        in.received_at = *t;
    else if (!body.contains("received_at"))
        f.error("received_at", "Wanneer is de klacht ontvangen?",
                "When was the complaint received?");
    std::string ch = f.text("channel", 40);
    if (auto c = channel_from_name(ch))
        in.channel = *c;
    else
        f.error("channel", "Kies een kanaal: phone, letter, email, web_form of in_person.",
                "Choose a channel: phone, letter, email, web_form or in_person.");
    if (const json* cp = f.get("complainant")) {
        if (!cp->is_object()) {
            f.error("complainant", "Moet een object zijn met name, email, phone, type, relation.",
                    "Must be an object with name, email, phone, type, relation.");
        } else {
            Fields g(*cp, out, "complainant.");
            in.complainant.name = g.text("name", 200);
            in.complainant.email = g.text("email", 200);
            in.complainant.phone = g.text("phone", 50);
            std::string type = g.text("type", 20);
            if (type.empty())
                in.complainant.type = ComplainantType::external;
            else if (auto t = complainant_type_from_name(type))
                in.complainant.type = *t;
            else
                g.error("type", "Kies external of internal.", "Choose external or internal.");
            in.complainant.relation = g.text("relation", 100);
            in.complainant.language = language_of(g).value_or(Language::nl);
            g.finish();
        }
    }
    in.description = f.text("description");
    in.category = f.text("category", 100);
    in.involved_staff = f.ids("involved_staff");
    in.description_approved = f.boolean("description_approved");
    in.procedure_explained = f.boolean("procedure_explained");
    in.acknowledged_at_intake = f.boolean("acknowledged_at_intake");
    in.acknowledgement_note = f.text("acknowledgement_note");
    in.confidential = f.boolean("confidential");
    in.handler_id = f.id("handler_id");
    f.finish();
    return in;
}

LoginRequest read_login(const json& body, ParsedBody& out) {
    LoginRequest r;
    if (!require_object(body, out)) return r;
    Fields f(body, out);
    r.email = f.text("email", 200);
    r.password = f.text("password", 200);
    if (r.email.empty()) f.error("email", "Vul uw e-mailadres in.", "Fill in your e-mail address.");
    if (r.password.empty()) f.error("password", "Vul uw wachtwoord in.", "Fill in your password.");
    f.finish();
    return r;
}

std::string read_dismissal(const json& body, ParsedBody& out) {
    if (!require_object(body, out)) return {};
    Fields f(body, out);
    std::string reason = f.text("reason", 2000);
    f.finish();
    return reason;
}

MailTemplate read_mail_template(const json& body, ParsedBody& out) {
    MailTemplate t;
    if (!require_object(body, out)) return t;
    Fields f(body, out);
    t.subject = f.text("subject", 200);
    t.body = f.text("body", 20000);
    f.finish();
    return t;
}

PasswordChange read_password_change(const json& body, ParsedBody& out) {
    PasswordChange r;
    if (!require_object(body, out)) return r;
    Fields f(body, out);
    r.current_password = f.text("current_password", 200);
    r.new_password = f.text("new_password", 200);
    if (r.current_password.empty())
        f.error("current_password", "Vul uw huidige wachtwoord in.",
                "Fill in your current password.");
    f.finish();
    return r;
}

NewAccount read_new_account(const json& body, ParsedBody& out) {
    NewAccount r;
    if (!require_object(body, out)) return r;
    Fields f(body, out);
    r.staff.name = f.text("name", 200);
    r.staff.email = f.text("email", 200);
    r.staff.roles = f.text("roles", 200);
    r.staff.job_title = f.text("job_title", 100);
    r.staff.language = language_of(f).value_or(Language::nl);
    r.password = f.text("password", 200);
    f.finish();
    return r;
}

AccountChange read_account_change(const json& body, ParsedBody& out) {
    AccountChange r;
    if (!require_object(body, out)) return r;
    Fields f(body, out);
    if (body.contains("name")) r.name = f.text("name", 200);
    if (body.contains("roles")) r.roles = f.text("roles", 200);
    if (body.contains("active")) r.active = f.required_boolean("active");
    if (body.contains("job_title")) r.job_title = f.text("job_title", 100);
    if (body.contains("language")) r.language = language_of(f);
    f.finish();
    return r;
}

std::optional<StepRequest> read_command(const std::string& action, const json& body,
                                        ParsedBody& out) {
    if (std::find(std::begin(kCommandNames), std::end(kCommandNames), action) ==
        std::end(kCommandNames))
        return std::nullopt;
    if (!require_object(body, out)) return StepRequest{Close{}, std::nullopt};
    Fields f(body, out);
    Command cmd = Close{};
    std::optional<Instant> at = f.instant("at");
    if (action == "acknowledge") {
        cmd = Acknowledge{f.text("note")};
    } else if (action == "assign") {
        auto h = f.id("handler_id");
        if (!h && !body.contains("handler_id"))
            f.error("handler_id", "Kies een behandelaar.", "Choose a handler.");
        cmd = Assign{h.value_or(0), false};
    } else if (action == "start-handling") {
        cmd = StartHandling{};
    } else if (action == "record-contact") {
        RecordContact c;
        c.agreed_resolve_by = f.instant("agreed_resolve_by");
        c.note = f.text("note");
        cmd = c;
    } else if (action == "record-hearing") {
        cmd = RecordHearing{f.text("note")};
    } else if (action == "assess") {
        auto wf = f.required_boolean("well_founded");
        cmd = Assess{wf.value_or(false), f.text("note")};
    } else if (action == "extend") {
        Extend e;
        std::string term = f.text("term", 40);
        auto t = try_parse_term(term);
        if (t)
            e.term = t.value();
        else
            f.error("term", t.refusal().message_nl, t.refusal().message_en);
        e.reason = f.text("reason");
        cmd = e;
    } else if (action == "resolve") {
        Resolve r;
        std::string res = f.text("resolution", 40);
        if (res.empty())
            r.resolution = Resolution::solved;
        else if (auto rr = resolution_from_name(res))
            r.resolution = *rr;
        else
            f.error("resolution", "Kies solved, not_responsible_helped of not_solved.",
                    "Choose solved, not_responsible_helped or not_solved.");
        r.solution = f.text("solution");
        r.procedure_change_effective = f.date("procedure_change_effective");
        cmd = r;
    } else if (action == "decline") {
        cmd = Decline{f.text("reason")};
    } else if (action == "notify-decline") {
        cmd = NotifyDecline{};
    } else if (action == "verify") {
        VerifySatisfaction v;
        v.satisfied = f.required_boolean("satisfied").value_or(false);
        v.note = f.text("note");
        v.evidence = f.text("evidence");
        cmd = v;
    } else if (action == "escalate") {
        cmd = Escalate{f.text("body", 300)};
    } else if (action == "close") {
        cmd = Close{f.text("reason")};
    } else if (action == "withdraw") {
        cmd = Withdraw{f.text("reason")};
    } else if (action == "grant-access" || action == "revoke-access") {
        auto who = f.id("staff_id");
        if (!who && !body.contains("staff_id"))
            f.error("staff_id", "Kies een medewerker.", "Choose an employee.");
        if (action == "grant-access")
            cmd = GrantAccess{who.value_or(0)};
        else
            cmd = RevokeAccess{who.value_or(0)};
    } else if (action == "share-summary") {
        auto who = f.id("employee_id");
        if (!who && !body.contains("employee_id"))
            f.error("employee_id", "Kies de betrokken medewerker.",
                    "Choose the involved employee.");
        cmd = ShareSummary{who.value_or(0), f.text("text"), 0};
    } else if (action == "correct") {
        Correct k;
        if (body.contains("description")) k.description = f.text("description");
        if (body.contains("category")) k.category = f.text("category", 100);
        if (body.contains("involved_staff")) k.involved_staff = f.ids("involved_staff");
        if (const json* cp = f.get("complainant")) {
            if (!cp->is_object()) {
                f.error("complainant",
                        "Moet een object zijn met name, email, phone, type, relation.",
                        "Must be an object with name, email, phone, type, relation.");
            } else {
                Fields g(*cp, out, "complainant.");
                if (cp->contains("name")) k.complainant_name = g.text("name", 200);
                if (cp->contains("email")) k.complainant_email = g.text("email", 200);
                if (cp->contains("phone")) k.complainant_phone = g.text("phone", 50);
                if (cp->contains("relation")) k.complainant_relation = g.text("relation", 100);
                if (cp->contains("type")) {
                    if (auto t = complainant_type_from_name(g.text("type", 20)))
                        k.complainant_type = *t;
                    else
                        g.error("type", "Kies external of internal.",
                                "Choose external or internal.");
                }
                if (cp->contains("language")) k.complainant_language = language_of(g);
                g.finish();
            }
        }
        cmd = k;
    } else if (action == "record-cause") {
        cmd = RecordCause{f.text("category", 100), f.text("text")};
    }
    f.finish();
    return StepRequest{cmd, at};
}

namespace {

NewAction action_fields(Fields& f, bool agreed) {
    NewAction a;
    if (agreed) {
        a.kind = ActionKind::agreed;
    } else {
        std::string kind = f.text("kind", 40);
        auto k = action_kind_from_name(kind);
        if (k && *k != ActionKind::agreed)
            a.kind = *k;
        else
            f.error("kind", "Kies corrective, preventive of procedure_change.",
                    "Choose corrective, preventive or procedure_change.");
        a.effective_from = f.date("effective_from");
        a.review_due_on = f.date("review_due_on");
    }
    // What is missing is core/tracked_action's to say, with the rest of the plan's rules.
    a.what = f.text("what");
    a.owner_id = f.id("owner_id").value_or(0);
    a.due_on = f.date("due_on");
    return a;
}

} // namespace

NewNonconformity read_new_nonconformity(const json& body, ParsedBody& out) {
    NewNonconformity n;
    if (!require_object(body, out)) return n;
    Fields f(body, out);
    if (auto k = finding_kind_from_name(f.text("kind", 40)))
        n.kind = *k;
    else
        f.error("kind", "Kies nonconformity, potential, shortcoming of improvement.",
                "Choose nonconformity, potential, shortcoming or improvement.");
    n.occurred_on = f.date("occurred_on");
    n.description = f.text("description");
    std::string source = f.text("source", 40);
    if (!source.empty()) {
        n.source = finding_source_from_name(source);
        if (!n.source) f.error("source", "Onbekende bron.", "Unknown source.");
    }
    if (const json* c = f.get("complaint_id")) {
        if (c->is_number_integer() && c->get<long long>() > 0)
            n.complaint_id = c->get<long long>();
        else
            f.error("complaint_id", "Moet het nummer van een klacht zijn.",
                    "Must be a complaint's number.");
    }
    n.cause_category = f.text("cause_category", 100);
    n.cause = f.text("cause");
    n.correction = f.text("correction");
    f.finish();
    return n;
}

NonconformityChange read_nonconformity_change(const json& body, ParsedBody& out) {
    NonconformityChange c;
    if (!require_object(body, out)) return c;
    Fields f(body, out);
    if (body.contains("description")) c.description = f.text("description");
    if (body.contains("cause_category")) c.cause_category = f.text("cause_category", 100);
    if (body.contains("cause")) c.cause = f.text("cause");
    if (body.contains("correction")) c.correction = f.text("correction");
    f.finish();
    return c;
}

std::string read_close_note(const json& body, ParsedBody& out) {
    if (!require_object(body, out)) return {};
    Fields f(body, out);
    std::string note = f.text("note");
    f.finish();
    return note;
}

std::string read_conclusions(const json& body, ParsedBody& out) {
    if (!require_object(body, out)) return {};
    Fields f(body, out);
    std::string conclusions = f.text("conclusions");
    f.finish();
    return conclusions;
}

NewAction read_new_action(const json& body, ParsedBody& out, bool agreed) {
    if (!require_object(body, out)) return {};
    Fields f(body, out);
    NewAction a = action_fields(f, agreed);
    f.finish();
    return a;
}

StatusChange read_status_change(const json& body, ParsedBody& out) {
    StatusChange s;
    if (!require_object(body, out)) return s;
    Fields f(body, out);
    auto to = action_status_from_name(f.text("status", 40));
    if (to && *to != ActionStatus::open)
        s.status = *to;
    else
        f.error("status", "Kies in_progress, done of cancelled.",
                "Choose in_progress, done or cancelled.");
    s.note = f.text("note");
    f.finish();
    return s;
}

ReviewRequest read_review(const json& body, ParsedBody& out) {
    ReviewRequest r;
    if (!require_object(body, out)) return r;
    Fields f(body, out);
    r.review.effective = f.required_boolean("effective").value_or(false);
    r.review.evidence = f.text("evidence");
    r.review.reviewed_on = f.date("reviewed_on");
    if (const json* up = f.get("follow_up")) {
        if (!up->is_object()) {
            f.error("follow_up", "Moet een maatregel zijn: kind, what, owner_id, due_on.",
                    "Must be a measure: kind, what, owner_id, due_on.");
        } else {
            Fields g(*up, out, "follow_up.");
            r.follow_up = action_fields(g, false);
            g.finish();
        }
    }
    f.finish();
    return r;
}

} // namespace kd
