-- healthmesh JSON guard: runs in Envoy just before the gRPC-JSON transcoder.
--
-- The transcoder rejects a JSON list sent where a non-repeated field belongs with
-- ": Proto field is not repeating, cannot start list." and names no field. This filter finds that
-- case first and answers 400 with the same JSON shape as every other INVALID_ARGUMENT here,
-- {"code":3,"message":"vitals: expected an object, got a list","details":[]}.
--
-- Rules: it only ever answers for a body that is strict, complete JSON and holds a list where a
-- non-repeated field belongs. Anything else (no body, a body over MAX_BODY or of unknown length,
-- a path no RPC serves, lenient or broken JSON, any Lua error) leaves the request untouched, so the
-- transcoder answers exactly as it would without this filter.
--
-- The schema tables below (ROUTES, PATTERNS, TYPES, MAX_BODY) are generated from the descriptor
-- set by healthmesh/envoy_json_guard.py when the Envoy config is rendered; the rest is this file.

--@SCHEMA@

local find, sub, byte, concat, type, error, pcall = string.find, string.sub, string.byte, table.concat, type, error, pcall

-- A field spec: { proto name, kind, repeated?, message type (kind "m") or map value spec (kind "M") }.
-- Kinds: m message, M map, o opaque (google.protobuf.Value, ListValue, Struct: lists may belong
-- there), s string, y bytes, n number, b bool, e enum. A list for a map is left to the transcoder
-- (it names the field itself).
local EXPECTED = {
  m = "an object", s = "a string", y = "a base64 string", n = "a number",
  b = "true or false", e = "an enum name or number",
}
local MAX_DEPTH = 64
local LITERALS = { [116] = "true", [102] = "false", [110] = "null" }

-- resolve type names in field specs to the type tables themselves
for _, t in pairs(TYPES) do
  for _, f in pairs(t) do
    if f[2] == "m" then f[4] = TYPES[f[4]] end
    if f[2] == "M" and f[4][2] == "m" then f[4][4] = TYPES[f[4][4]] end
  end
end
local function resolve(root)
  if root[2] == "m" then root[4] = TYPES[root[4]] end
  if root[2] == "M" and root[4][2] == "m" then root[4][4] = TYPES[root[4][4]] end
end
for _, r in pairs(ROUTES) do resolve(r) end
for _, p in ipairs(PATTERNS) do resolve(p[3]) end

local ABORT = {}  -- thrown when the body is not JSON this scanner reads strictly: do nothing
local P, N = {}, 0  -- the path of the value being read: field names, list indices, {map key}
local FOUND = nil   -- the first violation's message

