-- wrk script (issue 16 benchmark): 90 % reads of one waddle, 10 % voice
-- region updates with If-Match, over the waddles w-0001 … w-<WADDLES>.
-- One connection a thread (wrk -tN -cN), so a response answers the thread's
-- last request: each thread updates its own waddles (none shared between
-- threads) and keeps their versions from the answers (200: the new waddle;
-- 409: the current one is attached), so its writes are real writes.
local key = os.getenv("KEY")
local total_waddles = tonumber(os.getenv("WADDLES") or "240")
local thread_count = tonumber(os.getenv("THREADS") or "1")
-- Several wrk processes against several instances: each numbers its
-- threads from FIRST_THREAD + 1 of THREADS in all, so no two share waddles.
local first_thread = tonumber(os.getenv("FIRST_THREAD") or "0")
local regions = { "auto", "eu-west", "us-east", "us-west", "asia-ne", "eu-north" }
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_index", first_thread + counter)
  table.insert(threads, thread)
end

function init(args)
  versions = {}
  writes, conflicts, last = 0, 0, nil
  math.randomseed(thread_index * 7919)
end

local function waddle_id(n)
  return string.format("w-%04d", n)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. key }
  if math.random() < 0.1 then
    -- This thread's waddles: n = thread_index (mod thread_count).
    local n = thread_index + thread_count *
      math.random(0, math.floor((total_waddles - thread_index) / thread_count))
    last = waddle_id(n)
    headers["Content-Type"] = "application/json"
    headers["If-Match"] = string.format('"w-%s-%d"', last, versions[last] or 1)
    local body = string.format('{"region":"%s"}', regions[math.random(#regions)])
    return wrk.format("PUT", "/api/v1/waddles/" .. last .. "/voice-region", headers, body)
  end
  last = nil
  return wrk.format("GET", "/api/v1/waddles/" .. waddle_id(math.random(1, total_waddles)),
    headers)
end

function response(status, headers, body)
  if last == nil then
    return
  end
  if status == 200 then
    writes = writes + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  end
  local version = body and body:match('"version":(%d+)')
  if version then
    versions[last] = tonumber(version)
  end
end

function done(summary, latency, requests)
  local w, c = 0, 0
  for _, t in ipairs(threads) do
    w = w + (t:get("writes") or 0)
    c = c + (t:get("conflicts") or 0)
  end
  io.write(string.format(
    "MIXED requests=%d writes=%d conflicts=%d non2xx_or_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, w, c,
    summary.errors.status + summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
