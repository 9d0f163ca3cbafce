"""docs/openapi.yaml is what scripts/build_openapi.py makes of the protos, and describes every route."""

from __future__ import annotations

import sys

import pytest
import yaml

from tests.support.mesh import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import build_openapi  # noqa: E402

DESCRIPTOR = ROOT / "build" / "healthmesh.pb"


@pytest.fixture(scope="module")
def generated() -> str:
    if not DESCRIPTOR.exists():
        pytest.fail("build/healthmesh.pb is missing: run `make setup`")
    return build_openapi.render(build_openapi.build(DESCRIPTOR))


def test_committed_openapi_is_in_sync_with_the_protos(generated):
    committed = (ROOT / "docs" / "openapi.yaml").read_text()
    assert committed == generated, "docs/openapi.yaml is stale: run `.venv/bin/python scripts/build_openapi.py`"


def test_every_http_route_is_described(generated):
    spec = yaml.safe_load(generated)
    routes = {(verb, path) for path, ops in spec["paths"].items() for verb in ops}
    assert {("post", "/v1/diagnose"), ("post", "/v1/diagnose:stream"), ("get", "/v1/sessions/{session_id}"),
            ("post", "/v1/sessions:replay"), ("post", "/v1/symptoms:classify"), ("post", "/v1/urgency:assess"),
            ("post", "/v1/conditions:match"), ("post", "/v1/treatments:recommend")} <= routes
    request = spec["components"]["schemas"]["DiagnoseRequest"]["properties"]
    assert request["patient"]["$ref"] == "#/components/schemas/Patient"
    assert request["evidence"] == {"type": "array", "items": {"$ref": "#/components/schemas/Evidence"}}
    assert spec["components"]["schemas"]["Sex"]["enum"][:1] == ["SEX_UNSPECIFIED"]
    seq = spec["components"]["schemas"]["SessionEvent"]["properties"]["seq"]
    assert seq["type"] == "string"  # int64 is a string in proto3 JSON
    get = spec["paths"]["/v1/sessions/{session_id}"]["get"]
    assert get["parameters"][0]["name"] == "session_id" and "requestBody" not in get
    assert "description" in request["request_id"]  # proto comments carried over


def test_the_schema_is_valid_openapi(generated):
    import schemathesis

    schema = schemathesis.openapi.from_dict(yaml.safe_load(generated))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
