// procedure.cpp: names of steps, channels and periods, and lookups on a procedure.
#include "core/procedure.hpp"

#include <algorithm>

namespace kd {

const char* step_name(StepId s) {
    switch (s) {
    case StepId::acknowledge:
        return "acknowledge";
    case StepId::first_contact:
        return "first_contact";
    case StepId::take_into_handling:
        return "take_into_handling";
    case StepId::decline_notice:
        return "decline_notice";
    case StepId::resolve:
        return "resolve";
    case StepId::verify:
        return "verify";
    case StepId::redo:
        return "redo";
    }
    return "?";
}

const char* step_label_nl(StepId s) {
    switch (s) {
    case StepId::acknowledge:
        return "Ontvangstbevestiging";
    case StepId::first_contact:
        return "Eerste contact door behandelaar";
    case StepId::take_into_handling:
        return "In behandeling genomen";
    case StepId::decline_notice:
        return "Bericht: niet in behandeling genomen";
    case StepId::resolve:
        return "Afhandeling";
    case StepId::verify:
        return "Tevredenheid geverifieerd";
    case StepId::redo:
        return "Alsnog opgelost na ontevredenheid";
    }
    return "?";
}

std::optional<StepId> step_from_name(const std::string& name) {
    for (StepId s : kAllSteps)
        if (name == step_name(s)) return s;
    return std::nullopt;
}

const char* channel_name(Channel c) {
    switch (c) {
    case Channel::phone:
        return "phone";
    case Channel::letter:
        return "letter";
    case Channel::email:
        return "email";
    case Channel::web_form:
        return "web_form";
    case Channel::in_person:
        return "in_person";
    }
    return "?";
}

std::optional<Channel> channel_from_name(const std::string& name) {
    for (Channel c : kAllChannels)
        if (name == channel_name(c)) return c;
    return std::nullopt;
}

const char* analysis_period_name(AnalysisPeriod p) {
    switch (p) {
    case AnalysisPeriod::quarterly:
        return "quarterly";
    case AnalysisPeriod::half_yearly:
        return "half-yearly";
    case AnalysisPeriod::yearly:
        return "yearly";
    case AnalysisPeriod::periodic:
        return "periodic";
    }
    return "?";
}

std::optional<AnalysisPeriod> analysis_period_from_name(const std::string& name) {
    for (auto p : {AnalysisPeriod::quarterly, AnalysisPeriod::half_yearly, AnalysisPeriod::yearly,
                   AnalysisPeriod::periodic})
        if (name == analysis_period_name(p)) return p;
    return std::nullopt;
}

const StepRule* Procedure::step(StepId id) const {
    auto it = std::find_if(steps.begin(), steps.end(), [id](const auto& s) { return s.id == id; });
    return it == steps.end() ? nullptr : &*it;
}

bool Procedure::accepts_channel(Channel c) const {
    return std::find(channels.begin(), channels.end(), c) != channels.end();
}

} // namespace kd
