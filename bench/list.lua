-- list.lua: wrk script that asks Xs2more's register (about 200,000 of the 1,000,000
-- complaints) for pages of 50 the way a register screen does, logged in as its coordinator.
-- Every query must return rows (a query that finds nothing flatters the figures): at the end
-- the script prints how many answers per query were empty, and that must be 0.
-- Needs KD_COOKIE (bench/login.sh), KD_HANDLER (an Xs2more handler's id) and KD_CURSOR (a
-- next_cursor from deep in the register, e.g. after 100,000 rows); bench/README.md says how.
local base = "/api/v1/organisations/xs2more/complaints?limit=50"
local paths = {
  base,                                                                        -- newest
  base .. "&state=closed,escalated&sort=received_at&received_from=2025-01-01&received_to=2025-01-31",
  base .. "&state=closed&handler=" .. os.getenv("KD_HANDLER"),                 -- one handler's
  base .. "&q=loonstrook",                                                     -- full-text search
  base .. "&q=advies%20laat&sort=received_at",                                 -- two words
  base .. "&cursor=" .. os.getenv("KD_CURSOR"),                                -- a deep page
  base .. "&sort=next_due_at",                                                 -- most urgent first
}
local cookie = os.getenv("KD_COOKIE")
local i = 0
local sent = {}
local empty = {}
for k = 1, #paths do empty[k] = 0 end
request = function()
  i = i + 1
  local k = (i % #paths) + 1
  table.insert(sent, k)
  return wrk.format("GET", paths[k], {["Cookie"] = cookie})
end
function response(status, headers, body)
  local k = table.remove(sent, 1)
  if status ~= 200 then io.stderr:write("unexpected status " .. status .. "\n") end
  if k and not string.find(body, '"items":%[{') then empty[k] = empty[k] + 1 end
end
function done(summary, latency, requests)
  for k = 1, #paths do io.write(string.format("empty answers, query %d: %d\n", k, empty[k])) end
end
