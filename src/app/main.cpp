// main.cpp: the klachtdesk command line: serve, migrate, seed-demo, and the tools a quality
// manager uses to check a procedure file before it goes live.
#include "api/server.hpp"
#include "app/accounts.hpp"
#include "app/auth.hpp"
#include "app/complaint_service.hpp"
#include "app/demo_data.hpp"
#include "app/procedure_file.hpp"
#include "app/retention.hpp"
#include "core/amsterdam_time.hpp"
#include "core/deadlines.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

using namespace kd;

// The one clock of the process: every "now" of a command comes from here.
const SystemClock wall_clock;

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Loads every procedure or prints why not; a broken procedure never starts a server.
std::optional<ProcedureSet> load_procedures(const std::string& dir) {
    ProcedureSet set = load_procedure_dir(dir);
    if (!set.errors.empty()) {
        for (const auto& e : set.errors)
            std::cerr << e << "\n";
        std::cerr << "klachtdesk: " << set.errors.size()
                  << " problem(s) in the procedure files; nothing was started.\n";
        return std::nullopt;
    }
    return set;
}

void make_parent_dir(const std::string& url) {
    if (url.rfind("sqlite:", 0) != 0) return;
    std::filesystem::path p(url.substr(7));
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
}

struct App {
    std::unique_ptr<Database> db;
    std::unique_ptr<Writer> writer;
    std::unique_ptr<ComplaintService> service;
};

// Opens the database, migrates it and loads the organisations of the procedure files.
std::optional<App> open_app(const std::string& url, const std::string& procedures_dir) {
    auto set = load_procedures(procedures_dir);
    if (!set) return std::nullopt;
    App app;
    make_parent_dir(url);
    app.db = Database::open(url);
    int ran = app.db->migrate();
    if (ran > 0) std::cerr << "klachtdesk: applied " << ran << " migration(s)\n";
    app.writer = std::make_unique<Writer>(*app.db);
    app.service = std::make_unique<ComplaintService>(*app.db, *app.writer);
    for (const auto& p : set->procedures) {
        std::string file = procedures_dir + "/" + p.organisation_code + "-" + p.slug + ".toml";
        try {
            app.service->add_organisation(p, read_text(file), file, wall_clock.now());
        } catch (const ProcedureConflict& e) {
            std::cerr << file << ": " << e.what() << "; nothing was started.\n";
            return std::nullopt;
        }
    }
    return app;
}

int cmd_calendar(int year, const std::string& procedure_file) {
    HolidayRules rules;
    if (!procedure_file.empty()) {
        auto load = load_procedure_file(procedure_file);
        for (const auto& e : load.errors)
            std::cerr << e << "\n";
        if (!load.procedure) return 1;
        rules = load.procedure->calendar;
    }
    if (year < kFirstCalendarYear || year > kLastCalendarYear) {
        std::cerr << "klachtdesk: the calendar covers 1990-2100\n";
        return 1;
    }
    WorkingDayCalendar cal(rules);
    for (const auto& d : cal.non_working_days(year))
        std::cout << format_date(d.date) << "  " << d.name_nl << " (" << d.name_en << ")\n";
    return 0;
}

int cmd_deadlines(const std::string& procedure_file, const std::string& received) {
    auto load = load_procedure_file(procedure_file);
    for (const auto& e : load.errors)
        std::cerr << e << "\n";
    if (!load.procedure) return 1;
    auto at = try_parse_iso(received);
    if (!at) {
        std::cerr << "klachtdesk: --received must look like 2026-11-23T14:05\n";
        return 1;
    }
    const Procedure& p = *load.procedure;
    WorkingDayCalendar cal(p.calendar);
    std::cout << "received            " << format_iso_local(*at) << "\n";
    for (const auto& s : p.steps) {
        std::string line = std::string(step_name(s.id));
        line.resize(20, ' ');
        // Every earlier step is taken as done at the moment of receipt.
        if (auto due = step_due(p, cal, s.id, *at))
            std::cout << line << format_iso_local(*due) << "  (" << describe_term(s.term) << ")\n";
        else
            std::cout << line << (s.kind == TermKind::agreed ? "agreed per case" : "no term")
                      << "\n";
    }
    return 0;
}

