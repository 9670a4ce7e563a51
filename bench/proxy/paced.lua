-- wrk script: each connection waits DELAY_MS between requests, so the total rate is about
-- connections × 1000 / (DELAY_MS + latency): a fixed, moderate load at which to read the latency percentiles.
-- wrk takes whole milliseconds from delay(); a fractional DELAY_MS is met on average by drawing the floor or the
-- ceiling with the right odds.
local delay_ms = tonumber(os.getenv("DELAY_MS") or "1")
local whole = math.floor(delay_ms)
local fraction = delay_ms - whole

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16))
end

function delay()
  if math.random() < fraction then
    return whole + 1
  end
  return whole
end
