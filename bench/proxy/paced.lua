-- wrk script: each connection waits DELAY_MS between requests, so the total rate is about
-- connections × 1000 / (DELAY_MS + latency): a fixed, moderate load at which to read the latency percentiles.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "1")
function delay()
  return delay_ms
end
