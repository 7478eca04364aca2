-- wrk script: every request posts a new rating with a fresh random UUID v4. With an
-- argument (`-- 0.2`), that share of the requests instead posts a rating from a fixed
-- sequence that every wrk process repeats in the same order: run against two instances,
-- each of those ratings reaches both (the duplicates of a retry that crossed instances).
local services = { "birth-registration", "snils", "child-registration", "oms-policy", "unified-benefit",
  "kindergarten-queue", "residence-registration", "death-registration" }
local channels = { "in_person", "mfc", "portal", "one_window" }
local counter = 0
local shared_share = 0
local shared = 0

function setup(thread)
  thread:set("tid", tostring(math.random(1, 2^30)))
end

function init(args)
  math.randomseed(os.time() + tonumber(tid))
  shared_share = tonumber(args[1] or "0") or 0
end

local function hex(n)
  local s = ""
  for _ = 1, n do s = s .. string.format("%x", math.random(0, 15)) end
  return s
end

local function shared_rating()
  shared = shared + 1
  local id = string.format("5ba7ed00-0000-4000-8000-%012x", shared)
  return string.format(
    '{"id":"%s","service":"snils","overall":%d,"waiting":4,"politeness":5,"comfort":4,"information":4,"channel":"mfc"}',
    id, 3 + shared % 3)
end

request = function()
  counter = counter + 1
  if shared_share > 0 and math.random() < shared_share then
    return wrk.format("POST", "/api/v1/ratings", { ["Content-Type"] = "application/json" }, shared_rating())
  end
  local id = hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-8" .. hex(3) .. "-" .. hex(12)
  local body = string.format(
    '{"id":"%s","service":"%s","overall":%d,"waiting":%d,"politeness":%d,"comfort":%d,"information":%d,"channel":"%s","term_met":true}',
    id, services[math.random(#services)], math.random(3, 5), math.random(1, 5), math.random(3, 5),
    math.random(2, 5), math.random(2, 5), channels[math.random(#channels)])
  return wrk.format("POST", "/api/v1/ratings", { ["Content-Type"] = "application/json" }, body)
end

local statuses = {}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
  io.write(string.format("requests/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx or socket errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
