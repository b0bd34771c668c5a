// requests.hpp: strict reading of request bodies: unknown fields and wrong types are named,
// every problem at once. See docs/api.md.
#pragma once

#include "core/lifecycle.hpp"
#include "core/mail_template.hpp"
#include "core/nonconformity.hpp"
#include "core/outcome.hpp"
#include "core/tracked_action.hpp"
#include "service/accounts.hpp"
#include "store/records.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace kd {

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

// Why a message that came in is not a complaint: {"reason": "..."}.
std::string read_dismissal(const nlohmann::json& body, ParsedBody& out);
// A mail text: {"subject": "...", "body": "..."}; what they may say is the service's check.
MailTemplate read_mail_template(const nlohmann::json& body, ParsedBody& out);

// The nonconformity register and actions (docs/register.md).
NewNonconformity read_new_nonconformity(const nlohmann::json& body, ParsedBody& out);
NonconformityChange read_nonconformity_change(const nlohmann::json& body, ParsedBody& out);
// {"note": "..."}: the conclusion when closing.
std::string read_close_note(const nlohmann::json& body, ParsedBody& out);
// {"conclusions": "..."}: the management review of a report's period.
std::string read_conclusions(const nlohmann::json& body, ParsedBody& out);
// A measure ({kind, what, owner_id, due_on, effective_from, review_due_on}) or, with
// `agreed`, an action agreed on a case ({what, owner_id, due_on}).
NewAction read_new_action(const nlohmann::json& body, ParsedBody& out, bool agreed);
struct StatusChange {
    ActionStatus status = ActionStatus::in_progress;
    std::string note;
};
StatusChange read_status_change(const nlohmann::json& body, ParsedBody& out);
struct ReviewRequest {
    EffectivenessReview review;
    std::optional<NewAction> follow_up;
};
ReviewRequest read_review(const nlohmann::json& body, ParsedBody& out);

// Reads a new complaint. `errors` is non-empty when the body is unusable.
Intake read_intake(const nlohmann::json& body, ParsedBody& out);

// A step as asked for: the command named by the URL's last segment ("acknowledge",
// "resolve", ...) and, optionally, when it really happened (`at`).
struct StepRequest {
    Command command;
    std::optional<Instant> at;
};
// nullopt and no errors: unknown action.
std::optional<StepRequest> read_command(const std::string& action, const nlohmann::json& body,
                                        ParsedBody& out);

} // namespace kd
