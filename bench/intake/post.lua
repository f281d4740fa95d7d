-- wrk script: every request is a new comment from a new address, sent with
-- one visitor's session cookie and CSRF token (from the environment).
-- Counts the answers that carry a receipt (303 to /receipts/N).

local cookie = os.getenv("INTAKE_COOKIE")
local token = os.getenv("INTAKE_TOKEN")
local path = os.getenv("INTAKE_PATH")
local origin = os.getenv("INTAKE_ORIGIN")
-- With INTAKE_RATE (comments a second for each wrk thread) requests are
-- paced instead of sent as fast as possible: each second's first RATE
-- requests go at once, the rest wait for the next second.
local rate = tonumber(os.getenv("INTAKE_RATE") or "")
local second, sent, next_sent = 0, 0, 0

local threads = {}
local counter = 0
local thread_no = 0

local function encode(s)
   return (s:gsub("[^%w%-%._ ]", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+"))
end

function setup(thread)
   thread_no = thread_no + 1
   thread:set("id", thread_no)
   table.insert(threads, thread)
end

function init(args)
   receipts = 0
   others = 0
   -- The id of every receipt, to check against the database afterwards.
   ids = io.open(string.format("%s/receipts-%d.txt", os.getenv("INTAKE_DIR"), id), "w")
end

function request()
   counter = counter + 1
   local n = counter
   -- 10.T.x.y: a distinct address for every request of every thread.
   local addr = string.format("10.%d.%d.%d", id, math.floor(n / 250) % 250, n % 250 + 1)
   local email = string.format("intake-%d-%d@example.org", id, n)
   local body = string.format(
      "Comment %d from thread %d. Seals should be numbered and logged at each hand-off, "
         .. "and the log kept with the ballots it describes.", n, id)
   local form = "csrf_token=" .. encode(token) .. "&name=" .. encode("Commenter " .. n)
      .. "&email=" .. encode(email) .. "&organization=&kind=general&body=" .. encode(body)
      .. "&proposed_text=&website="
   local headers = {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = cookie,
      ["Origin"] = origin,
      ["X-Forwarded-For"] = addr,
   }
   return wrk.format("POST", path, headers, form)
end

if rate then
   function delay()
      local now = os.time()
      if now ~= second then
         second, sent, next_sent = now, next_sent, 0
      end
      if sent < rate then
         sent = sent + 1
         return 0
      end
      -- Counted against the next second, when it will be sent.
      next_sent = next_sent + 1
      return 1000
   end
end

function response(status, headers, body)
   local location = headers["Location"] or headers["location"]
   if status == 303 and location and location:find("^/receipts/") then
      receipts = receipts + 1
      ids:write(location:sub(11), "\n")
      ids:flush()
   else
      others = others + 1
   end
end

function done(summary, latency, requests)
   local r, o = 0, 0
   for _, t in ipairs(threads) do
      r = r + t:get("receipts")
      o = o + t:get("others")
   end
   io.write(string.format("RESULT requests=%d receipts=%d others=%d seconds=%.3f p50_ms=%.1f p99_ms=%.1f\n",
      summary.requests, r, o, summary.duration / 1e6,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
