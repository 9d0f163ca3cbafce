"""Load generators that do not starve the server: wrk for REST, separate client processes for gRPC.

- REST through Envoy: `wrk` (C, event loop) with a Lua script that cycles through a file of
  request bodies, one offset per wrk thread. Without wrk on the PATH the same point runs with the
  Python client below over HTTP/1.1 keep-alive connections (slower: it costs the machine more CPU).
- gRPC (to the gateway directly or through Envoy): `client processes` (multiprocessing, spawned),
  each an asyncio loop with its share of the concurrency on one channel, sending pre-serialised
  requests (no JSON or proto work in the timed loop) and parsing each answer to count degraded
  ones. h2load cannot vary request bodies, so it is not used for the varied runs.
- The floor: the in-process pipeline (healthmesh/pipeline.py) in worker processes, kept alive for
  the whole suite so each measurement is interleaved with its mesh point at no start-up cost.

Every runner returns a `Point`: requests, errors, seconds, latencies (ms).
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SPAWN = mp.get_context("spawn")


@dataclass
class Point:
    requests: int = 0
    errors: int = 0
    degraded: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    tool: str = ""
    cpu_seconds: float = 0.0  # the floor's workers: CPU time they used
    ran_out: bool = False  # the floor's workers: one answered every body it had before the duration
    # set by wrk, which reports percentiles itself rather than every latency
    percentiles: dict[str, float] | None = None

    def pct(self, q: float) -> float:
        if self.percentiles is not None:
            return self.percentiles.get(f"p{round(q * 100)}", 0.0)
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def summary(self) -> dict:
        ok = self.requests - self.errors
        return {"requests": self.requests, "errors": self.errors, "degraded": self.degraded,
                "seconds": round(self.seconds, 2), "rps": round(ok / self.seconds, 1) if self.seconds else 0.0,
                "p50_ms": round(self.pct(0.50), 2), "p95_ms": round(self.pct(0.95), 2),
                "p99_ms": round(self.pct(0.99), 2), "statuses": self.statuses, "tool": self.tool,
                **({"ran_out": True} if self.ran_out else {})}


# --- REST: wrk ----------------------------------------------------------------------------------

WRK_LUA = r"""
local bodies_path = os.getenv("BENCH_BODIES")
local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  bodies = {}
  for line in io.lines(bodies_path) do table.insert(bodies, line) end
  n = math.floor(#bodies * tid / math.max(counter, 1))
  wrk.method = "POST"
  wrk.headers["content-type"] = "application/json"
end
function request()
  n = n + 1
  if n > #bodies then n = 1 end
  return wrk.format("POST", PATH, nil, bodies[n])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"p50":%.1f,"p95":%.1f,"p99":%.1f,"mean":%.1f}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
