-- wrk script for bench/models/run: GETs the model list and prints a machine-readable summary line
-- (latencies in microseconds) that the run script turns into the results table.
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
-- BENCH_AUTHORIZATION, when set, is sent as the Authorization header (catalog-service's internal token).
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization ~= nil and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p99_us=%d max_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
