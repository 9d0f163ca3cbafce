"""Classifier latency in process and over gRPC, and the server's memory.

    .venv/bin/python bench/classifier.py [--calls 300]

In process: `SymptomClassifier.classify` on a 30-word complaint, lexical only and as served (with
the embedding fallback), the latter both warm (the leftover phrases' vectors cached, as for a
repeated complaint) and cold (encoder run on every call). Over gRPC: a real symptom_classifier
server started as a subprocess (`python -m symptom_classifier --port P --metrics-port 0`), the
same complaint through `SymptomClassifier/Classify`, and the server's RSS (psutil) after the run.
Writes bench/results/classifier.json and classifier.md.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
# 30 words: lexical findings, negation, modifiers, a vital sign and words only the encoder reads.
COMPLAINT = ("58 year old man, crushing chest pain for an hour spreading to his jaw, sweaty and "
             "clammy, no fever, my noggin is throbbing and I feel washed up, HR 112")
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def summary(times_ms: list[float]) -> dict:
    t = sorted(times_ms)
    return {"p50_ms": round(statistics.median(t), 3), "p99_ms": round(t[int(0.99 * (len(t) - 1))], 3),
            "mean_ms": round(statistics.fmean(t), 3), "calls": len(t)}


def time_calls(fn, calls: int) -> list[float]:
    fn()
    out = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def in_process(calls: int) -> dict:
    from knowledge.kb import load_kb
    from symptom_classifier.embedding import EmbeddingCache, EmbeddingMatcher, load_or_build_index
    from symptom_classifier.encoder import load_manifest
    from symptom_classifier.engine import SymptomClassifier

    kb = load_kb()
    manifest = load_manifest()
    encoder = manifest.encoder("int8")
    index = load_or_build_index(kb, manifest, encoder.encode)
    lexical = SymptomClassifier(kb)
    warm = SymptomClassifier(kb, fallback=EmbeddingMatcher(index, encoder.encode, EmbeddingCache(manifest.version)))
    cold = SymptomClassifier(kb, fallback=EmbeddingMatcher(index, encoder.encode, None))
    # the same, with the leftover phrases encoded in one padded batch (before phrases were encoded
    # one by one, see symptom_classifier/encoder.py): the cost of batch-independent vectors
    cold_batched = SymptomClassifier(kb, fallback=EmbeddingMatcher(index, encoder.encode_batched, None))
    found = warm.classify(COMPLAINT)
    out = {
        "words": len(COMPLAINT.split()),
        "findings": sorted(f.code for f in found.findings),
        "lexical_only": summary(time_calls(lambda: lexical.classify(COMPLAINT), calls)),
        "served_warm_cache": summary(time_calls(lambda: warm.classify(COMPLAINT), calls)),
    }
    # interleaved in blocks so that both see the same load on a shared machine
    per_phrase: list[float] = []
    batched: list[float] = []
    for _ in range(10):
        per_phrase += time_calls(lambda: cold.classify(COMPLAINT), max(1, calls // 10))
        batched += time_calls(lambda: cold_batched.classify(COMPLAINT), max(1, calls // 10))
    out["served_cold_cache"] = summary(per_phrase)
    out["served_cold_cache_batched"] = summary(batched)
    out["per_phrase_over_batched_p50"] = round(out["served_cold_cache"]["p50_ms"] / out["served_cold_cache_batched"]["p50_ms"], 3)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def over_grpc(calls: int) -> dict:
    import grpc
    import psutil

    from healthmesh.v1 import symptoms_pb2, symptoms_pb2_grpc

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEALTHMESH_REDIS")}
    proc = subprocess.Popen([PYTHON, "-m", "symptom_classifier", "--port", str(port), "--metrics-port", "0"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        stub = symptoms_pb2_grpc.SymptomClassifierStub(channel)
        request = symptoms_pb2.ClassifyRequest(text=COMPLAINT)
        started = time.monotonic()
        while True:
            try:
                stub.Classify(request, timeout=2)
                break
            except grpc.RpcError:
                if time.monotonic() - started > 60 or proc.poll() is not None:
                    raise RuntimeError("symptom_classifier did not become ready")
                time.sleep(0.1)
        ready_s = time.monotonic() - started
        times = time_calls(lambda: stub.Classify(request, timeout=5), calls)
        server = psutil.Process(proc.pid)
        rss = server.memory_info().rss + sum(c.memory_info().rss for c in server.children(recursive=True))
        channel.close()
        return {"rpc": summary(times), "ready_seconds": round(ready_s, 2), "rss_mb": round(rss / 2**20, 1)}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args(argv)
    results = {"complaint": COMPLAINT, "in_process": in_process(args.calls), "grpc": over_grpc(args.calls)}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "classifier.json").write_text(json.dumps(results, indent=2) + "\n")
    ip, g = results["in_process"], results["grpc"]
    lines = [f"# Symptom classifier latency ({ip['words']}-word complaint, {args.calls} calls)", "",
             "| path | p50 ms | p99 ms |", "| --- | --- | --- |"]
    for key, label in (("lexical_only", "in process, lexical only"),
                       ("served_warm_cache", "in process, as served (phrase vectors cached)"),
                       ("served_cold_cache", "in process, as served (encoder every call, one phrase per run)"),
                       ("served_cold_cache_batched", "in process, encoder every call, phrases in one padded batch")):
        lines.append(f"| {label} | {ip[key]['p50_ms']:.2f} | {ip[key]['p99_ms']:.2f} |")
    lines.append(f"| gRPC Classify, real server subprocess | {g['rpc']['p50_ms']:.2f} | {g['rpc']['p99_ms']:.2f} |")
    lines += ["", f"Encoding each phrase on its own (batch-independent vectors) costs "
              f"{ip['per_phrase_over_batched_p50']:.2f}x the padded batch at p50 (cold cache, same process).",
              f"Server RSS after the run: {g['rss_mb']} MB; ready in {g['ready_seconds']} s.",
              f"Findings: {', '.join(ip['findings'])}"]
    (RESULTS / "classifier.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
