// main.cpp: the klachtdesk command line: parses the subcommand and its options, opens the
// runtime when the command needs the database, and calls app/commands.hpp.
#include "app/commands.hpp"
#include "core/inbound_mail.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace {

using namespace kd;

std::string env_or(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? v : fallback;
}

void make_parent_dir(const std::string& url) {
    if (url.rfind("sqlite:", 0) != 0) return;
    std::filesystem::path p(url.substr(7));
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
}

// Loads every procedure, migrates and opens everything, or prints why not (exit 2): a broken
// procedure never starts a server.
std::unique_ptr<Runtime> open_runtime(const std::string& url, const std::string& dir,
                                      const Clock& clock) {
    ProcedureSet set = load_procedure_dir(dir);
    if (!set.errors.empty()) {
        for (const auto& e : set.errors)
            std::cerr << e << "\n";
        std::cerr << "klachtdesk: " << set.errors.size()
                  << " problem(s) in the procedure files; nothing was started.\n";
        return nullptr;
    }
    make_parent_dir(url);
    try {
        auto rt = std::make_unique<Runtime>(url, set, clock);
        if (rt->migrations_applied() > 0)
            std::cerr << "klachtdesk: applied " << rt->migrations_applied() << " migration(s)\n";
        return rt;
    } catch (const ProcedureConflict& e) {
        std::cerr << e.what() << "; nothing was started.\n";
        return nullptr;
    }
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
    std::size_t workers = 16;
    serve->add_option("--port", port, "port on 127.0.0.1 (env KLACHTDESK_PORT)")
        ->check(CLI::Range(1, 65535));
    serve
        ->add_option("--workers,--threads", workers,
                     "threads that run requests (database, password checks); one more does "
                     "the network I/O")
        ->check(CLI::Range(1, 256));
    std::string web_root = env_or("KLACHTDESK_WEB", "web/dist");
    serve->add_option("--web", web_root,
                      "the built web UI, served at / (env KLACHTDESK_WEB; build it with "
                      "`npm run build` in web/)");

    int max_file_mb = std::atoi(env_or("KLACHTDESK_MAX_FILE_MB", "20").c_str());
    serve
        ->add_option("--max-file-mb", max_file_mb,
                     "largest file a case file takes, in MB (env KLACHTDESK_MAX_FILE_MB)")
        ->check(CLI::Range(1, 1024));

    SmtpSettings smtp{env_or("KLACHTDESK_SMTP_URL", ""),
                      env_or("KLACHTDESK_MAIL_FROM", "klachtdesk <klachtdesk@localhost>"),
                      env_or("KLACHTDESK_SMTP_USER", ""), env_or("KLACHTDESK_SMTP_PASSWORD", ""),
                      env_or("KLACHTDESK_SMTP_STARTTLS", "") == "1"};
    serve->add_option("--smtp-url", smtp.url,
                      "SMTP server for outgoing mail, smtp://host:587 or smtps://host:465 (env "
                      "KLACHTDESK_SMTP_URL; the password only from KLACHTDESK_SMTP_PASSWORD); "
                      "without it mails wait in the outbox");
    serve->add_option("--mail-from", smtp.from,
                      "sender of outgoing mail (env KLACHTDESK_MAIL_FROM)");

    std::string public_url = env_or("KLACHTDESK_PUBLIC_URL", "");
    serve->add_option("--public-url", public_url,
                      "where people reach this server, for the links in mails, e.g. "
                      "https://klachten.example.nl (env KLACHTDESK_PUBLIC_URL; default "
                      "http://127.0.0.1:PORT)");
    auto split = [](const std::string& list) {
        std::vector<std::string> out;
        std::istringstream words(list);
        for (std::string w; words >> w;)
            out.push_back(w);
        return out;
    };
    std::vector<std::string> imap = split(env_or("KLACHTDESK_IMAP", "")),
                             imap_confidential = split(env_or("KLACHTDESK_IMAP_CONFIDENTIAL", ""));
    serve->add_option("--imap", imap,
                      "a mailbox whose mail comes in, SLUG=imaps://host/INBOX, repeatable (env "
                      "KLACHTDESK_IMAP, space separated; login from KLACHTDESK_IMAP_USER and "
                      "KLACHTDESK_IMAP_PASSWORD)");
    serve->add_option("--imap-confidential", imap_confidential,
                      "the same, for the confidants' mailbox (003) (env "
                      "KLACHTDESK_IMAP_CONFIDENTIAL)");

    auto* mailgate = cli.add_subcommand(
        "mailgate", "take in one e-mail message from standard input (for an MTA's pipe alias)");
    std::string mg_org;
    bool mg_confidential = false;
    mailgate->add_option("--organisation", mg_org, "slug or code")->required();
    mailgate->add_flag("--confidential", mg_confidential,
                       "the message came in on the confidants' address (003): only they see it");

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
    std::string seed_org;
    seed->add_option("--organisation", seed_org,
                     "all complaints at this organisation (slug or code), as for a benchmark");

    auto* import = cli.add_subcommand(
        "import", "historic complaints from a CSV file, as closed records (docs/import.md)");
    std::string import_org, import_mapping, import_file;
    bool import_skip = false;
    import->add_option("--organisation", import_org, "slug or code")->required();
    import->add_option("--mapping", import_mapping, "TOML file: which column is what")->required();
    import->add_option("FILE", import_file, "the CSV file")->required();
    import->add_flag("--skip-bad-rows", import_skip,
                     "import the good rows and leave out the bad ones (default: nothing is "
                     "imported while one row is bad)");

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
    std::string ua_org, ua_email, ua_name, ua_roles, ua_title;
    user_add->add_option("--organisation", ua_org, "slug or code")->required();
    user_add->add_option("--email", ua_email)->required();
    user_add->add_option("--name", ua_name)->required();
    user_add->add_option("--roles", ua_roles, "comma separated, e.g. admin,coordinator")
        ->required();
    user_add->add_option("--job-title", ua_title, "the person's function, e.g. Relatiemanager");
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

    // The one clock of the process: every "now" of a command comes from here.
    const SystemClock clock;
    try {
        if (*check) return cmd_check_procedure(check_file);
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
        if (*purge && !purge_dry && !purge_apply) {
            std::cerr << "klachtdesk: say --dry-run or --apply\n";
            return 1;
        }
        if (*serve) {
            // Before any thread starts: a signal must reach serve's sigwait, never a worker
            // or the writer (whose default action would end the process mid-shutdown).
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGINT);
            sigaddset(&set, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &set, nullptr);
        }
        auto rt = open_runtime(db_url, procedures_dir, clock);
        if (!rt) return *mailgate ? 75 : 2; // an MTA tries a mailgate message again on 75
        if (*verify) return cmd_audit_verify(*rt, verify_org);
        if (*user_add) return cmd_user_add(*rt, ua_org, ua_email, ua_name, ua_roles, ua_title);
        if (*user_reset) return cmd_user_reset(*rt, ur_email);
        if (*purge) return cmd_purge(*rt, purge_apply);
        if (*seed) return cmd_seed_demo(*rt, complaints, years, rng_seed, seed_org);
        if (*import) return cmd_import(*rt, import_org, import_mapping, import_file, import_skip);
        rt->services().inbound_mail.own_addresses = {address_of(smtp.from)};
        if (*mailgate) return cmd_mailgate(*rt, mg_org, mg_confidential);
        if (*serve) {
            rt->services().attachments.max_bytes =
                static_cast<std::size_t>(max_file_mb) * 1024 * 1024;
            if (public_url.empty()) public_url = "http://127.0.0.1:" + std::to_string(port);
            while (!public_url.empty() && public_url.back() == '/')
                public_url.pop_back();
            rt->services().complaints.public_url = public_url;
            std::vector<ImapMailbox> mailboxes;
            for (auto [list, confidential] : {std::pair{&imap, false}, {&imap_confidential, true}})
                for (const auto& text : *list) {
                    auto box = parse_imap_mailbox(text, confidential);
                    if (!box) {
                        std::cerr << "klachtdesk: '" << text
                                  << "' is no mailbox; write SLUG=imaps://host/INBOX\n";
                        return 2;
                    }
                    box->user = env_or("KLACHTDESK_IMAP_USER", "");
                    box->password = env_or("KLACHTDESK_IMAP_PASSWORD", "");
                    mailboxes.push_back(*box);
                }
            return cmd_serve(*rt, static_cast<unsigned short>(port), workers, web_root, smtp,
                             mailboxes);
        }
    } catch (const std::exception& e) {
        std::cerr << "klachtdesk: " << e.what() << "\n";
        return *mailgate ? 75 : 1;
    }
    return 0;
}
