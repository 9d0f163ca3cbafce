"""`python -m symptom_classifier.calibrate`: choose the embedding similarity threshold.

Sweeps the threshold over the dev split of tests/data/lay_phrases_eval.jsonl and picks the one
with the best embedding-only top-1 accuracy, where a junk or out-of-scope phrase (expected null)
is right only when nothing clears the threshold. Ties go to the middle of the best plateau, so the
choice does not sit on the edge of a cliff. The combined classifier's dev accuracy at each
threshold is printed beside it for reference. The chosen value goes into
`symptom_classifier.embedding.DEFAULT_THRESHOLD` by hand, with the figure.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from .evaluate import LAY_PHRASES, concept_accuracy, is_right, load_readers, load_rows, predictors

LOW, HIGH, STEP = 0.40, 0.85, 0.01


def sweep(rows: list[dict], nearest: list[tuple[str, float, str]]) -> list[tuple[float, float]]:
    """(threshold, embedding-only accuracy) over the grid."""
    out = []
    for t in np.arange(LOW, HIGH + 1e-9, STEP):
        right = sum(is_right(r, cid if sim >= t else None) for r, (cid, sim, _) in zip(rows, nearest))
        out.append((round(float(t), 2), right / len(rows)))
    return out


def choose(curve: list[tuple[float, float]]) -> tuple[float, float]:
    best = max(acc for _, acc in curve)
    plateau = [t for t, acc in curve if acc == best]
    # the longest run of consecutive best thresholds, then its middle
    runs: list[list[float]] = []
    for t in plateau:
        if runs and abs(t - runs[-1][-1] - STEP) < 1e-6:
            runs[-1].append(t)
        else:
            runs.append([t])
    longest = max(runs, key=len)
    return longest[len(longest) // 2], best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m symptom_classifier.calibrate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb")
    parser.add_argument("--model-dir")
    parser.add_argument("--variant", choices=("int8", "fp32"), default="int8")
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    readers = load_readers(args.kb, args.model_dir, args.variant)
    rows = load_rows(LAY_PHRASES, args.split)
    nearest = readers.embedding.nearest([r["text"] for r in rows])
    curve = sweep(rows, nearest)
    combined = predictors(readers)["combined"]
    print(f"| threshold | embedding only ({args.split}, n={len(rows)}) | combined ({args.split}) |")
    print("| --- | --- | --- |")
    for t, acc in curve:
        if round(t * 100) % 2 == 0:
            readers.set_threshold(t)
            print(f"| {t:.2f} | {acc:.3f} | {concept_accuracy(rows, combined)[0]:.3f} |")
    chosen, best = choose(curve)
    readers.set_threshold(chosen)
    print(f"\nchosen threshold {chosen:.2f}: embedding-only {args.split} accuracy {best:.3f}, "
          f"combined {concept_accuracy(rows, combined)[0]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
