"""`python -m symptom_classifier.evaluate`: how well the classifier understands lay language.

Two hand-written sets, each split into dev (for tuning: the threshold, the vocabulary) and test
(for reporting):

- tests/data/lay_phrases_eval.jsonl: one lay phrase -> one concept (or null for junk and
  out-of-scope phrases, where "nothing recognised" is the right answer). `accept` lists concepts
  that are equally right (e.g. fainting / loss-of-consciousness). Scored top-1 three ways:
  lexical only (the vocabulary), embedding only (the nearest concept phrase of the whole phrase,
  above the threshold) and combined (the classifier as served: lexical + embedding fallback).
- tests/data/negation_eval.jsonl: sentences with the presence (and, where it matters, the
  temporality) of each finding. Scored as precision / recall / F1 of "absent" (negation) and of
  "unknown" (hedging) over the expected findings plus any extra finding the classifier reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from healthmesh.clinical import ClassifiedText, Presence
from knowledge.kb import KnowledgeBase, load_kb

from .embedding import DEFAULT_THRESHOLD, EmbeddingCache, EmbeddingMatcher, load_or_build_index
from .encoder import load_manifest
from .engine import SymptomClassifier

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
LAY_PHRASES = DATA / "lay_phrases_eval.jsonl"
NEGATION = DATA / "negation_eval.jsonl"
SPLITS = ("dev", "test")


@dataclass
class Readers:
    """The three ways of reading a phrase, sharing one knowledge base and one encoder."""

    kb: KnowledgeBase
    lexical: SymptomClassifier
    combined: SymptomClassifier
    embedding: EmbeddingMatcher

    @property
    def threshold(self) -> float:
        return self.embedding.threshold

    def set_threshold(self, value: float) -> None:
        self.embedding.threshold = value


def load_readers(kb_path: str | None = None, model_dir: str | None = None, variant: str = "int8",
                 threshold: float = DEFAULT_THRESHOLD) -> Readers:
    kb = load_kb(kb_path)
    manifest = load_manifest(model_dir)
    encoder = manifest.encoder(variant)
    index = load_or_build_index(kb, manifest, encoder.encode)
    matcher = EmbeddingMatcher(index, encoder.encode, EmbeddingCache(manifest.version), threshold=threshold)
    return Readers(kb, SymptomClassifier(kb), SymptomClassifier(kb, fallback=matcher), matcher)


def load_rows(path: Path, split: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


# ---------------------------------------------------------------------- concepts


def top_concept(result: ClassifiedText) -> str | None:
    """The surest finding read from the text (the first one on a tie), as a concept id."""
    best = None
    for f in result.findings:
        if f.code.startswith("symptom:") and (best is None or f.confidence > best.confidence):
            best = f
    return best.code.removeprefix("symptom:") if best else None


def predictors(readers: Readers) -> dict[str, Callable[[list[str]], list[str | None]]]:
    def lexical(texts: list[str]) -> list[str | None]:
        return [top_concept(readers.lexical.classify(t)) for t in texts]

    def embedding(texts: list[str]) -> list[str | None]:
        return [cid if sim >= readers.threshold else None for cid, sim, _ in readers.embedding.nearest(texts)]

    def combined(texts: list[str]) -> list[str | None]:
        return [top_concept(readers.combined.classify(t)) for t in texts]

    return {"lexical": lexical, "embedding": embedding, "combined": combined}


def is_right(row: dict, predicted: str | None) -> bool:
    if row["expected"] is None:
        return predicted is None
    return predicted == row["expected"] or predicted in row.get("accept", ())


def concept_accuracy(rows: list[dict], predict: Callable[[list[str]], list[str | None]]) -> tuple[float, list[tuple]]:
    predicted = predict([r["text"] for r in rows])
    misses = [(r["text"], r["expected"], p) for r, p in zip(rows, predicted) if not is_right(r, p)]
    return (1 - len(misses) / len(rows) if rows else 0.0), misses


# ---------------------------------------------------------------------- negation and hedging


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        self.tp += gold and predicted
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def presence_scores(rows: list[dict], classifier: SymptomClassifier) -> dict:
    negation, hedging = PRF(), PRF()
    total, right, wrong = 0, 0, []
    for row in rows:
        found = {f.code.removeprefix("symptom:"): f for f in classifier.classify(row["text"]).findings}
        for cid, want in row["expected"].items():
            presence, _, temporality = want.partition("@")
            f = found.get(cid)
            got = f.presence.name if f else None
            negation.add(presence == "ABSENT", got == "ABSENT")
            hedging.add(presence == "UNKNOWN", got == "UNKNOWN")
            total += 1
            if got == presence and (not temporality or f.temporality.name == temporality):
                right += 1
            else:
                wrong.append((row["text"], cid, want, got and f"{got}@{f.temporality.name}"))
        for cid, f in found.items():  # findings nobody asked about still count against precision
            if cid not in row["expected"]:
                negation.add(False, f.presence == Presence.ABSENT)
                hedging.add(False, f.presence == Presence.UNKNOWN)
    return {"negation": negation, "hedging": hedging, "presence_accuracy": right / total if total else 0.0,
            "findings": total, "wrong": wrong}


# ---------------------------------------------------------------------- the report


def evaluate(readers: Readers) -> dict:
    lay = load_rows(LAY_PHRASES)
    neg = load_rows(NEGATION)
    report: dict = {"threshold": readers.threshold, "concepts": {}, "presence": {}, "misses": {}}
    for name, predict in predictors(readers).items():
        report["concepts"][name] = {}
        for split in SPLITS:
            rows = [r for r in lay if r["split"] == split]
            acc, misses = concept_accuracy(rows, predict)
            report["concepts"][name][split] = {"accuracy": round(acc, 3), "n": len(rows)}
            report["misses"][f"{name}/{split}"] = misses
    for name, classifier in (("lexical", readers.lexical), ("combined", readers.combined)):
        report["presence"][name] = {}
        for split in SPLITS:
            s = presence_scores([r for r in neg if r["split"] == split], classifier)
            report["presence"][name][split] = {
                "negation": s["negation"].as_dict(), "hedging": s["hedging"].as_dict(),
                "presence_accuracy": round(s["presence_accuracy"], 3), "findings": s["findings"],
                "sentences": sum(r["split"] == split for r in neg),
            }
            report["misses"][f"presence-{name}/{split}"] = s["wrong"]
    return report


def format_table(report: dict) -> str:
    c, p = report["concepts"], report["presence"]
    lines = [
        "Concept accuracy, top-1 (lay phrases; junk must be unrecognised)",
        f"| reader | dev (n={c['lexical']['dev']['n']}) | test (n={c['lexical']['test']['n']}) |",
        "| --- | --- | --- |",
    ]
    labels = {"lexical": "lexical only", "embedding": f"embedding only (threshold {report['threshold']:.2f})",
              "combined": "combined (lexical + embedding fallback)"}
    for name, label in labels.items():
        lines.append(f"| {label} | {c[name]['dev']['accuracy']:.3f} | {c[name]['test']['accuracy']:.3f} |")
    lines += ["", "Presence (negated / hedged sentences)",
              "| reader | split | sentences | negation P | R | F1 | hedging P | R | F1 | presence acc |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name in p:
        for split in SPLITS:
            s = p[name][split]
            n, h = s["negation"], s["hedging"]
            lines.append(f"| {name} | {split} | {s['sentences']} | {n['precision']:.3f} | {n['recall']:.3f} | "
                         f"{n['f1']:.3f} | {h['precision']:.3f} | {h['recall']:.3f} | {h['f1']:.3f} | "
                         f"{s['presence_accuracy']:.3f} |")
    return "\n".join(lines)


def _print_misses(report: dict, keys: Iterable[str]) -> None:
    for key in keys:
        for miss in report["misses"].get(key, ()):
            print(f"  {key}: {miss}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m symptom_classifier.evaluate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", help="knowledge-base artifact (default build/kb/current)")
    parser.add_argument("--model-dir", help="exported encoder (default build/model)")
    parser.add_argument("--variant", choices=("int8", "fp32"), default="int8")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--misses", choices=("dev", "test", "all"), help="list what was got wrong")
    args = parser.parse_args(argv)
    readers = load_readers(args.kb, args.model_dir, args.variant, args.threshold)
    report = evaluate(readers)
    print(format_table(report))
    if args.misses:
        splits = SPLITS if args.misses == "all" else (args.misses,)
        print("\nMisses (text, expected, got):")
        _print_misses(report, [k for k in report["misses"] if k.rsplit("/", 1)[1] in splits])
    if args.json:
        args.json.write_text(json.dumps({k: v for k, v in report.items() if k != "misses"}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
