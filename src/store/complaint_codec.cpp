// complaint_codec.cpp: complaint <-> JSON document for storage. Times are epoch seconds so
// the document means the same on every backend and in every time zone.
#include "store/complaint_codec.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace kd {
namespace {

using nlohmann::json;

json opt_time(const std::optional<Instant>& t) {
    return t ? json(to_epoch(*t)) : json(nullptr);
}

std::optional<Instant> get_time(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return std::nullopt;
    return from_epoch(it->get<long long>());
}

template <typename T> T get_or(const json& j, const char* key, T fallback) {
    auto it = j.find(key);
    return it == j.end() || it->is_null() ? fallback : it->get<T>();
}

json to_json(const Complaint& c) {
    json j;
    j["id"] = c.id;
    j["organisation_id"] = c.organisation_id;
    j["reference"] = c.reference;
    j["procedure_version"] = c.procedure_version;
    j["state"] = state_name(c.state);
    j["received_at"] = to_epoch(c.received_at);
    j["registered_at"] = to_epoch(c.registered_at);
    j["registered_by"] = c.registered_by;
    j["channel"] = channel_name(c.channel);
    j["complainant"] = {{"name", c.complainant.name},
                        {"email", c.complainant.email},
                        {"phone", c.complainant.phone},
                        {"type", complainant_type_name(c.complainant.type)},
                        {"relation", c.complainant.relation}};
    j["description"] = c.description;
    j["category"] = c.category;
    j["involved_staff"] = c.involved_staff;
    j["description_approved"] = c.description_approved;
    j["procedure_explained"] = c.procedure_explained;
    j["confidential"] = c.confidential;
    j["granted_access"] = c.granted_access;
    j["handler_id"] = c.handler_id ? json(*c.handler_id) : json(nullptr);
    j["acknowledged_at"] = opt_time(c.acknowledged_at);
    j["acknowledgement_note"] = c.acknowledgement_note;
    j["assigned_at"] = opt_time(c.assigned_at);
    j["handling_started_at"] = opt_time(c.handling_started_at);
    j["first_contact_at"] = opt_time(c.first_contact_at);
    j["agreed_resolve_by"] = opt_time(c.agreed_resolve_by);
    j["hearing_at"] = opt_time(c.hearing_at);
    j["hearing_note"] = c.hearing_note;
    j["hearing_summaries"] = json::array();
    for (const auto& h : c.hearing_summaries)
        j["hearing_summaries"].push_back({{"employee_id", h.employee_id},
                                          {"text", h.text},
                                          {"shared_by", h.shared_by},
                                          {"shared_at", to_epoch(h.shared_at)}});
    j["assessed_at"] = opt_time(c.assessed_at);
    j["well_founded"] = c.well_founded ? json(*c.well_founded) : json(nullptr);
    j["assessment_note"] = c.assessment_note;
    j["extensions_used"] = c.extensions_used;
    j["extension"] = c.extension
                         ? json{{"amount", c.extension->amount}, {"unit", int(c.extension->unit)}}
                         : json(nullptr);
    j["extension_reason"] = c.extension_reason;
    j["resolved_at"] = opt_time(c.resolved_at);
    j["last_resolved_at"] = opt_time(c.last_resolved_at);
    j["resolution"] = c.resolution ? json(resolution_name(*c.resolution)) : json(nullptr);
    j["solution"] = c.solution;
    j["procedure_change_effective"] = c.procedure_change_effective
                                          ? json(day_number(*c.procedure_change_effective))
                                          : json(nullptr);
    j["verified_at"] = opt_time(c.verified_at);
    j["satisfaction"] = satisfaction_name(c.satisfaction);
    j["satisfaction_note"] = c.satisfaction_note;
    j["satisfaction_evidence"] = c.satisfaction_evidence;
    j["dissatisfied_at"] = opt_time(c.dissatisfied_at);
    j["redone_at"] = opt_time(c.redone_at);
    j["reopen_count"] = c.reopen_count;
    j["escalated_at"] = opt_time(c.escalated_at);
    j["external_body"] = c.external_body;
    j["closed_at"] = opt_time(c.closed_at);
    j["declined_at"] = opt_time(c.declined_at);
    j["decline_reason"] = c.decline_reason;
    j["decline_notified_at"] = opt_time(c.decline_notified_at);
    j["withdrawn_at"] = opt_time(c.withdrawn_at);
    j["withdraw_reason"] = c.withdraw_reason;
    j["anonymised_at"] = opt_time(c.anonymised_at);
    return j;
}

} // namespace

std::string encode_complaint(const Complaint& c) {
    return to_json(c).dump();
}

