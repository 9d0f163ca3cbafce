"""The triage vignette set (eval/triage_cases.jsonl) and how the in-process pipeline triages it.

- the file follows eval/README.md and covers what it must (a third per three-level class,
  infants, toddlers, pregnancy, older adults, vitals on some);
- no emergency is under-triaged, except the listed cases whose key phrase the free-text classifier
  does not read yet (each names the phrase); a new miss fails, a fixed one is fine;
- three-level and self-care accuracy stay above floors.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from emergency_detector.evaluate_triage import LEVELS, RANK, PipelineTriage, evaluate, load_cases

ROOT = Path(__file__).resolve().parent.parent
CASES_PATH = ROOT / "eval" / "triage_cases.jsonl"
RAW = [json.loads(line) for line in CASES_PATH.read_text().splitlines() if line.strip()]

# Emergencies the pipeline under-triages only because the classifier does not read a phrase yet
# (reported to the classifier's owner). Remove an entry once its case passes.
KNOWN_CLASSIFIER_MISSES: dict[str, str] = {}
# Floors a little under today's measurement (docs/triage.md, `python -m emergency_detector.evaluate_triage`),
# so a regression fails while classifier vocabulary work can only raise them.
# The targets, measured on the pipeline as served (encoder fallback included).
THREE_LEVEL_ACCURACY_FLOOR = 0.85
SELF_CARE_ACCURACY_FLOOR = 0.70


@pytest.fixture(scope="module")
def report(kb):
    return evaluate(load_cases(CASES_PATH), PipelineTriage(kb))


def test_cases_follow_the_eval_format():
    required = {"id", "text", "age_years", "sex", "pregnant", "gold_diagnosis", "gold_triage", "split", "source"}
    ids = [c["id"] for c in RAW]
    assert len(ids) == len(set(ids))
    for c in RAW:
        assert required <= set(c), c["id"]
        assert c["gold_triage"] in LEVELS and c["split"] in ("dev", "test") and c["text"].strip()
        assert c["sex"] in ("male", "female")
        assert c["pregnant"] is False or c["sex"] == "female"
        gd = c["gold_diagnosis"]
        assert gd is None or (gd["name"] and gd["icd10"] and isinstance(gd.get("aliases", []), list))
        for key, value in (c.get("vitals") or {}).items():
            assert key in {"heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c",
                           "spo2", "supplemental_oxygen", "consciousness", "spo2_scale2"}, key
            assert key != "consciousness" or value.startswith("CONSCIOUSNESS_")


def test_cases_cover_the_classes_and_the_patients_that_matter():
    assert len(RAW) >= 90
    per_class = Counter(c["gold_triage"] for c in RAW)
    assert all(per_class[level] >= len(RAW) // 3 - 2 for level in LEVELS), per_class
    ages = [c["age_years"] for c in RAW]
    assert sum(a < 1 for a in ages) >= 4  # infants
    assert sum(1 <= a < 4 for a in ages) >= 4  # toddlers
    assert sum(a >= 65 for a in ages) >= 8  # older adults
    assert sum(c["pregnant"] for c in RAW) >= 5
    assert sum(bool(c.get("vitals")) for c in RAW) >= 20
    assert Counter(c["split"] for c in RAW)["test"] >= 25


def test_no_emergency_is_under_triaged_beyond_known_classifier_misses(report):
    missed = {r.case.id: r.urgency for r in report.emergencies_under_triaged}
    unexpected = {k: (v.level.name, v.reasons) for k, v in missed.items() if k not in KNOWN_CLASSIFIER_MISSES}
    assert not unexpected


def test_known_misses_are_emergencies_in_the_set():
    gold = {c["id"]: c["gold_triage"] for c in RAW}
    assert all(gold.get(case_id) == "emergent" for case_id in KNOWN_CLASSIFIER_MISSES)


def test_accuracy_stays_above_the_floors(report):
    summary = report.summary()
    assert summary["three_level_accuracy"] >= THREE_LEVEL_ACCURACY_FLOOR, summary
    assert report.class_accuracy("self-care") >= SELF_CARE_ACCURACY_FLOOR, summary
    # over-triage of self-care never reaches the emergency department on this set
    assert report.matrix["self-care"]["emergent"] == 0, summary
    assert report.matrix["non-emergent"]["emergent"] <= 2, summary


def test_report_arithmetic(report):
    total = sum(sum(row.values()) for row in report.matrix.values())
    assert total == report.n == len(RAW)
    under = sum(report.matrix[g][p] for g in LEVELS for p in LEVELS if RANK[p] < RANK[g])
    assert under == len(report.under_triaged)