std::optional<std::string> read_new_password() {
    std::string pw;
    std::getline(std::cin, pw);
    if (auto why = weak_password(pw)) {
        std::cerr << "klachtdesk: " << *why << "\n";
        return std::nullopt;
    }
    return pw;
}

int cmd_user_add(ComplaintService& service, const std::string& org, const std::string& email,
                 const std::string& name, const std::string& roles) {
    const OrganisationContext* o = service.organisation(org);
    if (!o) {
        std::cerr << "klachtdesk: no organisation " << org << "\n";
        return 1;
    }
    if (auto r = AccountService::check_roles(roles)) {
        std::cerr << "klachtdesk: " << r->message_nl << "\n";
        return 1;
    }
    if (service.database().login_by_email(email)) {
        std::cerr << "klachtdesk: an account with this e-mail address exists\n";
        return 1;
    }
    auto pw = read_new_password();
    if (!pw) return 1;
    AccountService accounts(service.database(), service.writer());
    StaffMember m{0, o->record.id, name, email, roles, false, true};
    auto made = accounts.add(o->record.id, m, *pw, Actor{0, "cli", std::nullopt}, wall_clock.now());
    if (!made) {
        std::cerr << "klachtdesk: " << made.refusal().message_nl << "\n";
        return 1;
    }
    std::cout << "account " << made.value().id << " added: " << email << " (" << roles << ") at "
              << o->record.name << "\n";
    return 0;
}

int cmd_user_reset(ComplaintService& service, const std::string& email) {
    auto login = service.database().login_by_email(email);
    if (!login) {
        std::cerr << "klachtdesk: no account with this e-mail address\n";
        return 1;
    }
    auto pw = read_new_password();
    if (!pw) return 1;
    AccountService accounts(service.database(), service.writer());
    auto done = accounts.set_password(login->staff.organisation_id, login->staff.id, *pw,
                                      Actor{0, "cli", std::nullopt}, wall_clock.now());
    if (!done) {
        std::cerr << "klachtdesk: " << done.refusal().message_nl << "\n";
        return 1;
    }
    std::cout << "password of " << email << " changed\n";
    return 0;
}

