-- Row 17: start an async recognition of the user's uploaded receipt, one prepared request per
-- seeded user ("token image_path" per line of uploads=<file>), replayed round-robin.
-- wrk -t1 -c20 -d30s -s recognize.lua URL -- uploads=/abs/uploads.txt pace_ms=1000
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  for _, line in ipairs(common.read_lines(opts.uploads)) do
    local token, path = line:match("^(%S+)%s+(%S+)$")
    local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
    }
    local body = string.format('{"images_paths":["%s"]}', path)
    requests[#requests + 1] =
      wrk.format("POST", "/api/recognition/ingredients/async", headers, body)
  end
  assert(#requests > 0, "recognize.lua needs uploads=<file>")
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
