"""The one server every healthmesh service starts through.

A service is an `AgentService`: it loads its data and model in `load()` (blocking, run in a
thread so health checks answer meanwhile) and registers its servicer in `register()`. `serve()`
gives it a grpc.aio server with grpc.health.v1 (NOT_SERVING until loaded), reflection, the
error/metrics interceptor, a Prometheus endpoint on its own port, message size limits and a
graceful shutdown on SIGTERM: stop accepting, drain in-flight calls, then exit.
"""

from __future__ import annotations

import abc
import asyncio
import gc
import logging
import os
import signal
import sys
import time
from typing import Callable

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from prometheus_client import start_http_server

from healthmesh.errors import NotReady
from healthmesh.runtime import tls, tracing
from healthmesh.runtime.config import MAX_MESSAGE_BYTES, ServiceConfig
from healthmesh.runtime.interceptors import ErrorAndMetricsInterceptor, status_for
from healthmesh.runtime.metrics import READY
from healthmesh.v1 import common_pb2

log = logging.getLogger(__name__)


class AgentService(abc.ABC):
    """A model-like service: load once, then answer. Subclasses keep clinical logic elsewhere."""

    #: fully-qualified gRPC service name, e.g. "healthmesh.v1.SymptomClassifier"
    grpc_service_name: str = ""
    #: short name used in logs and metrics, e.g. "symptom_classifier"
    name: str = ""

    def __init__(self, config: ServiceConfig):
        self.config = config
        self.ready = False

    @abc.abstractmethod
    def load(self) -> None:
        """Load data and models (blocking). Called once, off the event loop."""

    @abc.abstractmethod
    def register(self, server: grpc.aio.Server) -> None:
        """Add the servicer(s) to the server."""

    def reflection_names(self) -> list[str]:
        return [self.grpc_service_name]

    async def start(self) -> None:
        """Async set-up after load (connections to databases and the like)."""

    async def close(self) -> None:
        """Release connections on shutdown."""

    def require_ready(self) -> None:
        if not self.ready:
            raise NotReady(f"{self.name} is still loading")

    async def answer_batch(self, requests, answer: Callable, answer_cls, response_cls):
        """A batch RPC's reply: `answer` (the unary RPC's own work) on each request in order, a
        failure kept as that request's error, with the status its own call would have had."""
        self.require_ready()
        await self.test_delay()
        answers = []
        for request in requests:
            try:
                answers.append(answer_cls(response=answer(request)))
            except Exception as exc:  # noqa: BLE001 - mapped to this request's status
                code, message = status_for(exc)
                if code == grpc.StatusCode.INTERNAL:
                    log.exception("unhandled error in a batch call", extra={"service": self.name})
                answers.append(answer_cls(error=common_pb2.BatchError(code=code.value[0], message=message)))
        return response_cls(answers=answers)

    async def test_delay(self) -> None:
        """Test-only: answer late, so tests can exercise deadlines and degraded answers."""
        if self.config.test_delay_ms:
            await asyncio.sleep(self.config.test_delay_ms / 1000)


def server_options() -> list[tuple[str, int]]:
    return [
        ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ("grpc.so_reuseport", 0),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.min_ping_interval_without_data_ms", 5000),
    ]


async def serve(service: AgentService) -> None:
    config = service.config
    tracing.configure(service.name)  # a no-op unless HEALTHMESH_OTLP_ENDPOINT is set
    server = grpc.aio.server(
        interceptors=[ErrorAndMetricsInterceptor(service.name, cache_handlers=not tracing.enabled()),
                      *tracing.server_interceptors()],
        options=server_options(),
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in ("", service.grpc_service_name):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)
    service.register(server)
    reflection.enable_server_reflection(
        [*service.reflection_names(), health.SERVICE_NAME, reflection.SERVICE_NAME], server
    )

    credentials = tls.server_credentials(config.tls_dir)
    if credentials is None:
        bound = server.add_insecure_port(config.address)
        tls.warn_if_exposed(config.host, service.name)
    else:
        bound = server.add_secure_port(config.address, credentials)
    if bound == 0:
        raise SystemExit(f"{service.name}: cannot bind {config.address}")
    if config.metrics_port:
        start_http_server(config.metrics_port, addr=config.host)

    await server.start()
    log.info("listening", extra={"address": f"{config.host}:{bound}", "metrics_port": config.metrics_port,
                                 "tls": credentials is not None})

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    started = time.perf_counter()
    try:
        await asyncio.to_thread(service.load)
        await service.start()
    except Exception:
        log.exception("load failed")
        await server.stop(0)
        raise SystemExit(1)
    freeze_loaded_heap()
    service.ready = True
    READY.labels(service.name).set(1)
    for name in ("", service.grpc_service_name):
        await health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    log.info("ready", extra={"load_seconds": round(time.perf_counter() - started, 3)})

    await stop.wait()
    log.info("shutting down", extra={"grace_seconds": config.grace_seconds})
    READY.labels(service.name).set(0)
    await health_servicer.enter_graceful_shutdown()
    await server.stop(config.grace_seconds)
    await service.close()
    tracing.shutdown()
    log.info("stopped")


def freeze_loaded_heap() -> None:
    """Keep what `load()` built (knowledge base, lexicons, models) out of every later garbage
    collection: in the gateway a full collection under varied load walked the 135,000 objects
    loaded at start, 70-90 ms on the event loop against about 20 ms without them (bench/README.md)."""
    gc.collect()
    gc.freeze()


def limit_native_threads(threads: int | None = None) -> None:
    """One thread per native pool (OpenMP, as in faiss; BLAS, as under numpy) unless
    HEALTHMESH_NATIVE_THREADS says otherwise.

    A service answers one request at a time on its event loop, and several services share the
    machine's cores; a pool of busy-waiting worker threads per library per process then
    oversubscribes the cores. On a loaded 2-core machine a faiss search over the concept index
    took 14 ms with two OpenMP threads and 1.3 ms with one (bench/README.md). OpenMP's thread
    count belongs to the calling thread, so call this on the thread that serves requests.
    """
    if threads is None:
        threads = int(os.environ.get("HEALTHMESH_NATIVE_THREADS", "1") or 1)
    if threads <= 0:
        return
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads)
    except Exception:  # noqa: BLE001 - a tuning, never a reason not to start
        log.debug("threadpoolctl unavailable")
    faiss = sys.modules.get("faiss")
    if faiss is not None:
        faiss.omp_set_num_threads(threads)


def run(service: AgentService) -> None:
    """Entry point for a service process: uvloop when available, then serve until SIGTERM."""
    limit_native_threads()
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency; keep working without it
        uvloop = None
    if uvloop is not None:
        uvloop.run(serve(service))
    else:
        asyncio.run(serve(service))
