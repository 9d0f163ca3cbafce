"""The benchmark suite, one command: `.venv/bin/python -m bench.run` (or `make bench`).

Starts the real mesh on free ports (or uses a running one: `--state-dir`), then measures, on this
machine and in this run:

  (a) end to end: REST through Envoy (wrk), gRPC through Envoy and gRPC to the gateway directly
      (client processes); throughput and p50/p95/p99 at each concurrency, for varied requests
      (distinct complaints from bench/grammar.py: few cache hits) and for one repeated request
      (answered from the cache);
  (b) the floor: the same pipeline in one process without RPC (healthmesh/pipeline.py), run right
      after each varied point on the same kind of requests, with one process and with one process
      per core; the mesh's throughput as a ratio of it;
  (c) the sentence encoder (in process) and each agent's RPC called directly, one at a time;
  (d) peak RSS per service (psutil samples and the kernel's VmHWM, pids from <state>/run/mesh.json);
  (e) the cost curve: time per request as the complaint's words and the coded findings grow,
      through Envoy REST at concurrency 1, beside the floor on the same requests.

Writes bench/results/mesh.json, mesh.md and mesh-*.png (plots need the `bench` extra:
matplotlib). `--baseline FILE` adds a before/after table against an earlier mesh.json. Speed is
reported here as figures and ratios, never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import grammar  # noqa: E402
from bench.clients import (FloorPool, Point, floor_bodies_needed, grpc_payloads, have_wrk,  # noqa: E402
                           run_processes, run_rest)

RESULTS = ROOT / "bench" / "results"
# Request sets differ from run to run, so a second run against the same mesh is not served from
# the answers the first one cached.
RUN_SEED = (time.time_ns() // 1000) % 10**9 * 10**4
AGENTS = ("symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever")
TRANSPORTS = ("rest-envoy", "grpc-envoy", "grpc-direct")
TARGETS = {
    "rest_c1_20w_p50_ms": ("<=", 10.0), "rest_c1_20w_p99_ms": ("<=", 25.0),
    "rest_c32_varied_rps": (">=", 400.0), "rest_c32_repeated_rps": (">=", 1500.0),
    "rest_c32_errors": ("<=", 0), "mesh_vs_floor_ratio": (">=", 0.5),
    # the same target from CPU per request: steadier than req/s on a machine shared with other work
    "floor_vs_mesh_cpu_ratio": (">=", 0.5), "max_agent_rss_mb": ("<=", 300.0),
}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- the mesh -----------------------------------------------------------------------------------


class Mesh:
    def __init__(self, state_dir: Path):
        self.state_dir = state_dir
        state = json.loads((state_dir / "run" / "mesh.json").read_text())
        self.ports = state["ports"]
        self.pids: dict[str, int] = state["pids"]
        self.url = f"http://127.0.0.1:{self.ports['envoy']}"
        self.envoy = f"127.0.0.1:{self.ports['envoy']}"
        self.gateway = f"127.0.0.1:{self.ports['gateway']}"

    def agent(self, name: str) -> str:
        return f"127.0.0.1:{self.ports[name]}"

    def cpu_seconds(self) -> dict[str, float]:
        """User + system CPU seconds used so far by each service (with its child processes)."""
        import psutil

        out = {}
        for name, pid in self.pids.items():
            total = 0.0
            try:
                proc = psutil.Process(pid)
                for p in (proc, *proc.children(recursive=True)):
                    try:
                        t = p.cpu_times()
                        total += t.user + t.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                continue
            out[name] = total
        return out

    def metrics(self) -> dict:
        from bench.load import read_metrics

        try:
            return read_metrics(self.ports["metrics"]["gateway"])
        except OSError:
            return {}


def gateway_delta(before: dict, after: dict) -> dict:
    from bench.load import metric

    def d(name: str, **labels) -> int:
        return int(metric(after, name, **labels) - metric(before, name, **labels))

    # gRPC clients call Diagnose; REST's POST /v1/diagnose is DiagnoseJson
    diagnoses = sum(d("healthmesh_rpc_requests_total", method=m) for m in ("Diagnose", "DiagnoseJson"))
    ok = sum(d("healthmesh_rpc_requests_total", method=m, code="OK") for m in ("Diagnose", "DiagnoseJson"))
    hits, lookups = d("healthmesh_cache_lookups_total", result="hit"), d("healthmesh_cache_lookups_total")
    return {"diagnoses": diagnoses, "not_ok": diagnoses - ok, "cache_hits": hits,
            "cache_hit_rate": round(hits / lookups, 3) if lookups else None,
            "degraded_parts": d("healthmesh_degraded_total")}


class RssSampler(threading.Thread):
    """Samples the RSS of every mesh process (with its children) until stopped; keeps the peak."""

    def __init__(self, pids: dict[str, int], interval: float = 0.25):
        super().__init__(daemon=True)
        self.pids, self.interval = pids, interval
        self.peak: dict[str, float] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        import psutil

        while not self._halt.is_set():
            for name, pid in self.pids.items():
                try:
                    proc = psutil.Process(pid)
                    procs = [proc, *proc.children(recursive=True)]
                    rss = 0
                    for p in procs:
                        try:
                            rss += p.memory_info().rss
                        except psutil.Error:
                            pass
                except psutil.Error:
                    continue
                self.peak[name] = max(self.peak.get(name, 0.0), rss / 2**20)
            self._halt.wait(self.interval)

    def stop(self) -> dict:
        self._halt.set()
        self.join(5)
        out = {}
        for name, pid in self.pids.items():
            hwm = None
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        hwm = round(int(line.split()[1]) / 1024, 1)
            except OSError:
                pass
            out[name] = {"peak_rss_mb": round(self.peak.get(name, 0.0), 1), "vm_hwm_mb": hwm}
        return out


# --- the measurements ---------------------------------------------------------------------------


def measure(mesh: Mesh, transport: str, bodies: list[dict], concurrency: int, duration: float) -> Point:
    if transport == "rest-envoy":
        return run_rest(mesh.url, "/v1/diagnose", bodies, concurrency, duration)
    target = mesh.envoy if transport == "grpc-envoy" else mesh.gateway
    return run_processes("grpc", target, grpc_payloads(bodies), concurrency, duration)


def expected_requests(concurrency: int, duration: float) -> int:
    return int(min(20000, max(400, 900 * duration * min(concurrency, 8) / 4)))


def throughput(meshes: dict[str, Mesh], floors: dict[str, FloorPool], concurrencies: list[int], duration: float,
               floor_duration: float, cores: int) -> dict:
    """Every point on every mesh back to back (the order alternating), then each floor right after."""
    out: dict = {label: {"mesh": [], "floor": []} for label in meshes}
    seed = RUN_SEED + 1000
    flip = False
    for c in concurrencies:
        for mode in ("varied", "repeated"):
            for transport in TRANSPORTS:
                seed += 1
                bodies = (grammar.varied_bodies(expected_requests(c, duration), seed) if mode == "varied"
                          else [grammar.repeated_body()])
                labels = list(meshes)[::-1] if flip else list(meshes)
                flip = not flip
                for label in labels:
                    mesh = meshes[label]
                    before, cpu_before = mesh.metrics(), mesh.cpu_seconds()
                    point = measure(mesh, transport, bodies, c, duration)
                    row = {"transport": transport, "mode": mode, "concurrency": c, **point.summary(),
                           "gateway": gateway_delta(before, mesh.metrics()),
                           "cpu_ms_per_request": cpu_per_request(cpu_before, mesh.cpu_seconds(), point.requests)}
                    out[label]["mesh"].append(row)
                    log(f"{label:6} {transport:11} {mode:8} c={c:<3} {row['rps']:7.1f}/s p50 {row['p50_ms']:6.2f} "
                        f"p99 {row['p99_ms']:6.2f} ms errors {row['errors']} hit-rate {row['gateway']['cache_hit_rate']} "
                        f"cpu {row['cpu_ms_per_request'].get('mesh_total')} ms/req")
            if mode == "varied":
                # The baseline right after its mesh points, on requests of the same kind.
                procs = min(c, cores)
                for label, floor in floors.items():
                    bodies = grammar.varied_bodies(floor_bodies_needed(floor_duration, procs), seed + 500)
                    point = floor.run(bodies, floor_duration, procs)
                    row = {"concurrency": c, "processes": procs, **point.summary(),
                           "cpu_ms_per_request": round(1000 * point.cpu_seconds / point.requests, 3)
                           if point.requests else None}
                    out[label]["floor"].append(row)
                    log(f"{label:6} floor       varied   c={c:<3} {row['rps']:7.1f}/s p50 {row['p50_ms']:6.2f} ms "
                        f"({procs} proc) cpu {row['cpu_ms_per_request']} ms/req"
                        + (" (ran out of distinct requests: a shorter point)" if row.get("ran_out") else ""))
    return out


def cpu_per_request(before: dict, after: dict, requests: int) -> dict:
    """CPU milliseconds each service spent per request during a point: less noisy than req/s on a
    shared machine, and it shows which process limits throughput."""
    if not requests:
        return {}
    # A child process that exited during the point (a PostgreSQL worker) takes its CPU time with
    # it; such a service counts as 0 rather than negative.
    out = {k: round(max(0.0, after[k] - before[k]) * 1000 / requests, 3) for k in after if k in before}
    out["mesh_total"] = round(sum(out.values()), 3)
    return out


def agent_latency(mesh: Mesh, duration: float) -> dict:
    """Each agent's RPC called directly, one call at a time, on varied inputs."""
    import grpc
    from google.protobuf import json_format

    from healthmesh.v1 import (conditions_pb2, conditions_pb2_grpc, diagnosis_pb2, emergency_pb2,
                               emergency_pb2_grpc, symptoms_pb2, symptoms_pb2_grpc, treatments_pb2,
                               treatments_pb2_grpc)

    channels = {a: grpc.insecure_channel(mesh.agent(a)) for a in AGENTS}
    classify = symptoms_pb2_grpc.SymptomClassifierStub(channels["symptom_classifier"]).Classify
    assess = emergency_pb2_grpc.EmergencyDetectorStub(channels["emergency_detector"]).Assess
    match = conditions_pb2_grpc.ConditionMatcherStub(channels["condition_matcher"]).Match
    recommend = treatments_pb2_grpc.TreatmentRetrieverStub(channels["treatment_retriever"]).Recommend
    inputs = []
    for body in grammar.varied_bodies(60, 77):
        req = json_format.ParseDict(body, diagnosis_pb2.DiagnoseRequest())
        c_req = symptoms_pb2.ClassifyRequest(text=req.complaint, evidence=req.evidence)
        findings = classify(c_req, timeout=5).findings
        m_req = conditions_pb2.MatchRequest(patient=req.patient, findings=findings, max_conditions=10)
        conditions = match(m_req, timeout=5).conditions
        inputs.append({
            "symptom_classifier": (classify, c_req),
            "emergency_detector": (assess, emergency_pb2.AssessRequest(
                patient=req.patient, vitals=req.vitals, text=req.complaint, findings=findings, conditions=conditions)),
            "condition_matcher": (match, m_req),
            "treatment_retriever": (recommend, treatments_pb2.RecommendRequest(
                patient=req.patient, conditions=conditions[:3])),
        })
    out = {}
    for agent in AGENTS:
        times = []
        start = time.perf_counter()
        i = 0
        while time.perf_counter() - start < duration or i < 20:
            rpc, request = inputs[i % len(inputs)][agent]
            t0 = time.perf_counter()
            rpc(request, timeout=5)
            times.append((time.perf_counter() - t0) * 1000)
            i += 1
        out[agent] = latency_summary(times)
        log(f"agent {agent:19} p50 {out[agent]['p50_ms']:.2f} ms p99 {out[agent]['p99_ms']:.2f} ms")
    for ch in channels.values():
        ch.close()
    return out


