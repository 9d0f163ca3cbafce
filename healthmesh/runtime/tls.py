"""TLS for servers and channels.

With a TLS folder (server.crt, server.key, optional ca.crt and client.crt/client.key) every
server speaks TLS, mutual when ca.crt is there, and every channel presents the client pair.
Without one, traffic is plaintext: acceptable only on loopback, so binding plaintext to any other
address logs a warning. Production (k8s/) always sets a TLS folder.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import grpc

from healthmesh.runtime.config import MAX_MESSAGE_BYTES

log = logging.getLogger(__name__)


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def server_credentials(tls_dir: Path | None) -> grpc.ServerCredentials | None:
    if tls_dir is None:
        return None
    cert, key, ca = (_read(tls_dir / n) for n in ("server.crt", "server.key", "ca.crt"))
    if cert is None or key is None:
        raise SystemExit(f"TLS folder {tls_dir} must hold server.crt and server.key")
    return grpc.ssl_server_credentials([(key, cert)], root_certificates=ca,
                                       require_client_auth=ca is not None)


def channel_credentials(tls_dir: Path | None) -> grpc.ChannelCredentials | None:
    if tls_dir is None:
        return None
    return grpc.ssl_channel_credentials(
        root_certificates=_read(tls_dir / "ca.crt"),
        private_key=_read(tls_dir / "client.key"),
        certificate_chain=_read(tls_dir / "client.crt"),
    )


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def warn_if_exposed(host: str, service: str) -> None:
    if not is_loopback(host):
        log.warning("plaintext gRPC on a non-loopback address; set HEALTHMESH_TLS_DIR",
                    extra={"host": host, "for_service": service})


def channel_options() -> list[tuple[str, int]]:
    return [
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ("grpc.keepalive_time_ms", 20000),
        ("grpc.enable_retries", 0),  # the gateway's coordinator owns retries and deadlines
        ("grpc.lb_policy_name", "round_robin"),  # dns:/// targets of headless services: every pod
    ]


def aio_channel(target: str, tls_dir: Path | None) -> grpc.aio.Channel:
    """A channel to `target`: mutual TLS with a TLS folder, and trace propagation when tracing is on."""
    from healthmesh.runtime import tracing

    creds = channel_credentials(tls_dir)
    interceptors = tracing.client_interceptors() or None
    if creds is None:
        return grpc.aio.insecure_channel(target, options=channel_options(), interceptors=interceptors)
    return grpc.aio.secure_channel(target, creds, options=channel_options(), interceptors=interceptors)
