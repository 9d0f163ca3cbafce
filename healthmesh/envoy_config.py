"""Render envoy/envoy.yaml.tmpl: the same template for the local mesh and for Kubernetes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "envoy" / "envoy.yaml.tmpl"

# cluster name -> the gRPC service it serves
AGENT_SERVICES = {
    "symptom_classifier": "healthmesh.v1.SymptomClassifier",
    "emergency_detector": "healthmesh.v1.EmergencyDetector",
    "condition_matcher": "healthmesh.v1.ConditionMatcher",
    "treatment_retriever": "healthmesh.v1.TreatmentRetriever",
}
GATEWAY_SERVICE = "healthmesh.v1.Diagnosis"


@dataclass
class EnvoySettings:
    port: int
    admin_port: int
    descriptor_path: Path | str
    upstreams: dict[str, tuple[str, int]]  # cluster -> (host, port); "gateway" plus the agents
    listen_address: str = "127.0.0.1"
    admin_address: str = "127.0.0.1"
    route_timeout: str = "5s"
    rest_deadline: str = "2S"  # grpc-timeout given to REST callers that send none
    dns_type: str = "STATIC"  # STRICT_DNS in Kubernetes (headless services: one endpoint per pod)


def _route(cluster: str, service: str, timeout: str) -> str:
    return (f'              - match: {{ prefix: "/{service}/" }}\n'
            f"                route: {{ cluster: {cluster}, timeout: {timeout} }}")


def _cluster(name: str, host: str, port: int, service: str, dns_type: str) -> str:
    return f"""  - name: {name}
    type: {dns_type}
    connect_timeout: 1s
    lb_policy: ROUND_ROBIN
    typed_extension_protocol_options:
      envoy.extensions.upstreams.http.v3.HttpProtocolOptions:
        "@type": type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions
        explicit_http_config: {{ http2_protocol_options: {{}} }}
    load_assignment:
      cluster_name: {name}
      endpoints:
      - lb_endpoints:
        - endpoint: {{ address: {{ socket_address: {{ address: {host}, port_value: {port} }} }} }}
    health_checks:
    - timeout: 1s
      interval: 1s
      no_traffic_interval: 1s
      unhealthy_threshold: 2
      healthy_threshold: 1
      grpc_health_check: {{ service_name: {service} }}
    circuit_breakers:
      thresholds:
      - {{ priority: DEFAULT, max_connections: 1024, max_pending_requests: 1024, max_requests: 1024, max_retries: 3 }}
    outlier_detection:
      consecutive_5xx: 5
      consecutive_gateway_failure: 3
      interval: 2s
      base_ejection_time: 5s
      max_ejection_percent: 50"""


def render(settings: EnvoySettings) -> str:
    services = {"gateway": GATEWAY_SERVICE, **AGENT_SERVICES}
    routes = "\n".join(_route(c, s, settings.route_timeout) for c, s in AGENT_SERVICES.items())
    clusters = "\n".join(
        _cluster(name, *settings.upstreams[name], services[name], settings.dns_type) for name in services
    )
    return Template(TEMPLATE.read_text()).substitute(
        admin_address=settings.admin_address, admin_port=settings.admin_port,
        listen_address=settings.listen_address, port=settings.port,
        descriptor_path=str(settings.descriptor_path), agent_routes=routes, clusters=clusters,
        route_timeout=settings.route_timeout, rest_deadline=settings.rest_deadline,
    )
