// complaint_rows.cpp: the field table (core/complaint_fields.hpp) turned into SQL. Every column
// name comes from that table, so a field cannot be stored and forgotten by the audit trail,
// or audited and forgotten by anonymising.
#include "store/complaint_rows.hpp"

#include "core/complaint_fields.hpp"
#include "core/nonconformity.hpp"
#include "store/audit_chain.hpp"
#include "store/binds.hpp"
#include "store/records.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace kd {
namespace {

using nlohmann::json;

FieldValue value_at(const soci::row& r, std::size_t i, FieldKind kind) {
    if (r.get_indicator(i) == soci::i_null) return {};
    long long n = 0;
    switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: {
        std::string s = r.get<std::string>(i);
        if (kind == FieldKind::text || kind == FieldKind::name || kind == FieldKind::date) return s;
        return std::stoll(s);
    }
    case soci::dt_integer:
        n = r.get<int>(i);
        break;
    case soci::dt_long_long:
        n = r.get<long long>(i);
        break;
    case soci::dt_unsigned_long_long:
        n = static_cast<long long>(r.get<unsigned long long>(i));
        break;
    case soci::dt_double:
        n = static_cast<long long>(r.get<double>(i));
        break;
    default:
        throw std::runtime_error("stored complaint: unexpected column type");
    }
    if (kind == FieldKind::text || kind == FieldKind::name || kind == FieldKind::date)
        return std::to_string(n);
    return n;
}

json to_json(const FieldValue& v, FieldKind kind) {
    if (const auto* n = std::get_if<long long>(&v))
        return kind == FieldKind::flag ? json(*n != 0) : json(*n);
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return nullptr;
}

json summaries_json(const std::vector<HearingSummary>& all) {
    json out = json::array();
    for (const auto& h : all)
        out.push_back({{"employee_id", h.employee_id},
                       {"text", h.text},
                       {"shared_by", h.shared_by},
                       {"shared_at", to_epoch(h.shared_at)}});
    return out;
}

bool same_summaries(const std::vector<HearingSummary>& a, const std::vector<HearingSummary>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x.employee_id == y.employee_id && x.text == y.text && x.shared_by == y.shared_by &&
               x.shared_at == y.shared_at;
    });
}

// Replaces a complaint's rows in a list table (`fresh`: there are none yet).
void clear_list(StatementCache& cache, const char* table, const Complaint& c, bool fresh) {
    if (fresh) return;
    Binds b;
    b.num(c.id);
    cache.run(std::string("DELETE FROM ") + table + " WHERE complaint_id = :c", b);
}

void write_people(StatementCache& cache, const char* table, const Complaint& c,
                  const std::vector<long long>& people, bool fresh) {
    clear_list(cache, table, c, fresh);
    for (long long staff : people) {
        Binds b;
        b.num(c.organisation_id);
        b.num(c.id);
        b.num(staff);
        cache.run(std::string("INSERT INTO ") + table +
                      " (organisation_id, complaint_id, staff_id) VALUES (:o, :c, :s)",
                  b);
    }
}

void write_summaries(StatementCache& cache, const Complaint& c, bool fresh) {
    clear_list(cache, "complaint_hearing_summaries", c, fresh);
    long long position = 0;
    for (const auto& h : c.hearing_summaries) {
        Binds b;
        b.num(c.organisation_id);
        b.num(c.id);
        b.num(++position);
        b.num(h.employee_id);
        b.text(h.text);
        b.num(h.shared_by);
        b.num(to_epoch(h.shared_at));
        cache.run("INSERT INTO complaint_hearing_summaries (organisation_id, complaint_id, "
                  "position, employee_id, text, shared_by, shared_at) VALUES (:o, :c, :p, :e, "
                  ":t, :b, :a)",
                  b);
    }
}

// What the lists of a complaint hold, and which of them hold personal data.
struct ListChange {
    const char* name;
    json before, after;
};

std::vector<ListChange> list_changes(const Complaint* before, const Complaint& after) {
    static const Complaint none;
    const Complaint& b = before ? *before : none;
    std::vector<ListChange> out;
    if (b.involved_staff != after.involved_staff)
        out.push_back({"involved_staff", b.involved_staff, after.involved_staff});
    if (b.granted_access != after.granted_access)
        out.push_back({"granted_access", b.granted_access, after.granted_access});
    if (!same_summaries(b.hearing_summaries, after.hearing_summaries))
        out.push_back({"hearing_summaries", summaries_json(b.hearing_summaries),
                       summaries_json(after.hearing_summaries)});
    return out;
}

bool personal_key(const std::string& key) {
    for (const auto& f : complaint_fields())
        if (key == f.name) return f.anonymised_as != nullptr;
    for (const char* list : kPersonalLists)
        if (key == list) return true;
    // Events written before schema 8 held the complainant as one object; a file's name
    // (attachment events) may name the complainant; a mail event names its address, and a
    // mail that came in has the complainant's own subject line; an action agreed on the case
    // says what is to be done and what was done, which may name people (issue 13).
    return key == "complainant" || key == "file_name" || key == "mail_to" || key == "mail_from" ||
           key == "mail_subject" || key == "what" || key == "result";
}

