// fuzz_procedure.cpp: procedure files (TOML) as an organisation may write them: loaded, and
// when accepted, every step's due moment computed from a receipt in its calendar.
#include "core/amsterdam_time.hpp"
#include "core/deadlines.hpp"
#include "service/procedure_file.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto load = kd::parse_procedure(text, "fuzz.toml");
    if (!load.procedure) return 0;
    kd::WorkingDayCalendar cal(load.procedure->calendar);
    kd::Instant received = kd::from_local(kd::Date{std::chrono::year{2026} / 12 / 24}, 17, 30);
    for (const auto& step : load.procedure->steps)
        (void)kd::step_due(*load.procedure, cal, step.id, received, load.procedure->extension.max);
    return 0;
}
