// documents.cpp: the documents the API returns. Times leave as ISO 8601 with the Amsterdam
// offset.
#include "api/documents.hpp"

#include "core/amsterdam_time.hpp"
#include "core/mail.hpp"

namespace kd {
namespace {

using nlohmann::json;

json opt_time(const std::optional<Instant>& t) {
    return t ? json(format_iso_local(*t)) : json(nullptr);
}

} // namespace

json procedure_json(const Procedure& p) {
    json steps = json::array();
    for (const auto& s : p.steps) {
        json j{{"step", step_name(s.id)},
               {"label_nl", step_label_nl(s.id)},
               {"kind", s.kind == TermKind::fixed    ? "fixed"
                        : s.kind == TermKind::agreed ? "agreed"
                                                     : "none"},
               {"quote", s.quote}};
        if (s.kind == TermKind::fixed) {
            j["term"] = describe_term(s.term);
            j["term_nl"] = describe_term_nl(s.term);
        }
        steps.push_back(j);
    }
    json channels = json::array();
    for (Channel c : p.channels)
        channels.push_back(channel_name(c));
    json closures = json::array();
    for (std::size_t i = 0; i < p.calendar.closure_days.size(); ++i)
        closures.push_back({{"date", format_date(p.calendar.closure_days[i])},
                            {"name", p.calendar.closure_names[i]}});
    return {
        {"organisation_code", p.organisation_code},
        {"title", p.title},
        {"version", p.version},
        {"authorised_by", p.authorised_by},
        {"authorised_on", p.authorised_on ? json(format_date(*p.authorised_on)) : json(nullptr)},
        {"source", p.source},
        {"channels", channels},
        {"categories", p.categories},
        {"cause_categories", p.cause_categories},
        {"cause_required", p.cause_required},
        {"require_description_approval", p.require_description_approval},
        {"require_procedure_explained", p.require_procedure_explained},
        {"acknowledgement_states_first_actions", p.acknowledgement_states_first_actions},
        {"hearing_required", p.hearing_required},
        {"assessment_required", p.assessment_required},
        {"satisfaction_evidence_required", p.satisfaction_evidence_required},
        {"confidant_route", p.confidant_route},
        {"escalation_body", p.escalation_body},
        {"retention_years", p.retention_years},
        {"analysis", analysis_period_name(p.analysis)},
        {"extension",
         {{"allowed", p.extension.allowed},
          {"max", p.extension.allowed ? json(describe_term(p.extension.max)) : json(nullptr)},
          {"times", p.extension.times}}},
        {"calendar",
         {{"good_friday", p.calendar.good_friday},
          {"liberation_day", p.calendar.liberation_day == LiberationDay::yearly    ? "yearly"
                             : p.calendar.liberation_day == LiberationDay::lustrum ? "lustrum"
                                                                                   : "never"},
          {"closure_days", closures}}},
        {"steps", steps},
    };
}

json organisation_json(const OrganisationContext& o) {
    return {{"id", o.record.id},
            {"code", o.record.code},
            {"slug", o.record.slug},
            {"name", o.record.name},
            {"procedure", procedure_json(o.procedure)}};
}

json staff_json(const StaffMember& s) {
    return {{"id", s.id},
            {"name", s.name},
            {"email", s.email},
            {"roles", s.roles},
            {"confidant", s.confidant},
            {"active", s.active},
            {"job_title", s.job_title},
            {"language", language_name(s.language)}};
}

json hearing_summary_json(const HearingSummary& h) {
    return {{"employee_id", h.employee_id},
            {"text", h.text},
            {"shared_by", h.shared_by},
            {"shared_at", format_iso_local(h.shared_at)}};
}

json complaint_json(const Complaint& c) {
    json summaries = json::array();
    for (const auto& h : c.hearing_summaries)
        summaries.push_back(hearing_summary_json(h));
    return {
        {"id", c.id},
        {"reference", c.reference},
        {"procedure_version", c.procedure_version},
        {"state", state_name(c.state)},
        {"state_nl", state_label_nl(c.state)},
        {"received_at", format_iso_local(c.received_at)},
        {"registered_at", format_iso_local(c.registered_at)},
        {"registered_by", c.registered_by},
        {"channel", channel_name(c.channel)},
        {"complainant",
         {{"name", c.complainant.name},
          {"email", c.complainant.email},
          {"phone", c.complainant.phone},
          {"type", complainant_type_name(c.complainant.type)},
          {"relation", c.complainant.relation},
          {"language", language_name(c.complainant.language)}}},
        {"description", c.description},
        {"category", c.category},
        {"involved_staff", c.involved_staff},
        {"description_approved", c.description_approved},
        {"procedure_explained", c.procedure_explained},
        {"confidential", c.confidential},
        {"granted_access", c.granted_access},
        {"handler_id", c.handler_id ? json(*c.handler_id) : json(nullptr)},
        {"acknowledged_at", opt_time(c.acknowledged_at)},
        {"acknowledgement_note", c.acknowledgement_note},
        {"assigned_at", opt_time(c.assigned_at)},
        {"handling_started_at", opt_time(c.handling_started_at)},
        {"first_contact_at", opt_time(c.first_contact_at)},
        {"contact_note", c.contact_note},
        {"agreed_resolve_by", opt_time(c.agreed_resolve_by)},
        {"hearing_at", opt_time(c.hearing_at)},
        {"hearing_note", c.hearing_note},
        {"hearing_summaries", summaries},
        {"assessed_at", opt_time(c.assessed_at)},
        {"well_founded", c.well_founded ? json(*c.well_founded) : json(nullptr)},
        {"assessment_note", c.assessment_note},
        {"cause_category", c.cause_category},
        {"cause", c.cause},
        {"extensions_used", c.extensions_used},
        {"extension", c.extension ? json(describe_term(*c.extension)) : json(nullptr)},
        {"extension_reason", c.extension_reason},
        {"resolved_at", opt_time(c.resolved_at)},
        {"last_resolved_at", opt_time(c.last_resolved_at)},
        {"resolution", c.resolution ? json(resolution_name(*c.resolution)) : json(nullptr)},
        {"solution", c.solution},
        {"procedure_change_effective", c.procedure_change_effective
                                           ? json(format_date(*c.procedure_change_effective))
                                           : json(nullptr)},
        {"verified_at", opt_time(c.verified_at)},
        {"satisfaction", satisfaction_name(c.satisfaction)},
        {"satisfaction_note", c.satisfaction_note},
        {"satisfaction_evidence", c.satisfaction_evidence},
        {"dissatisfied_at", opt_time(c.dissatisfied_at)},
        {"redone_at", opt_time(c.redone_at)},
        {"reopen_count", c.reopen_count},
        {"escalated_at", opt_time(c.escalated_at)},
        {"external_body", c.external_body},
        {"closed_at", opt_time(c.closed_at)},
        {"close_reason", c.close_reason},
        {"declined_at", opt_time(c.declined_at)},
        {"decline_reason", c.decline_reason},
        {"decline_notified_at", opt_time(c.decline_notified_at)},
        {"withdrawn_at", opt_time(c.withdrawn_at)},
        {"withdraw_reason", c.withdraw_reason},
        {"anonymised_at", opt_time(c.anonymised_at)},
        {"imported_from", c.imported_from},
    };
}

json complaint_summary_json(const Complaint& c, const std::optional<StepDeadline>& next,
                            Instant now) {
    const std::optional<Instant> none;
    const std::optional<Instant>& next_due = next ? next->due : none;
    bool overdue = next_due.has_value() && next_due.value() < now;
    // Cut on a UTF-8 character boundary so the excerpt stays valid text.
    std::string excerpt = c.description;
    if (excerpt.size() > 160) {
        std::size_t cut = 160;
        while (cut > 0 && (static_cast<unsigned char>(excerpt[cut]) & 0xC0) == 0x80)
            --cut;
        excerpt = excerpt.substr(0, cut) + "…";
    }
    return {{"id", c.id},
            {"reference", c.reference},
            {"state", state_name(c.state)},
            {"state_nl", state_label_nl(c.state)},
            {"received_at", format_iso_local(c.received_at)},
            {"channel", channel_name(c.channel)},
            {"complainant",
             {{"name", c.complainant.name}, {"type", complainant_type_name(c.complainant.type)}}},
            {"category", c.category},
            {"description_excerpt", excerpt},
            {"confidential", c.confidential},
            {"handler_id", c.handler_id ? json(*c.handler_id) : json(nullptr)},
            {"next_due_at", next_due ? json(format_iso_local(*next_due)) : json(nullptr)},
            {"overdue", overdue},
            {"next_deadline", next ? deadline_json(*next) : json(nullptr)}};
}

json offered_action_json(const OfferedAction& a) {
    json blocked = nullptr;
    if (a.blocked)
        blocked = {{"code", a.blocked->code},
                   {"detail", a.blocked->message_nl},
                   {"detail_en", a.blocked->message_en}};
    return {{"action", a.action}, {"blocked", blocked}};
}

json deadline_json(const StepDeadline& d) {
    json j{{"step", step_name(d.step)},
           {"label_nl", step_label_nl(d.step)},
           {"kind", d.kind == TermKind::fixed    ? "fixed"
                    : d.kind == TermKind::agreed ? "agreed"
                                                 : "none"},
           {"term", d.term ? json(describe_term(*d.term)) : json(nullptr)},
           {"starts_at", opt_time(d.starts_at)},
           {"due", opt_time(d.due)},
           {"done_at", opt_time(d.done_at)},
           {"status", deadline_status_name(d.status)}};
    if (d.status == DeadlineStatus::due) j["working_days_left"] = d.working_days_left;
    if (d.status == DeadlineStatus::missed) {
        j["working_days_late"] = d.working_days_late;
        j["seconds_late"] = d.seconds_late;
    }
    return j;
}

json audit_json(const AuditEvent& e) {
    json changes = json::parse(e.changes_json, nullptr, false);
    return {{"id", e.id},
            {"seq", e.seq},
            {"at", format_iso_local(e.at)},
            {"actor_id", e.actor_id},
            {"source", e.source},
            {"action", e.action},
            {"subject", {{"type", e.subject}, {"id", e.subject_id}}},
            {"hash", e.hash},
            {"changes", changes.is_discarded() ? json(e.changes_json) : changes}};
}

json attachment_json(const Attachment& a) {
    return {{"id", a.id},
            {"complaint_id", a.complaint_id},
            {"file_name", a.file_name},
            {"kind", to_string(a.kind)},
            {"media_type", a.media_type},
            {"size", a.size},
            {"sha256", a.sha256},
            {"uploaded_at", format_iso_local(a.uploaded_at)},
            {"uploaded_by", a.uploaded_by},
            {"removed_at", opt_time(a.removed_at)}};
}

json inbound_mail_json(const InboundMailRecord& m, bool with_text) {
    json j{{"id", m.id},
           {"received_at", format_iso_local(m.received_at)},
           {"sent_at", opt_time(m.sent_at)},
           {"from_address", m.from_address},
           {"from_name", m.from_name},
           {"subject", m.subject},
           {"files", m.files},
           {"confidential", m.confidential},
           {"status", m.status},
           {"reason", m.reason},
           {"complaint_id", m.complaint_id ? json(*m.complaint_id) : json(nullptr)},
           {"handled_by", m.handled_by ? json(*m.handled_by) : json(nullptr)},
           {"handled_at", opt_time(m.handled_at)}};
    if (with_text) j["text"] = m.text;
    return j;
}

json outbox_mail_json(const OutboxListRow& r) {
    const OutboxMail& m = r.mail;
    return {{"id", m.id},
            {"complaint_id", m.complaint_id ? json(m.complaint_id) : json(nullptr)},
            {"reference", r.reference.empty() ? json(nullptr) : json(r.reference)},
            {"kind", m.kind},
            {"recipient", m.recipient},
            {"address", m.to_address},
            {"subject", m.subject},
            {"created_at", format_iso_local(m.created_at)},
            {"attempts", m.attempts},
            {"next_attempt_at",
             m.sent_at || m.failed_at ? json(nullptr) : json(format_iso_local(m.next_attempt_at))},
            {"failed_at", opt_time(m.failed_at)},
            {"error", m.last_error}};
}

json correspondence_json(const std::vector<OutboxMail>& out,
                         const std::vector<InboundMailRecord>& in) {
    std::vector<std::pair<Instant, json>> all;
    all.reserve(out.size() + in.size());
    for (const auto& m : out)
        all.emplace_back(m.created_at,
                         json{{"direction", "out"},
                              {"at", format_iso_local(m.created_at)},
                              {"kind", m.kind},
                              {"address", m.to_address},
                              {"subject", m.subject},
                              {"text", with_links_hidden(m.body)},
                              {"status", m.sent_at     ? "sent"
                                         : m.failed_at ? "failed"
                                                       : "waiting"},
                              {"sent_at", opt_time(m.sent_at)},
                              {"error", m.failed_at ? json(m.last_error) : json(nullptr)}});
    for (const auto& m : in)
        all.emplace_back(m.received_at, json{{"direction", "in"},
                                             {"at", format_iso_local(m.received_at)},
                                             {"kind", "message"},
                                             {"address", m.from_address},
                                             {"subject", m.subject},
                                             {"text", m.text},
                                             {"status", "received"},
                                             {"sent_at", opt_time(m.sent_at)},
                                             {"error", nullptr}});
    std::stable_sort(all.begin(), all.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    json items = json::array();
    for (auto& [at, j] : all)
        items.push_back(std::move(j));
    return items;
}

namespace {

json link_json(const std::optional<RecordLink>& l) {
    return l ? json{{"id", l->id}, {"reference", l->reference}} : json(nullptr);
}

json date_or_null(const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
}

json id_or_null(const std::optional<long long>& id) {
    return id ? json(*id) : json(nullptr);
}

} // namespace

json tracked_action_json(const ActionView& v, Date today) {
    const TrackedAction& a = v.action;
    return {{"id", a.id},
            {"kind", action_kind_name(a.kind)},
            {"what", a.what},
            {"owner_id", a.owner_id},
            {"due_on", format_date(a.due_on)},
            {"status", action_status_name(a.status)},
            {"overdue", is_overdue(a, today)},
            {"effective_from", date_or_null(a.effective_from)},
            {"done_at", opt_time(a.done_at)},
            {"result", a.result},
            {"review_due_on", date_or_null(a.review_due_on)},
            {"reviewed_on", date_or_null(a.reviewed_on)},
            {"effective", a.effective ? json(*a.effective) : json(nullptr)},
            {"evidence", a.evidence},
            {"reviewed_by", id_or_null(a.reviewed_by)},
            {"review_overdue", is_review_overdue(a, today)},
            {"follows_id", id_or_null(a.follows_id)},
            {"complaint", link_json(v.complaint)},
            {"nonconformity", link_json(v.nonconformity)},
            {"created_at", format_iso_local(a.created_at)},
            {"created_by", a.created_by},
            {"may_update", v.may_update},
            {"may_review", v.may_review}};
}

json nonconformity_json(const NonconformityView& v, Date today) {
    const Nonconformity& n = v.record;
    json measures = json::array();
    for (const auto& m : v.measures)
        measures.push_back(tracked_action_json(m, today));
    json out{{"id", n.id},
             {"reference", n.reference},
             {"kind", finding_kind_name(n.kind)},
             {"occurred_on", format_date(n.occurred_on)},
             {"description", n.description},
             {"source", finding_source_name(n.source)},
             {"complaint", link_json(v.complaint)},
             {"cause_category", n.cause_category},
             {"cause", n.cause},
             {"correction", n.correction},
             {"status", n.closed() ? "closed" : "open"},
             {"recorded_at", format_iso_local(n.recorded_at)},
             {"recorded_by", n.recorded_by},
             {"closed_at", opt_time(n.closed_at)},
             {"closed_by", id_or_null(n.closed_by)},
             {"close_note", n.close_note},
             {"measures", measures},
             {"may_edit", v.may_edit}};
    if (!v.timeline.empty()) {
        json t = json::array();
        for (const auto& e : v.timeline)
            t.push_back(audit_json(e));
        out["timeline"] = t;
    }
    return out;
}

} // namespace kd
