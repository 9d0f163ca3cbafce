"""Render envoy/envoy.yaml.tmpl: the same template for the local mesh and for Kubernetes."""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from pathlib import Path
from string import Template

from healthmesh import envoy_json_guard

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
# every service the JSON transcoder (and the JSON guard before it) serves over REST
TRANSCODED_SERVICES = [GATEWAY_SERVICE, *AGENT_SERVICES.values()]


@dataclass
class JwtAuth:
    """Envoy checks a JWT (Authorization: Bearer) against a local JWKS file on every call but health checks."""

    jwks_path: Path | str
    issuer: str = ""  # empty: any issuer
    audiences: tuple[str, ...] = ()  # empty: any audience


@dataclass
class RateLimit:
    """A token bucket per client: the JWT subject when JWT auth is on, else the `client_header`.

    Callers with no client identity share one bucket of `anonymous_per_second`.
    """

    per_second: int
    burst: int = 0  # 0: same as per_second
    client_header: str = "x-healthmesh-client"
    anonymous_per_second: int = 1000


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
    dns_type: str = "STATIC"  # STRICT_DNS in Kubernetes (headless services)
    # TLS folder (server.crt/server.key for callers; client.crt/client.key + ca.crt for upstreams):
    # callers speak TLS to Envoy and Envoy speaks mutual TLS to the gateway and agents.
    tls_dir: Path | str | None = None
    require_client_cert: bool = False  # callers must present a certificate signed by ca.crt
    jwt: JwtAuth | None = None
    rate_limit: RateLimit | None = None
    # Route the agents' own services (REST /v1/symptoms:classify ...) straight to them. Kubernetes
    # turns this off: there only the gateway may reach the agents (see k8s NetworkPolicies).
    agent_routes: bool = True
    # The JSON guard (envoy/json_guard.lua, see healthmesh/envoy_json_guard.py): a list sent where a
    # non-repeated field belongs is answered 400 naming the field, before the transcoder sees it.
    # Its schema is generated at render time from `json_guard_descriptor`, a local copy of the
    # descriptor set Envoy loads (default: descriptor_path; Kubernetes renders with build/healthmesh.pb
    # since /etc/envoy/healthmesh.pb exists only in the image). Bodies over json_guard_max_body
    # bytes, or of unknown length, go to the transcoder unchecked.
    json_guard: bool = True
    json_guard_descriptor: Path | str | None = None
    json_guard_max_body: int = envoy_json_guard.DEFAULT_MAX_BODY


def _route(cluster: str, service: str, timeout: str, guard_off: str) -> str:
    return (f'              - match: {{ prefix: "/{service}/" }}\n'
            f"                route: {{ cluster: {cluster}, timeout: {timeout} }}{guard_off}")


def _guard_off(settings: EnvoySettings) -> str:
    """Per-route config for routes only gRPC reaches: the JSON guard does not run there at all."""
    if not settings.json_guard:
        return ""
    return f"\n                typed_per_filter_config: {envoy_json_guard.ROUTE_OFF}"


def _json_guard_filter(settings: EnvoySettings) -> str:
    if not settings.json_guard:
        return ""
    return envoy_json_guard.envoy_filter(settings.json_guard_descriptor or settings.descriptor_path,
                                         TRANSCODED_SERVICES, settings.json_guard_max_body)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _upstream_tls(host: str, tls_dir: Path | str) -> str:
    """Mutual TLS to one upstream: Envoy's client pair, the mesh CA, and the host's DNS name checked."""
    d = Path(tls_dir)
    san = ""
    sni = ""
    if not _is_ip(host):
        sni = f"\n        sni: {host}"
        san = f"\n            match_typed_subject_alt_names: [{{ san_type: DNS, matcher: {{ exact: {host} }} }}]"
    return f"""
    transport_socket:
      name: envoy.transport_sockets.tls
      typed_config:
        "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext{sni}
        common_tls_context:
          alpn_protocols: [h2]
          tls_certificates:
          - certificate_chain: {{ filename: {d / "client.crt"} }}
            private_key: {{ filename: {d / "client.key"} }}
          validation_context:
            trusted_ca: {{ filename: {d / "ca.crt"} }}{san}"""


