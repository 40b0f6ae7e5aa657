-- Replay prepared requests round-robin: requests=<file>, one request per line, tab-separated:
--   METHOD <tab> PATH <tab> TOKEN [<tab> JSON BODY]
-- (written by the scenario's seed hook: bench/discovery_seed.py). An empty token sends none.
-- wrk -t1 -c100 -d15s -s replay.lua URL -- requests=/abs/search.tsv pace_ms=2000
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  for _, line in ipairs(common.read_lines(opts.requests)) do
    local method, path, token, body = line:match("^(%u+)\t([^\t]+)\t([^\t]*)\t?(.*)$")
    assert(method, "replay.lua: bad line " .. line)
    local headers = {}
    if token ~= "" then headers["Authorization"] = "Bearer " .. token end
    if body ~= "" then
      headers["Content-Type"] = "application/json"
    else
      body = nil
    end
    requests[#requests + 1] = wrk.format(method, path, headers, body)
  end
  assert(#requests > 0, "replay.lua needs requests=<file>")
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