local function path()
  local out = {}
  for k = 1, N do
    local seg = P[k]
    if type(seg) == "number" then
      out[#out + 1] = "[" .. seg .. "]"
    elseif type(seg) == "table" then
      out[#out + 1] = "[" .. seg[1] .. "]"
    elseif #out == 0 then
      out[1] = seg
    else
      out[#out + 1] = "." .. seg
    end
  end
  return concat(out)
end

local function ws(s, i)
  local j = find(s, "[^ \t\r\n]", i)
  if not j then error(ABORT, 0) end
  return j, byte(s, j)
end

-- s[i] is the opening quote; returns the index after the closing one. A quote closes the string
-- unless an odd number of backslashes comes right before it. (Plain find: fast on long strings.)
local function str_end(s, i)
  local j = i + 1
  while true do
    local k = find(s, '"', j, true)
    if not k then error(ABORT, 0) end
    local b = k - 1
    while b > i and byte(s, b) == 92 do b = b - 1 end
    if (k - 1 - b) % 2 == 0 then return k + 1 end
    j = k + 1
  end
end

local function literal(s, i)
  local _, e = find(s, "^-?%d+", i)
  if e then
    local _, f = find(s, "^%.%d+", e + 1)
    if f then e = f end
    _, f = find(s, "^[eE][%+%-]?%d+", e + 1)
    if f then e = f end
    return e + 1
  end
  local word = LITERALS[byte(s, i)]
  if word and sub(s, i, i + #word - 1) == word then return i + #word end
  error(ABORT, 0)
end

local value

-- s[i] == "{"; t: the message type's field table, or nil (nothing to check inside)
local function object(s, i, t, d)
  if d > MAX_DEPTH then error(ABORT, 0) end
  local c
  i, c = ws(s, i + 1)
  if c == 125 then return i + 1 end
  while true do
    if c ~= 34 then error(ABORT, 0) end
    local e = str_end(s, i)
    local f = nil
    if t then
      local key = sub(s, i + 1, e - 2)
      if not find(key, "\\", 1, true) then f = t[key] end  -- escaped keys are not read
    end
    i, c = ws(s, e)
    if c ~= 58 then error(ABORT, 0) end
    if f then
      N = N + 1; P[N] = f[1]
      i = value(s, i + 1, f, d + 1)
      P[N] = nil; N = N - 1
    else
      i = value(s, i + 1, nil, d + 1)
    end
    i, c = ws(s, i)
    if c == 125 then return i + 1 end
    if c ~= 44 then error(ABORT, 0) end
    i, c = ws(s, i + 1)
  end
end

-- s[i] == "{" for a map field; vf: the spec of its values
local function map(s, i, vf, d)
  if d > MAX_DEPTH then error(ABORT, 0) end
  local c
  i, c = ws(s, i + 1)
  if c == 125 then return i + 1 end
  while true do
    if c ~= 34 then error(ABORT, 0) end
    local e = str_end(s, i)
    local key = sub(s, i + 1, e - 2)
    i, c = ws(s, e)
    if c ~= 58 then error(ABORT, 0) end
    N = N + 1; P[N] = { key }
    i = value(s, i + 1, vf, d + 1)
    P[N] = nil; N = N - 1
    i, c = ws(s, i)
    if c == 125 then return i + 1 end
    if c ~= 44 then error(ABORT, 0) end
    i, c = ws(s, i + 1)
  end
end

-- s[i] == "["; t: the element message type of a repeated message field, or nil.
-- Lists nested in a repeated field are not checked: the transcoder flattens them.
local function array(s, i, t, d)
  if d > MAX_DEPTH then error(ABORT, 0) end
  local c
  i, c = ws(s, i + 1)
  if c == 93 then return i + 1 end
  local n = 0
  while true do
    if t and c == 123 then
      N = N + 1; P[N] = n
      i = object(s, i, t, d + 1)
      P[N] = nil; N = N - 1
    else
      i = value(s, i, nil, d + 1)
    end
    i, c = ws(s, i)
    if c == 93 then return i + 1 end
    if c ~= 44 then error(ABORT, 0) end
    n = n + 1
    i, c = ws(s, i + 1)
  end
end

-- the value at s[i] (after any whitespace) for field spec f (nil: an unknown field, not checked)
value = function(s, i, f, d)
  local c
  i, c = ws(s, i)
  if c == 34 then return (str_end(s, i)) end
  if c == 123 then
    if f and not f[3] then
      if f[2] == "m" then return object(s, i, f[4], d) end
      if f[2] == "M" then return map(s, i, f[4], d) end
    end
    return object(s, i, nil, d)
  end
  if c == 91 then
    if f then
      local kind = f[2]
      if f[3] then
        return array(s, i, kind == "m" and f[4] or nil, d)
      end
      if EXPECTED[kind] and N > 0 and not FOUND then
        FOUND = path() .. ": expected " .. EXPECTED[kind] .. ", got a list"
      end
    end
    return array(s, i, nil, d)
  end
  return literal(s, i)
end

-- the first violation in body s for the route's root spec, or nil
local function check(s, root)
  P, N, FOUND = {}, 0, nil
  if root[1] ~= "" then N = 1; P[1] = root[1] end
  local i = value(s, 1, root, 0)
  if find(s, "[^ \t\r\n]", i) then error(ABORT, 0) end
  return FOUND
end

local function route(method, p)
  local q = find(p, "?", 1, true)
  if q then p = sub(p, 1, q - 1) end
  local root = ROUTES[method .. " " .. p]
  if root then return root end
  for k = 1, #PATTERNS do
    local pat = PATTERNS[k]
    if pat[1] == method and find(p, pat[2]) then return pat[3] end
  end
  return nil
end

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(ch)
    if ch == '"' then return '\\"' end
    if ch == "\\" then return "\\\\" end
    return string.format("\\u%04x", byte(ch))
  end) .. '"'
end

function envoy_on_request(handle)
  local headers = handle:headers()
  local method = headers:get(":method")
  if method == "GET" or method == "HEAD" or method == "OPTIONS" then return end
  local length = tonumber(headers:get("content-length"))
  if not length or length <= 0 or length > MAX_BODY then return end
  local root = route(method, headers:get(":path") or "")
  if not root then return end
  local body = handle:body()
  if not body then return end
  local s = body:getBytes(0, body:length())
  if not find(s, "[", 1, true) then return end  -- no list anywhere: nothing to check
  local ok, found = pcall(check, s, root)
  if not ok or not found then return end
  handle:respond({ [":status"] = "400", ["content-type"] = "application/json" },
    '{"code":3,"message":' .. json_string(found) .. ',"details":[]}')
end
