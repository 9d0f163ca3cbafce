"""The JSON guard: an Envoy Lua filter, just before the gRPC-JSON transcoder, that names the field.

Envoy's transcoder rejects a JSON list where a non-repeated field belongs with
": Proto field is not repeating, cannot start list." (no field name). The Lua code in
envoy/json_guard.lua finds that case first and answers 400 `{"code":3,"message":"vitals: expected
an object, got a list","details":[]}`, the shape of every other INVALID_ARGUMENT over REST. It
needs to know, for each REST route, the request message and, for every message reachable from
it, which JSON keys are repeated, maps, messages or scalars: this module reads that from the
descriptor set (the same one the transcoder loads) and writes it into the Lua source as tables,
when the Envoy config is rendered. Nothing here is written by hand per message.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path

from google.api import annotations_pb2, http_pb2
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parent.parent
LUA_SOURCE = ROOT / "envoy" / "json_guard.lua"
SCHEMA_MARKER = "--@SCHEMA@"
DEFAULT_MAX_BODY = 256 * 1024  # larger bodies (or ones of unknown length) go to the transcoder unchecked

_F = descriptor_pb2.FieldDescriptorProto
_NUMBERS = {_F.TYPE_DOUBLE, _F.TYPE_FLOAT, _F.TYPE_INT32, _F.TYPE_INT64, _F.TYPE_UINT32, _F.TYPE_UINT64,
            _F.TYPE_SINT32, _F.TYPE_SINT64, _F.TYPE_FIXED32, _F.TYPE_FIXED64, _F.TYPE_SFIXED32,
            _F.TYPE_SFIXED64}
# Well-known types and what their JSON is: "o" (opaque) for those a list may belong to, or that
# the transcoder checks itself; the scalar kinds for those written as one JSON scalar.
_WELL_KNOWN = {
    "google.protobuf.Value": "o", "google.protobuf.ListValue": "o", "google.protobuf.Struct": "o",
    "google.protobuf.DoubleValue": "n", "google.protobuf.FloatValue": "n", "google.protobuf.Int64Value": "n",
    "google.protobuf.UInt64Value": "n", "google.protobuf.Int32Value": "n", "google.protobuf.UInt32Value": "n",
    "google.protobuf.BoolValue": "b", "google.protobuf.StringValue": "s", "google.protobuf.BytesValue": "y",
    "google.protobuf.Timestamp": "s", "google.protobuf.Duration": "s", "google.protobuf.FieldMask": "s",
}
# JSON objects whose keys are not the message's fields: nothing inside is checked.
_OPAQUE_OBJECTS = {"google.protobuf.Any"}
_HTTP_BODY = "google.api.HttpBody"


def _json_name(name: str) -> str:
    parts = name.split("_")
    return parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])


class _Descriptors:
    def __init__(self, fds: descriptor_pb2.FileDescriptorSet):
        self.messages: dict[str, descriptor_pb2.DescriptorProto] = {}
        self.methods: list[tuple[str, descriptor_pb2.MethodDescriptorProto]] = []  # (service, method)
        for f in fds.file:
            prefix = f".{f.package}" if f.package else ""
            stack = [(prefix, m) for m in f.message_type]
            while stack:
                scope, msg = stack.pop()
                name = f"{scope}.{msg.name}"
                self.messages[name.lstrip(".")] = msg
                stack.extend((name, nested) for nested in msg.nested_type)
            for svc in f.service:
                full = f"{f.package}.{svc.name}" if f.package else svc.name
                self.methods.extend((full, m) for m in svc.method)

    def message(self, type_name: str) -> descriptor_pb2.DescriptorProto:
        return self.messages[type_name.lstrip(".")]


def _spec(d: _Descriptors, field: descriptor_pb2.FieldDescriptorProto, wanted: deque) -> tuple:
    """A field's Lua spec: (proto name, kind, repeated, message type name or map value spec)."""
    repeated = field.label == _F.LABEL_REPEATED
    if field.type in (_F.TYPE_MESSAGE, _F.TYPE_GROUP):
        type_name = field.type_name.lstrip(".")
        msg = d.message(type_name)
        if msg.options.map_entry:
            value = _spec(d, next(f for f in msg.field if f.number == 2), wanted)
            return (field.name, "M", False, ("",) + value[1:])
        if type_name in _WELL_KNOWN:
            return (field.name, _WELL_KNOWN[type_name], repeated)
        wanted.append(type_name)
        return (field.name, "m", repeated, type_name)
    if field.type == _F.TYPE_ENUM:
        kind = "o" if field.type_name.lstrip(".") == "google.protobuf.NullValue" else "e"
    elif field.type == _F.TYPE_STRING:
        kind = "s"
    elif field.type == _F.TYPE_BYTES:
        kind = "y"
    elif field.type == _F.TYPE_BOOL:
        kind = "b"
    elif field.type in _NUMBERS:
        kind = "n"
    else:
        kind = "o"
    return (field.name, kind, repeated)


