-- wrk script for bench/run: POSTs one chat completion per request and prints a machine-readable
-- summary line. Environment: BENCH_STREAM=1 asks for SSE ("stream":true and
-- Accept: text/event-stream); BENCH_KEY, when set, is sent as the bearer API key.

local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if stream then
  wrk.headers["Accept"] = "text/event-stream"
else
  wrk.headers["Accept"] = "application/json"
end
if key ~= nil and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
wrk.body = '{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"Say hello."}]'
  .. (stream and ',"stream":true' or '')
  .. '}'

-- Latencies are in microseconds; bench/run turns this line into the results table.
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
