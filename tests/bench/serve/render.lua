-- SPDX-License-Identifier: Apache-2.0
-- wrk script (tests/bench/serve_load.sh): POST /v1/render with the sample.
-- BODY_FILE in the environment names the deliberation to send.
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.path = "/v1/render"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/xml"

-- Count the statuses of every thread, printed by done().
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  local keys = {}
  for k in pairs(total) do table.insert(keys, k) end
  table.sort(keys)
  for _, k in ipairs(keys) do io.write(string.format("status %d: %d\n", k, total[k])) end
end
