// procedure_file.cpp: the TOML schema of a procedure file and its validation. Unknown keys
// are errors, so a typo in a term never silently falls back to a default.
#include "service/procedure_file.hpp"
#include "service/toml_reader.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace kd {
namespace {

void read_procedure_table(TomlReader& r, const toml::table& t, Procedure& p) {
    r.only_keys(t,
                {"organisation_code", "slug", "organisation_name", "title", "version",
                 "authorised_by", "authorised_on", "source"},
                "[procedure]");
    p.organisation_code = r.str(t, "organisation_code", true, "[procedure]");
    if (!p.organisation_code.empty() &&
        !std::regex_match(p.organisation_code, std::regex("[0-9]{3}")))
        r.error(t.get("organisation_code"), "organisation_code must be three digits, like \"004\"");
    p.slug = r.str(t, "slug", true, "[procedure]");
    if (!p.slug.empty() && !std::regex_match(p.slug, std::regex("[a-z0-9][a-z0-9-]{0,39}")))
        r.error(t.get("slug"), "slug must be lower-case letters, digits and '-' (at most 40)");
    p.organisation_name = r.str(t, "organisation_name", true, "[procedure]");
    p.title = r.str(t, "title", true, "[procedure]");
    if (!t.get("version")) r.error(&t, "missing 'version' in [procedure]");
    if (auto v = r.integer(t, "version", 1, 1000000)) p.version = int(*v);
    // R-PROC: a procedure is authorised by a named person (004 "Geautoriseerd door").
    p.authorised_by = r.str(t, "authorised_by", true, "[procedure]");
    if (const toml::node* n = t.get("authorised_on")) p.authorised_on = r.date(n, "authorised_on");
    p.source = r.str(t, "source", false, "[procedure]");
}

void read_calendar(TomlReader& r, const toml::table& t, Procedure& p) {
    r.only_keys(t, {"good_friday", "liberation_day", "closure_days"}, "[calendar]");
    p.calendar.good_friday = r.boolean(t, "good_friday");
    std::string lib = r.str(t, "liberation_day", false, "[calendar]");
    if (lib.empty() || lib == "lustrum")
        p.calendar.liberation_day = LiberationDay::lustrum;
    else if (lib == "yearly")
        p.calendar.liberation_day = LiberationDay::yearly;
    else if (lib == "never")
        p.calendar.liberation_day = LiberationDay::never;
    else
        r.error(t.get("liberation_day"),
                "liberation_day must be \"yearly\", \"lustrum\" or \"never\"");
    if (const toml::node* n = t.get("closure_days")) {
        if (!n->is_array()) {
            r.error(n, "closure_days must be a list like [{ date = 2026-12-24, name = \"...\" }]");
            return;
        }
        for (const toml::node& e : *n->as_array()) {
            if (!e.is_table()) {
                r.error(&e, "each closure day must be { date = YYYY-MM-DD, name = \"...\" }");
                continue;
            }
            const toml::table& ct = *e.as_table();
            r.only_keys(ct, {"date", "name"}, "a closure day");
            const toml::node* d = ct.get("date");
            if (!d) {
                r.error(&e, "a closure day needs a date");
                continue;
            }
            if (auto date = r.date(d, "closure day")) {
                p.calendar.closure_days.push_back(*date);
                p.calendar.closure_names.push_back(r.str(ct, "name", false, "a closure day"));
            }
        }
    }
}

void read_intake(TomlReader& r, const toml::table& t, Procedure& p) {
    r.only_keys(
        t,
        {"channels", "categories", "require_description_approval", "require_procedure_explained"},
        "[intake]");
    for (const auto& name : r.strings(t, "channels")) {
        auto c = channel_from_name(name);
        if (!c)
            r.error(t.get("channels"), "unknown channel '" + name +
                                           "'; use phone, letter, email, web_form, in_person");
        else if (!p.accepts_channel(*c))
            p.channels.push_back(*c);
    }
    if (p.channels.empty()) r.error(&t, "[intake] needs at least one channel");
    p.categories = r.strings(t, "categories");
    std::set<std::string> seen;
    for (const auto& c : p.categories)
        if (!seen.insert(c).second)
            r.error(t.get("categories"), "category '" + c + "' is listed twice");
    p.require_description_approval = r.boolean(t, "require_description_approval");
    p.require_procedure_explained = r.boolean(t, "require_procedure_explained");
}

void read_rules(TomlReader& r, const toml::table& t, Procedure& p) {
    r.only_keys(t,
                {"acknowledgement_states_first_actions", "hearing_required", "assessment_required",
                 "satisfaction_evidence_required", "confidant_route", "escalation_body",
                 "retention_years", "analysis", "close_without_satisfaction", "remind_before",
                 "cause_categories", "cause_required", "complaints_in_register"},
                "[rules]");
    p.acknowledgement_states_first_actions = r.boolean(t, "acknowledgement_states_first_actions");
    p.hearing_required = r.boolean(t, "hearing_required");
    p.assessment_required = r.boolean(t, "assessment_required");
    p.satisfaction_evidence_required = r.boolean(t, "satisfaction_evidence_required");
    p.confidant_route = r.boolean(t, "confidant_route");
    p.escalation_body = r.str(t, "escalation_body", false, "[rules]");
    if (auto y = r.integer(t, "retention_years", 0, 100)) p.retention_years = int(*y);
    std::string u = r.str(t, "close_without_satisfaction", false, "[rules]");
    if (!u.empty()) {
        if (auto v = value_in(kUnsatisfiedCloseNames, u))
            p.close_unsatisfied = *v;
        else
            r.error(t.get("close_without_satisfaction"),
                    "close_without_satisfaction must be never, handler or coordinator");
    }
    if (p.close_unsatisfied != UnsatisfiedClose::never && !p.escalation_body.empty())
        r.error(t.get("close_without_satisfaction"),
                "a procedure with an escalation_body refers a dissatisfied complainant there: "
                "close_without_satisfaction must be never");
    p.cause_categories = r.strings(t, "cause_categories");
    std::set<std::string> causes;
    for (const auto& c : p.cause_categories)
        if (!causes.insert(c).second)
            r.error(t.get("cause_categories"), "cause '" + c + "' is listed twice");
    p.cause_required = r.boolean(t, "cause_required");
    p.complaints_in_register = r.boolean(t, "complaints_in_register");
    if (const toml::node* n = t.get("remind_before"))
        if (auto term = r.term(n, "remind_before")) p.remind_before = *term;
    std::string a = r.str(t, "analysis", false, "[rules]");
    if (!a.empty()) {
        if (auto ap = analysis_period_from_name(a))
            p.analysis = *ap;
        else
            r.error(t.get("analysis"),
                    "analysis must be quarterly, half-yearly, yearly or periodic");
    }
}

void read_extension(TomlReader& r, const toml::table& t, Procedure& p) {
    r.only_keys(t, {"allowed", "max", "times"}, "[extension]");
    p.extension.allowed = r.boolean(t, "allowed");
    if (const toml::node* n = t.get("max")) {
        if (auto term = r.term(n, "max")) p.extension.max = *term;
    } else if (p.extension.allowed) {
        r.error(&t, "an allowed extension needs its 'max' term");
    }
    if (auto n = r.integer(t, "times", 1, 10)) p.extension.times = int(*n);
}

void read_steps(TomlReader& r, const toml::node* n, Procedure& p) {
    if (!n || !n->is_array_of_tables()) {
        r.error(n, "the procedure needs its steps as [[steps]] tables");
        return;
    }
    for (const toml::node& e : *n->as_array()) {
        const toml::table& t = *e.as_table();
        r.only_keys(t, {"step", "term", "kind", "quote"}, "[[steps]]");
        StepRule s;
        std::string name = r.str(t, "step", true, "[[steps]]");
        auto id = step_from_name(name);
        if (!id) {
            if (!name.empty())
                r.error(t.get("step"), "unknown step '" + name +
                                           "'; use acknowledge, first_contact, take_into_handling, "
                                           "decline_notice, resolve, verify or redo");
            continue;
        }
        s.id = *id;
        if (p.requires_step(s.id)) {
            r.error(&e, "step '" + name + "' is listed twice");
            continue;
        }
        std::string kind = r.str(t, "kind", false, "[[steps]]");
        if (kind.empty() || kind == "fixed")
            s.kind = TermKind::fixed;
        else if (kind == "agreed")
            s.kind = TermKind::agreed;
        else if (kind == "none")
            s.kind = TermKind::none;
        else
            r.error(t.get("kind"), "kind must be \"fixed\", \"agreed\" or \"none\"");
        const toml::node* term = t.get("term");
        if (s.kind == TermKind::fixed) {
            if (!term)
                r.error(&e, "step '" + name + "' needs a term, like \"2 working days\"");
            else if (auto tt = r.term(term, "term of step '" + name + "'"))
                s.term = *tt;
        } else if (term) {
            r.error(term, "step '" + name + "' has kind '" + kind + "', so it takes no term");
        }
        // Only the resolve term can be agreed per case (001); the others have no event for it.
        if (s.kind == TermKind::agreed && s.id != StepId::resolve)
            r.error(t.get("kind"), "only the resolve step can have a term agreed per case");
        s.quote = r.str(t, "quote", false, "[[steps]]");
        p.steps.push_back(s);
    }
    if (!p.requires_step(StepId::resolve))
        r.error(n, "every procedure needs a 'resolve' step (use kind = \"none\" for no term)");
    if (p.requires_step(StepId::redo) && !p.requires_step(StepId::verify))
        r.error(n, "a 'redo' step needs a 'verify' step before it");
}

} // namespace