bool nonconformity_text(const std::string& key) {
    for (const char* text : kNonconformityTexts)
        if (key == text) return true;
    return false;
}

void redact(json& changes, bool (*personal)(const std::string&)) {
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (!personal(it.key()) || !it->is_array()) continue;
        for (auto& side : *it)
            if (!side.is_null() && side != json("") && side != json::array()) side = "[verwijderd]";
    }
}

std::string redacted(const std::string& changes_json, bool (*personal)(const std::string&)) {
    json j = json::parse(changes_json, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return "{}";
    redact(j, personal);
    return j.dump();
}

} // namespace

// Binds a value; a null keeps its field's kind, so a statement kept in the cache binds the
// same kinds in the same places every time.
void bind_value(Binds& b, const FieldValue& v, FieldKind kind) {
    if (const auto* n = std::get_if<long long>(&v))
        b.num(*n);
    else if (const auto* s = std::get_if<std::string>(&v))
        b.text(*s);
    else if (kind == FieldKind::text || kind == FieldKind::name || kind == FieldKind::date)
        b.null_text();
    else
        b.null();
}

std::string complaint_columns_of_schema(const std::set<std::string>& present) {
    std::string s = "c.id, c.organisation_id";
    for (const auto& f : complaint_fields()) {
        if (present.count(f.name))
            s += std::string(", c.") + f.name;
        else if (!f.nullable && (f.kind == FieldKind::text || f.kind == FieldKind::name))
            s += std::string(", '' AS ") + f.name;
        else
            s += std::string(", NULL AS ") + f.name;
    }
    return s;
}

const std::string& complaint_columns() {
    static const std::string cols = [] {
        std::string s = "c.id, c.organisation_id";
        for (const auto& f : complaint_fields())
            s += std::string(", c.") + f.name;
        return s;
    }();
    return cols;
}

std::size_t complaint_fields_count() {
    return complaint_fields().size();
}

std::optional<long long> number_at(const soci::row& r, std::size_t i) {
    FieldValue v = value_at(r, i, FieldKind::number);
    if (const auto* n = std::get_if<long long>(&v)) return *n;
    return std::nullopt;
}

Complaint complaint_from_row(const soci::row& r) {
    Complaint c;
    c.id = std::get<long long>(value_at(r, 0, FieldKind::number));
    c.organisation_id = std::get<long long>(value_at(r, 1, FieldKind::number));
    const auto& fields = complaint_fields();
    for (std::size_t i = 0; i < fields.size(); ++i)
        fields[i].set(c, value_at(r, i + 2, fields[i].kind));
    return c;
}

std::vector<Complaint> select_complaints(soci::session& s, Binds& b, const std::string& sql,
                                         int limit, bool* more, const RowVisitor& each) {
    std::vector<Complaint> out;
    soci::row row;
    soci::statement st(s);
    st.exchange(soci::into(row));
    b.prepare(st, sql);
    if (st.execute(true)) {
        do {
            if (limit >= 0 && static_cast<int>(out.size()) == limit) {
                if (more) *more = true;
                break;
            }
            out.push_back(complaint_from_row(row));
            if (each) each(row, out.back());
        } while (st.fetch());
    }
    load_lists(s, out);
    return out;
}

void load_lists(soci::session& s, std::vector<Complaint>& complaints) {
    if (complaints.empty()) return;
    std::map<long long, Complaint*> by_id;
    for (auto& c : complaints)
        by_id[c.id] = &c;
    // Ids are numbers from our own rows, so they go into the statement as text.
    std::string ids;
    for (const auto& [id, c] : by_id)
        ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    auto people = [&](const char* table, std::vector<long long> Complaint::*list) {
        soci::rowset<soci::row> rs =
            (s.prepare << std::string("SELECT complaint_id, staff_id FROM ") + table +
                              " WHERE complaint_id IN (" + ids +
                              ") ORDER BY complaint_id, staff_id");
        for (const soci::row& r : rs) {
            long long cid = std::get<long long>(value_at(r, 0, FieldKind::number));
            (by_id[cid]->*list).push_back(std::get<long long>(value_at(r, 1, FieldKind::number)));
        }
    };
    people("complaint_involved", &Complaint::involved_staff);
    people("complaint_access", &Complaint::granted_access);
    soci::rowset<soci::row> rs =
        (s.prepare << "SELECT complaint_id, employee_id, text, shared_by, shared_at FROM "
                      "complaint_hearing_summaries WHERE complaint_id IN (" +
                          ids + ") ORDER BY complaint_id, position");
    for (const soci::row& r : rs) {
        auto num = [&](std::size_t i) {
            return std::get<long long>(value_at(r, i, FieldKind::number));
        };
        by_id[num(0)]->hearing_summaries.push_back(
            {num(1), std::get<std::string>(value_at(r, 2, FieldKind::text)), num(3),
             from_epoch(num(4))});
    }
}

