-- The mixed workload in one wrk run (issue 9, load and soak): each request is drawn by weight from
--   health    GET /health
--   distinct  POST /predict/coder, rules + ML, a rotation note made unique (a cache miss)
--   cached    POST /predict/coder, one of the first CACHED_NOTES rotation notes (cache hits)
--   llm       POST /predict/coder, a short unique note with an uncertain mention, so the LLM
--             stage runs (against tools/fake_llm/fake_llm.py when the server points at it)
--   stream    POST /predict/coder/stream, rules + ML, a unique note; wrk reads the whole SSE body
-- Every request carries X-Request-Id "mix-<kind>-<thread>-<n>"; the server echoes it, which is how
-- response() knows the kind with many connections per thread. done() prints one line per kind and
-- status ("mix <kind> <status> <count>") plus X-Cache hits, LLM answers degraded and streams that
-- ended in `final`, summed over the threads.
--
-- Environment: ROTATION_FILE (bench/http/make_rotation.py output, default
-- /tmp/notecoder-rotation.jsonl), MIX (weights, default
-- "health:40,distinct:25,cached:20,llm:10,stream:5"), CACHED_NOTES (16), THINK_MS (0: a think
-- time per request on each connection, which bounds the rate for the soak).
local kinds = { "health", "distinct", "cached", "llm", "stream" }
local threads = {}
local next_thread_id = 1

function setup(thread)
  thread:set("tid", next_thread_id)
  next_thread_id = next_thread_id + 1
  threads[#threads + 1] = thread
end

local bodies = {}
local deck = {}
local deck_pos = 1
local seq = 0
local think_ms = 0
local cached_notes = 16
counts = {} -- "<kind> <status>" and "<kind> <tag>" -> count; read by done() through thread:get

local function parse_mix(text)
  local weights = {}
  for name, w in string.gmatch(text, "(%a+):(%d+)") do weights[name] = tonumber(w) end
  return weights
end

function init(args)
  local path = os.getenv("ROTATION_FILE") or "/tmp/notecoder-rotation.jsonl"
  for line in io.lines(path) do bodies[#bodies + 1] = line end
  think_ms = tonumber(os.getenv("THINK_MS") or "0")
  cached_notes = math.min(tonumber(os.getenv("CACHED_NOTES") or "16"), #bodies)
  local weights = parse_mix(os.getenv("MIX") or "health:40,distinct:25,cached:20,llm:10,stream:5")
  for _, kind in ipairs(kinds) do
    for _ = 1, (weights[kind] or 0) do deck[#deck + 1] = kind end
  end
  -- The same weights in a different order on each thread, so threads do not move in lockstep.
  math.randomseed(tid * 7919)
  for i = #deck, 2, -1 do
    local j = math.random(i)
    deck[i], deck[j] = deck[j], deck[i]
  end
end

-- A rotation body ({"note": "..."}) with a unique last line and the given options.
local function with_suffix(body, suffix, options)
  return body:sub(1, -3) .. "\\n" .. suffix .. "\", \"options\": " .. options .. "}"
end

local rules_ml = "{\"use_llm\": false}"

function request()
  local kind = deck[deck_pos]
  deck_pos = deck_pos % #deck + 1
  seq = seq + 1
  local id = tid .. "-" .. seq
  -- wrk.format replaces wrk.headers with the table it is given, so Host comes along here.
  local headers = { ["Host"] = wrk.headers["Host"], ["X-Request-Id"] = "mix-" .. kind .. "-" .. id }
  if kind ~= "health" then headers["Content-Type"] = "application/json" end
  if kind == "health" then
    return wrk.format("GET", "/health", headers, "")
  elseif kind == "cached" then
    local body = bodies[seq % cached_notes + 1]
    return wrk.format("POST", "/predict/coder", headers, with_suffix(body, "Cached.", rules_ml))
  elseif kind == "llm" then
    local body = "{\"note\": \"Assessment: Essential hypertension. Possible pneumonia. Denies chest pain. Visit " ..
        id .. ".\"}"
    return wrk.format("POST", "/predict/coder", headers, body)
  end
  local body = with_suffix(bodies[seq % #bodies + 1], "Visit " .. id .. ".", rules_ml)
  local path = kind == "stream" and "/predict/coder/stream" or "/predict/coder"
  return wrk.format("POST", path, headers, body)
end

function delay()
  return think_ms
end

local function bump(key)
  counts[key] = (counts[key] or 0) + 1
end

function response(status, headers, body)
  local rid = headers["X-Request-Id"] or headers["x-request-id"] or ""
  local kind = string.match(rid, "^mix%-(%a+)%-") or "unknown"
  bump(kind .. " " .. status)
  if kind == "cached" and (headers["X-Cache"] or headers["x-cache"]) == "hit" then
    bump(kind .. " x-cache-hit")
  elseif kind == "llm" and status == 200 then
    if string.find(body, "\"degraded\":true", 1, true) then
      bump(kind .. " degraded")
    elseif string.find(body, "\"summarize\"", 1, true) then
      bump(kind .. " llm-ran")
    end
  elseif kind == "stream" and status == 200 then
    if string.find(body, "event: final", 1, true) then bump(kind .. " final") end
    if string.find(body, "event: error", 1, true) then bump(kind .. " error-event") end
  end
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for key, n in pairs(thread:get("counts") or {}) do total[key] = (total[key] or 0) + n end
  end
  local keys = {}
  for key in pairs(total) do keys[#keys + 1] = key end
  table.sort(keys)
  for _, key in ipairs(keys) do io.write(string.format("mix %s %d\n", key, total[key])) end
  io.write(string.format("mix-summary requests %d errors connect %d read %d write %d timeout %d status %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
