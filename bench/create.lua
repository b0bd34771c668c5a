-- create.lua: wrk script that registers a phone complaint per request at Jexo (000).
-- The actor is the demo coordinator (staff id 1 after `klachtdesk seed-demo`).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"actor_id": 1, "received_at": "2026-11-20T10:00", "channel": "phone",' ..
           ' "complainant": {"name": "Jan de Boer", "phone": "0612345678"},' ..
           ' "description": "Mijn loonstrook van week 12 klopt niet: de overuren ontbreken."}'

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