ProcedureLoad parse_procedure(std::string_view toml_text, const std::string& path) {
    ProcedureLoad out;
    toml::table root;
    try {
        root = toml::parse(toml_text, path);
    } catch (const toml::parse_error& e) {
        out.errors.push_back(path + ":" + std::to_string(e.source().begin.line) + ": " +
                             std::string(e.description()));
        return out;
    }
    TomlReader r(path, out.errors);
    Procedure p;
    r.only_keys(root, {"procedure", "calendar", "intake", "rules", "extension", "steps"},
                "the file");
    if (auto t = r.table(root, "procedure", true)) read_procedure_table(r, *t, p);
    if (auto t = r.table(root, "calendar", false)) read_calendar(r, *t, p);
    if (auto t = r.table(root, "intake", true)) read_intake(r, *t, p);
    if (auto t = r.table(root, "rules", false)) read_rules(r, *t, p);
    if (auto t = r.table(root, "extension", false)) read_extension(r, *t, p);
    read_steps(r, root.get("steps"), p);
    if (p.extension.allowed) {
        const StepRule* res = p.step(StepId::resolve);
        if (res && res->kind != TermKind::fixed)
            r.error(root.get("extension"), "an extension needs a fixed resolve term to extend");
    }
    if (out.errors.empty()) out.procedure = std::move(p);
    return out;
}