"""


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run_wrk(url: str, path: str, bodies: list[dict], concurrency: int, duration: float,
            timeout: float = 5.0) -> Point:
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        bodies_file = Path(tmp) / "bodies.jsonl"
        bodies_file.write_text("\n".join(json.dumps(b, separators=(",", ":")) for b in bodies) + "\n")
        script = Path(tmp) / "bench.lua"
        script.write_text(f'PATH = "{path}"\n' + WRK_LUA)
        threads = max(1, min(concurrency, 2))
        argv = ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{max(1, round(duration))}s",
                f"--timeout={max(1, round(timeout))}s", "-s", str(script), url]
        out = subprocess.run(argv, capture_output=True, text=True, env={**os.environ, "BENCH_BODIES": str(bodies_file)},
                             timeout=duration + 60)
    line = next((l for l in out.stdout.splitlines() if l.startswith("BENCH_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result: {out.stdout[-500:]} {out.stderr[-500:]}")
    r = json.loads(line[len("BENCH_JSON "):])
    errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
    statuses = {k: r[k] for k in ("connect", "read", "write", "status", "timeout") if r[k]}
    return Point(requests=r["requests"], errors=min(errors, r["requests"]), seconds=r["duration_us"] / 1e6,
                 statuses=statuses, tool="wrk",
                 percentiles={"p50": r["p50"] / 1000, "p95": r["p95"] / 1000, "p99": r["p99"] / 1000})


# --- Python client processes (gRPC; REST when wrk is missing) -----------------------------------


def _client_process(kind: str, target: str, payloads: list[bytes], concurrency: int, duration: float,
                    ready, go, results, timeout: float) -> None:
    try:
        import uvloop
        uvloop.install()
    except ImportError:  # pragma: no cover
        pass
    asyncio.run(_client_main(kind, target, payloads, concurrency, duration, ready, go, results, timeout))


async def _client_main(kind, target, payloads, concurrency, duration, ready, go, results, timeout) -> None:
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    counts = {"requests": 0, "errors": 0, "degraded": 0}
    if kind == "grpc":
        import grpc

        from healthmesh.v1 import diagnosis_pb2

        channel = grpc.aio.insecure_channel(target)
        rpc = channel.unary_unary("/healthmesh.v1.Diagnosis/Diagnose")  # bytes in, bytes out

        async def send(payload: bytes) -> str:
            try:
                raw = await rpc(payload, timeout=timeout)
            except grpc.aio.AioRpcError as err:
                return err.code().name
            reply = diagnosis_pb2.DiagnoseResponse.FromString(raw)
            return "degraded" if reply.degraded else "OK"

        await channel.channel_ready()
        close = channel.close
    else:
        host, port = target.rsplit(":", 1)
        conns: list = []

        async def connect():
            reader, writer = await asyncio.open_connection(host, int(port))
            conns.append(writer)
            return reader, writer

        pool: asyncio.Queue = asyncio.Queue()
        for _ in range(concurrency):
            pool.put_nowait(await connect())

        async def send(payload: bytes) -> str:
            reader, writer = await pool.get()
            try:
                writer.write(payload)
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
                status = head.split(b" ", 2)[1].decode()
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":", 1)[1])
                body = await asyncio.wait_for(reader.readexactly(length), timeout)
                pool.put_nowait((reader, writer))
            except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError):
                writer.close()
                pool.put_nowait(await connect())
                return "transport"
            if status != "200":
                return status
            return "OK" if b'"degraded":[]' in body or b'"degraded"' not in body else "degraded"

        async def close():
            for w in conns:
                w.close()

    ready.put(os.getpid())
    while not go.is_set():
        await asyncio.sleep(0.005)
    start = time.perf_counter()
    end = start + duration
    offset = [hash(os.getpid()) % max(len(payloads), 1)]

    async def loop() -> None:
        while time.perf_counter() < end:
            offset[0] = (offset[0] + 1) % len(payloads)
            t0 = time.perf_counter()
            status = await send(payloads[offset[0]])
            elapsed = (time.perf_counter() - t0) * 1000
            counts["requests"] += 1
            statuses[status] = statuses.get(status, 0) + 1
            if status in ("OK", "degraded"):
                latencies.append(elapsed)
                counts["degraded"] += status == "degraded"
            else:
                counts["errors"] += 1

    await asyncio.gather(*(loop() for _ in range(concurrency)))
    seconds = time.perf_counter() - start
    await close()
    results.put({**counts, "seconds": seconds, "latencies": latencies, "statuses": statuses})


def grpc_payloads(bodies: list[dict]) -> list[bytes]:
    from google.protobuf import json_format

    from healthmesh.v1 import diagnosis_pb2

    return [json_format.ParseDict(b, diagnosis_pb2.DiagnoseRequest()).SerializeToString() for b in bodies]


def http_payloads(host: str, path: str, bodies: list[dict]) -> list[bytes]:
    out = []
    for b in bodies:
        data = json.dumps(b, separators=(",", ":")).encode()
        out.append(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                   f"Content-Length: {len(data)}\r\n\r\n".encode() + data)
    return out


def run_processes(kind: str, target: str, payloads: list[bytes], concurrency: int, duration: float,
                  processes: int | None = None, timeout: float = 5.0) -> Point:
    """`concurrency` in-flight requests spread over `processes` client processes (default: up to 2)."""
    processes = max(1, min(concurrency, processes or min(2, os.cpu_count() or 1)))
    shares = [concurrency // processes + (1 if i < concurrency % processes else 0) for i in range(processes)]
    ready, results, go = SPAWN.Queue(), SPAWN.Queue(), SPAWN.Event()
    chunk = max(1, len(payloads) // processes)
    procs = [SPAWN.Process(target=_client_process, daemon=True,
                           args=(kind, target, payloads[i * chunk:(i + 1) * chunk] or payloads, share, duration,
                                 ready, go, results, timeout))
             for i, share in enumerate(shares)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=60)
    go.set()
    parts = [results.get(timeout=duration + 60) for _ in procs]
    for p in procs:
        p.join(10)
    point = Point(tool=f"python-{kind} x{processes}")
    for part in parts:
        point.requests += part["requests"]
        point.errors += part["errors"]
        point.degraded += part["degraded"]
        point.latencies_ms.extend(part["latencies"])
        for k, v in part["statuses"].items():
            point.statuses[k] = point.statuses.get(k, 0) + v
    point.seconds = max(p["seconds"] for p in parts)
    return point


def run_rest(url: str, path: str, bodies: list[dict], concurrency: int, duration: float,
             force_python: bool = False) -> Point:
    if have_wrk() and not force_python:
        return run_wrk(url, path, bodies, concurrency, duration)
    hostport = url.split("://", 1)[-1].rstrip("/")
    return run_processes("http", hostport, http_payloads(hostport, path, bodies), concurrency, duration)


# --- the floor: the in-process pipeline in worker processes --------------------------------------


def mesh_like_classifier(kb):
    """The classifier as the symptom_classifier service builds it: lexical matches plus the
    encoder's embedding fallback (with its in-process phrase cache), so the floor does the same
    work as the mesh. None (the lexical-only default) when no encoder has been exported."""
    try:
        from symptom_classifier.embedding import EmbeddingCache, EmbeddingMatcher, load_or_build_index
        from symptom_classifier.encoder import load_manifest
        from symptom_classifier.engine import SymptomClassifier

        manifest = load_manifest()
        encoder = manifest.encoder("int8")
        index = load_or_build_index(kb, manifest, encoder.encode)
        return SymptomClassifier(kb, fallback=EmbeddingMatcher(index, encoder.encode, EmbeddingCache(manifest.version)))
    except FileNotFoundError:
        return None


def _floor_worker(conn, tree: str | None = None) -> None:
    if tree:  # another checkout's pipeline (bench.run --baseline-tree)
        import sys

        sys.path.insert(0, tree)
    from google.protobuf import json_format

    from healthmesh import convert
    from healthmesh.pipeline import InProcessPipeline
    from healthmesh.v1 import diagnosis_pb2

    from knowledge.kb import load_kb

    kb = load_kb()
    pipeline = InProcessPipeline(kb, classifier=mesh_like_classifier(kb))
    try:  # the same native thread pools as the services (healthmesh/runtime/server.py)
        from healthmesh.runtime.server import limit_native_threads
    except ImportError:  # an older tree
        limit_native_threads = None
    if limit_native_threads is not None:
        limit_native_threads()
    conn.send("ready")
    while True:
        msg = conn.recv()
        if msg is None:
            return
        bodies, duration, min_calls = msg
        requests = []
        for b in bodies:
            r = json_format.ParseDict(b, diagnosis_pb2.DiagnoseRequest())
            requests.append((convert.patient_from_pb(r.patient), r.complaint, convert.evidence_from_pb(r.evidence),
                             convert.vitals_from_pb(r.vitals)))
        pipeline.diagnose(*requests[0][:2])  # warm
        conn.send("go?")
        conn.recv()
        latencies = []
        start, cpu_start = time.perf_counter(), time.process_time()
        # Each request is answered once, as the mesh's varied points answer each once: the
        # detector remembers its readings of a text, so a floor cycling through a few hundred
        # bodies measured those memories, not the work (1.9 against 3.2 ms of CPU a request).
        for patient, complaint, evidence, vitals in requests:
            if time.perf_counter() - start >= duration and len(latencies) >= min_calls:
                break
            t0 = time.perf_counter()
            pipeline.diagnose(patient, complaint, evidence, vitals)
            latencies.append((time.perf_counter() - t0) * 1000)
        conn.send({"seconds": time.perf_counter() - start, "latencies": latencies,
                   "cpu_seconds": time.process_time() - cpu_start, "ran_out": len(latencies) == len(requests)})


FLOOR_RPS_CEILING = 2000  # more requests a second than one floor process answers on any machine seen


def floor_bodies_needed(duration: float, processes: int) -> int:
    """Enough distinct requests that no floor worker runs out within `duration`."""
    return int(FLOOR_RPS_CEILING * duration * processes) + processes


class FloorPool:
    """Worker processes, each holding the in-process pipeline, started once per suite."""

    def __init__(self, processes: int, tree: Path | None = None):
        self.conns = []
        self.procs = []
        for _ in range(processes):
            parent, child = SPAWN.Pipe()
            proc = SPAWN.Process(target=_floor_worker, args=(child, str(tree) if tree else None), daemon=True)
            proc.start()
            self.conns.append(parent)
            self.procs.append(proc)
        for c in self.conns:
            if c.recv() != "ready":
                raise RuntimeError("floor worker failed to start")

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self.procs]

    def run(self, bodies: list[dict], duration: float, processes: int = 1, min_calls: int = 0) -> Point:
        """Each of `processes` workers runs the pipeline back to back for `duration` seconds, on
        its own share of `bodies`, each answered at most once: a worker that runs out stops early
        (`Point.ran_out`; its rate still holds), so give at least `floor_bodies_needed` of them."""
        used = self.conns[:max(1, min(processes, len(self.conns)))]
        chunk = max(1, len(bodies) // len(used))
        for i, c in enumerate(used):
            c.send((bodies[i * chunk:(i + 1) * chunk] or bodies, duration, min_calls))
        for c in used:
            c.recv()
        for c in used:
            c.send("go")
        parts = [c.recv() for c in used]
        point = Point(tool=f"in-process x{len(used)}")
        point.ran_out = any(p.get("ran_out") for p in parts)
        for part in parts:
            point.cpu_seconds += part["cpu_seconds"]
            point.requests += len(part["latencies"])
            point.latencies_ms.extend(part["latencies"])
        point.seconds = max(p["seconds"] for p in parts)
        return point

    def close(self) -> None:
        for c in self.conns:
            try:
                c.send(None)
            except OSError:
                pass
        for p in self.procs:
            p.join(5)
            if p.is_alive():
                p.terminate()
