// demo_data.cpp: the demo staff and the complaint generator. The generator runs each
// complaint through the real rules in core/ (register, then one command at a time) and
// writes the result with its audit trail in bulk through the Writer.
#include "service/demo_data.hpp"

#include "service/accounts.hpp"
#include "service/auth.hpp"
#include "service/nonconformities.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>

namespace kd {

DemoStaff seed_demo_staff(ComplaintService& service, AccountService& accounts, Instant now) {
    Database& db = service.database();
    DemoStaff out;
    for (const auto& o : service.organisations().all()) {
        auto existing = db.staff(o->record.id);
        std::string domain = o->record.slug + ".example";
        // Demo accounts go only where there are no real ones: never mixed into real staff.
        auto is_real = [&](const StaffMember& s) {
            return s.roles != "system" &&
                   (s.email.size() <= domain.size() + 1 ||
                    s.email.substr(s.email.size() - domain.size() - 1) != "@" + domain);
        };
        if (std::any_of(existing.begin(), existing.end(), is_real)) continue;
        std::vector<StaffMember> people = {
            {0, o->record.id, "Kwaliteitscoördinator " + o->record.name, "kwaliteit@" + domain,
             "coordinator", false, true, "Kwaliteitscoördinator"},
            {0, o->record.id, "Sanne de Vries", "sanne@" + domain, "handler", false, true,
             "Relatiemanager"},
            {0, o->record.id, "Mohamed El Amrani", "mohamed@" + domain, "handler", false, true,
             "Accountmanager"},
            {0, o->record.id, "Directie " + o->record.name, "directie@" + domain, "management",
             false, true, "Directeur"},
            {0, o->record.id, "Peter Jansen", "peter@" + domain, "employee", false, true,
             "Intercedent"},
            {0, o->record.id, "Auditor " + o->record.name, "auditor@" + domain, "auditor", false,
             true, "Interne auditor"},
            {0, o->record.id, "Beheerder " + o->record.name, "beheer@" + domain, "admin", false,
             true, "Applicatiebeheerder"},
        };
        if (o->procedure.confidant_route) {
            // R-ASSIGN (003): two confidants, a man (internal) and a woman (flex worker).
            people.push_back({0, o->record.id, "Henk Bakker (vertrouwenspersoon)",
                              "vertrouwenspersoon.henk@" + domain, "confidant", true, true,
                              "Vertrouwenspersoon"});
            people.push_back({0, o->record.id, "Fatima Yilmaz (vertrouwenspersoon)",
                              "vertrouwenspersoon.fatima@" + domain, "confidant", true, true,
                              "Vertrouwenspersoon"});
        }
        const Actor cli{0, "cli:seed-demo", std::nullopt};
        for (auto& p : people) {
            auto known = std::find_if(existing.begin(), existing.end(),
                                      [&](const StaffMember& s) { return s.email == p.email; });
            if (known == existing.end()) {
                auto made = accounts.add(o->record.id, p, kDemoPassword, cli, now);
                if (!made) throw std::runtime_error("demo account: " + made.refusal().message_en);
                ++out.added;
                continue;
            }
            // A demo database from before logging in existed has accounts without passwords.
            auto login = db.login_by_email(p.email);
            if (login && login->password_hash.empty()) {
                auto set = accounts.set_password(o->record.id, known->id, kDemoPassword, cli, now);
                if (!set) throw std::runtime_error("demo account: " + set.refusal().message_en);
                ++out.given_password;
            }
        }
    }
    return out;
}

namespace {

const char* kNames[] = {"Jan de Boer", "Fleur Visser",  "Ahmed Bouzid", "Lisa Mulder",
                        "Kees Smit",   "Noor Hendriks", "Daan Bos",     "Emma van Dijk",
                        "Bram Vos",    "Sophie Dekker", "Yusuf Kaya",   "Anouk Meijer"};
const char* kRelations[] = {"opdrachtgever", "uitzendkracht", "sollicitant", "inlener",
                            "medewerker"};
const char* kDescriptions[] = {
    "Mijn loonstrook van week 12 klopt niet: de overuren ontbreken.",
    "De intercedent heeft na twee weken nog steeds niet teruggebeld over de vacature.",
    "De geplaatste kracht kwam drie dagen te laat zonder bericht.",
    "Ik ben onheus bejegend aan de telefoon door een medewerker van het kantoor.",
    "De factuur bevat uren die niet gewerkt zijn.",
    "Het advies over het re-integratietraject was onvolledig en kwam te laat.",
    "Mijn reiskostenvergoeding is al twee maanden niet uitbetaald.",
    "Er is zonder overleg een andere kandidaat voorgesteld dan afgesproken.",
};

// The demo accounts the generator casts in its complaints, found by their e-mail address.
struct DemoCast {
    long long coordinator = 0, employee = 0;
    long long handlers[2] = {0, 0};
    long long confidants[2] = {0, 0};
    bool complete() const { return coordinator && employee && handlers[0] && handlers[1]; }
};

DemoCast cast_of(const std::vector<StaffMember>& staff) {
    DemoCast c;
    auto starts = [](const std::string& email, const char* local) {
        return email.rfind(std::string(local) + "@", 0) == 0;
    };
    for (const auto& m : staff) {
        if (starts(m.email, "kwaliteit")) c.coordinator = m.id;
        if (starts(m.email, "peter")) c.employee = m.id;
        if (starts(m.email, "sanne")) c.handlers[0] = m.id;
        if (starts(m.email, "mohamed")) c.handlers[1] = m.id;
        if (starts(m.email, "vertrouwenspersoon.henk")) c.confidants[0] = m.id;
        if (starts(m.email, "vertrouwenspersoon.fatima")) c.confidants[1] = m.id;
    }
    return c;
}

struct Step {
    std::string action;
    Complaint before;
    Complaint after;
    Instant at;
    long long actor;
};

// The commands that take a complaint from intake to close in this procedure.
// A confidential case was assigned to its confidant at intake.
std::vector<Command> happy_path(const Procedure& p, long long handler, long long about,
                                bool confidential, bool dissatisfied, Instant agreed_by,
                                std::size_t cause) {
    std::vector<Command> cmds;
    if (p.requires_step(StepId::acknowledge) && p.step(StepId::acknowledge)->term.amount > 0)
        cmds.push_back(Acknowledge{"Klacht ontvangen; we nemen contact op met de betrokkenen."});
    if (!confidential) cmds.push_back(Assign{handler, false});
    cmds.push_back(StartHandling{});
    if (p.requires_step(StepId::first_contact)) cmds.push_back(RecordContact{agreed_by, "Gebeld."});
    if (p.hearing_required) {
        cmds.push_back(ShareSummary{about,
                                    "Er is een klacht over uw contact met een klant. Graag "
                                    "hoor ik in een gesprek uw kant van het verhaal.",
                                    handler});
        cmds.push_back(RecordHearing{"Klager en medewerker gehoord."});
    }
    if (p.assessment_required) cmds.push_back(Assess{true, "Gegrond."});
    if (!p.cause_categories.empty())
        cmds.push_back(RecordCause{p.cause_categories[cause % p.cause_categories.size()],
                                   "Vastgesteld bij de analyse van de klacht."});
    cmds.push_back(Resolve{Resolution::solved, "Correctie gedaan en excuses aangeboden.", {}});
    if (dissatisfied && !p.escalation_body.empty()) {
        cmds.push_back(VerifySatisfaction{false, "Niet tevreden.", ""});
        cmds.push_back(Escalate{""});
    } else {
        cmds.push_back(VerifySatisfaction{true, "Tevreden.", "Bevestiging per e-mail ontvangen."});
    }
    cmds.push_back(Close{});
    return cmds;
}

} // namespace

long long generate_complaints(ComplaintService& service, Writer& writer, long long count,
                              Instant now, std::chrono::days span, unsigned seed,
                              const std::function<void(long long, long long)>& progress,
                              const OrganisationContext* only) {
    using namespace std::chrono;
    std::mt19937_64 rng(seed);
    const auto& orgs = service.organisations().all();
    if (orgs.empty() || count <= 0) return 0;
    std::vector<DemoCast> casts;
    casts.reserve(orgs.size());
    for (const auto& o : orgs)
        casts.push_back(cast_of(service.database().staff(o->record.id)));

    std::mutex mu;
    std::condition_variable cv;
    long long in_flight = 0, stored = 0, failed = 0;
    const long long window = 2048; // writes queued at once; the writer batches them
    const long long span_s = std::chrono::duration_cast<seconds>(span).count();

    for (long long i = 0; i < count; ++i) {
        std::size_t oi = rng() % orgs.size();
        if (only)
            while (orgs[oi].get() != only)
                oi = (oi + 1) % orgs.size();
        const OrganisationContext& o = *orgs[oi];
        const DemoCast& cast = casts[oi];
        if (!cast.complete()) continue;
        Intake in;
        in.received_at = now - seconds{static_cast<long long>(rng() % span_s)};
        in.channel = o.procedure.channels[rng() % o.procedure.channels.size()];
        in.complainant.name = kNames[rng() % std::size(kNames)];
        in.complainant.email = "klager" + std::to_string(i) + "@example.nl";
        in.complainant.relation = kRelations[rng() % std::size(kRelations)];
        in.complainant.type = in.complainant.relation == std::string("medewerker")
                                  ? ComplainantType::internal
                                  : ComplainantType::external;
        in.description = kDescriptions[rng() % std::size(kDescriptions)];
        in.category = o.procedure.categories.empty()
                          ? std::string("dienstverlening")
                          : o.procedure.categories[rng() % o.procedure.categories.size()];
        in.description_approved = true;
        in.procedure_explained = true;
        in.acknowledged_at_intake = o.procedure.requires_step(StepId::acknowledge) &&
                                    o.procedure.step(StepId::acknowledge)->term.amount == 0;
        // Each demo role finds something of its own: the coordinator registers most, the
        // employee some; complaints are about the employee or a handler (never their own
        // handler); at 003 some go to a confidant.
        unsigned shape = rng() % 12;
        long long actor = shape < 3 ? cast.employee : cast.coordinator;
        long long about = shape % 2 ? cast.handlers[1] : cast.employee;
        if (about == cast.employee && actor == cast.employee) about = cast.handlers[1];
        long long handler = about == cast.handlers[1] ? cast.handlers[0] : cast.handlers[rng() % 2];
        bool confidential = o.procedure.confidant_route && cast.confidants[0] && shape >= 9;
        if (confidential) {
            handler = cast.confidants[shape % 2] ? cast.confidants[shape % 2] : cast.confidants[0];
            actor = handler; // the complainant went to the confidant
            in.confidential = true;
            in.handler_id = handler;
            in.handler_is_confidant = true;
        }
        in.involved_staff = {about};
        Instant t = in.received_at + minutes{static_cast<long long>(rng() % 240)};
        auto made = register_complaint(o.procedure, in, actor, t);
        if (!made) continue;
        Complaint c = std::move(made).value();
        c.organisation_id = o.record.id;
        std::vector<Step> steps;
        auto cmds = happy_path(o.procedure, handler, about, confidential, rng() % 5 == 0,
                               t + hours{24 * 20}, rng() % 97);
        for (const auto& cmd : cmds) {
            Instant next = t + hours{1 + static_cast<long long>(rng() % 96)};
            if (next > now) break;
            auto r = apply(o.procedure, o.calendar, c, cmd, next);
            if (!r) break;
            steps.push_back({command_name(cmd), c, r.value(), next, handler});
            c = std::move(r).value();
            t = next;
        }
        {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return in_flight < window; });
            ++in_flight;
        }
        const OrganisationContext* op = &o;
        Complaint registered = steps.empty() ? c : steps.front().before;
        writer.submit({[op, c, registered, steps, actor, now](Transaction& tx) mutable {
                           auto due = next_due(deadlines_of(op->procedure, op->calendar, c, now));
                           tx.insert_complaint(c, due, op->report_change(nullptr, c),
                                               c.registered_at);
                           registered.id = c.id;
                           registered.reference = c.reference;
                           const Actor by{actor, "cli:seed-demo", std::nullopt};
                           tx.append_audit(c.organisation_id, c.id, c.registered_at, by, "register",
                                           nullptr, registered);
                           record_complaint_in_register(tx, *op, registered, by, c.registered_at);
                           for (auto& s : steps) {
                               s.before.id = s.after.id = c.id;
                               s.before.reference = s.after.reference = c.reference;
                               tx.append_audit(c.organisation_id, c.id, s.at,
                                               Actor{s.actor, "cli:seed-demo", std::nullopt},
                                               s.action, &s.before, s.after);
                           }
                           return true;
                       },
                       [&](WriteStatus s, const std::string&) {
                           std::lock_guard lock(mu);
                           --in_flight;
                           if (s == WriteStatus::committed)
                               ++stored;
                           else
                               ++failed;
                           cv.notify_all();
                       }});
        if (progress && (i + 1) % 10000 == 0) progress(i + 1, count);
    }
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return in_flight == 0; });
    if (progress) progress(count, count);
    return stored;
}

} // namespace kd
