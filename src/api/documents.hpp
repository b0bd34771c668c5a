// documents.hpp: the JSON documents the API returns. See docs/api.md.
#pragma once

#include "core/deadlines.hpp"
#include "core/offered_actions.hpp"
#include "service/hearings.hpp"
#include "service/nonconformities.hpp"
#include "service/organisations.hpp"
#include "store/records.hpp"

#include <nlohmann/json.hpp>

#include <optional>

namespace kd {

nlohmann::json procedure_json(const Procedure& p);
nlohmann::json organisation_json(const OrganisationContext& o);
nlohmann::json staff_json(const StaffMember& s);
nlohmann::json hearing_summary_json(const HearingSummary& h);
nlohmann::json complaint_json(const Complaint& c);
// A register row: what a list shows, without notes and handling details.
// `next` is its earliest running deadline: step, due moment, working days left or late.
nlohmann::json complaint_summary_json(const Complaint& c, const std::optional<StepDeadline>& next,
                                      Instant now);
// A step the reader may take now; `blocked` says why it cannot be taken yet.
nlohmann::json offered_action_json(const OfferedAction& a);
nlohmann::json deadline_json(const StepDeadline& d);
nlohmann::json audit_json(const AuditEvent& e);
// A file of the case file, with the address it downloads from.
nlohmann::json attachment_json(const Attachment& a);
// A message that came in (the inbox); `with_text` adds its text.
nlohmann::json inbound_mail_json(const InboundMailRecord& m, bool with_text);
// A mail of the outbox's list (GET .../outbox).
nlohmann::json outbox_mail_json(const OutboxListRow& r);
// The mails to and from the complainant, in the order they were written or came in.
nlohmann::json correspondence_json(const std::vector<OutboxMail>& out,
                                   const std::vector<InboundMailRecord>& in);
// An agreed action or a measure (docs/register.md); `today` decides what is overdue.
nlohmann::json tracked_action_json(const ActionView& a, Date today);
// A row of the nonconformity register with its measures (and its timeline when read alone).
nlohmann::json nonconformity_json(const NonconformityView& n, Date today);

} // namespace kd
