-- create.lua: wrk script that registers a phone complaint per request at Jexo (000), as the
-- logged-in demo coordinator: KD_COOKIE and KD_CSRF come from logging in (bench/README.md).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = os.getenv("KD_COOKIE")
wrk.headers["X-CSRF-Token"] = os.getenv("KD_CSRF")
wrk.body = '{"received_at": "2026-11-20T10:00", "channel": "phone",' ..
           ' "complainant": {"name": "Jan de Boer", "phone": "0612345678"},' ..
           ' "description": "Mijn loonstrook van week 12 klopt niet: de overuren ontbreken."}'

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. ": " .. body .. "\n")
  end
end
