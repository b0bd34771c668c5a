-- list.lua: wrk script that asks for filtered, sorted pages of 50 complaints of one
-- organisation (about 200,000 of the 1,000,000), cycling over filters a register screen uses.
local paths = {
  "/api/v1/organisations/xs2more/complaints?limit=50",
  "/api/v1/organisations/xs2more/complaints?state=closed,escalated&sort=received_at&received_from=2025-01-01&received_to=2025-01-31&limit=50",
  "/api/v1/organisations/xs2more/complaints?state=closed&handler=24&limit=50",
  "/api/v1/organisations/xs2more/complaints?category=dienstverlening&limit=50&offset=50",
  "/api/v1/organisations/xs2more/complaints?overdue=true&sort=next_due_at&limit=50",
}
local cookie = os.getenv("KD_COOKIE")
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Cookie"] = cookie})
end
function response(status, headers, body)
  if status ~= 200 then io.stderr:write("unexpected status " .. status .. "\n") end
end