def encoder_latency(duration: float) -> dict | None:
    """The sentence encoder in process (ONNX int8, batch 1) on clauses from the grammar."""
    try:
        from symptom_classifier.encoder import load_manifest

        encoder = load_manifest().encoder("int8")
    except (FileNotFoundError, ImportError) as exc:
        log(f"encoder skipped: {exc}")
        return None
    import random

    rng = random.Random(5)
    phrases = [grammar._clause(rng) for _ in range(200)]
    for p in phrases[:10]:
        encoder.encode([p])
    times = []
    start = time.perf_counter()
    i = 0
    while time.perf_counter() - start < duration or i < 20:
        t0 = time.perf_counter()
        encoder.encode([phrases[i % len(phrases)]])
        times.append((time.perf_counter() - t0) * 1000)
        i += 1
    out = latency_summary(times)
    log(f"encoder (onnx int8, batch 1) p50 {out['p50_ms']:.2f} ms p99 {out['p99_ms']:.2f} ms")
    return out


def latency_summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"calls": len(ordered), "p50_ms": round(statistics.median(ordered), 3),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 3),
            "p99_ms": round(ordered[int(0.99 * (len(ordered) - 1))], 3), "mean_ms": round(statistics.fmean(ordered), 3)}


def cost_curve(meshes: dict[str, Mesh], floors: dict[str, FloorPool], words: list[int], findings: list[int],
               duration: float) -> dict:
    from knowledge.kb import load_kb

    codes = sorted(c for c, e in load_kb().evidences.items() if e.kind == "binary" and "_@_" not in c)
    out: dict = {label: {"words": [], "findings": []} for label in meshes}
    seed = RUN_SEED + 5000
    for axis, values in (("words", words), ("findings", findings)):
        for v in values:
            seed += 1
            n = expected_requests(1, duration)
            bodies = (grammar.sized_bodies(n, seed, words=v) if axis == "words"
                      else grammar.sized_bodies(n, seed, words=10, evidence_codes=codes, findings=v))
            for label, mesh in meshes.items():
                before = mesh.metrics()
                point = run_rest(mesh.url, "/v1/diagnose", bodies, 1, duration)
                gw = gateway_delta(before, mesh.metrics())
                fl = floors[label].run(bodies, max(0.5, duration / 3), 1, min_calls=10)
                row = {axis: v, "mesh": point.summary(), "floor": fl.summary(), "gateway": gw}
                out[label][axis].append(row)
                log(f"{label:6} cost {axis}={v:<4} mesh p50 {row['mesh']['p50_ms']:6.2f} p99 "
                    f"{row['mesh']['p99_ms']:6.2f} ms, floor p50 {row['floor']['p50_ms']:6.2f} ms")
    return out


