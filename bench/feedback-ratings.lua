-- wrk script: every request posts a new rating with a fresh random UUID v4.
local services = { "birth-registration", "snils", "child-registration", "oms-policy", "unified-benefit",
  "kindergarten-queue", "residence-registration", "death-registration" }
local channels = { "in_person", "mfc", "portal", "one_window" }
local counter = 0

function setup(thread)
  thread:set("tid", tostring(math.random(1, 2^30)))
end

function init(args)
  math.randomseed(os.time() + tonumber(tid))
end

local function hex(n)
  local s = ""
  for _ = 1, n do s = s .. string.format("%x", math.random(0, 15)) end
  return s
end

request = function()
  counter = counter + 1
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
