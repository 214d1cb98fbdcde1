-- wrk script for bench/space's HTTP comparison: GET /api/features?bbox= for the query points of
-- queries.csv (env QUERIES), box lon/lat ± HALF (env, default 0.025), in random order.
--   QUERIES=queries.csv wrk -t1 -c1 -d5s -s http_bbox.lua --latency http://127.0.0.1:PORT
local paths = {}
local half = tonumber(os.getenv("HALF") or "0.025")
local first = true
for line in io.lines(os.getenv("QUERIES")) do
  if first then first = false else
    local _, lon, lat = line:match("^(%d+),([^,]+),([^,]+),")
    lon, lat = tonumber(lon), tonumber(lat)
    paths[#paths + 1] = string.format("/api/features?bbox=%.6f,%.6f,%.6f,%.6f&limit=1000",
      lon - half, lat - half, lon + half, lat + half)
  end
end
math.randomseed(42)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format("http_bbox: %d requests, %d errors (status), mean %.3f ms, p50 %.3f ms, p99 %.3f ms, %.0f bytes/request\n",
    summary.requests, summary.errors.status, latency.mean / 1000, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.bytes / summary.requests))
end
