-- POST /api/auth/login with the next seeded account of the file ("email password" per line).
-- Argon2id verification (OWASP parameters, ~35 ms of CPU) is deliberately costly.
-- wrk -t1 -c100 -d15s -s login.lua URL -- credentials=/abs/credentials.txt pace_ms=0
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  local headers = { ["Content-Type"] = "application/json" }
  for i, line in ipairs(common.read_lines(opts.credentials)) do
    local email, password = line:match("^(%S+)%s+(%S+)$")
    local body = string.format('{"email":"%s","password":"%s"}', email, password)
    requests[i] = wrk.format("POST", opts.path or "/api/auth/login", headers, body)
  end
  assert(#requests > 0, "login.lua needs credentials=<file>")
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
