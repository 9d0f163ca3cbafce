"""Helpers of the fault tests: watch the gateway's metrics, check sessions in PostgreSQL, wait."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Callable

import asyncpg
import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from bench.load import breaker_states, metric, read_metrics


def wait_for(condition: Callable[[], object], timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what} not reached within {timeout} s")


def serving(port: int, service: str = "") -> bool:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service),
                                                              timeout=0.5)
        except grpc.RpcError:
            return False
    return reply.status == health_pb2.HealthCheckResponse.SERVING


class MetricsWatcher:
    """Polls the gateway's Prometheus endpoint in a thread: breaker states over time."""

    def __init__(self, port: int, interval: float = 0.05):
        self.port = port
        self.interval = interval
        self.t0 = time.monotonic()
        self.breakers: list[tuple[float, dict[str, int]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.breakers.append((time.monotonic() - self.t0, breaker_states(read_metrics(self.port))))
            except OSError:
                pass
            time.sleep(self.interval)

    def start(self) -> "MetricsWatcher":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def states(self, agent: str) -> list[tuple[float, int]]:
        return [(t, s[agent]) for t, s in self.breakers if agent in s]


def outbox_pending(metrics_port: int) -> float:
    return metric(read_metrics(metrics_port), "healthmesh_outbox_pending")


def stored_request_ids(database_url: str, request_ids: list[str]) -> set[str]:
    """The request ids among `request_ids` that have a session with a response_sent event."""

    async def query() -> set[str]:
        conn = await asyncpg.connect(database_url, timeout=5)
        try:
            rows = await conn.fetch(
                "SELECT s.request_id FROM sessions s JOIN session_events e USING (session_id) "
                "WHERE s.request_id = ANY($1::text[]) AND e.kind = 'response_sent'", request_ids)
        finally:
            await conn.close()
        return {r["request_id"] for r in rows}

    return asyncio.run(query())


def missing_sessions(database_url: str, answered: dict[str, str], timeout: float = 30.0) -> set[str]:
    """Request ids answered but (after waiting up to `timeout` for the writer) not stored."""
    deadline = time.monotonic() + timeout
    missing = set(answered)
    while True:
        try:
            missing -= stored_request_ids(database_url, sorted(missing))
        except (OSError, asyncpg.PostgresError, asyncio.TimeoutError):
            pass
        if not missing or time.monotonic() > deadline:
            return missing
        time.sleep(0.5)


def signal_tree(pid: int, sig: int) -> None:
    """`sig` to a process and all its children (PostgreSQL's backends are session leaders of their
    own, so a process-group signal misses them)."""
    import os

    import psutil

    procs = [psutil.Process(pid)]
    procs += procs[0].children(recursive=True)
    for proc in procs:
        try:
            os.kill(proc.pid, sig)
        except ProcessLookupError:
            pass
