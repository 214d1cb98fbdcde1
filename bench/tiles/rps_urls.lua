-- SPDX-License-Identifier: Apache-2.0
-- wrk script for bench/tiles/rps.sh: cycles through a fixed list of request paths (one a line,
-- in the file named after `--`), with the same headers for every server it is pointed at.
--   wrk -t2 -c16 -d10s -s bench/tiles/rps_urls.lua http://127.0.0.1:8080 -- urls.txt
-- Requests are formatted once in `init`, so the Lua cost per request is a table lookup and
-- does not eat into the CPU the servers share with wrk.

local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

wrk.headers["Accept-Encoding"] = "gzip"

local requests = {}
local next_idx = 1

function init(args)
  for path in io.lines(args[1]) do
    table.insert(requests, wrk.format("GET", path))
  end
  assert(#requests > 0, "no paths in " .. args[1])
  -- Each thread starts at another place in the list, so threads do not move in lockstep.
  next_idx = (id * 7919) % #requests + 1
end

function request()
  local r = requests[next_idx]
  next_idx = next_idx % #requests + 1
  return r
end
