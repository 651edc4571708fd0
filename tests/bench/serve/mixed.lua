-- SPDX-License-Identifier: Apache-2.0
-- wrk script (tests/bench/serve_load.sh): in turn, POST /v1/render with the
-- sample (200), malformed XML (400), a deliberation that breaks the schema
-- (422); the sample to /v1/validate (200); then two requests refused before
-- their body is read, so the server closes the connection after answering:
-- a text/plain body (415) and a bad template name (400). BODY_FILE,
-- MALFORMED_FILE and BROKEN_FILE in the environment name the three bodies.
local function slurp(var)
  local f = assert(io.open(os.getenv(var), "rb"))
  local s = f:read("*a")
  f:close()
  return s
end
local h = { ["Content-Type"] = "application/xml" }
local requests = {
  wrk.format("POST", "/v1/render", h, slurp("BODY_FILE")),
  wrk.format("POST", "/v1/render", h, slurp("MALFORMED_FILE")),
  wrk.format("POST", "/v1/render", h, slurp("BROKEN_FILE")),
  wrk.format("POST", "/v1/validate", h, slurp("BODY_FILE")),
  wrk.format("POST", "/v1/render", { ["Content-Type"] = "text/plain" }, slurp("BROKEN_FILE")),
  wrk.format("POST", "/v1/render?template=..", h, slurp("BROKEN_FILE")),
}
local i = 0
function request()
  i = i % #requests + 1
  return requests[i]
end

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
