"""Service configuration: command-line flags with `HEALTHMESH_*` environment variables as defaults."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path

# Default ports of the local mesh; `healthmesh up` can shift them all (tests use free ports).
DEFAULT_PORTS = {
    "envoy": 8080,
    "envoy_admin": 9901,
    "gateway": 50051,
    "symptom_classifier": 50061,
    "emergency_detector": 50062,
    "condition_matcher": 50063,
    "treatment_retriever": 50064,
}
DEFAULT_METRICS_PORTS = {
    "gateway": 9451,
    "symptom_classifier": 9461,
    "emergency_detector": 9462,
    "condition_matcher": 9463,
    "treatment_retriever": 9464,
}
MAX_MESSAGE_BYTES = 4 * 1024 * 1024


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(f"HEALTHMESH_{name}")
    return value if value not in (None, "") else default


@dataclass
class ServiceConfig:
    service: str
    host: str = "127.0.0.1"
    port: int = 0
    metrics_port: int = 0  # 0: no metrics endpoint
    kb_path: str | None = None
    log_level: str = "INFO"
    tls_dir: Path | None = None  # server.crt, server.key, ca.crt: TLS (mutual when ca.crt exists)
    grace_seconds: float = 10.0
    test_delay_ms: int = 0  # test-only: sleep before answering, to exercise deadlines
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


def add_common_flags(parser: argparse.ArgumentParser, service: str) -> None:
    parser.add_argument("--host", default=env("HOST", "127.0.0.1"),
                        help="address to bind (HEALTHMESH_HOST)")
    parser.add_argument("--port", type=int,
                        default=int(env(f"{service.upper()}_PORT", str(DEFAULT_PORTS[service]))),
                        help=f"gRPC port (HEALTHMESH_{service.upper()}_PORT)")
    parser.add_argument("--metrics-port", type=int,
                        default=int(env(f"{service.upper()}_METRICS_PORT",
                                        str(DEFAULT_METRICS_PORTS[service]))),
                        help="Prometheus port, 0 to disable")
    parser.add_argument("--kb", default=env("KB"), help="knowledge-base artifact (HEALTHMESH_KB)")
    parser.add_argument("--log-level", default=env("LOG_LEVEL", "INFO"))
    parser.add_argument("--tls-dir", type=Path, default=env("TLS_DIR"),
                        help="folder with server.crt/server.key (and ca.crt for mutual TLS)")
    parser.add_argument("--grace-seconds", type=float, default=float(env("GRACE_SECONDS", "10")))
    parser.add_argument("--test-delay-ms", type=int, default=int(env("TEST_DELAY_MS", "0")),
                        help=argparse.SUPPRESS)


def config_from_args(service: str, args: argparse.Namespace) -> ServiceConfig:
    return ServiceConfig(
        service=service, host=args.host, port=args.port, metrics_port=args.metrics_port,
        kb_path=args.kb, log_level=args.log_level, tls_dir=args.tls_dir,
        grace_seconds=args.grace_seconds, test_delay_ms=args.test_delay_ms,
    )
