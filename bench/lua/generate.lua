-- Row 44: recipes from the caller's inventory (3 recipes), one request per seeded user in turn.
-- wrk -t1 -c10 -d20s -s generate.lua URL -- tokens=/abs/tokens.txt pace_ms=1000
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  for i, token in ipairs(common.read_lines(opts.tokens)) do
    local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
    }
    requests[i] = wrk.format(
      "POST", "/api/recipes/generate-from-inventory", headers, '{"num_recipes":3}'
    )
  end
  assert(#requests > 0, "generate.lua needs tokens=<file>")
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
