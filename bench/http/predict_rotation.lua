-- POST /predict/coder over many distinct notes, one after another (bench/http/make_rotation.py
-- writes them, one JSON body a line). ROTATION_FILE names the file.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local bodies = {}
local next_body = 1

function init(args)
  local path = os.getenv("ROTATION_FILE") or "/tmp/notecoder-rotation.jsonl"
  for line in io.lines(path) do bodies[#bodies + 1] = line end
  -- Threads start at different places in the rotation.
  next_body = (math.floor(os.clock() * 1000000) % #bodies) + 1
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, nil, nil, body)
end
