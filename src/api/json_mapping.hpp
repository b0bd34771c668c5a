// json_mapping.hpp: the JSON shapes of the API: strict reading of request bodies (unknown
// fields and wrong types are named) and the documents the API returns. See docs/api.md.
#pragma once

#include "app/accounts.hpp"
#include "app/complaint_service.hpp"
#include "core/deadlines.hpp"
#include "core/lifecycle.hpp"
#include "store/records.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kd {

// One problem with one field of a request: what an API client shows next to that field.
struct FieldError {
    std::string field;
    std::string message_nl;
    std::string message_en;
};

// What reading a request body found wrong; every problem at once.
struct ParsedBody {
    std::vector<FieldError> errors;
};

struct LoginRequest {
    std::string email;
    std::string password;
};
LoginRequest read_login(const nlohmann::json& body, ParsedBody& out);

struct PasswordChange {
    std::string current_password;
    std::string new_password;
};
PasswordChange read_password_change(const nlohmann::json& body, ParsedBody& out);

struct NewAccount {
    StaffMember staff;
    std::string password;
};
NewAccount read_new_account(const nlohmann::json& body, ParsedBody& out);
AccountChange read_account_change(const nlohmann::json& body, ParsedBody& out);

// Reads a new complaint. `errors` is non-empty when the body is unusable.
Intake read_intake(const nlohmann::json& body, ParsedBody& out);

// Reads the command named by the URL's last segment ("acknowledge", "resolve", ...).
// nullopt and no errors: unknown action.
std::optional<Command> read_command(const std::string& action, const nlohmann::json& body,
                                    ParsedBody& out);

nlohmann::json procedure_json(const Procedure& p);
nlohmann::json organisation_json(const OrganisationContext& o);
nlohmann::json staff_json(const StaffMember& s);
nlohmann::json hearing_summary_json(const HearingSummary& h);
nlohmann::json complaint_json(const Complaint& c);
// A register row: what a list shows, without notes and handling details.
nlohmann::json complaint_summary_json(const Complaint& c, std::optional<Instant> next_due,
                                      Instant now);
nlohmann::json deadline_json(const StepDeadline& d);
nlohmann::json audit_json(const AuditEvent& e);

} // namespace kd
