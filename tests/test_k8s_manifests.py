"""Every Kubernetes object of every overlay validates strictly (kubernetes-validate, Kubernetes
1.30 and the newest version it knows); custom resources are checked structurally; and the
manifests say what the mesh needs: hardened pods, autoscaling, disruption budgets, network
isolation, Secrets by reference only, monitoring on metrics the code really exports.

Overlays are built by scripts/kustomize_lite.py (no kustomize binary needed); where kubectl is
installed its `kubectl kustomize` output is compared with ours.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import kustomize_lite  # noqa: E402

OVERLAYS = {"base": ROOT / "k8s" / "base", "dev": ROOT / "k8s" / "overlays" / "dev",
            "prod": ROOT / "k8s" / "overlays" / "prod"}
SERVICES = ("gateway", "symptom-classifier", "emergency-detector", "condition-matcher", "treatment-retriever")
AGENTS = SERVICES[1:]
CUSTOM_KINDS = {"ServiceMonitor", "PrometheusRule", "Certificate", "Issuer"}
K8S_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())

_built: dict[str, list[dict]] = {}


def rendered(overlay: str) -> list[dict]:
    if overlay not in _built:
        _built[overlay] = kustomize_lite.build(OVERLAYS[overlay])
    return _built[overlay]


def objects(overlay: str, kind: str) -> dict[str, dict]:
    return {d["metadata"]["name"]: d for d in rendered(overlay) if d["kind"] == kind}


def pod_spec(deployment: dict) -> dict:
    return deployment["spec"]["template"]["spec"]


@pytest.mark.parametrize("overlay", list(OVERLAYS))
def test_every_builtin_object_validates_strictly(overlay):
    docs = rendered(overlay)
    assert len(docs) > 30
    for doc in docs:
        if doc["kind"] in CUSTOM_KINDS:
            continue
        for version in K8S_VERSIONS:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as err:
                pytest.fail(f"{overlay}: {doc['kind']}/{doc['metadata']['name']} (k8s {version}): {err.message}")


def test_overlays_use_only_features_the_renderer_knows_and_match_kubectl_kustomize():
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl not installed; the renderer alone is used")
    suffix = re.compile(r'-[a-z0-9]{10}"')
    for overlay, path in OVERLAYS.items():
        out = subprocess.run([kubectl, "kustomize", str(path)], capture_output=True, text=True, timeout=60)
        assert out.returncode == 0, out.stderr
        theirs = sorted(suffix.sub('-HASH"', json.dumps(d, sort_keys=True))
                        for d in yaml.safe_load_all(out.stdout) if d)
        ours = sorted(suffix.sub('-HASH"', json.dumps(d, sort_keys=True)) for d in rendered(overlay))
        assert ours == theirs, overlay


def test_generated_config_names_follow_their_content():
    base = objects("base", "ConfigMap")
    prod = objects("prod", "ConfigMap")
    (base_name,) = [n for n in base if n.startswith("envoy-config-")]
    (prod_name,) = [n for n in prod if n.startswith("envoy-config-")]
    assert base_name != prod_name  # the prod Envoy config differs, so its pods roll
    for overlay, name in (("base", base_name), ("prod", prod_name)):
        volumes = pod_spec(objects(overlay, "Deployment")["envoy"])["volumes"]
        assert {"name": "config", "configMap": {"name": name}} in volumes


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_service_has_deployment_service_hpa_and_pdb(overlay):
    deployments, services = objects(overlay, "Deployment"), objects(overlay, "Service")
    hpas, pdbs = objects(overlay, "HorizontalPodAutoscaler"), objects(overlay, "PodDisruptionBudget")
    for name in (*SERVICES, "envoy"):
        deployment = deployments[name]
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        assert services[name]["spec"]["selector"].items() <= pod_labels.items()
        assert pdbs[name]["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()
        target = hpas[name]["spec"]["scaleTargetRef"]
        assert (target["kind"], target["name"]) == ("Deployment", name)
        assert hpas[name]["spec"]["minReplicas"] <= hpas[name]["spec"]["maxReplicas"]
        image = pod_spec(deployment)["containers"][0]["image"]
        assert image == f"ghcr.io/healthmesh/{name}:0.1.0"
    for name in SERVICES:
        assert services[name]["spec"]["clusterIP"] == "None"  # headless: per-call balancing over pods


def test_prod_scales_on_cpu_and_requests_per_second():
    hpas = objects("prod", "HorizontalPodAutoscaler")
    for name in SERVICES:
        metrics = hpas[name]["spec"]["metrics"]
        assert {"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": 70}}} in metrics
        pods = [m["pods"] for m in metrics if m["type"] == "Pods"]
        assert pods and pods[0]["metric"]["name"] == "healthmesh_rpc_requests_per_second"
        assert pods[0]["target"]["type"] == "AverageValue"
        assert hpas[name]["spec"]["minReplicas"] >= 2
    adapter = objects("prod", "ConfigMap")["healthmesh-prometheus-adapter-rules"]
    rules = yaml.safe_load(adapter["data"]["config.yaml"])["rules"]
    assert any(r["name"]["as"] == "healthmesh_rpc_requests_per_second"
               and r["seriesQuery"].startswith("healthmesh_rpc_requests_total") for r in rules)


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_pods_are_hardened_probed_and_bounded(overlay):
    for name, deployment in objects(overlay, "Deployment").items():
        spec = pod_spec(deployment)
        assert spec["automountServiceAccountToken"] is False, name
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] >= 10000, name
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            assert set(container["resources"]) == {"requests", "limits"}, name
            assert {"cpu", "memory"} <= set(container["resources"]["limits"]), name
            assert {"startupProbe", "readinessProbe", "livenessProbe"} <= set(container), name
            if name in SERVICES:
                assert container["readinessProbe"]["grpc"]["port"] == 50051
            # the only writable places are emptyDir volumes (/tmp; the gateway's outbox)
            volumes = {v["name"]: v for v in spec["volumes"]}
            for mount in container["volumeMounts"]:
                if not mount.get("readOnly"):
                    assert "emptyDir" in volumes[mount["name"]], (name, mount)


def test_namespace_enforces_the_restricted_pod_security_standard():
    (namespace,) = objects("prod", "Namespace").values()
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    for doc in rendered("prod"):
        if doc["kind"] != "Namespace":
            assert doc["metadata"]["namespace"] == "healthmesh", (doc["kind"], doc["metadata"]["name"])


# --- network policies ---------------------------------------------------------------------------------


def _pod_labels(overlay: str) -> dict[str, dict]:
    return {n: d["spec"]["template"]["metadata"]["labels"] for n, d in objects(overlay, "Deployment").items()}


def _selects(selector: dict, labels: dict) -> bool:
    return selector.get("matchLabels", {}).items() <= labels.items() and not selector.get("matchExpressions")


def _port_ok(rule: dict, port: int, named: dict[str, int]) -> bool:
    if "ports" not in rule:
        return True
    return any(p.get("port") in (port, *[k for k, v in named.items() if v == port]) for p in rule["ports"])


def _peer_ok(rule: dict, key: str, peer_labels: dict | None, peer_namespace: str) -> bool:
    """peer_labels None: something outside the cluster (an ipBlock or any address)."""
    if key not in rule:
        return True
    for peer in rule[key]:
        if peer_labels is None:
            continue
        namespace_ok = ("namespaceSelector" not in peer and peer_namespace == "healthmesh") or (
            "namespaceSelector" in peer
            and _selects(peer["namespaceSelector"], {"kubernetes.io/metadata.name": peer_namespace}))
        if namespace_ok and _selects(peer.get("podSelector", {}), peer_labels):
            return True
    return False


def _allowed(policies: list[dict], labels: dict, direction: str, peer: dict | None, peer_ns: str, port: int,
             named: dict[str, int]) -> bool:
    applying = [p for p in policies if _selects(p["spec"]["podSelector"], labels)
                and direction.capitalize() in p["spec"]["policyTypes"]]
    if not applying:
        return True
    key = "from" if direction == "ingress" else "to"
    return any(_peer_ok(rule, key, peer, peer_ns) and _port_ok(rule, port, named)
               for p in applying for rule in p["spec"].get(direction, []))


def can_connect(overlay: str, source: str | None, target: str | None, port: int, source_ns: str = "healthmesh",
                target_ns: str = "healthmesh", target_labels: dict | None = None) -> bool:
    policies = list(objects(overlay, "NetworkPolicy").values())
    pods = _pod_labels(overlay)
    named = {"grpc": 50051, "metrics": 9090, "http": 8080}
    src = pods.get(source) if source else None
    dst = pods.get(target) if target else target_labels
    egress = source is None or source_ns != "healthmesh" or _allowed(
        policies, src, "egress", dst, target_ns, port, named)
    ingress = target is None or _allowed(policies, dst, "ingress", src or {}, source_ns, port, named)
    return egress and ingress


def test_network_policies_allow_exactly_the_mesh_paths():
    assert objects("prod", "NetworkPolicy")["default-deny-all"]["spec"] == {
        "podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    assert can_connect("prod", None, "envoy", 8080)  # the public entry point
    assert can_connect("prod", "envoy", "gateway", 50051)
    for agent in AGENTS:
        assert can_connect("prod", "gateway", agent, 50051), agent
        assert not can_connect("prod", "envoy", agent, 50051), agent
        assert not can_connect("prod", agent, "gateway", 50051), agent
        assert not can_connect("prod", None, agent, 50051), agent
        for other in AGENTS:
            if other != agent:
                assert not can_connect("prod", agent, other, 50051), (agent, other)
    assert not can_connect("prod", None, "gateway", 50051)
    assert not can_connect("prod", "envoy", "gateway", 9090)


def test_network_policies_open_data_stores_dns_and_monitoring_only_to_who_needs_them():
    outside = {"app": "managed-database"}
    assert can_connect("prod", "gateway", None, 5432, target_labels=outside)
    assert can_connect("prod", "gateway", None, 6379, target_labels=outside)
    assert can_connect("prod", "symptom-classifier", None, 6379, target_labels=outside)
    assert not can_connect("prod", "symptom-classifier", None, 5432, target_labels=outside)
    for agent in ("emergency-detector", "condition-matcher", "treatment-retriever"):
        assert not can_connect("prod", agent, None, 6379, target_labels=outside), agent
        assert not can_connect("prod", agent, None, 5432, target_labels=outside), agent
    assert not can_connect("prod", "envoy", None, 5432, target_labels=outside)
    dns = {"k8s-app": "kube-dns"}
    for name in (*SERVICES, "envoy"):
        assert can_connect("prod", name, None, 53, target_ns="kube-system", target_labels=dns), name
    for name in SERVICES:
        assert can_connect("prod", None, name, 9090, source_ns="monitoring"), name
        assert not can_connect("prod", None, name, 9090, source_ns="default"), name


# --- secrets ---------------------------------------------------------------------------------------------


def referenced_secrets(overlay: str) -> set[str]:
    names = set()
    for deployment in objects(overlay, "Deployment").values():
        spec = pod_spec(deployment)
        names |= {v["secret"]["secretName"] for v in spec["volumes"] if "secret" in v}
        for container in spec["containers"]:
            names |= {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env", [])
                      if "secretKeyRef" in e.get("valueFrom", {})}
    return names


def test_no_secret_is_committed():
    for overlay in ("dev", "prod"):
        assert not objects(overlay, "Secret"), f"{overlay}: Secrets come from a secret store and cert-manager"
    for path in (ROOT / "k8s").rglob("*"):
        if path.is_file():
            text = path.read_text(errors="replace")
            assert not re.search(r"-----BEGIN [A-Z ]*PRIVATE KEY-----", text), path
            assert not re.search(r"-----BEGIN CERTIFICATE-----", text), path


@pytest.mark.parametrize("overlay", ["dev", "prod"])
def test_every_referenced_secret_has_a_source(overlay):
    referenced = referenced_secrets(overlay)
    tls = {f"{n}-tls" for n in (*SERVICES, "envoy")}
    assert referenced == {"healthmesh-db", "healthmesh-redis", "envoy-jwks", *tls}
    certificates = {c["spec"]["secretName"] for c in objects(overlay, "Certificate").values()}
    assert tls <= certificates, "cert-manager writes every TLS Secret"
    notes = (OVERLAYS[overlay] / "kustomization.yaml").read_text()
    # envoy-jwks is an optional volume that only the prod Envoy config reads
    needed = referenced - tls - ({"envoy-jwks"} if overlay == "dev" else set())
    for name in needed:
        assert name in notes, f"the {overlay} overlay must say where Secret {name} comes from"


def test_dev_issues_its_certificates_from_a_self_signed_ca():
    issuers = objects("dev", "Issuer")
    assert issuers["healthmesh-selfsigned"]["spec"] == {"selfSigned": {}}
    assert issuers["healthmesh-ca"]["spec"]["ca"]["secretName"] == "healthmesh-ca"
    ca = objects("dev", "Certificate")["healthmesh-ca"]
    assert ca["spec"]["isCA"] and ca["spec"]["issuerRef"]["name"] == "healthmesh-selfsigned"
    assert not objects("prod", "Issuer"), "prod uses the cluster's own healthmesh-ca Issuer"


def test_certificates_are_structurally_sound():
    for name, cert in objects("prod", "Certificate").items():
        assert cert["apiVersion"] == "cert-manager.io/v1"
        spec = cert["spec"]
        service = name.removesuffix("-tls")
        assert f"{service}.healthmesh.svc.cluster.local" in spec["dnsNames"]
        assert {"server auth", "client auth"} <= set(spec["usages"])
        assert spec["issuerRef"]["name"] and spec["secretName"] == name