ProcedureLoad load_procedure_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return ProcedureLoad{std::nullopt, {path + ":1: cannot read the file"}};
    std::stringstream ss;
    ss << in.rdbuf();
    return parse_procedure(ss.str(), path);
}

ProcedureSet load_procedure_dir(const std::string& dir) {
    namespace fs = std::filesystem;
    ProcedureSet out;
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
        if (it->path().extension() == ".toml") files.push_back(it->path().string());
    if (ec) {
        out.errors.push_back(dir + ":1: cannot read the procedure directory: " + ec.message());
        return out;
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) out.errors.push_back(dir + ":1: no procedure files (*.toml) found");
    std::set<std::string> codes, slugs;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        auto load = in ? parse_procedure(text.str(), f)
                       : ProcedureLoad{std::nullopt, {f + ":1: cannot read the file"}};
        out.errors.insert(out.errors.end(), load.errors.begin(), load.errors.end());
        if (!load.procedure) continue;
        if (!codes.insert(load.procedure->organisation_code).second)
            out.errors.push_back(f + ":1: organisation_code " + load.procedure->organisation_code +
                                 " is used by another file too");
        if (!slugs.insert(load.procedure->slug).second)
            out.errors.push_back(f + ":1: slug " + load.procedure->slug +
                                 " is used by another file too");
        out.procedures.push_back(std::move(*load.procedure));
        out.files.push_back(f);
        out.texts.push_back(text.str());
    }
    return out;
}

} // namespace kd
