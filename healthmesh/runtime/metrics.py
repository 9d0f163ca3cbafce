"""Prometheus metrics shared by every service: per-RPC counts and latency, per-stage latency,
deadline misses, and anonymised analytics.

Labels never carry patient data: services, methods, codes, stages, agents, and for analytics only
coarse age bands and urgency levels (see `age_band`).
"""

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
DEADLINE_EXCEEDED = Counter(
    "healthmesh_deadline_exceeded_total", "Calls that ran out of their deadline, by caller and callee",
    ["service", "target"],
)
DIAGNOSES = Counter(
    "healthmesh_diagnoses_total", "Diagnoses answered, by age band and urgency level (anonymised analytics)",
    ["age_band", "urgency"],
)
AGE_BANDS = ((1, "0-1"), (5, "1-4"), (18, "5-17"), (40, "18-39"), (65, "40-64"), (80, "65-79"))
READY = Gauge("healthmesh_ready", "1 when the service has loaded its data and model", ["service"])


@contextmanager
def stage_timer(service: str, stage: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        STAGE_LATENCY.labels(service, stage).observe(time.perf_counter() - start)


def age_band(age_years: float | None) -> str:
    """A coarse band for analytics: never the age itself."""
    if age_years is None or age_years < 0:
        return "unknown"
    for upper, band in AGE_BANDS:
        if age_years < upper:
            return band
    return "80+"


def timed(service: str, stage: str, fn):
    """`fn` wrapped in a stage timer, for stages inside code that knows nothing of metrics."""

    def wrapper(*args, **kwargs):
        with stage_timer(service, stage):
            return fn(*args, **kwargs)

    return wrapper


class TimedMethods:
    """A stand-in for `target` whose named methods are timed as stages; everything else passes through.

    For objects from other libraries (a tokenizer, an ONNX session) whose calls are stages.
    """

    def __init__(self, target, service: str, stages: dict[str, str]):
        self._target = target
        for method, stage in stages.items():
            setattr(self, method, timed(service, stage, getattr(target, method)))

    def __getattr__(self, name: str):
        return getattr(self._target, name)
