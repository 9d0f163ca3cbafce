"""A reusable load harness for the mesh: REST (through Envoy) or gRPC, threads, fixed count or time.

    python -m bench.load --url http://127.0.0.1:8080 --duration 10 --concurrency 8 [--mode unique]
    python -m bench.load --grpc 127.0.0.1:8080 --count 2000 --mode repeat --json

Every request carries a request_id (`<prefix>-<n>`), so a test can check afterwards that each
answered request left its session. Counts: sent, ok, failed (non-200 / non-OK or transport
error), degraded (an agent's part missing), without_urgency (an answer with no urgency level:
must stay 0), latency p50/p95/p99 of the answered ones. `--metrics-port` adds the gateway's
cache hit rate and breaker states from its Prometheus endpoint.

Modes: `unique` (every request different: no cache hits, every agent works), `varied` (a few
hundred distinct requests, so some repeat), `repeat` (one request: the cache answers).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

TEMPLATES = [
    {"patient": {"age_years": 58, "sex": "SEX_MALE"}, "complaint": "crushing chest pain and sweating for an hour"},
    {"patient": {"age_years": 19, "sex": "SEX_FEMALE"}, "complaint": "fever, stiff neck and a bad headache"},
    {"patient": {"age_years": 34, "sex": "SEX_FEMALE"}, "complaint": "runny nose, sneezing and a sore throat"},
    {"patient": {"age_years": 70, "sex": "SEX_MALE", "medications": ["warfarin"]},
     "complaint": "sudden weakness of the left arm and slurred speech"},
    {"patient": {"age_years": 45, "sex": "SEX_MALE"}, "complaint": "burning pain when passing urine, no fever"},
    {"patient": {"age_years": 27, "sex": "SEX_FEMALE"}, "complaint": "cough with green phlegm and fever for 3 days",
     "vitals": {"heart_rate": 104, "respiratory_rate": 24, "temperature_c": 38.6, "spo2": 94}},
    {"patient": {"age_years": 8, "sex": "SEX_MALE"}, "complaint": "itchy rash on both arms"},
    {"patient": {"age_years": 62, "sex": "SEX_FEMALE", "history": ["diabetes"]},
     "complaint": "short of breath walking upstairs and swollen ankles"},
    {"patient": {"age_years": 40, "sex": "SEX_MALE"}, "complaint": "lower back pain after lifting, no numbness"},
    {"patient": {"age_years": 23, "sex": "SEX_FEMALE"}, "complaint": "vomiting and diarrhoea since last night"},
    {"patient": {"age_years": 51, "sex": "SEX_MALE"}, "evidence": [{"code": "ddxplus:E_91", "presence": "PRESENCE_PRESENT"}],
     "complaint": "headache"},
    {"patient": {"age_years": 66, "sex": "SEX_FEMALE"}, "complaint": "confused and feverish",
     "vitals": {"heart_rate": 118, "respiratory_rate": 26, "systolic_bp": 92, "temperature_c": 39.1,
                "consciousness": "CONSCIOUSNESS_CONFUSION"}},
]


def make_body(n: int, mode: str = "unique", salt: int = 0) -> dict:
    """The n-th request body of a run (`salt` keeps two runs' unique requests apart)."""
    if mode == "repeat":
        return json.loads(json.dumps(TEMPLATES[0]))
    body = json.loads(json.dumps(TEMPLATES[n % len(TEMPLATES)]))
    if mode == "unique":  # a distinct age per request: no two requests share a cache key
        body["patient"]["age_years"] = 18 + ((n + salt) % 700_000) / 10_000
    elif mode == "varied":
        body["patient"]["age_years"] = 18 + (n // len(TEMPLATES)) % 30
    return body


# --- targets ------------------------------------------------------------------------------------


@dataclass
class Answer:
    ok: bool
    status: str  # "200", "400", "UNAVAILABLE", "timeout", ...
    body: dict | None = None


class RestTarget:
    def __init__(self, url: str, path: str = "/v1/diagnose"):
        self.url = url.rstrip("/") + path
        self.name = f"REST {self.url}"

    def send(self, body: dict, timeout: float) -> Answer:
        req = urllib.request.Request(self.url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return Answer(True, str(resp.status), json.loads(resp.read()))
        except urllib.error.HTTPError as err:
            detail = err.read().decode(errors="replace")[:300]
            return Answer(False, str(err.code), {"error": detail})
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as err:
            return Answer(False, type(err).__name__, {"error": str(err)[:300]})

    def close(self) -> None:
        pass


class GrpcTarget:
    def __init__(self, target: str):
        import grpc

        from healthmesh.v1 import diagnosis_pb2_grpc

        self.name = f"gRPC {target}"
        self._channel = grpc.insecure_channel(target)
        self._stub = diagnosis_pb2_grpc.DiagnosisStub(self._channel)

    def send(self, body: dict, timeout: float) -> Answer:
        import grpc
        from google.protobuf import json_format

        from healthmesh.v1 import diagnosis_pb2

        request = json_format.ParseDict(body, diagnosis_pb2.DiagnoseRequest())
        try:
            reply = self._stub.Diagnose(request, timeout=timeout)
        except grpc.RpcError as err:
            return Answer(False, err.code().name, {"error": (err.details() or "")[:300]})
        return Answer(True, "OK", json_format.MessageToDict(reply, preserving_proto_field_name=True))

    def close(self) -> None:
        self._channel.close()


# --- the run ------------------------------------------------------------------------------------


@dataclass
class LoadResult:
    target: str = ""
    sent: int = 0
    ok: int = 0
    failed: int = 0
    degraded: int = 0
    without_urgency: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    degraded_by_agent: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)  # first few, for the report
    answered: dict[str, str] = field(default_factory=dict)  # request_id -> session_id
    timeline: list[tuple[float, bool, bool]] = field(default_factory=list)  # (t, ok, degraded)

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> dict:
        return {
            "target": self.target, "sent": self.sent, "ok": self.ok, "failed": self.failed,
            "degraded": self.degraded, "without_urgency": self.without_urgency,
            "seconds": round(self.seconds, 2), "rps": round(self.sent / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(self.percentile(0.50) * 1000, 1), "p95_ms": round(self.percentile(0.95) * 1000, 1),
            "p99_ms": round(self.percentile(0.99) * 1000, 1), "statuses": self.statuses,
            "degraded_by_agent": self.degraded_by_agent, "failures": self.failures[:5],
        }


class Load:
    """A load run in background threads: `start()`, do something to the mesh, `stop()` -> result."""

    def __init__(self, target, concurrency: int = 8, duration: float | None = None, count: int | None = None,
                 mode: str = "unique", prefix: str | None = None, timeout: float = 5.0,
                 body: Callable[[int], dict] | None = None):
        self.target = target
        self.concurrency = concurrency
        self.duration = duration
        self.count = count
        self.mode = mode
        self.prefix = prefix or f"load-{time.time_ns():x}"
        self.timeout = timeout
        salt = random.randrange(700_000)
        self.body = body or (lambda n: make_body(n, mode, salt))
        self.result = LoadResult(target=target.name)
        self._lock = threading.Lock()
        self._next = 0
        self._stop = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._started = 0.0

    def _take(self) -> int | None:
        with self._lock:
            if self._stop.is_set():
                return None
            if self.count is not None and self._next >= self.count:
                return None
            if self.duration is not None and time.monotonic() - self._started >= self.duration:
                return None
            n = self._next
            self._next += 1
            return n

    def _worker(self) -> None:
        while (n := self._take()) is not None:
            body = self.body(n)
            request_id = f"{self.prefix}-{n}"
            body.setdefault("request_id", request_id)
            t0 = time.monotonic()
            answer = self.target.send(body, self.timeout)
            elapsed = time.monotonic() - t0
            self._record(body["request_id"], answer, elapsed, t0 - self._started)

    def _record(self, request_id: str, answer: Answer, elapsed: float, at: float) -> None:
        r = self.result
        with self._lock:
            r.sent += 1
            r.statuses[answer.status] = r.statuses.get(answer.status, 0) + 1
            if not answer.ok:
                r.failed += 1
                if len(r.failures) < 20:
                    r.failures.append(f"{answer.status}: {(answer.body or {}).get('error', '')}"[:300])
                r.timeline.append((at, False, False))
                return
            r.ok += 1
            r.latencies.append(elapsed)
            body = answer.body or {}
            level = (body.get("urgency") or {}).get("level", "")
            if not level or level == "URGENCY_UNSPECIFIED":
                r.without_urgency += 1
            degraded = body.get("degraded") or []
            if degraded:
                r.degraded += 1
                for agent in degraded:
                    r.degraded_by_agent[agent] = r.degraded_by_agent.get(agent, 0) + 1
            r.timeline.append((at, True, bool(degraded)))
            if body.get("session_id"):
                r.answered[request_id] = body["session_id"]

    def start(self) -> "Load":
        self._started = time.monotonic()
        self._pool = ThreadPoolExecutor(self.concurrency, thread_name_prefix="load")
        self._futures = [self._pool.submit(self._worker) for _ in range(self.concurrency)]
        return self

    def wait(self) -> LoadResult:
        assert self._pool is not None
        for f in self._futures:
            f.result()
        self._pool.shutdown()
        self.result.seconds = time.monotonic() - self._started
        return self.result

    def stop(self) -> LoadResult:
        self._stop.set()
        return self.wait()


def run_load(target, **kwargs) -> LoadResult:
    """A whole run in the foreground (give `duration` or `count`)."""
    return Load(target, **kwargs).start().wait()


# --- the gateway's Prometheus metrics -----------------------------------------------------------

_SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$')
_LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def read_metrics(port: int, host: str = "127.0.0.1", timeout: float = 2.0) -> dict[tuple, float]:
    """{(name, (("label", "value"), ...)): value} from a Prometheus text endpoint."""
    text = urllib.request.urlopen(f"http://{host}:{port}/metrics", timeout=timeout).read().decode()
    samples: dict[tuple, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = _SAMPLE.match(line)
        if m:
            labels = tuple(sorted(_LABEL.findall(m.group(2) or "")))
            samples[(m.group(1), labels)] = float(m.group(3))
    return samples


def metric(samples: dict[tuple, float], name: str, **labels: str) -> float:
    """The sum of `name` over the samples whose labels include `labels`."""
    want = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and want <= set(ls))


def cache_hit_rate(samples: dict[tuple, float]) -> float | None:
    hits = metric(samples, "healthmesh_cache_lookups_total", result="hit")
    total = metric(samples, "healthmesh_cache_lookups_total")
    return hits / total if total else None


def breaker_states(samples: dict[tuple, float]) -> dict[str, int]:
    return {dict(ls)["agent"]: int(v) for (n, ls), v in samples.items() if n == "healthmesh_breaker_state"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="REST base URL (Envoy), e.g. http://127.0.0.1:8080")
    where.add_argument("--grpc", help="gRPC target, e.g. 127.0.0.1:8080")
    parser.add_argument("--duration", type=float, help="seconds to run")
    parser.add_argument("--count", type=int, help="requests to send")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--mode", choices=("unique", "varied", "repeat"), default="unique")
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--metrics-port", type=int, help="gateway Prometheus port: add cache hit rate, breakers")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.duration is None and args.count is None:
        args.duration = 10.0
    target = RestTarget(args.url) if args.url else GrpcTarget(args.grpc)
    try:
        result = run_load(target, concurrency=args.concurrency, duration=args.duration, count=args.count,
                          mode=args.mode, timeout=args.timeout)
    finally:
        target.close()
    summary = result.summary()
    if args.metrics_port:
        samples = read_metrics(args.metrics_port)
        summary["cache_hit_rate"] = cache_hit_rate(samples)
        summary["breakers"] = breaker_states(samples)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for key, value in summary.items():
            print(f"{key:>18}: {value}")
    return 1 if summary["failed"] or summary["without_urgency"] else 0


if __name__ == "__main__":
    sys.exit(main())
