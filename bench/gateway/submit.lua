-- wrk script: POST /v1/jobs with an analyze job, each request with its own Idempotency-Key (as a partner retrying
-- safely would send). Arguments after "--": the API key, the image id, and a tag that keeps keys of runs apart.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  api_key, image_id, tag = args[1], args[2], args[3]
  body = '{"type":"analyze","imageId":"' .. image_id .. '"}'
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/v1/jobs", {
    ["Authorization"] = "Bearer " .. api_key,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = tag .. "-" .. thread_id .. "-" .. counter,
  }, body)
end
