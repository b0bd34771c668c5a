// commands.hpp: the subcommands of the klachtdesk binary; app/main.cpp parses the command
// line and calls one of these. Each returns the process's exit code.
#pragma once

#include "service/imap_poller.hpp"
#include "service/runtime.hpp"
#include "service/smtp.hpp"

#include <string>

namespace kd {

// procedure_commands.cpp: no database needed.
int cmd_check_procedure(const std::string& file);
int cmd_calendar(int year, const std::string& procedure_file);
int cmd_deadlines(const std::string& procedure_file, const std::string& received);

// account_commands.cpp: the password is read from standard input.
int cmd_user_add(Runtime& rt, const std::string& org, const std::string& email,
                 const std::string& name, const std::string& roles, const std::string& job_title);
int cmd_user_reset(Runtime& rt, const std::string& email);

// data_commands.cpp
int cmd_audit_verify(Runtime& rt, const std::string& only);
int cmd_purge(Runtime& rt, bool apply);
int cmd_seed_demo(Runtime& rt, long long complaints, int years, unsigned rng_seed,
                  const std::string& organisation);
int cmd_import(Runtime& rt, const std::string& organisation, const std::string& mapping_path,
               const std::string& data_path, bool skip_bad_rows);

// mail_commands.cpp: reads one RFC 5322 message from standard input; exit codes as
// sysexits.h (0 taken, 65 not a message, 67 no such organisation, 75 try again later).
int cmd_mailgate(Runtime& rt, const std::string& org, bool confidential);

// serve.cpp: until SIGINT or SIGTERM; then the server stops, then the writer, then the rest.
int cmd_serve(Runtime& rt, unsigned short port, std::size_t workers, const std::string& web_root,
              const SmtpSettings& smtp, const std::vector<ImapMailbox>& mailboxes);

} // namespace kd
