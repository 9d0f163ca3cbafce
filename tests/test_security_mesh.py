"""The mesh as production runs it, locally: TLS from callers to Envoy, mutual TLS between Envoy,
gateway and agents, JWT authentication at Envoy against a JWKS, and per-client rate limits.

Certificates and the signing key are made by the test (tests/support/pki.py); the configuration
is the one `healthmesh up` renders from HEALTHMESH_TLS_DIR / HEALTHMESH_AUTH_JWKS /
HEALTHMESH_RATE_LIMIT_RPS, through the same Envoy template Kubernetes uses.
"""

from __future__ import annotations

import json
import ssl
import time
import urllib.error
import urllib.request
from pathlib import Path

import grpc
import pytest

from healthmesh.v1 import diagnosis_pb2, diagnosis_pb2_grpc
from tests.support.mesh import start_mesh, stop_mesh
from tests.support.pki import JwtIssuer, make_tls_dir

pytestmark = pytest.mark.mesh

RATE_PER_SECOND = 5
BODY = {"patient": {"age_years": 40, "sex": "SEX_FEMALE"}, "complaint": "sore throat and a runny nose"}


@pytest.fixture(scope="module")
def secure(tmp_path_factory):
    root = tmp_path_factory.mktemp("secure-mesh")
    tls_dir = make_tls_dir(root / "tls")
    issuer = JwtIssuer.generate()
    jwks = issuer.write_jwks(root / "jwks.json")
    env = {"HEALTHMESH_TLS_DIR": str(tls_dir), "HEALTHMESH_AUTH_JWKS": str(jwks),
           "HEALTHMESH_AUTH_ISSUER": issuer.issuer, "HEALTHMESH_AUTH_AUDIENCE": issuer.audience,
           "HEALTHMESH_RATE_LIMIT_RPS": str(RATE_PER_SECOND)}
    (root / "state").mkdir()
    mesh = start_mesh(root / "state", extra_env=env)
    try:
        yield mesh, tls_dir, issuer
    finally:
        stop_mesh(mesh)


def _https(tls_dir: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(tls_dir / "ca.crt"))
    return context


def post(mesh, tls_dir: Path, body: dict, token: str | None = None) -> tuple[int, str]:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    req = urllib.request.Request(f"https://127.0.0.1:{mesh.port}/v1/diagnose", data=json.dumps(body).encode(),
                                 headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=10, context=_https(tls_dir)) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def test_unauthenticated_request_gets_401(secure):
    mesh, tls_dir, _ = secure
    status, _ = post(mesh, tls_dir, BODY)
    assert status == 401


def test_token_from_another_key_or_expired_gets_401_and_wrong_audience_403(secure):
    mesh, tls_dir, issuer = secure
    stranger = JwtIssuer.generate()
    assert post(mesh, tls_dir, BODY, stranger.token("mallory"))[0] == 401
    assert post(mesh, tls_dir, BODY, issuer.token("alice", lifetime_seconds=-120))[0] == 401
    # a valid signature for another audience: Envoy answers 403 (authenticated, not allowed here)
    wrong_audience = JwtIssuer(issuer.key, audience="someone-else")
    assert post(mesh, tls_dir, BODY, wrong_audience.token("alice"))[0] == 403


def test_signed_request_gets_200_with_every_agent_answering_over_mutual_tls(secure):
    mesh, tls_dir, issuer = secure
    status, raw = post(mesh, tls_dir, BODY, issuer.token("clinic-a"))
    assert status == 200, raw
    body = json.loads(raw)
    assert body["urgency"]["level"].startswith("URGENCY_")
    # the gateway reached every agent through mutual TLS: nothing degraded
    assert body["degraded"] == []
    assert body["findings"]


def test_grpc_over_tls_needs_a_token(secure):
    mesh, tls_dir, issuer = secure
    credentials = grpc.ssl_channel_credentials((tls_dir / "ca.crt").read_bytes())
    request = diagnosis_pb2.DiagnoseRequest(complaint="a cough for two days")
    with grpc.secure_channel(mesh.grpc_target, credentials) as channel:
        stub = diagnosis_pb2_grpc.DiagnosisStub(channel)
        with pytest.raises(grpc.RpcError) as err:
            stub.Diagnose(request, timeout=5)
        assert err.value.code() == grpc.StatusCode.UNAUTHENTICATED
        reply = stub.Diagnose(request, timeout=5,
                              metadata=[("authorization", f"Bearer {issuer.token('clinic-grpc')}")])
        assert reply.urgency.level > 0


def test_over_limit_client_gets_429_while_others_are_served(secure):
    mesh, tls_dir, issuer = secure
    busy, calm = issuer.token("busy-client"), issuer.token("calm-client")
    statuses = []
    started = time.monotonic()
    for _ in range(3 * RATE_PER_SECOND):
        statuses.append(post(mesh, tls_dir, BODY, busy)[0])
    assert time.monotonic() - started < 3, "too slow to exceed the limit meaningfully"
    assert 429 in statuses, statuses
    assert statuses.count(200) >= RATE_PER_SECOND - 1, statuses
    assert set(statuses) <= {200, 429}, statuses
    # the bucket is per client (JWT subject): another client is still served
    assert post(mesh, tls_dir, BODY, calm)[0] == 200


def test_plaintext_to_envoy_is_refused(secure):
    mesh, _, issuer = secure
    req = urllib.request.Request(f"http://127.0.0.1:{mesh.port}/v1/diagnose", data=json.dumps(BODY).encode(),
                                 headers={"content-type": "application/json",
                                          "authorization": f"Bearer {issuer.token('alice')}"})
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        urllib.request.urlopen(req, timeout=5).read()


def test_agents_and_gateway_refuse_callers_without_a_client_certificate(secure):
    mesh, tls_dir, _ = secure
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    ports = mesh.state()["ports"]
    server_only = grpc.ssl_channel_credentials((tls_dir / "ca.crt").read_bytes())  # no client pair
    mutual = grpc.ssl_channel_credentials((tls_dir / "ca.crt").read_bytes(),
                                          (tls_dir / "client.key").read_bytes(),
                                          (tls_dir / "client.crt").read_bytes())
    for name in ("gateway", "symptom_classifier", "emergency_detector", "condition_matcher",
                 "treatment_retriever"):
        target = f"127.0.0.1:{ports[name]}"
        with grpc.secure_channel(target, server_only) as channel:
            with pytest.raises(grpc.RpcError) as err:
                health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=3)
            assert err.value.code() == grpc.StatusCode.UNAVAILABLE, name
        with grpc.insecure_channel(target) as channel:
            with pytest.raises(grpc.RpcError):
                health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=3)
        with grpc.secure_channel(target, mutual) as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=3)
            assert reply.status == health_pb2.HealthCheckResponse.SERVING, name
