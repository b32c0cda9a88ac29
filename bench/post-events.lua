-- wrk script of bench/run.sh: POSTs the bench events (the schemas' examples padded to 1 KiB, from
-- BENCH_EVENTS, written by io.busbridge.bench.BenchEvents) in turn, each with a unique id so that
-- duplicate detection drops nothing, and each order with its customer (its session): the example's
-- own, or with BENCH_CUSTOMERS = N one of N customers in turn (BenchEvents.customer). BENCH_DELAY_MS > 0
-- paces every connection (a rate limit: wrk has no open-loop mode and wrk2 is not packaged). done()
-- prints one key=value line for run.sh.
local events = dofile(os.getenv("BENCH_EVENTS"))
local customers = tonumber(os.getenv("BENCH_CUSTOMERS") or "0")

-- Each body split once around its id: { before, after }; an order's customer is filled in here when
-- it is the example's own, so that wrk spends as little CPU per request as before customers existed.
local parts = {}
for i, body in ipairs(events) do
  if customers == 0 then
    body = body:gsub("@CUSTOMER@", string.format("c%011d", i - 1))
  end
  local from, to = body:find("@ID@", 1, true)
  parts[i] = { body:sub(1, from - 1), body:sub(to + 1) }
end

local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local sent = 0

-- The id is 16 characters, as BenchEvents padded for: "w", thread, counter; the customer 12: "c", number.
function request()
  local n = sent
  sent = sent + 1
  local p = parts[n % #parts + 1]
  local body = p[1] .. string.format("w%02d%013d", tid, sent) .. p[2]
  if customers > 0 then
    body = body:gsub("@CUSTOMER@", string.format("c%011d", math.floor(n / #parts) % customers), 1)
  end
  return wrk.format(nil, nil, nil, body)
end

local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local failed = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("rps=%.0f p50_ms=%.2f p99_ms=%.2f ok=%d failed=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests - failed, failed))
end
