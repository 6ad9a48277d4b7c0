-- wrk script for benchmarks/loadtest.py --tool wrk: each connection requests, in turn,
-- the URLs of a list that loadtest.py wrote (the same mix as its own clients), and
-- done() prints one JSON line that loadtest.py reads.
local urls = {}
local position = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    urls[#urls + 1] = line
  end
  -- threads start at different places in the list
  position = (id * 7919) % #urls
end

function request()
  position = position % #urls + 1
  return wrk.format("GET", urls[position], {["Accept-Encoding"] = "gzip"})
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
