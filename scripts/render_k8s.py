"""Write k8s/base from one description of the services, and Envoy's ConfigMap from the same
template the local mesh uses. Run after changing a service's ports or resources; a test checks
that the committed files match what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthmesh.envoy_config import AGENT_SERVICES, GATEWAY_SERVICE, EnvoySettings, render  # noqa: E402

BASE = ROOT / "k8s" / "base"
IMAGE_REPO = "ghcr.io/healthmesh"
GRPC_PORT = 50051
METRICS_PORT = 9090

SERVICES = {
    "gateway": {"grpc": GATEWAY_SERVICE, "cpu": "250m", "memory": "256Mi", "max_cpu": "1", "max_memory": "512Mi",
                "min": 2, "max": 10},
    "symptom-classifier": {"grpc": AGENT_SERVICES["symptom_classifier"], "cpu": "250m", "memory": "256Mi",
                           "max_cpu": "1", "max_memory": "512Mi", "min": 2, "max": 12},
    "emergency-detector": {"grpc": AGENT_SERVICES["emergency_detector"], "cpu": "100m", "memory": "192Mi",
                           "max_cpu": "500m", "max_memory": "384Mi", "min": 2, "max": 6},
    "condition-matcher": {"grpc": AGENT_SERVICES["condition_matcher"], "cpu": "250m", "memory": "256Mi",
                          "max_cpu": "1", "max_memory": "512Mi", "min": 2, "max": 10},
    "treatment-retriever": {"grpc": AGENT_SERVICES["treatment_retriever"], "cpu": "100m", "memory": "192Mi",
                            "max_cpu": "500m", "max_memory": "384Mi", "min": 2, "max": 6},
}


def labels(name: str) -> dict:
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "healthmesh"}


def deployment(name: str, spec: dict) -> dict:
    module = name.replace("-", "_")
    env = [
        {"name": "HEALTHMESH_HOST", "value": "0.0.0.0"},
        {"name": f"HEALTHMESH_{module.upper()}_PORT", "value": str(GRPC_PORT)},
        {"name": f"HEALTHMESH_{module.upper()}_METRICS_PORT", "value": str(METRICS_PORT)},
        {"name": "HEALTHMESH_TLS_DIR", "value": "/etc/healthmesh/tls"},
    ]
    if name == "gateway":
        env += [
            {"name": "HEALTHMESH_DATABASE_URL", "valueFrom": {"secretKeyRef": {"name": "healthmesh-db", "key": "url"}}},
            {"name": "HEALTHMESH_REDIS_URL", "valueFrom": {"secretKeyRef": {"name": "healthmesh-redis", "key": "url"}}},
        ] + [
            {"name": f"HEALTHMESH_{agent.upper()}_TARGET",
             "value": f"dns:///{agent.replace('_', '-')}.healthmesh.svc.cluster.local:{GRPC_PORT}"}
            for agent in AGENT_SERVICES
        ]
    probe = {"grpc": {"port": GRPC_PORT, "service": spec["grpc"]}}
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": labels(name)},
        "spec": {
            "replicas": spec["min"],
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {"labels": labels(name),
                             "annotations": {"prometheus.io/scrape": "true", "prometheus.io/port": str(METRICS_PORT)}},
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001,
                                        "fsGroup": 10001, "seccompProfile": {"type": "RuntimeDefault"}},
                    "terminationGracePeriodSeconds": 30,
                    "containers": [{
                        "name": name,
                        "image": f"{IMAGE_REPO}/{name}:0.1.0",
                        "args": ["python", "-m", module],
                        "ports": [{"name": "grpc", "containerPort": GRPC_PORT},
                                  {"name": "metrics", "containerPort": METRICS_PORT}],
                        "env": env,
                        "resources": {"requests": {"cpu": spec["cpu"], "memory": spec["memory"]},
                                      "limits": {"cpu": spec["max_cpu"], "memory": spec["max_memory"]}},
                        "startupProbe": {**probe, "periodSeconds": 2, "failureThreshold": 60},
                        "readinessProbe": {**probe, "periodSeconds": 5},
                        "livenessProbe": {**probe, "periodSeconds": 10, "failureThreshold": 3},
                        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
                                            "capabilities": {"drop": ["ALL"]}},
                        "volumeMounts": [{"name": "tmp", "mountPath": "/tmp"},
                                         {"name": "tls", "mountPath": "/etc/healthmesh/tls", "readOnly": True}],
                    }],
                    "volumes": [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}},
                                {"name": "tls", "secret": {"secretName": f"{name}-tls"}}],
                },
            },
        },
    }


def service(name: str) -> dict:
    # Headless: clients (Envoy, the gateway) resolve every pod and balance per call.
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "labels": labels(name)},
            "spec": {"clusterIP": "None", "selector": {"app.kubernetes.io/name": name},
                     "ports": [{"name": "grpc", "port": GRPC_PORT, "targetPort": "grpc", "appProtocol": "grpc"},
                               {"name": "metrics", "port": METRICS_PORT, "targetPort": "metrics"}]}}


def hpa(name: str, spec: dict) -> dict:
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": name, "labels": labels(name)},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                     "minReplicas": spec["min"], "maxReplicas": spec["max"],
                     "metrics": [{"type": "Resource", "resource": {
                         "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]}}


def pdb(name: str) -> dict:
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": name, "labels": labels(name)},
            "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app.kubernetes.io/name": name}}}}


def envoy_config() -> str:
    upstreams = {"gateway": ("gateway.healthmesh.svc.cluster.local", GRPC_PORT)}
    upstreams.update({a: (f"{a.replace('_', '-')}.healthmesh.svc.cluster.local", GRPC_PORT) for a in AGENT_SERVICES})
    return render(EnvoySettings(port=8080, admin_port=9901, descriptor_path="/etc/envoy/healthmesh.pb",
                                upstreams=upstreams, listen_address="0.0.0.0", dns_type="STRICT_DNS"))


def documents() -> dict[str, list[dict]]:
    files: dict[str, list[dict]] = {}
    for name, spec in SERVICES.items():
        files[f"{name}.yaml"] = [deployment(name, spec), service(name), hpa(name, spec), pdb(name)]
    return files


def main() -> int:
    BASE.mkdir(parents=True, exist_ok=True)
    header = "# Written by scripts/render_k8s.py; edit that script, not this file.\n"
    for filename, docs in documents().items():
        (BASE / filename).write_text(header + yaml.safe_dump_all(docs, sort_keys=False))
    (BASE / "envoy.yaml").write_text(
        "# Rendered by scripts/render_k8s.py from envoy/envoy.yaml.tmpl, the template the local mesh uses.\n"
        + envoy_config())
    print(f"wrote {len(documents()) + 1} files into {BASE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
