// demo_data.hpp: demo staff for the five seed organisations and a generator of realistic
// complaints spread over years (for demos and for the benchmarks in bench/).
#pragma once

#include "service/accounts.hpp"
#include "service/complaints.hpp"

#include <functional>

namespace kd {

// The password of every demo account; README.md lists the accounts. Change it before real use.
inline constexpr const char* kDemoPassword = "klachtdesk-demo";

// Gives each organisation that has only demo accounts (or none) the demo staff, one account
// per role, each with kDemoPassword: adds the missing ones and gives those without a password
// (from before logging in existed) the demo password. Organisations with real staff are left
// alone.
struct DemoStaff {
    int added = 0;
    int given_password = 0;
};
DemoStaff seed_demo_staff(ComplaintService& service, AccountService& accounts, Instant now);

// Generates `count` complaints over the organisations, received within `span` before `now`, each
// taken as far along its procedure as its age allows; every step is in the audit trail.
// Deterministic for a given seed. With `only`, all of them at that organisation. `progress(done,
// total)` is called now and then. Returns how many were stored.
long long generate_complaints(ComplaintService& service, Writer& writer, long long count,
                              Instant now, std::chrono::days span, unsigned seed,
                              const std::function<void(long long, long long)>& progress = {},
                              const OrganisationContext* only = nullptr);

} // namespace kd
