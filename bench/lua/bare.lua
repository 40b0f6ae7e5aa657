-- The bare stack's endpoints (../shared/bench-ceiling/app.py), for the side-by-side rows:
-- mode=item (GET by primary key), list (50 indexed rows), cached (the list from Redis),
-- post (insert + commit + cache delete). One token (user 1) as the reference's own runs.
-- wrk -t1 -c100 -d15s -s bare.lua URL -- mode=item token=JWT pace_ms=0
local common = dofile("common.lua")
local requests = {}
local USERS, ROWS, VARIANTS = 1000, 100000, 500

function init(args)
  local opts = common.parse_args(args)
  local mode = opts.mode or "item"
  local auth = { ["Authorization"] = "Bearer " .. (opts.token or "") }
  local body = '{"name":"bench item","category":"misc","quantity":2,"expires_at":"2027-05-01"}'
  math.randomseed(42)
  for i = 1, VARIANTS do
    if mode == "item" then
      requests[i] = wrk.format("GET", "/items/" .. math.random(1, ROWS), auth)
    elseif mode == "list" then
      requests[i] = wrk.format("GET", "/items?user=" .. math.random(1, USERS), auth)
    elseif mode == "cached" then
      requests[i] = wrk.format("GET", "/items/cached?user=" .. math.random(1, USERS), auth)
    else
      local headers = { ["Authorization"] = auth["Authorization"], ["Content-Type"] = "application/json" }
      requests[i] = wrk.format("POST", "/items", headers, body)
    end
  end
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
