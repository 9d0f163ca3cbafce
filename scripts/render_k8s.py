"""Write k8s/ from one description of the services, and Envoy's configs from the same template the
local mesh uses. Run after changing a service's ports, resources or policies; a test checks that
the committed files match what this script writes.

Written here: k8s/base/<service>.yaml (Deployment, headless Service, HPA, PDB per service),
k8s/base/envoy-deployment.yaml, k8s/base/networkpolicies.yaml, k8s/base/envoy.yaml (Envoy with
TLS both ways), k8s/overlays/prod/envoy.yaml (the same plus JWT authentication and per-client rate
limits) and k8s/base/certificates.yaml (cert-manager Certificates for every TLS Secret).
Hand-written: the kustomization.yaml files, k8s/monitoring/ and k8s/overlays/dev/ca-issuer.yaml.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthmesh.envoy_config import (AGENT_SERVICES, GATEWAY_SERVICE, EnvoySettings, JwtAuth,  # noqa: E402
                                     RateLimit, render)

K8S = ROOT / "k8s"
BASE = K8S / "base"
PROD = K8S / "overlays" / "prod"
NAMESPACE = "healthmesh"
IMAGE_REPO = "ghcr.io/healthmesh"
VERSION = "0.1.0"
GRPC_PORT = 50051
METRICS_PORT = 9090
ENVOY_PORT = 8080
ENVOY_ADMIN_PORT = 9901
POSTGRES_PORT = 5432
REDIS_PORT = 6379
OTLP_PORT = 4317
TLS_MOUNT = "/etc/healthmesh/tls"
ENVOY_TLS_MOUNT = "/etc/envoy/tls"
ENVOY_JWKS_MOUNT = "/etc/envoy/jwks"
MONITORING_NAMESPACE = "monitoring"  # where Prometheus (and the OTLP collector) run
PROD_RATE_LIMIT = RateLimit(per_second=20, burst=40)
PROD_JWT_ISSUER = "https://auth.healthmesh.example/"  # the identity provider whose keys envoy-jwks holds
PROD_JWT_AUDIENCE = "healthmesh"

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
# Who talks to what: the NetworkPolicies allow exactly this and nothing else.
NEEDS_REDIS = ("gateway", "symptom-classifier")
NEEDS_POSTGRES = ("gateway",)


def labels(name: str, component: str = "grpc-service") -> dict:
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/component": component,
            "app.kubernetes.io/part-of": "healthmesh"}


def fqdn(name: str) -> str:
    return f"{name}.{NAMESPACE}.svc.cluster.local"


def tls_volume(secret: str) -> dict:
    """A cert-manager style Secret (tls.crt, tls.key, ca.crt) laid out as healthmesh's TLS folder:
    the one certificate (server and client usages) serves both directions."""
    return {"name": "tls", "secret": {"secretName": secret, "defaultMode": 0o440, "items": [
        {"key": "tls.crt", "path": "server.crt"}, {"key": "tls.key", "path": "server.key"},
        {"key": "tls.crt", "path": "client.crt"}, {"key": "tls.key", "path": "client.key"},
        {"key": "ca.crt", "path": "ca.crt"}]}}


def pod_security() -> dict:
    return {"runAsNonRoot": True, "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001,
            "seccompProfile": {"type": "RuntimeDefault"}}


def container_security() -> dict:
    return {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "runAsNonRoot": True,
            "capabilities": {"drop": ["ALL"]}}


def secret_env(name: str, secret: str, key: str = "url") -> dict:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}}


def deployment(name: str, spec: dict) -> dict:
    module = name.replace("-", "_")
    env = [
        {"name": "HEALTHMESH_HOST", "value": "0.0.0.0"},
        {"name": f"HEALTHMESH_{module.upper()}_PORT", "value": str(GRPC_PORT)},
        {"name": f"HEALTHMESH_{module.upper()}_METRICS_PORT", "value": str(METRICS_PORT)},
        {"name": "HEALTHMESH_TLS_DIR", "value": TLS_MOUNT},
    ]
    volumes = [{"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}, tls_volume(f"{name}-tls")]
    mounts = [{"name": "tmp", "mountPath": "/tmp"}, {"name": "tls", "mountPath": TLS_MOUNT, "readOnly": True}]
    if name in NEEDS_POSTGRES:
        env.append(secret_env("HEALTHMESH_DATABASE_URL", "healthmesh-db"))
    if name in NEEDS_REDIS:
        env.append(secret_env("HEALTHMESH_REDIS_URL", "healthmesh-redis"))
    if name == "gateway":
        env += [{"name": f"HEALTHMESH_{agent.upper()}_TARGET",
                 "value": f"dns:///{fqdn(agent.replace('_', '-'))}:{GRPC_PORT}"} for agent in AGENT_SERVICES]
        # one batch RPC outstanding per agent replica (gateway/batching.py), up to the largest HPA's
        env.append({"name": "HEALTHMESH_AGENT_MAX_IN_FLIGHT",
                    "value": str(max(SERVICES[a.replace("_", "-")]["max"] for a in AGENT_SERVICES))})
        # sessions are spooled here before each answer; an emptyDir outlives a container restart
        env.append({"name": "HEALTHMESH_OUTBOX_DIR", "value": "/var/lib/healthmesh/outbox"})
        volumes.append({"name": "outbox", "emptyDir": {"sizeLimit": "256Mi"}})
        mounts.append({"name": "outbox", "mountPath": "/var/lib/healthmesh/outbox"})
    probe = {"grpc": {"port": GRPC_PORT, "service": spec["grpc"]}}
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": labels(name)},
        "spec": {
            "replicas": spec["min"],
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {"labels": labels(name)},
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": pod_security(),
                    "terminationGracePeriodSeconds": 30,
                    "containers": [{
                        "name": name,
                        "image": f"{IMAGE_REPO}/{name}:{VERSION}",
                        "args": ["python", "-m", module],
                        "ports": [{"name": "grpc", "containerPort": GRPC_PORT},
                                  {"name": "metrics", "containerPort": METRICS_PORT}],
                        "env": env,
                        # optional settings (e.g. HEALTHMESH_OTLP_ENDPOINT), set per overlay
                        "envFrom": [{"configMapRef": {"name": "healthmesh-settings", "optional": True}}],
                        "resources": {"requests": {"cpu": spec["cpu"], "memory": spec["memory"]},
                                      "limits": {"cpu": spec["max_cpu"], "memory": spec["max_memory"]}},
                        "startupProbe": {**probe, "periodSeconds": 2, "failureThreshold": 60},
                        "readinessProbe": {**probe, "periodSeconds": 5},
                        "livenessProbe": {**probe, "periodSeconds": 10, "failureThreshold": 3},
                        "securityContext": container_security(),
                        "volumeMounts": mounts,
                    }],
                    "volumes": volumes,
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


def hpa(name: str, spec: dict, component: str = "grpc-service") -> dict:
    # CPU here; the prod overlay adds requests per second (a Pods metric from the Prometheus adapter).
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": name, "labels": labels(name, component)},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                     "minReplicas": spec["min"], "maxReplicas": spec["max"],
                     "metrics": [{"type": "Resource", "resource": {
                         "name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]}}


def pdb(name: str, component: str = "grpc-service") -> dict:
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"name": name, "labels": labels(name, component)},
            "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app.kubernetes.io/name": name}}}}


# --- Envoy -------------------------------------------------------------------------------------------


def envoy_settings(prod: bool = False) -> EnvoySettings:
    # In Kubernetes Envoy fronts the gateway only: only the gateway may reach the agents.
    return EnvoySettings(
        port=ENVOY_PORT, admin_port=ENVOY_ADMIN_PORT, descriptor_path="/etc/envoy/healthmesh.pb",
        upstreams={"gateway": (fqdn("gateway"), GRPC_PORT)}, listen_address="0.0.0.0",
        admin_address="127.0.0.1", dns_type="STRICT_DNS", tls_dir=ENVOY_TLS_MOUNT, agent_routes=False,
        jwt=JwtAuth(f"{ENVOY_JWKS_MOUNT}/jwks.json", PROD_JWT_ISSUER, (PROD_JWT_AUDIENCE,)) if prod else None,
        rate_limit=PROD_RATE_LIMIT if prod else None,
        # the JSON guard's schema comes from the same protos as the image's /etc/envoy/healthmesh.pb
        json_guard_descriptor=ROOT / "build" / "healthmesh.pb",
    )


def envoy_config(prod: bool = False) -> str:
    return render(envoy_settings(prod))


def envoy_documents() -> list[dict]:
    name, component = "envoy", "proxy"
    spec = {"min": 2, "max": 6}
    ready = {"exec": {"command": ["python", "-c", "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)",
                                  f"http://127.0.0.1:{ENVOY_ADMIN_PORT}/ready"]}}
    deploy = {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": labels(name, component)},
        "spec": {
            "replicas": spec["min"],
            "selector": {"matchLabels": {"app.kubernetes.io/name": name}},
            "template": {
                "metadata": {"labels": labels(name, component)},
                "spec": {
                    "automountServiceAccountToken": False,
                    "securityContext": {**pod_security(), "runAsUser": 10101, "runAsGroup": 10101,
                                        "fsGroup": 10101},
                    "terminationGracePeriodSeconds": 30,
                    "containers": [{
                        "name": name,
                        # Envoy 1.40 with /etc/envoy/healthmesh.pb (the descriptor set of protos/) baked in.
                        "image": f"{IMAGE_REPO}/envoy:{VERSION}",
                        "args": ["-c", "/etc/envoy/config/envoy.yaml", "--disable-hot-restart",
                                 "--log-level", "warn"],
                        "ports": [{"name": "http", "containerPort": ENVOY_PORT}],
                        # the admin port listens on loopback only; probes ask it from inside the pod
                        "startupProbe": {**ready, "periodSeconds": 2, "failureThreshold": 30},
                        "readinessProbe": {**ready, "periodSeconds": 5},
                        "livenessProbe": {"tcpSocket": {"port": "http"}, "periodSeconds": 10},
                        "resources": {"requests": {"cpu": "250m", "memory": "128Mi"},
                                      "limits": {"cpu": "1", "memory": "256Mi"}},
                        "securityContext": container_security(),
                        "volumeMounts": [
                            {"name": "config", "mountPath": "/etc/envoy/config", "readOnly": True},
                            {"name": "tls", "mountPath": ENVOY_TLS_MOUNT, "readOnly": True},
                            {"name": "jwks", "mountPath": ENVOY_JWKS_MOUNT, "readOnly": True},
                            {"name": "tmp", "mountPath": "/tmp"},
                        ],
                    }],
                    "volumes": [
                        {"name": "config", "configMap": {"name": "envoy-config"}},
                        tls_volume("envoy-tls"),
                        # the keys JWTs are checked against; only the prod config reads it
                        {"name": "jwks", "secret": {"secretName": "envoy-jwks", "optional": True,
                                                    "defaultMode": 0o440}},
                        {"name": "tmp", "emptyDir": {"sizeLimit": "16Mi"}},
                    ],
                },
            },
        },
    }
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "labels": labels(name, component)},
           "spec": {"selector": {"app.kubernetes.io/name": name},
                    "ports": [{"name": "https", "port": ENVOY_PORT, "targetPort": "http"}]}}
    return [deploy, svc, hpa(name, spec, component), pdb(name, component)]


# --- NetworkPolicies -----------------------------------------------------------------------------------


def _pods(name: str) -> dict:
    return {"podSelector": {"matchLabels": {"app.kubernetes.io/name": name}}}


def _monitoring() -> dict:
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": MONITORING_NAMESPACE}}}


def _policy(name: str, ingress: list[dict], egress: list[dict]) -> dict:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": name, "labels": {"app.kubernetes.io/part-of": "healthmesh"}},
            "spec": {"podSelector": {"matchLabels": {"app.kubernetes.io/name": name}},
                     "policyTypes": ["Ingress", "Egress"], "ingress": ingress, "egress": egress}}


def _port(port: int | str, protocol: str = "TCP") -> dict:
    return {"protocol": protocol, "port": port}


DNS_EGRESS = {"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                      "podSelector": {"matchLabels": {"k8s-app": "kube-dns"}}}],
              "ports": [_port(53, "UDP"), _port(53, "TCP")]}
OTLP_EGRESS = {"to": [_monitoring()], "ports": [_port(OTLP_PORT)]}


def network_policies() -> list[dict]:
    """Default deny; then Envoy -> gateway -> agents, data stores for who needs them, DNS, monitoring."""
    deny = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": {"name": "default-deny-all", "labels": {"app.kubernetes.io/part-of": "healthmesh"}},
            "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}}
    scrape = {"from": [_monitoring()], "ports": [_port("metrics")]}
    policies = [deny, _policy(
        "envoy",
        ingress=[{"ports": [_port("http")]}],  # the public entry point (load balancer, ingress controller)
        egress=[{"to": [_pods("gateway")], "ports": [_port(GRPC_PORT)]}, DNS_EGRESS],
    )]
    agents = [n for n in SERVICES if n != "gateway"]
    data_stores = []  # managed PostgreSQL / Redis live outside the cluster: allowed by port
    data_stores.append({"ports": [_port(POSTGRES_PORT)]})
    data_stores.append({"ports": [_port(REDIS_PORT)]})
    policies.append(_policy(
        "gateway",
        ingress=[{"from": [_pods("envoy")], "ports": [_port(GRPC_PORT)]}, scrape],
        egress=[{"to": [_pods(a) for a in agents], "ports": [_port(GRPC_PORT)]}, *data_stores, DNS_EGRESS,
                OTLP_EGRESS],
    ))
    for agent in agents:
        egress = [DNS_EGRESS, OTLP_EGRESS]
        if agent in NEEDS_REDIS:
            egress.insert(0, {"ports": [_port(REDIS_PORT)]})
        policies.append(_policy(agent, ingress=[{"from": [_pods("gateway")], "ports": [_port(GRPC_PORT)]}, scrape],
                                egress=egress))
    return policies


# --- cert-manager -------------------------------------------------------------------------------------


def certificates() -> list[dict]:
    """One Certificate per TLS Secret: server and client usages, the Service's DNS names."""
    docs = []
    for name in (*SERVICES, "envoy"):
        docs.append({
            "apiVersion": "cert-manager.io/v1", "kind": "Certificate",
            "metadata": {"name": f"{name}-tls", "labels": {"app.kubernetes.io/part-of": "healthmesh"}},
            "spec": {"secretName": f"{name}-tls", "duration": "720h", "renewBefore": "240h",
                     "privateKey": {"algorithm": "ECDSA", "size": 256, "rotationPolicy": "Always"},
                     "usages": ["server auth", "client auth", "digital signature", "key encipherment"],
                     "dnsNames": [name, f"{name}.{NAMESPACE}.svc", fqdn(name)],
                     "issuerRef": {"name": "healthmesh-ca", "kind": "Issuer", "group": "cert-manager.io"}},
        })
    return docs