def _cluster(name: str, host: str, port: int, service: str, dns_type: str,
             tls_dir: Path | str | None = None) -> str:
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
      max_ejection_percent: 50""" + (_upstream_tls(host, tls_dir) if tls_dir else "")


def _listener_tls(tls_dir: Path | str | None, require_client_cert: bool) -> str:
    """Callers speak TLS (h2 for gRPC, http/1.1 for REST); with require_client_cert, mutual TLS."""
    if not tls_dir:
        return ""
    d = Path(tls_dir)
    validation = (f"\n            validation_context: {{ trusted_ca: {{ filename: {d / 'ca.crt'} }} }}"
                  if require_client_cert else "")
    return f"""transport_socket:
        name: envoy.transport_sockets.tls
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
          require_client_certificate: {str(require_client_cert).lower()}
          common_tls_context:
            alpn_protocols: [h2, http/1.1]
            tls_certificates:
            - certificate_chain: {{ filename: {d / "server.crt"} }}
              private_key: {{ filename: {d / "server.key"} }}{validation}
      """


JWT_PAYLOAD_METADATA = "jwt_payload"


def _jwt_filter(jwt: JwtAuth) -> str:
    issuer = f"\n                  issuer: {json.dumps(jwt.issuer)}" if jwt.issuer else ""
    audiences = f"\n                  audiences: {json.dumps(list(jwt.audiences))}" if jwt.audiences else ""
    return f"""          - name: envoy.filters.http.jwt_authn
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication
              providers:
                healthmesh:{issuer}{audiences}
                  local_jwks: {{ filename: {jwt.jwks_path} }}
                  forward: false
                  payload_in_metadata: {JWT_PAYLOAD_METADATA}
              rules:
              # health checks stay open (probes, load balancers); everything else needs a valid token
              - match: {{ prefix: /grpc.health.v1.Health/ }}
              - match: {{ prefix: / }}
                requires: {{ provider_name: healthmesh }}
"""


def _bucket(per_second: int, burst: int = 0) -> str:
    return f"{{ max_tokens: {max(burst, per_second)}, tokens_per_fill: {per_second}, fill_interval: 1s }}"


def _rate_limit_filter(limit: RateLimit, jwt: bool) -> str:
    # A descriptor entry without a value is a wildcard: every distinct client gets its own bucket.
    if jwt:
        action = ("{ metadata: { descriptor_key: client, source: DYNAMIC, metadata_key: "
                  "{ key: envoy.filters.http.jwt_authn, path: [{ key: " + JWT_PAYLOAD_METADATA
                  + " }, { key: sub }] } } }")
    else:
        action = f"{{ request_headers: {{ header_name: {limit.client_header}, descriptor_key: client }} }}"
    return f"""          - name: envoy.filters.http.local_ratelimit
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit
              stat_prefix: per_client
              token_bucket: {_bucket(limit.anonymous_per_second)}
              filter_enabled: {{ runtime_key: ratelimit_enabled, default_value: {{ numerator: 100, denominator: HUNDRED }} }}
              filter_enforced: {{ runtime_key: ratelimit_enforced, default_value: {{ numerator: 100, denominator: HUNDRED }} }}
              rate_limited_as_resource_exhausted: true
              always_consume_default_token_bucket: false
              max_dynamic_descriptors: 10000
              descriptors:
              - entries: [{{ key: client }}]
                token_bucket: {_bucket(limit.per_second, limit.burst)}
              rate_limits:
              - actions: [{action}]
"""


def render(settings: EnvoySettings) -> str:
    services = {"gateway": GATEWAY_SERVICE, **(AGENT_SERVICES if settings.agent_routes else {})}
    routes = "\n".join(_route(c, s, settings.route_timeout, _guard_off(settings)) for c, s in AGENT_SERVICES.items()
                       if settings.agent_routes)
    clusters = "\n".join(
        _cluster(name, *settings.upstreams[name], services[name], settings.dns_type, settings.tls_dir)
        for name in services
    )
    auth_filters = ""
    if settings.jwt:
        auth_filters += _jwt_filter(settings.jwt)
    if settings.rate_limit:
        auth_filters += _rate_limit_filter(settings.rate_limit, jwt=settings.jwt is not None)
    return Template(TEMPLATE.read_text()).substitute(
        admin_address=settings.admin_address, admin_port=settings.admin_port,
        listen_address=settings.listen_address, port=settings.port,
        descriptor_path=str(settings.descriptor_path), agent_routes=routes, clusters=clusters,
        route_timeout=settings.route_timeout, rest_deadline=settings.rest_deadline,
        listener_tls=_listener_tls(settings.tls_dir, settings.require_client_cert),
        auth_filters=auth_filters, json_guard_filter=_json_guard_filter(settings),
        grpc_route_guard_off=_guard_off(settings),
        transcoder_services="\n".join(f"              - {s}" for s in TRANSCODED_SERVICES),
    )