# --- the report ---------------------------------------------------------------------------------


def pick(results: dict, transport: str, mode: str, c: int) -> dict | None:
    return next((r for r in results["throughput"]["mesh"]
                 if r["transport"] == transport and r["mode"] == mode and r["concurrency"] == c), None)


def key_figures(results: dict) -> dict:
    figs: dict = {}
    tp = results["throughput"]
    cmax = 32 if any(r["concurrency"] == 32 for r in tp["mesh"]) else max(r["concurrency"] for r in tp["mesh"])
    twenty = next((r for r in results["cost"]["words"] if r["words"] == 20), None)
    if twenty:
        figs["rest_c1_20w_p50_ms"] = twenty["mesh"]["p50_ms"]
        figs["rest_c1_20w_p99_ms"] = twenty["mesh"]["p99_ms"]
    for transport in TRANSPORTS:
        for mode in ("varied", "repeated"):
            row = pick(results, transport, mode, cmax)
            if row:
                prefix = {"rest-envoy": "rest", "grpc-envoy": "grpc_envoy", "grpc-direct": "grpc_direct"}[transport]
                figs[f"{prefix}_c{cmax}_{mode}_rps"] = row["rps"]
                figs[f"{prefix}_c{cmax}_{mode}_p99_ms"] = row["p99_ms"]
    rest = [r for r in tp["mesh"] if r["transport"] == "rest-envoy" and r["concurrency"] == cmax]
    figs[f"rest_c{cmax}_errors"] = sum(r["errors"] + r["gateway"]["not_ok"] for r in rest)
    floor_all = next((f for f in tp["floor"] if f["concurrency"] == cmax), None)
    floor_one = next((f for f in tp["floor"] if f["processes"] == 1), None)
    varied = pick(results, "rest-envoy", "varied", cmax)
    if floor_all and varied:
        figs["floor_rps_all_cores"] = floor_all["rps"]
        figs["mesh_vs_floor_ratio"] = round(varied["rps"] / floor_all["rps"], 3) if floor_all["rps"] else None
    if floor_one:
        figs["floor_rps_one_process"] = floor_one["rps"]
        figs["floor_p50_ms"] = floor_one["p50_ms"]
        if varied:
            figs["mesh_vs_floor_one_process_ratio"] = round(varied["rps"] / floor_one["rps"], 3)
    for mode in ("varied", "repeated"):
        row = pick(results, "rest-envoy", mode, cmax)
        if row and row.get("cpu_ms_per_request"):
            figs[f"rest_c{cmax}_{mode}_cpu_ms_per_request"] = row["cpu_ms_per_request"]["mesh_total"]
            figs[f"rest_c{cmax}_{mode}_gateway_cpu_ms_per_request"] = row["cpu_ms_per_request"].get("gateway")
    if floor_all and floor_all.get("cpu_ms_per_request") and varied and varied.get("cpu_ms_per_request"):
        figs["floor_cpu_ms_per_request"] = floor_all["cpu_ms_per_request"]
        figs["floor_vs_mesh_cpu_ratio"] = round(floor_all["cpu_ms_per_request"]
                                                / varied["cpu_ms_per_request"]["mesh_total"], 3)
    rest1 = pick(results, "rest-envoy", "varied", 1)
    if rest1 and floor_one:
        figs["rest_c1_varied_p50_ms"] = rest1["p50_ms"]
        figs["latency_overhead_c1_ms"] = round(rest1["p50_ms"] - floor_one["p50_ms"], 2)
    agents_rss = [v["vm_hwm_mb"] or v["peak_rss_mb"] for k, v in results["rss"].items() if k in AGENTS]
    if agents_rss:
        figs["max_agent_rss_mb"] = max(agents_rss)
    if "gateway" in results["rss"]:
        figs["gateway_rss_mb"] = results["rss"]["gateway"]["vm_hwm_mb"] or results["rss"]["gateway"]["peak_rss_mb"]
    return figs


