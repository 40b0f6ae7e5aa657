-- GET <path>, optionally authenticated: each request carries the next token of the file, so
-- the load is spread over every seeded user (wrk gives Lua no per-connection hook).
-- wrk -t1 -c100 -d15s -s get.lua URL -- path=/api/user/profile tokens=/abs/tokens.txt pace_ms=0
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  local path = opts.path or "/status"
  local tokens = common.read_lines(opts.tokens)
  if #tokens == 0 then
    requests[1] = wrk.format("GET", path)
  else
    for i, token in ipairs(tokens) do
      requests[i] = wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
    end
  end
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
