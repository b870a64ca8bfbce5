-- Appended to every wrk script: one machine-readable line per phase.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"rps":%.1f,"p50":%.3f,"p95":%.3f,"p99":%.3f,"requests":%d,"non2xx":%d,"socket_errors":%d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
