-- The inventory write mix: alternately add a stack (rotating over 10 ingredient names per user, so items
-- keep a realistic handful of stacks) and consume 5 g (FEFO) from the user's 50 kg rice item
-- ("token item_id" per line of items=<file>).
-- wrk -t1 -c100 -d15s -s mix.lua URL -- items=/abs/inventory_items.txt pace_ms=0
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  local consume = '{"quantity":5,"unit":"g"}'
  for _, line in ipairs(common.read_lines(opts.items)) do
    local token, id = line:match("^(%S+)%s+(%d+)$")
    local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
    }
    for k = 0, 9 do
      local add = string.format(
        '{"ingredients":[{"name":"Despensa %02d","quantity":1,"type_unit":"kg"}]}', k)
      requests[#requests + 1] = wrk.format("POST", "/api/inventory/ingredients", headers, add)
      requests[#requests + 1] =
        wrk.format("POST", "/api/inventory/items/" .. id .. "/consume", headers, consume)
    end
  end
  assert(#requests > 0, "mix.lua needs items=<file>")
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
