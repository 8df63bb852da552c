-- wrk: print one JSON line with throughput, latency percentiles (ms) and error counts.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "rps": %.1f, "p50": %.2f, "p95": %.2f, "p99": %.2f, ' ..
    '"non_2xx_3xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
