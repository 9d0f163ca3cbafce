"""Evaluate the condition matcher on the DDXPlus dev patients, in process.

    python -m condition_matcher.evaluate_ddxplus [--kb PATH | --kb ddxplus-only] [--folds 5]
                                                 [--fit-temperature] [--json]

Every dev patient's evidence codes go in as PRESENT findings (DDXPlus lists positives only), with
age and sex. Reported:
- GTPA@1/3/5: the patient's pathology among the top 1/3/5;
- DDR/DDP/DDF1 (DDXPlus paper): recall/precision of the predicted differential against the
  patient's DDXPlus differential, averaged over patients, F1 of the two averages. The predicted
  differential is every condition with posterior >= DIFFERENTIAL_THRESHOLD (also shown: top 5);
- Brier score (multi-class, summed over conditions, averaged over patients), NLL, a reliability
  table of the top-1 probability and its expected calibration error;
- rank() time (mean, p50, p95) with the full artifact.

In-sample figures use the links estimated from these same patients. `--folds K` (default 5) also
reports honest figures: the DDXPlus links are re-estimated on K-1 folds and the held-out fold scored,
for every fold. `--fit-temperature` fits the softmax temperature on those cross-validated scores by
minimising the NLL of the true pathology (the value goes into engine.TEMPERATURE by hand).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from healthmesh.clinical import Finding, Patient, Sex
from knowledge.ddxplus_likelihoods import (
    PREFIX, SOURCE_ID, DevPatient, estimate_links_from_patients, read_ddxplus_json, read_dev_patients,
)
from knowledge.kb import KnowledgeBase, Link, load_kb

from .ddxplus_kb import SOURCES_DIR, ddxplus_only_kb
from .engine import TEMPERATURE, ConditionMatcher

DIFFERENTIAL_THRESHOLD = 0.01
RELIABILITY_BINS = (0.0, 0.5, 0.7, 0.9, 0.99, 1.0 + 1e-9)


def patient_of(p: DevPatient) -> Patient:
    return Patient(age_years=float(p.age), sex=Sex.FEMALE if p.sex == "F" else Sex.MALE)


def findings_of(p: DevPatient) -> list[Finding]:
    return [Finding(code=PREFIX + code, name=code) for code in p.codes]


def ddxplus_condition_ids(kb: KnowledgeBase, sources_dir: Path = SOURCES_DIR) -> dict[str, str]:
    """DDXPlus pathology name -> KB condition id (by alias, then name, then a unique ICD-10 code)."""
    by_alias: dict[str, str] = {}
    by_name: dict[str, str] = {}
    by_icd: dict[str, list[str]] = defaultdict(list)
    for c in kb.conditions.values():
        for alias in c.aliases:
            by_alias[alias.casefold()] = c.id
        by_name[c.name.casefold()] = c.id
        by_icd[c.icd10.upper()].append(c.id)
    ids: dict[str, str] = {}
    for definition in read_ddxplus_json(sources_dir, "conditions.json"):
        name = definition["name"]
        key = name.casefold()
        found = by_alias.get("ddxplus:" + key) or by_alias.get(key) or by_name.get(key)
        if found is None and len(by_icd.get(definition["icd10"].upper(), [])) == 1:
            found = by_icd[definition["icd10"].upper()][0]
        if found is not None:
            ids[name] = found
    return ids


def kb_with_links_from(kb: KnowledgeBase, patients: Sequence[DevPatient], ids: dict[str, str],
                       sources_dir: Path = SOURCES_DIR) -> KnowledgeBase:
    """The same KB with its DDXPlus-estimated links re-estimated from `patients` only."""
    evidence_rows = [{"code": e.code, "symptom_ids": list(e.symptom_ids)} for e in kb.evidences.values()]
    rows = estimate_links_from_patients(
        patients, read_ddxplus_json(sources_dir, "conditions.json"),
        read_ddxplus_json(sources_dir, "evidences.json"), evidence_rows, ids,
    )
    links = [link for link in kb.links if link.source != SOURCE_ID]
    links += [Link(condition_id=r["condition_id"], finding=r["finding"], p=r["p"], source=r["source"],
                   licence=r["licence"]) for r in rows]
    return replace(kb, links=links)


def folds_of(patients: Sequence[DevPatient], k: int) -> list[int]:
    """Deterministic folds, stratified by pathology (round-robin within each)."""
    seen: dict[str, int] = defaultdict(int)
    out = []
    for p in patients:
        out.append(seen[p.pathology] % k)
        seen[p.pathology] += 1
    return out


@dataclass
class ScoredSet:
    scores: np.ndarray  # (patients, conditions) log scores before temperature
    truth: np.ndarray  # (patients,) condition index of the pathology
    differentials: list[set[int]]


def score_patients(matcher: ConditionMatcher, patients: Sequence[DevPatient], ids: dict[str, str]) -> ScoredSet:
    index = {cid: i for i, cid in enumerate(matcher.tables.condition_ids)}
    scores = np.stack([matcher.log_scores(patient_of(p), findings_of(p)) for p in patients])
    truth = np.array([index[ids[p.pathology]] for p in patients])
    differentials = [{index[ids[n]] for n, _ in p.differential if n in ids} for p in patients]
    return ScoredSet(scores, truth, differentials)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = (scores - scores.max(axis=1, keepdims=True)) / temperature
    w = np.exp(z)
    return w / w.sum(axis=1, keepdims=True)


def metrics(scored: ScoredSet, temperature: float) -> dict:
    post = softmax(scored.scores, temperature)
    n = len(scored.truth)
    rows = np.arange(n)
    p_true = post[rows, scored.truth]
    rank_of_truth = (post > p_true[:, None]).sum(axis=1) + 1
    out: dict = {f"gtpa@{k}": float((rank_of_truth <= k).mean()) for k in (1, 3, 5)}
    for label, predicted in (
        ("", [set(np.flatnonzero(row >= DIFFERENTIAL_THRESHOLD)) for row in post]),
        ("_top5", [set(np.argsort(-row)[:5]) for row in post]),
    ):
        recall = [len(pr & tr) / len(tr) for pr, tr in zip(predicted, scored.differentials) if tr]
        precision = [len(pr & tr) / len(pr) for pr, tr in zip(predicted, scored.differentials) if pr]
        ddr, ddp = statistics.fmean(recall), statistics.fmean(precision)
        out[f"ddr{label}"], out[f"ddp{label}"] = ddr, ddp
        out[f"ddf1{label}"] = 2 * ddr * ddp / (ddr + ddp) if ddr + ddp else 0.0
    onehot = np.zeros_like(post)
    onehot[rows, scored.truth] = 1.0
    out["brier"] = float(((post - onehot) ** 2).sum(axis=1).mean())
    out["nll"] = float(-np.log(np.clip(p_true, 1e-300, None)).mean())
    confidence = post.max(axis=1)
    correct = rank_of_truth == 1
    table, ece = [], 0.0
    for low, high in zip(RELIABILITY_BINS, RELIABILITY_BINS[1:]):
        in_bin = (confidence >= low) & (confidence < high)
        if in_bin.any():
            conf, acc = float(confidence[in_bin].mean()), float(correct[in_bin].mean())
            table.append({"bin": f"[{low:.2f}, {min(high, 1.0):.2f}]", "n": int(in_bin.sum()),
                          "mean_confidence": conf, "accuracy": acc})
            ece += in_bin.mean() * abs(conf - acc)
    out["reliability"] = table
    out["ece"] = float(ece)
    out["temperature"] = temperature
    return out


def fit_temperature(scored: ScoredSet) -> float:
    """Golden-section search of log T in [log 0.25, log 64] for the least NLL of the truth."""
    def nll(log_t: float) -> float:
        post = softmax(scored.scores, math.exp(log_t))
        return float(-np.log(np.clip(post[np.arange(len(scored.truth)), scored.truth], 1e-300, None)).mean())

    lo, hi = math.log(0.25), math.log(64.0)
    ratio = (math.sqrt(5) - 1) / 2
    a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
    fa, fb = nll(a), nll(b)
    for _ in range(40):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - ratio * (hi - lo)
            fa = nll(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + ratio * (hi - lo)
            fb = nll(b)
    return round(math.exp((lo + hi) / 2), 3)


def cross_validated(kb: KnowledgeBase, patients: Sequence[DevPatient], ids: dict[str, str], k: int) -> ScoredSet:
    fold = folds_of(patients, k)
    parts: list[tuple[list[int], ScoredSet]] = []
    for f in range(k):
        train = [p for p, g in zip(patients, fold) if g != f]
        held = [i for i, g in enumerate(fold) if g == f]
        matcher = ConditionMatcher(kb_with_links_from(kb, train, ids))
        parts.append((held, score_patients(matcher, [patients[i] for i in held], ids)))
    n, c = len(patients), parts[0][1].scores.shape[1]
    scores, truth = np.empty((n, c)), np.empty(n, dtype=int)
    differentials: list[set[int]] = [set()] * n
    for held, s in parts:
        scores[held], truth[held] = s.scores, s.truth
        for j, i in enumerate(held):
            differentials[i] = s.differentials[j]
    return ScoredSet(scores, truth, differentials)


def time_rank(matcher: ConditionMatcher, patients: Sequence[DevPatient]) -> dict:
    inputs = [(patient_of(p), findings_of(p)) for p in patients]
    for patient, findings in inputs[:50]:
        matcher.rank(patient, findings)
    times = []
    for patient, findings in inputs:
        t0 = time.perf_counter()
        matcher.rank(patient, findings, max_conditions=10)
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return {"rank_ms_mean": statistics.fmean(times), "rank_ms_p50": times[len(times) // 2],
            "rank_ms_p95": times[int(len(times) * 0.95)]}


def evaluate(kb: KnowledgeBase, folds: int = 5, fit: bool = False, timing: bool = True) -> dict:
    patients = read_dev_patients(SOURCES_DIR)
    ids = ddxplus_condition_ids(kb)
    missing = sorted({p.pathology for p in patients} - set(ids))
    if missing:
        raise SystemExit(f"DDXPlus pathologies with no KB condition: {missing}")
    t0 = time.perf_counter()
    matcher = ConditionMatcher(kb)
    report: dict = {"kb_version": kb.version, "conditions": len(kb.conditions), "patients": len(patients),
                    "matcher_init_s": round(time.perf_counter() - t0, 3)}
    temperature = matcher.temperature
    if folds > 1:
        cv = cross_validated(kb, patients, ids, folds)
        if fit:
            temperature = fit_temperature(cv)
            report["fitted_temperature"] = temperature
        report["cross_validated"] = metrics(cv, temperature)
    report["in_sample"] = metrics(score_patients(matcher, patients, ids), temperature)
    if timing:
        report.update(time_rank(matcher, patients))
    return report


def _print(report: dict) -> None:
    head = {k: v for k, v in report.items() if not isinstance(v, dict)}
    print(" ".join(f"{k}={v}" for k, v in head.items()))
    for section in ("in_sample", "cross_validated"):
        if section not in report:
            continue
        m = report[section]
        print(f"\n[{section}] T={m['temperature']}")
        print("  GTPA@1 {gtpa@1:.4f}  @3 {gtpa@3:.4f}  @5 {gtpa@5:.4f}".format(**m))
        print("  DDR {ddr:.3f}  DDP {ddp:.3f}  DDF1 {ddf1:.3f}   (p >= 0.01)".format(**m))
        print("  DDR {ddr_top5:.3f}  DDP {ddp_top5:.3f}  DDF1 {ddf1_top5:.3f}   (top 5)".format(**m))
        print("  Brier {brier:.4f}  NLL {nll:.4f}  ECE {ece:.4f}".format(**m))
        print("  top-1 confidence       n   mean conf  accuracy")
        for row in m["reliability"]:
            print(f"  {row['bin']:<16} {row['n']:>6}   {row['mean_confidence']:.3f}     {row['accuracy']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kb", help="artifact path, or 'ddxplus-only' (default: load_kb())")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: in-sample only)")
    parser.add_argument("--fit-temperature", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    kb = ddxplus_only_kb() if args.kb == "ddxplus-only" else load_kb(args.kb)
    report = evaluate(kb, folds=args.folds, fit=args.fit_temperature, timing=not args.no_timing)
    if args.json:
        json.dump(report, sys.stdout, indent=1)
        print()
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
