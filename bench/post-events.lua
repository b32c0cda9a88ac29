-- wrk script of bench/run.sh: POSTs the bench events (the schemas' examples padded to 1 KiB, from
-- BENCH_EVENTS, written by io.busbridge.bench.BenchEvents) in turn, each with a unique id so that
-- duplicate detection drops nothing, and each order with its customer (its session): the example's
-- own, or with BENCH_CUSTOMERS = N one of N customers in turn (BenchEvents.customer). BENCH_DELAY_MS > 0
-- paces every connection (a rate limit: wrk has no open-loop mode and wrk2 is not packaged). done()
-- prints one key=value line for run.sh.
local events = dofile(os.getenv("BENCH_EVENTS"))
local customers = tonumber(os.getenv("BENCH_CUSTOMERS") or "0")

-- Each body split at its marks, once: { text, mark, text, mark, text } in the order they appear.
local function split(body)
  local pieces, at = {}, 1
  while true do
    local from, to, mark = body:find("@([A-Z]+)@", at)
    if not from then break end
    pieces[#pieces + 1] = body:sub(at, from - 1)
    pieces[#pieces + 1] = mark
    at = to + 1
  end
  pieces[#pieces + 1] = body:sub(at)
  return pieces
end

local parts = {}
for i, body in ipairs(events) do
  parts[i] = split(body)
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
  local pieces = parts[n % #parts + 1]
  local values = {
    ID = string.format("w%02d%013d", tid, sent),
    CUSTOMER = string.format("c%011d", customers == 0 and n % #parts or math.floor(n / #parts) % customers),
  }
  local body = {}
  for i, piece in ipairs(pieces) do
    body[i] = (i % 2 == 0) and values[piece] or piece
  end
  return wrk.format(nil, nil, nil, table.concat(body))
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
