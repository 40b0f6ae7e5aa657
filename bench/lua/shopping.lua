-- A shopping list from the week's plan, into the user's own list (so lists do not pile up):
-- one prepared request per seeded user ("token list_id start end" per line of lists=<file>).
-- wrk -t1 -c100 -d15s -s shopping.lua URL -- lists=/abs/lists.txt pace_ms=500
local common = dofile("common.lua")
local requests = {}

function init(args)
  local opts = common.parse_args(args)
  for _, line in ipairs(common.read_lines(opts.lists)) do
    local token, list_id, first, last = line:match("^(%S+)%s+(%S+)%s+(%S+)%s+(%S+)$")
    local headers = {
      ["Authorization"] = "Bearer " .. token,
      ["Content-Type"] = "application/json",
    }
    local body = string.format(
      '{"start_date":"%s","end_date":"%s","list_id":%s}', first, last, list_id
    )
    requests[#requests + 1] =
      wrk.format("POST", "/api/meal-plans/generate-shopping-list", headers, body)
  end
  assert(#requests > 0, "shopping.lua needs lists=<file>")
  common.install_pacing(tonumber(opts.pace_ms or "0"))
end

common.serve(requests)