// Checks each organisation's audit chain; exit 1 names the first broken link.
int cmd_audit_verify(ComplaintService& service, const std::string& only) {
    int broken = 0, checked = 0;
    for (const auto& o : service.organisations()) {
        if (!only.empty() && o->record.slug != only && o->record.code != only) continue;
        ++checked;
        auto progress = [&](long long n) {
            std::cerr << "\r" << o->record.slug << ": " << n << " events checked" << std::flush;
        };
        AuditCheck r = service.database().verify_audit(o->record.id, progress);
        if (r.events >= 100000) std::cerr << "\n";
        if (r.intact) {
            std::cout << o->record.code << " " << o->record.slug << ": " << r.events
                      << " events, chain intact\n";
        } else {
            ++broken;
            std::cout << o->record.code << " " << o->record.slug << ": BROKEN at " << r.problem
                      << (r.event_id ? " (row id " + std::to_string(r.event_id) + ")" : "") << "; "
                      << r.events << " events before it are intact\n";
        }
    }
    if (checked == 0) {
        std::cerr << "klachtdesk: no organisation " << only << "\n";
        return 1;
    }
    return broken == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"klachtdesk: complaint handling for ISO 9001 / ISO 10002"};
    cli.require_subcommand(1);
    cli.set_version_flag("--version", KLACHTDESK_VERSION);
    std::string db_url = env_or("KLACHTDESK_DATABASE", "sqlite:data/klachtdesk.db");
    std::string procedures_dir = env_or("KLACHTDESK_PROCEDURES", "procedures");
    cli.add_option("--database", db_url,
                   "sqlite:PATH or postgresql://... (env KLACHTDESK_DATABASE)");
    cli.add_option("--procedures", procedures_dir,
                   "directory of procedure files (env KLACHTDESK_PROCEDURES)");

    auto* serve = cli.add_subcommand("serve", "run the HTTP server");
    int port = std::atoi(env_or("KLACHTDESK_PORT", "8080").c_str());
    std::size_t threads = 4;
    serve->add_option("--port", port, "port on 127.0.0.1 (env KLACHTDESK_PORT)")
        ->check(CLI::Range(1, 65535));
    serve->add_option("--threads", threads, "HTTP worker threads")->check(CLI::Range(1, 64));

    auto* migrate = cli.add_subcommand("migrate", "bring the database schema up to date");

    auto* seed = cli.add_subcommand("seed-demo", "add demo staff and demo complaints");
    long long complaints = -1;
    int years = 5;
    unsigned rng_seed = 20261123;
    seed->add_option("--complaints", complaints,
                     "how many complaints to generate (default: a handful if none exist)")
        ->check(CLI::Range(0LL, 100000000LL));
    seed->add_option("--years", years, "spread them over this many years")
        ->check(CLI::Range(1, 30));
    seed->add_option("--seed", rng_seed, "random seed");

    auto* audit = cli.add_subcommand("audit", "the audit trail");
    audit->require_subcommand(1);
    auto* verify = audit->add_subcommand("verify", "check every organisation's hash chain");
    std::string verify_org;
    verify->add_option("--organisation", verify_org, "only this organisation (slug or code)");

    auto* purge = cli.add_subcommand(
        "purge", "anonymise finished cases past their procedure's retention term");
    bool purge_dry = false, purge_apply = false;
    auto* dry_flag = purge->add_flag("--dry-run", purge_dry, "only count what would go");
    auto* apply_flag = purge->add_flag("--apply", purge_apply, "anonymise them");
    dry_flag->excludes(apply_flag);

    auto* user = cli.add_subcommand("user", "staff accounts");
    user->require_subcommand(1);
    auto* user_add = user->add_subcommand(
        "add", "add an account; reads its password from the first line of standard input");
    std::string ua_org, ua_email, ua_name, ua_roles;
    user_add->add_option("--organisation", ua_org, "slug or code")->required();
    user_add->add_option("--email", ua_email)->required();
    user_add->add_option("--name", ua_name)->required();
    user_add->add_option("--roles", ua_roles, "comma separated, e.g. admin,coordinator")
        ->required();
    auto* user_reset = user->add_subcommand(
        "reset-password", "set a new password, read from the first line of standard input");
    std::string ur_email;
    user_reset->add_option("--email", ur_email)->required();

    auto* check = cli.add_subcommand("check-procedure", "validate a procedure file");
    std::string check_file;
    check->add_option("FILE", check_file)->required();

    auto* calendar = cli.add_subcommand("calendar", "list the non-working days of a year");
    int year = 0;
    std::string cal_procedure;
    calendar->add_option("YEAR", year)->required();
    calendar->add_option("--procedure", cal_procedure, "procedure file with its own holiday rules");

    auto* deadlines =
        cli.add_subcommand("deadlines", "every step's due moment for a receipt moment");
    std::string dl_procedure, dl_received;
    deadlines->add_option("--procedure", dl_procedure)->required();
    deadlines->add_option("--received", dl_received, "YYYY-MM-DDTHH:MM, Amsterdam time")
        ->required();

    CLI11_PARSE(cli, argc, argv);

    try {
        if (*check) {
            auto load = load_procedure_file(check_file);
            for (const auto& e : load.errors)
                std::cerr << e << "\n";
            if (!load.procedure) return 1;
            const auto& p = *load.procedure;
            std::cout << check_file << ": ok: " << p.organisation_name << ", " << p.title
                      << ", version " << p.version << ", authorised by " << p.authorised_by << ", "
                      << p.steps.size() << " step(s)\n";
            return 0;
        }
        if (*calendar) return cmd_calendar(year, cal_procedure);
        if (*deadlines) return cmd_deadlines(dl_procedure, dl_received);
        if (*migrate) {
            make_parent_dir(db_url);
            auto db = Database::open(db_url, 1);
            int ran = db->migrate();
            std::cout << "schema at version " << db->schema_version() << " (" << ran
                      << " migration(s) applied)\n";
            return 0;
        }
        auto app = open_app(db_url, procedures_dir);
        if (!app) return 2;
        if (*verify) return cmd_audit_verify(*app->service, verify_org);
        if (*user_add) return cmd_user_add(*app->service, ua_org, ua_email, ua_name, ua_roles);
        if (*user_reset) return cmd_user_reset(*app->service, ur_email);
        if (*purge) {
            if (!purge_dry && !purge_apply) {
                std::cerr << "klachtdesk: say --dry-run or --apply\n";
                return 1;
            }
            auto progress = [](const std::string& org, long long seen) {
                std::cerr << "\r" << org << ": " << seen << " finished cases examined"
                          << std::flush;
            };
            RetentionRun r =
                run_retention(*app->service, *app->writer, wall_clock.now(), purge_apply, progress);
            std::cerr << "\n";
            std::cout << (purge_apply ? "anonymised: " : "would anonymise: ")
                      << (purge_apply ? r.anonymised : r.due) << " case(s)"
                      << (r.failed ? ", failed: " + std::to_string(r.failed) : "") << "\n";
            return r.failed == 0 ? 0 : 1;
        }
        if (*seed) {
            bool complaints_given = complaints >= 0;
            DemoStaff staff = seed_demo_staff(*app->service, wall_clock.now());
            std::cout << "demo staff added: " << staff.added << "\n";
            if (staff.given_password > 0)
                std::cout << "demo accounts without a password given the demo password: "
                          << staff.given_password << "\n";
            if (complaints < 0) {
                long long existing = 0;
                for (const auto& o : app->service->organisations())
                    existing += app->db->count_complaints(o->record.id);
                complaints = existing == 0 ? 40 : 0;
            }
            // The handful for a first look came in over the last seven weeks, so deadlines
            // still count down; --complaints N spreads N over --years.
            std::chrono::days span =
                complaints_given ? std::chrono::days{365LL * years} : std::chrono::days{49};
            auto progress = [](long long done, long long total) {
                std::cerr << "\rcomplaints: " << done << " / " << total << std::flush;
                if (done == total) std::cerr << "\n";
            };
            long long n = generate_complaints(*app->service, *app->writer, complaints,
                                              wall_clock.now(), span, rng_seed, progress);
            std::cout << "demo complaints added: " << n << "\n";
            return 0;
        }
        if (*serve) {
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGINT);
            sigaddset(&set, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &set, nullptr); // the server threads inherit the mask
            RetentionJob retention(*app->service, *app->writer, [] { return wall_clock.now(); });
            Authenticator auth(*app->db);
            HttpServer server(
                *app->service, auth,
                ServerOptions{"127.0.0.1", static_cast<unsigned short>(port), threads}, wall_clock);
            std::cout << "klachtdesk " << KLACHTDESK_VERSION
                      << " listening on http://127.0.0.1:" << port
                      << " (database: " << app->db->backend_name() << ")" << std::endl;
            int sig = 0;
            sigwait(&set, &sig);
            std::cout << "klachtdesk: stopping" << std::endl;
            server.stop();
            return 0;
        }
    } catch (const std::exception& e) {
        std::cerr << "klachtdesk: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