Complaint decode_complaint(const std::string& text) {
    json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object())
        throw std::runtime_error("stored complaint is not a JSON object");
    try {
        Complaint c;
        c.id = j.at("id").get<long long>();
        c.organisation_id = j.at("organisation_id").get<long long>();
        c.reference = j.at("reference").get<std::string>();
        c.procedure_version = j.at("procedure_version").get<int>();
        auto st = state_from_name(j.at("state").get<std::string>());
        if (!st) throw std::runtime_error("unknown state");
        c.state = *st;
        c.received_at = from_epoch(j.at("received_at").get<long long>());
        c.registered_at = from_epoch(j.at("registered_at").get<long long>());
        c.registered_by = j.at("registered_by").get<long long>();
        c.channel = channel_from_name(j.at("channel").get<std::string>()).value_or(Channel::phone);
        const json& cp = j.at("complainant");
        c.complainant.name = cp.at("name").get<std::string>();
        c.complainant.email = cp.at("email").get<std::string>();
        c.complainant.phone = cp.at("phone").get<std::string>();
        c.complainant.type = complainant_type_from_name(cp.at("type").get<std::string>())
                                 .value_or(ComplainantType::external);
        c.complainant.relation = cp.at("relation").get<std::string>();
        c.description = j.at("description").get<std::string>();
        c.category = j.at("category").get<std::string>();
        c.involved_staff = j.at("involved_staff").get<std::vector<long long>>();
        c.description_approved = j.at("description_approved").get<bool>();
        c.procedure_explained = j.at("procedure_explained").get<bool>();
        c.confidential = j.at("confidential").get<bool>();
        if (j.contains("granted_access"))
            c.granted_access = j["granted_access"].get<std::vector<long long>>();
        if (!j.at("handler_id").is_null()) c.handler_id = j.at("handler_id").get<long long>();
        c.acknowledged_at = get_time(j, "acknowledged_at");
        c.acknowledgement_note = get_or<std::string>(j, "acknowledgement_note", "");
        c.assigned_at = get_time(j, "assigned_at");
        c.handling_started_at = get_time(j, "handling_started_at");
        c.first_contact_at = get_time(j, "first_contact_at");
        c.agreed_resolve_by = get_time(j, "agreed_resolve_by");
        c.hearing_at = get_time(j, "hearing_at");
        c.hearing_note = get_or<std::string>(j, "hearing_note", "");
        if (j.contains("hearing_summaries"))
            for (const json& h : j["hearing_summaries"])
                c.hearing_summaries.push_back({h.at("employee_id").get<long long>(),
                                               h.at("text").get<std::string>(),
                                               h.at("shared_by").get<long long>(),
                                               from_epoch(h.at("shared_at").get<long long>())});
        c.assessed_at = get_time(j, "assessed_at");
        if (j.contains("well_founded") && !j["well_founded"].is_null())
            c.well_founded = j["well_founded"].get<bool>();
        c.assessment_note = get_or<std::string>(j, "assessment_note", "");
        c.extensions_used = get_or<int>(j, "extensions_used", 0);
        if (j.contains("extension") && !j["extension"].is_null())
            c.extension = Term{j["extension"].at("amount").get<int>(),
                               TermUnit(j["extension"].at("unit").get<int>())};
        c.extension_reason = get_or<std::string>(j, "extension_reason", "");
        c.resolved_at = get_time(j, "resolved_at");
        c.last_resolved_at = get_time(j, "last_resolved_at");
        if (j.contains("resolution") && !j["resolution"].is_null())
            c.resolution = resolution_from_name(j["resolution"].get<std::string>());
        c.solution = get_or<std::string>(j, "solution", "");
        if (j.contains("procedure_change_effective") && !j["procedure_change_effective"].is_null())
            c.procedure_change_effective =
                date_from_day_number(j["procedure_change_effective"].get<int>());
        c.verified_at = get_time(j, "verified_at");
        std::string sat = get_or<std::string>(j, "satisfaction", "unknown");
        c.satisfaction = sat == "satisfied"      ? Satisfaction::satisfied
                         : sat == "dissatisfied" ? Satisfaction::dissatisfied
                                                 : Satisfaction::unknown;
        c.satisfaction_note = get_or<std::string>(j, "satisfaction_note", "");
        c.satisfaction_evidence = get_or<std::string>(j, "satisfaction_evidence", "");
        c.dissatisfied_at = get_time(j, "dissatisfied_at");
        c.redone_at = get_time(j, "redone_at");
        c.reopen_count = get_or<int>(j, "reopen_count", 0);
        c.escalated_at = get_time(j, "escalated_at");
        c.external_body = get_or<std::string>(j, "external_body", "");
        c.closed_at = get_time(j, "closed_at");
        c.declined_at = get_time(j, "declined_at");
        c.decline_reason = get_or<std::string>(j, "decline_reason", "");
        c.decline_notified_at = get_time(j, "decline_notified_at");
        c.withdrawn_at = get_time(j, "withdrawn_at");
        c.withdraw_reason = get_or<std::string>(j, "withdraw_reason", "");
        c.anonymised_at = get_time(j, "anonymised_at");
        return c;
    } catch (const json::exception& e) {
        throw std::runtime_error(std::string("stored complaint is malformed: ") + e.what());
    }
}

namespace {

// The fields of the stored document that hold personal data (R-PRIV): what retention removes.
const char* const kPersonalFields[] = {
    "complainant",    "description",       "involved_staff",        "acknowledgement_note",
    "hearing_note",   "hearing_summaries", "assessment_note",       "extension_reason",
    "solution",       "satisfaction_note", "satisfaction_evidence", "decline_reason",
    "withdraw_reason"};

void redact(json& changes) {
    for (const char* key : kPersonalFields) {
        auto it = changes.find(key);
        if (it == changes.end() || !it->is_array()) continue;
        for (auto& side : *it)
            if (!side.is_null() && side != json("") && side != json::array()) side = "[verwijderd]";
    }
}

} // namespace

std::string complaint_changes(const Complaint* before, const Complaint& after,
                              bool redact_personal) {
    json a = to_json(after);
    json b = before ? to_json(*before) : json::object();
    json out = json::object();
    for (auto it = a.begin(); it != a.end(); ++it) {
        const json& old = b.contains(it.key()) ? b[it.key()] : json(nullptr);
        if (old != it.value()) out[it.key()] = json::array({old, it.value()});
    }
    if (redact_personal) redact(out);
    return out.dump();
}

std::string redact_changes(const std::string& changes_json) {
    json j = json::parse(changes_json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "{}";
    redact(j);
    return j.dump();
}

} // namespace kd