# --- files -------------------------------------------------------------------------------------------


def documents() -> dict[str, list[dict]]:
    """k8s/base file name -> its documents."""
    files: dict[str, list[dict]] = {}
    for name, spec in SERVICES.items():
        files[f"{name}.yaml"] = [deployment(name, spec), service(name), hpa(name, spec), pdb(name)]
    files["envoy-deployment.yaml"] = envoy_documents()
    files["networkpolicies.yaml"] = network_policies()
    return files


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # plain YAML: no &anchors / *aliases
        return True


def dump_all(docs: list[dict]) -> str:
    return yaml.dump_all(docs, Dumper=_Dumper, sort_keys=False)


HEADER = "# Written by scripts/render_k8s.py; edit that script, not this file.\n"
ENVOY_HEADER = "# Rendered by scripts/render_k8s.py from envoy/envoy.yaml.tmpl, the template the local mesh uses.\n"


def outputs() -> dict[Path, str]:
    files = {BASE / name: HEADER + dump_all(docs) for name, docs in documents().items()}
    files[BASE / "envoy.yaml"] = ENVOY_HEADER + envoy_config()
    files[PROD / "envoy.yaml"] = ENVOY_HEADER + envoy_config(prod=True)
    files[BASE / "certificates.yaml"] = HEADER + dump_all(certificates())
    return files


def main() -> int:
    written = outputs()
    for path, text in written.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print(f"wrote {len(written)} files under {K8S.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
