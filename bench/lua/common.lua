-- Shared by the bench scripts (wrk runs with bench/lua as its working directory).
-- Arguments after `--` are key=value pairs: path=, tokens=<file>, credentials=<file>,
-- pace_ms=<mean think time per connection; 0 = saturation>.

local common = {}

function common.parse_args(args)
  local opts = {}
  for _, arg in ipairs(args) do
    local key, value = arg:match("^([%w_]+)=(.*)$")
    if key then opts[key] = value end
  end
  return opts
end

function common.read_lines(path)
  local lines = {}
  if path == nil or path == "" then return lines end
  local fh = assert(io.open(path, "r"), "cannot open " .. path)
  for line in fh:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  fh:close()
  return lines
end

-- Think time with an exponential distribution around the mean (users pause irregularly), capped
-- at ten times the mean. wrk measures latency from the moment the request is written, so the
-- pause is not counted in it.
function common.install_pacing(mean_ms)
  if mean_ms == nil or mean_ms <= 0 then return end
  math.randomseed(os.time())
  delay = function()
    local pause = -math.log(1 - math.random()) * mean_ms
    return math.floor(math.min(pause, 10 * mean_ms))
  end
end

-- wrk's request/done hooks, shared: replay the prepared requests round-robin, then report.
function common.serve(requests)
  local index = 0
  request = function()
    index = index % #requests + 1
    return requests[index]
  end
  done = function(summary, latency, _)
    common.report(summary, latency)
  end
end

-- One machine-readable line for bench/bench.py; wrk's own report is printed above it.
function common.report(summary, latency)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,' ..
    '"p99_ms":%.2f,"max_ms":%.2f,"mean_ms":%.2f,"connect":%d,"read":%d,"write":%d,' ..
    '"status":%d,"timeout":%d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end

return common