def verdicts(figs: dict) -> dict:
    out = {}
    for name, (op, bound) in TARGETS.items():
        value = figs.get(name)
        if value is None:
            out[name] = {"value": None, "target": f"{op} {bound}", "met": None}
            continue
        met = value <= bound if op == "<=" else value >= bound
        out[name] = {"value": value, "target": f"{op} {bound}", "met": met}
    return out


def markdown(results: dict, baseline: dict | None) -> str:
    m = results["machine"]
    lines = [f"# Mesh benchmark ({results['started']}, {m['cpus']} cores, Python {m['python']}, "
             f"{results['settings']['duration']} s per point)", ""]
    figs = results["figures"]
    lines += ["## Targets", "", "| target | measured | goal | met |", "| --- | --- | --- | --- |"]
    for name, v in results["targets"].items():
        met = {True: "yes", False: "**no**", None: "n/a"}[v["met"]]
        lines.append(f"| {name} | {v['value']} | {v['target']} | {met} |")
    if baseline:
        bf = baseline.get("figures", {})
        lines += ["", f"## Before / after (before: {baseline.get('label') or baseline.get('started')})", "",
                  "| figure | before | after | change |", "| --- | --- | --- | --- |"]
        for k, v in figs.items():
            b = bf.get(k)
            change = f"{v / b:.2f}x" if isinstance(v, (int, float)) and isinstance(b, (int, float)) and b else ""
            lines.append(f"| {k} | {b if b is not None else ''} | {v} | {change} |")
    if baseline and baseline.get("throughput"):
        interleaved = "interleaved point by point in this run" if results.get("baseline_run") else "an earlier run"
        lines += ["", f"### Point by point (before: {interleaved})", "",
                  "| transport | requests | concurrency | req/s before | req/s after | p50 ms before | p50 ms after | "
                  "p99 ms before | p99 ms after | CPU ms/request before | CPU ms/request after | errors before/after |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for r in results["throughput"]["mesh"]:
            b = pick(baseline, r["transport"], r["mode"], r["concurrency"])
            if not b:
                continue
            lines.append(
                f"| {r['transport']} | {r['mode']} | {r['concurrency']} | {b['rps']} | {r['rps']} | {b['p50_ms']} | "
                f"{r['p50_ms']} | {b['p99_ms']} | {r['p99_ms']} | "
                f"{b.get('cpu_ms_per_request', {}).get('mesh_total', '')} | "
                f"{r.get('cpu_ms_per_request', {}).get('mesh_total', '')} | "
                f"{b['errors'] + b['gateway']['not_ok']}/{r['errors'] + r['gateway']['not_ok']} |")
    lines += ["", "## End to end (a): throughput and latency", "",
              "| transport | requests | concurrency | req/s | p50 ms | p95 ms | p99 ms | errors | degraded | cache hit rate | tool |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results["throughput"]["mesh"]:
        lines.append(f"| {r['transport']} | {r['mode']} | {r['concurrency']} | {r['rps']} | {r['p50_ms']} | "
                     f"{r['p95_ms']} | {r['p99_ms']} | {r['errors'] + r['gateway']['not_ok']} | "
                     f"{r['gateway']['degraded_parts']} | {r['gateway']['cache_hit_rate']} | {r['tool']} |")
    services = ["gateway", *AGENTS, "envoy", "postgres", "redis"]
    lines += ["", "CPU milliseconds per request, by process (all cores; from psutil, so noise from other work on "
              "the machine does not count):", "",
              "| transport | requests | concurrency | " + " | ".join(services) + " | mesh total |",
              "| --- | --- | --- | " + " | ".join("---" for _ in services) + " | --- |"]
    for r in results["throughput"]["mesh"]:
        cpu = r.get("cpu_ms_per_request", {})
        lines.append(f"| {r['transport']} | {r['mode']} | {r['concurrency']} | "
                     + " | ".join(str(cpu.get(s, "")) for s in services) + f" | {cpu.get('mesh_total', '')} |")
    lines += ["", "## The floor (b): the same pipeline in process, no RPC (run right after each varied point)", "",
              "| after concurrency | processes | req/s | p50 ms | p99 ms | floor CPU ms/request | REST varied req/s | "
              "mesh / floor | mesh CPU ms/request (REST) |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for f in results["throughput"]["floor"]:
        rest = pick(results, "rest-envoy", "varied", f["concurrency"])
        ratio = f"{rest['rps'] / f['rps']:.2f}" if rest and f["rps"] else ""
        lines.append(f"| {f['concurrency']} | {f['processes']} | {f['rps']} | {f['p50_ms']} | {f['p99_ms']} | "
                     f"{f.get('cpu_ms_per_request', '')} | {rest['rps'] if rest else ''} | {ratio} | "
                     f"{rest.get('cpu_ms_per_request', {}).get('mesh_total', '') if rest else ''} |")
    lines += ["", "## Agents and encoder (c): one call at a time", "", "| component | calls | p50 ms | p95 ms | p99 ms |",
              "| --- | --- | --- | --- | --- |"]
    if results.get("encoder"):
        e = results["encoder"]
        lines.append(f"| encoder (ONNX int8, batch 1, in process) | {e['calls']} | {e['p50_ms']} | {e['p95_ms']} | {e['p99_ms']} |")
    for a, e in results["agents"].items():
        lines.append(f"| {a} (RPC) | {e['calls']} | {e['p50_ms']} | {e['p95_ms']} | {e['p99_ms']} |")
    lines += ["", "## Memory (d): peak RSS per service", "", "| service | peak RSS MB (sampled, with children) | VmHWM MB |",
              "| --- | --- | --- |"]
    for s, v in results["rss"].items():
        lines.append(f"| {s} | {v['peak_rss_mb']} | {v['vm_hwm_mb']} |")
    lines += ["", "## Cost curve (e): REST through Envoy, concurrency 1, vs the floor", "",
              "| axis | value | mesh p50 ms | mesh p99 ms | floor p50 ms | floor p99 ms | mesh - floor p50 ms |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
    for axis in ("words", "findings"):
        for r in results["cost"][axis]:
            lines.append(f"| {axis} | {r[axis]} | {r['mesh']['p50_ms']} | {r['mesh']['p99_ms']} | {r['floor']['p50_ms']} | "
                         f"{r['floor']['p99_ms']} | {round(r['mesh']['p50_ms'] - r['floor']['p50_ms'], 2)} |")
    lines += ["", "Plots: " + ", ".join(f"`{p}`" for p in results.get("plots", [])) if results.get("plots") else ""]
    return "\n".join(lines) + "\n"


def plots(results: dict, out_dir: Path, stem: str) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib missing (pip install -e '.[bench]'): no plots")
        return []
    made = []
    mesh_rows = results["throughput"]["mesh"]
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for ax, metric, title in ((axes[0], "rps", "throughput (req/s)"), (axes[1], "p99_ms", "p99 latency (ms)")):
        for transport in TRANSPORTS:
            for mode, style in (("varied", "-o"), ("repeated", "--s")):
                rows = [r for r in mesh_rows if r["transport"] == transport and r["mode"] == mode]
                if rows:
                    ax.plot([r["concurrency"] for r in rows], [r[metric] for r in rows], style, label=f"{transport} {mode}")
        if metric == "rps":
            fl = results["throughput"]["floor"]
            ax.plot([f["concurrency"] for f in fl], [f["rps"] for f in fl], ":k^", label="floor (in process)")
        ax.set_xscale("log", base=2)
        ax.set_xlabel("concurrency")
        ax.set_title(title)
        ax.grid(alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    path = out_dir / f"{stem}-throughput.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    made.append(path.name)

    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for ax, axis in zip(axes, ("words", "findings")):
        rows = results["cost"][axis]
        xs = [r[axis] for r in rows]
        ax.plot(xs, [r["mesh"]["p50_ms"] for r in rows], "-o", label="mesh p50 (REST, c=1)")
        ax.plot(xs, [r["mesh"]["p99_ms"] for r in rows], "--o", label="mesh p99")
        ax.plot(xs, [r["floor"]["p50_ms"] for r in rows], ":k^", label="floor p50 (in process)")
        ax.set_xlabel("complaint words" if axis == "words" else "coded findings (10-word complaint)")
        ax.set_ylabel("ms per request")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    path = out_dir / f"{stem}-cost.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    made.append(path.name)

    fig, ax = plt.subplots(figsize=(8, 4))
    names = list(results["rss"])
    ax.bar(names, [results["rss"][n]["vm_hwm_mb"] or results["rss"][n]["peak_rss_mb"] for n in names])
    ax.axhline(300, color="red", linestyle="--", label="agent budget 300 MB")
    ax.set_ylabel("peak RSS (MB)")
    ax.tick_params(axis="x", rotation=30)
    ax.legend()
    fig.tight_layout()
    path = out_dir / f"{stem}-rss.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    made.append(path.name)
    return made


# --- main ---------------------------------------------------------------------------------------


def start_tree_mesh(state_dir: Path, tree: Path | None):
    """tests/support/mesh.py's start_mesh, for this checkout or another one (`tree`)."""
    import tests.support.mesh as support

    if tree is None:
        return support.start_mesh(state_dir)
    saved = support.ROOT
    support.ROOT = tree
    try:
        return support.start_mesh(state_dir)
    finally:
        support.ROOT = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--state-dir", type=Path, help="use the running mesh of this state dir (else start one)")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per throughput point")
    parser.add_argument("--floor-duration", type=float, default=3.0)
    parser.add_argument("--cost-duration", type=float, default=3.0, help="seconds per cost-curve point")
    parser.add_argument("--agent-duration", type=float, default=2.0)
    parser.add_argument("--concurrency", default="1,8,32,64")
    parser.add_argument("--words", default="5,10,20,40,80,160")
    parser.add_argument("--findings", default="0,2,5,10,20,40")
    parser.add_argument("--quick", action="store_true", help="tiny durations (smoke test of the code paths)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--name", default="mesh", help="file stem of the results")
    parser.add_argument("--label", default="", help="a note stored with the results (e.g. 'before')")
    parser.add_argument("--baseline", type=Path, help="an earlier results JSON: adds a before/after table")
    parser.add_argument("--baseline-tree", type=Path,
                        help="another checkout (e.g. the code before a change): its mesh and floor are measured "
                             "too, each point right before or after this tree's, for a before/after table")
    parser.add_argument("--render", type=Path, help="only rewrite the report and plots from this results JSON")
    args = parser.parse_args(argv)
    if args.render:
        args.out.mkdir(parents=True, exist_ok=True)
        results = json.loads(args.render.read_text())
        for run in (results, results.get("baseline_run")):
            if run:
                run["figures"] = key_figures(run)
                run["targets"] = verdicts(run["figures"])
        results["plots"] = plots(results, args.out, args.name)
        args.render.write_text(json.dumps(results, indent=1) + "\n")
        (args.out / f"{args.name}.md").write_text(markdown(results, results.get("baseline_run")))
        return 0
    if args.quick:
        args.duration, args.floor_duration, args.cost_duration, args.agent_duration = 1.0, 0.5, 1.0, 0.3
        args.concurrency, args.words, args.findings = "1,8", "5,20", "0,5"
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    cores = len(os.sched_getaffinity(0))
    args.out.mkdir(parents=True, exist_ok=True)

    stops = []
    meshes: dict[str, Mesh] = {}
    trees: dict[str, Path | None] = {"after": None}
    if args.baseline_tree:
        trees = {"before": args.baseline_tree.resolve(), "after": None}
    for label, tree in trees.items():
        if args.state_dir and tree is None:
            meshes[label] = Mesh(args.state_dir)
            continue
        tmp = tempfile.TemporaryDirectory(prefix=f"healthmesh-bench-{label}-")
        log(f"starting the mesh{f' of {tree}' if tree else ''} ...")
        running = start_tree_mesh(Path(tmp.name), tree)
        stops.append((running, tmp))
        meshes[label] = Mesh(Path(tmp.name))
    runs: dict[str, dict] = {
        label: {"started": time.strftime("%Y-%m-%d %H:%M:%S"),
                "label": args.label if label == "after" else f"baseline tree {trees[label]}",
                "machine": {"cpus": cores, "python": platform.python_version(),
                            "load_average_at_start": os.getloadavg()},
                "settings": {"duration": args.duration, "floor_duration": args.floor_duration,
                             "cost_duration": args.cost_duration, "concurrency": concurrencies, "wrk": have_wrk(),
                             "interleaved_with": [l for l in meshes if l != label]}}
        for label in meshes}
    samplers = {label: RssSampler(mesh.pids) for label, mesh in meshes.items()}
    for sampler in samplers.values():
        sampler.start()
    floors: dict[str, FloorPool] = {}
    try:
        log("starting the floor's worker processes ...")
        for label in meshes:
            floors[label] = FloorPool(cores, trees[label])
        log("warming up ...")
        for mesh in meshes.values():
            # Varied requests warm each process (and the classifier's phrase-embedding cache, as
            # production traffic would); the measured points then use other requests.
            run_rest(mesh.url, "/v1/diagnose", grammar.varied_bodies(3000, RUN_SEED + 1), 8,
                     1.0 if args.quick else 10.0)
        for floor in floors.values():  # the floor's phrase-embedding caches, likewise
            floor.run(grammar.varied_bodies(3000, RUN_SEED + 1), 0.5 if args.quick else 5.0, cores)
        encoder = encoder_latency(args.agent_duration)
        for label, mesh in meshes.items():
            runs[label]["encoder"] = encoder
            runs[label]["agents"] = agent_latency(mesh, args.agent_duration)
        tp = throughput(meshes, floors, concurrencies, args.duration, args.floor_duration, cores)
        cost = cost_curve(meshes, floors, [int(w) for w in args.words.split(",")],
                          [int(f) for f in args.findings.split(",")], args.cost_duration)
        for label in meshes:
            runs[label]["throughput"], runs[label]["cost"] = tp[label], cost[label]
    finally:
        for label, sampler in samplers.items():
            runs[label]["rss"] = sampler.stop()
        for floor in floors.values():
            floor.close()
        from tests.support.mesh import stop_mesh

        for running, tmp in stops:
            stop_mesh(running)
            tmp.cleanup()
    results = runs["after"]
    for label, run in runs.items():
        run["machine"]["load_average_at_end"] = os.getloadavg()
        run["figures"] = key_figures(run)
        run["targets"] = verdicts(run["figures"])
    baseline = runs.get("before")
    if baseline is not None:
        results["baseline_run"] = baseline
    elif args.baseline:
        baseline = json.loads(args.baseline.read_text())
    results["plots"] = plots(results, args.out, args.name)
    (args.out / f"{args.name}.json").write_text(json.dumps(results, indent=1) + "\n")
    md = markdown(results, baseline)
    (args.out / f"{args.name}.md").write_text(md)
    print(md)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
