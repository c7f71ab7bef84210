-- The load test's requests (bench/run): members' dashboards and public pages, in turn.
-- BENCH_PATHS lists them, space-separated; a path starting "M:" is sent with the member's
-- session cookie (BENCH_COOKIE), the others anonymously.
local paths, index = {}, 0
for path in string.gmatch(os.getenv("BENCH_PATHS") or "/", "%S+") do
  table.insert(paths, path)
end
local cookie = "sessionid=" .. (os.getenv("BENCH_COOKIE") or "")

request = function()
  index = index % #paths + 1
  local path = paths[index]
  if string.sub(path, 1, 2) == "M:" then
    return wrk.format("GET", string.sub(path, 3), { ["Cookie"] = cookie })
  end
  return wrk.format("GET", path)
end
