"""Prometheus metrics shared by every service: per-RPC counts and latency, per-stage latency."""

from __future__ import annotations

import time
from contextlib import contextmanager

from prometheus_client import Counter, Gauge, Histogram

LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

RPC_REQUESTS = Counter(
    "healthmesh_rpc_requests_total", "RPCs handled, by method and status code",
    ["service", "method", "code"],
)
RPC_LATENCY = Histogram(
    "healthmesh_rpc_latency_seconds", "RPC handling time", ["service", "method"],
    buckets=LATENCY_BUCKETS,
)
STAGE_LATENCY = Histogram(
    "healthmesh_stage_latency_seconds", "Time spent in one stage of a request (tokenise, encode, score...)",
    ["service", "stage"], buckets=LATENCY_BUCKETS,
)
READY = Gauge("healthmesh_ready", "1 when the service has loaded its data and model", ["service"])


@contextmanager
def stage_timer(service: str, stage: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_LATENCY.labels(service, stage).observe(time.perf_counter() - start)