const std::string& complaint_row_columns() {
    static const std::string columns = [] {
        std::string names = "organisation_id";
        for (const auto& f : complaint_fields())
            names += std::string(", ") + f.name;
        return names + ", next_due_at, updated_at";
    }();
    return columns;
}

const std::string& complaint_row_placeholders() {
    static const std::string placeholders = [] {
        std::string params = ":p0";
        for (std::size_t n = 1; n < complaint_fields().size() + 3; ++n)
            params += ", :p" + std::to_string(n);
        return params;
    }();
    return placeholders;
}

void bind_complaint_row(Binds& b, const Complaint& c, std::optional<Instant> next_due,
                        Instant updated) {
    b.num(c.organisation_id);
    for (const auto& f : complaint_fields())
        bind_value(b, f.get(c), f.kind);
    b.num(next_due ? to_epoch(*next_due) : kNothingDue);
    b.num(to_epoch(updated));
}

void insert_complaint_row(StatementCache& cache, Complaint& c, std::optional<Instant> next_due,
                          Instant now) {
    Binds b;
    bind_complaint_row(b, c, next_due, now);
    c.id = cache.insert("complaints", complaint_row_columns(), complaint_row_placeholders(), b);
    if (!c.involved_staff.empty())
        write_people(cache, "complaint_involved", c, c.involved_staff, true);
    if (!c.granted_access.empty())
        write_people(cache, "complaint_access", c, c.granted_access, true);
    if (!c.hearing_summaries.empty()) write_summaries(cache, c, true);
}

void update_complaint_row(StatementCache& cache, const Complaint& before, const Complaint& after,
                          std::optional<Instant> next_due, Instant now) {
    std::string sql = "UPDATE complaints SET next_due_at = :due, updated_at = :upd";
    Binds b;
    b.num(next_due ? to_epoch(*next_due) : kNothingDue);
    b.num(to_epoch(now));
    for (const auto& f : complaint_fields()) {
        FieldValue v = f.get(after);
        if (v == f.get(before)) continue;
        bind_value(b, v, f.kind);
        sql += std::string(", ") + f.name + " = :p" + std::to_string(b.size());
    }
    b.num(after.organisation_id);
    b.num(after.id);
    cache.run(sql + " WHERE organisation_id = :o AND id = :i", b);
    if (before.involved_staff != after.involved_staff)
        write_people(cache, "complaint_involved", after, after.involved_staff, false);
    if (before.granted_access != after.granted_access)
        write_people(cache, "complaint_access", after, after.granted_access, false);
    if (!same_summaries(before.hearing_summaries, after.hearing_summaries))
        write_summaries(cache, after, false);
}

namespace {
// The register event's own moment and actor are when and by whom the complaint was
// registered (core/lifecycle.cpp), so its changes need not repeat them: 58 bytes an event.
bool is_the_events_own(std::string_view field) {
    return field == "registered_at" || field == "registered_by";
}
} // namespace

std::string complaint_changes(const Complaint* before, const Complaint& after,
                              bool redact_personal) {
    json out = json::object();
    for (const auto& f : complaint_fields()) {
        FieldValue a = f.get(after);
        if (before) {
            FieldValue b = f.get(*before);
            if (a != b) out[f.name] = json::array({to_json(b, f.kind), to_json(a, f.kind)});
        } else if (!is_empty_value(a) && !is_the_events_own(f.name)) {
            // A new complaint: what it was registered with, leaving out what is empty.
            out[f.name] = json::array({nullptr, to_json(a, f.kind)});
        }
    }
    for (auto& l : list_changes(before, after))
        out[l.name] = json::array({before ? l.before : json(nullptr), l.after});
    if (redact_personal) redact(out, personal_key);
    return out.dump();
}

std::string complaint_state(const Complaint& c) {
    json out = json::object();
    // Null and empty text are left out, so that a field added later with such a default
    // leaves the state of every earlier complaint, and so its proof, as it was. Zero and
    // false stay: they mean something ("not well-founded").
    for (const auto& f : complaint_fields()) {
        FieldValue v = f.get(c);
        if (std::holds_alternative<std::monostate>(v)) continue;
        if (const auto* text = std::get_if<std::string>(&v); text && text->empty()) continue;
        out[f.name] = to_json(v, f.kind);
    }
    auto sorted = [](std::vector<long long> v) {
        std::sort(v.begin(), v.end());
        return v;
    };
    if (!c.involved_staff.empty()) out["involved_staff"] = sorted(c.involved_staff);
    if (!c.granted_access.empty()) out["granted_access"] = sorted(c.granted_access);
    if (!c.hearing_summaries.empty())
        out["hearing_summaries"] = summaries_json(c.hearing_summaries);
    return sha256(out.dump());
}

std::string redact_changes(const std::string& changes_json) {
    return redacted(changes_json, personal_key);
}

std::string redact_nonconformity_changes(const std::string& changes_json) {
    return redacted(changes_json, nonconformity_text);
}

} // namespace kd
