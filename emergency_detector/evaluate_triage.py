"""Measure triage on a vignette file (eval/README.md format), in process.

    python -m emergency_detector.evaluate_triage eval/triage_cases.jsonl [--split dev|test] [--misses] [--json]

Every case goes through the in-process pipeline (healthmesh/pipeline.py): free text through the real
classifier, the matcher's differential, and triage before and after the differential, exactly as the
gateway orders them. Reports a 3x3 confusion matrix (gold rows, predicted columns) over emergent /
non-emergent / self-care, under- and over-triage rates, three-level and self-care accuracy, and the
per-call latency of the emergency detector.

`healthmesh eval vignettes FILE` reports the same through the REST API; this script is the
in-process measurement (and what tests/test_emergency_triage_set.py asserts on).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Protocol

from emergency_detector.triage import RequestTriage, merge_text_facts
from healthmesh import clinical as c

LEVELS = ("emergent", "non-emergent", "self-care")
RANK = {"self-care": 0, "non-emergent": 1, "emergent": 2}
SEX = {"male": c.Sex.MALE, "female": c.Sex.FEMALE, "": c.Sex.UNSPECIFIED, None: c.Sex.UNSPECIFIED}
VITAL_NUMBERS = ("heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    patient: c.Patient
    vitals: c.Vitals
    gold: str
    split: str


def load_cases(path: str | Path) -> list[Case]:
    cases = []
    for n, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip():
            continue
        raw = json.loads(line)
        if raw["gold_triage"] not in RANK:
            raise ValueError(f"{path}:{n}: gold_triage {raw['gold_triage']!r} is not one of {LEVELS}")
        cases.append(Case(raw["id"], raw.get("text", ""), case_patient(raw), case_vitals(raw.get("vitals") or {}),
                          raw["gold_triage"], raw.get("split", "dev")))
    return cases


def case_patient(raw: dict) -> c.Patient:
    return c.Patient(
        age_years=raw.get("age_years"), sex=SEX[(raw.get("sex") or "").lower()],
        pregnant=bool(raw.get("pregnant")), history=tuple(raw.get("history") or ()),
        medications=tuple(raw.get("medications") or ()), allergies=tuple(raw.get("allergies") or ()),
    )


def case_vitals(raw: dict) -> c.Vitals:
    """Vitals as the REST API takes them: numbers, supplemental_oxygen, consciousness by enum name."""
    consciousness = raw.get("consciousness") or "CONSCIOUSNESS_UNSPECIFIED"
    return c.Vitals(
        **{k: float(raw[k]) for k in VITAL_NUMBERS if raw.get(k) is not None},
        supplemental_oxygen=bool(raw.get("supplemental_oxygen")),
        spo2_scale2=bool(raw.get("spo2_scale2")),
        consciousness=c.Consciousness[consciousness.removeprefix("CONSCIOUSNESS_")],
    )


class Triager(Protocol):
    def __call__(self, case: Case) -> c.UrgencyAssessment: ...


class PipelineTriage:
    """Urgency the way healthmesh/pipeline.py (and the gateway) computes it."""

    def __init__(self, kb=None, with_screen: bool = True):
        from healthmesh.pipeline import InProcessPipeline
        from knowledge.kb import load_kb

        self.pipeline = InProcessPipeline(kb or load_kb())
        self.triage: RequestTriage = self.pipeline.triage
        if not with_screen:
            self.triage.screen = None

    def __call__(self, case: Case) -> c.UrgencyAssessment:
        return self.pipeline.diagnose(case.patient, case.text, vitals=case.vitals).urgency


@dataclass
class Result:
    case: Case
    urgency: c.UrgencyAssessment

    @property
    def predicted(self) -> str:
        return self.urgency.level.three_level


@dataclass
class Report:
    results: list[Result]
    matrix: dict[str, dict[str, int]] = field(default_factory=dict)

    def __post_init__(self):
        self.matrix = {g: {p: 0 for p in LEVELS} for g in LEVELS}
        for r in self.results:
            self.matrix[r.case.gold][r.predicted] += 1

    @property
    def n(self) -> int:
        return len(self.results)

    def _count(self, pred) -> int:
        return sum(1 for r in self.results if pred(r))

    def _rate(self, num: int, den: int) -> float:
        return num / den if den else 0.0

    @property
    def accuracy(self) -> float:
        return self._rate(self._count(lambda r: r.predicted == r.case.gold), self.n)

    def class_accuracy(self, level: str) -> float:
        row = self.matrix[level]
        return self._rate(row[level], sum(row.values()))

    @property
    def under_triaged(self) -> list[Result]:
        return [r for r in self.results if RANK[r.predicted] < RANK[r.case.gold]]

    @property
    def over_triaged(self) -> list[Result]:
        return [r for r in self.results if RANK[r.predicted] > RANK[r.case.gold]]

    @property
    def emergencies_under_triaged(self) -> list[Result]:
        return [r for r in self.under_triaged if r.case.gold == "emergent"]

    def summary(self) -> dict:
        return {
            "cases": self.n,
            "matrix": self.matrix,
            "three_level_accuracy": round(self.accuracy, 4),
            "accuracy_by_class": {lv: round(self.class_accuracy(lv), 4) for lv in LEVELS},
            "under_triage_rate": round(self._rate(len(self.under_triaged), self.n), 4),
            "over_triage_rate": round(self._rate(len(self.over_triaged), self.n), 4),
            "emergencies_under_triaged": [r.case.id for r in self.emergencies_under_triaged],
            "emergency_under_triage_rate": round(self._rate(len(self.emergencies_under_triaged),
                                                            sum(self.matrix["emergent"].values())), 4),
        }


def evaluate(cases: Iterable[Case], triage: Triager) -> Report:
    return Report([Result(case, triage(case)) for case in cases])


def detector_latency(triage: RequestTriage, cases: list[Case], rounds: int = 5) -> dict[str, float]:
    """Per-call milliseconds of the emergency detector service's work on a request it has not seen
    (RequestTriage.assess_request: text reading, complaint screen, rules), of the same request's
    second assessment (the readings remembered), and of the rule engine alone on already
    classified findings."""
    request_ms, second_ms, rules_ms = [], [], []
    classified = [(case, triage.classifier.classify(case.text, ())) for case in cases]
    for _ in range(rounds):
        for case, read in classified:
            triage.forget()
            t0 = time.perf_counter()
            triage.assess_request(case.patient, case.vitals, text=case.text)
            t1 = time.perf_counter()
            triage.assess_request(case.patient, case.vitals, text=case.text)
            t2 = time.perf_counter()
            patient, vitals = merge_text_facts(case.patient, case.vitals, read)
            t3 = time.perf_counter()
            triage.detector.assess(patient, vitals, read.findings)
            t4 = time.perf_counter()
            request_ms.append((t1 - t0) * 1000)
            second_ms.append((t2 - t1) * 1000)
            rules_ms.append((t4 - t3) * 1000)

    def pct(xs: list[float], q: int) -> float:
        return round(statistics.quantiles(xs, n=100)[q - 1], 3)

    return {"assess_request_p50_ms": pct(request_ms, 50), "assess_request_p95_ms": pct(request_ms, 95),
            "second_assessment_p50_ms": pct(second_ms, 50),
            "rules_only_p50_ms": pct(rules_ms, 50), "rules_only_p95_ms": pct(rules_ms, 95)}


def format_report(report: Report, latency: dict[str, float] | None, misses: bool) -> str:
    s = report.summary()
    width = max(len(x) for x in LEVELS) + 2
    lines = [f"{report.n} cases; rows = gold, columns = predicted",
             "gold \\ predicted".ljust(width + 4) + "".join(p.rjust(width) for p in LEVELS)]
    for g in LEVELS:
        lines.append(g.ljust(width + 4) + "".join(str(report.matrix[g][p]).rjust(width) for p in LEVELS))
    lines += [
        f"three-level accuracy   {s['three_level_accuracy']:.1%}",
        "accuracy by class      " + ", ".join(f"{k} {v:.1%}" for k, v in s["accuracy_by_class"].items()),
        f"under-triage rate      {s['under_triage_rate']:.1%} ({len(report.under_triaged)} cases)",
        f"over-triage rate       {s['over_triage_rate']:.1%} ({len(report.over_triaged)} cases)",
        # ids only when misses are asked for: a held-out set's ids must not be printed by an aggregate run
        f"emergencies under-triaged: {len(report.emergencies_under_triaged)}"
        + (f" {s['emergencies_under_triaged']}" if misses and report.emergencies_under_triaged else ""),
    ]
    if latency:
        lines.append("latency (ms)           " + ", ".join(f"{k} {v}" for k, v in latency.items()))
    if misses:
        for r in report.results:
            if r.predicted != r.case.gold:
                lines.append(f"- {r.case.id}: gold {r.case.gold}, got {r.urgency.level.name}: "
                             + " | ".join(r.urgency.reasons[:3]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m emergency_detector.evaluate_triage", description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--split", choices=("dev", "test"), help="only this split (default: all cases)")
    ap.add_argument("--misses", action="store_true", help="list every case triaged at the wrong level")
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--no-latency", action="store_true")
    ap.add_argument("--no-screen", action="store_true", help="the rule library alone, without the complaint screen")
    args = ap.parse_args(argv)
    cases = [x for x in load_cases(args.file) if args.split is None or x.split == args.split]
    triage = PipelineTriage(with_screen=not args.no_screen)
    report = evaluate(cases, triage)
    latency = None if args.no_latency else detector_latency(triage.triage, cases)
    if args.json:
        print(json.dumps({**report.summary(), "latency_ms": latency}, indent=2))
    else:
        print(format_report(report, latency, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