def _template_pattern(template: str) -> str | None:
    """A google.api.http path template as an anchored Lua pattern; None when it has no wildcard."""
    if "{" not in template and "*" not in template:
        return None
    out = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "{":
            end = template.index("}", i)
            inner = template[i + 1:end]
            out.append(_template_pattern("/" + inner.split("=", 1)[1])[2:-1] if "=" in inner else "[^/]+")
            i = end + 1
        elif template.startswith("**", i):
            out.append(".*")
            i += 2
        elif ch == "*":
            out.append("[^/]+")
            i += 1
        else:
            out.append("%" + ch if re.match(r"[\^$()%.\[\]*+\-?]", ch) else ch)
            i += 1
    return "^" + "".join(out) + "$"


def _rules(rule: http_pb2.HttpRule):
    yield rule
    for extra in rule.additional_bindings:
        yield from _rules(extra)


def schema(descriptor_set: bytes, services: list[str]) -> tuple[dict, list, dict]:
    """(routes "METHOD /path" -> root spec, [(method, Lua pattern, root spec)], message -> {json key: spec})."""
    fds = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set)
    d = _Descriptors(fds)
    routes: dict[str, tuple] = {}
    patterns: list[tuple] = []
    wanted: deque[str] = deque()
    for service, method in d.methods:
        if service not in services or not method.options.HasExtension(annotations_pb2.http):
            continue
        input_type = method.input_type.lstrip(".")
        for rule in _rules(method.options.Extensions[annotations_pb2.http]):
            kind = rule.WhichOneof("pattern")
            if not kind or not rule.body:
                continue
            verb, template = (rule.custom.kind, rule.custom.path) if kind == "custom" else (kind.upper(), getattr(rule, kind))
            if verb == "*" or not template:
                continue
            if rule.body == "*":
                if input_type == _HTTP_BODY:
                    continue
                root = ("", "m", False, input_type)
                wanted.append(input_type)
            else:
                msg, root = d.message(input_type), None
                for step in rule.body.split("."):
                    field = next((f for f in msg.field if f.name == step), None)
                    if field is None:
                        break
                    if field.type == _F.TYPE_MESSAGE and field.type_name.lstrip(".") == _HTTP_BODY:
                        field = None
                        break
                    if field.type == _F.TYPE_MESSAGE:
                        msg = d.message(field.type_name)
                if field is None:
                    continue
                root = (rule.body,) + _spec(d, field, wanted)[1:]
            pattern = _template_pattern(template)
            if pattern is None:
                routes.setdefault(f"{verb} {template}", root)
            else:
                patterns.append((verb, pattern, root))
    types: dict[str, dict[str, tuple]] = {}
    while wanted:
        name = wanted.popleft()
        if name in types:
            continue
        types[name] = {}
        if name in _OPAQUE_OBJECTS:
            continue
        for field in d.message(name).field:
            spec = _spec(d, field, wanted)
            types[name][field.name] = spec
            json_name = field.json_name or _json_name(field.name)
            types[name].setdefault(json_name, spec)
    return routes, patterns, types


def _lua(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\{ord(c):03d}" for c in value) + '"'
    if isinstance(value, tuple):
        return "{ " + ", ".join(_lua(v) for v in value) + " }"
    raise TypeError(value)


def lua_schema(routes: dict, patterns: list, types: dict, max_body: int) -> str:
    lines = ["-- generated by healthmesh/envoy_json_guard.py from the descriptor set: do not edit",
             f"local MAX_BODY = {max_body}", "local ROUTES = {"]
    lines += [f"  [{_lua(key)}] = {_lua(root)}," for key, root in sorted(routes.items())]
    lines += ["}", "local PATTERNS = {"]
    lines += [f"  {_lua(p)}," for p in patterns]
    lines += ["}", "local TYPES = {"]
    for name in sorted(types):
        lines.append(f"  [{_lua(name)}] = {{")
        lines += [f"    [{_lua(key)}] = {_lua(spec)}," for key, spec in types[name].items()]
        lines.append("  },")
    lines.append("}")
    return "\n".join(lines)


def lua_source(descriptor_path: Path | str, services: list[str], max_body: int = DEFAULT_MAX_BODY) -> str:
    path = Path(descriptor_path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: the descriptor set the JSON guard is generated from "
                                "(build it with `make protos`)")
    source = LUA_SOURCE.read_text()
    if SCHEMA_MARKER not in source:
        raise ValueError(f"{LUA_SOURCE} lost its {SCHEMA_MARKER} line")
    return source.replace(SCHEMA_MARKER, lua_schema(*schema(path.read_bytes(), services), max_body), 1)


def envoy_filter(descriptor_path: Path | str, services: list[str], max_body: int = DEFAULT_MAX_BODY) -> str:
    """The http_filters entry (YAML, indented for envoy/envoy.yaml.tmpl)."""
    code = lua_source(descriptor_path, services, max_body)
    body = "\n".join(("                  " + line) if line.strip() else "" for line in code.splitlines())
    return f"""          - name: envoy.filters.http.lua
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
              default_source_code:
                inline_string: |
{body}
"""


# Set on routes that only gRPC reaches: the guard does not even start for those requests.
ROUTE_OFF = ('{ envoy.filters.http.lua: { "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.LuaPerRoute, '
             "disabled: true } }")
