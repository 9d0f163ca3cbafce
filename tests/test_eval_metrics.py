"""`healthmesh eval`: the metric functions on tiny fixtures, the vignette file, request conversion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthmesh.evaluation import metrics
from healthmesh.evaluation.cases import CaseError, ddxplus_body, load_vignettes, vignette_from
from healthmesh.evaluation.runners import request_from_body
from knowledge.ddxplus_likelihoods import DevPatient

VIGNETTES = Path(__file__).resolve().parent.parent / "eval" / "vignettes.jsonl"


def test_gtpa_counts_the_truth_within_the_first_k():
    ranked = [["a", "b", "c"], ["b", "a"], ["c", "b", "x", "y", "a"], []]
    truth = ["a", "a", "a", "a"]
    assert metrics.gtpa(ranked, truth) == {"gtpa@1": 0.25, "gtpa@3": 0.5, "gtpa@5": 0.75}


def test_differential_recall_precision_and_f1():
    predicted = [{"a", "b"}, {"a", "x", "y", "z"}, set()]
    gold = [{"a", "b", "c", "d"}, {"a"}, {"q"}]
    out = metrics.differential_scores(predicted, gold)
    assert out["ddr"] == pytest.approx((0.5 + 1.0 + 0.0) / 3)
    assert out["ddp"] == pytest.approx((1.0 + 0.25) / 2)  # patients with an empty prediction are skipped
    assert out["ddf1"] == pytest.approx(2 * out["ddr"] * out["ddp"] / (out["ddr"] + out["ddp"]))


def test_gold_matches_by_icd10_prefix_or_alias():
    gold = {"name": "Acute myocardial infarction", "icd10": ["I21", "I24"], "aliases": ["unstable angina"]}
    assert metrics.matches_gold({"icd10": "I21.9", "name": "x", "id": "x"}, gold)
    assert metrics.matches_gold({"icd10": "I214", "name": "x", "id": "x"}, gold)
    assert metrics.matches_gold({"icd10": "I20.0", "name": "Unstable Angina", "id": "x"}, gold)
    assert metrics.matches_gold({"icd10": "", "name": "x", "id": "unstable-angina"}, gold)
    assert not metrics.matches_gold({"icd10": "I20.9", "name": "Stable angina", "id": "stable-angina"}, gold)
    conditions = [{"icd10": "K21.9", "name": "GERD"}, {"icd10": "I21.9", "name": "MI"}]
    assert metrics.gold_rank(conditions, gold) == 2
    assert metrics.gold_rank(conditions[:1], gold) is None
    assert metrics.topk_scores([1, 2, None, 11]) == {"top1": 0.25, "top3": 0.5, "top10": 0.5}


def test_triage_accuracy_confusion_and_under_over_triage():
    pairs = [("emergent", "emergent"), ("emergent", "non-emergent"), ("self-care", "emergent"),
             ("non-emergent", "non-emergent"), ("non-emergent", None)]
    out = metrics.triage_scores(pairs)
    assert out["n"] == 5 and out["unanswered"] == 1
    assert out["accuracy"] == pytest.approx(2 / 5)
    assert out["under_triage_rate"] == pytest.approx(1 / 5)
    assert out["over_triage_rate"] == pytest.approx(1 / 5)
    assert out["emergent_sensitivity"] == pytest.approx(1 / 2)
    assert out["confusion"]["emergent"]["non-emergent"] == 1
    assert out["confusion"]["self-care"]["emergent"] == 1
    assert metrics.three_level("URGENCY_CONSULTATION_24H") == "non-emergent"
    assert metrics.three_level("URGENCY_EMERGENCY_AMBULANCE") == "emergent"


def test_the_vignette_file_follows_the_format_and_keeps_a_test_split():
    cases = load_vignettes([VIGNETTES])
    assert len(cases) >= 80
    test = [c for c in cases if c.split == "test"]
    assert 0.25 <= len(test) / len(cases) <= 0.35
    assert {c.raw["sex"] for c in cases} == {"male", "female"}
    ages = [c.raw["age_years"] for c in cases]
    assert min(ages) < 2 and max(ages) >= 75
    assert {c.gold_triage for c in cases} == {"emergent", "non-emergent", "self-care"}
    for c in cases:
        assert c.raw["source"] and c.gold_diagnosis["icd10"]
    assert [c.split for c in load_vignettes([VIGNETTES], "test")] == ["test"] * len(test)


def test_bad_vignettes_are_refused_with_the_reason(tmp_path):
    with pytest.raises(CaseError, match="gold_triage"):
        vignette_from({"id": "x", "text": "cough", "gold_triage": "urgent"})
    path = tmp_path / "v.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "cough"}) + "\n" + json.dumps({"id": "a", "text": "cold"}) + "\n")
    with pytest.raises(CaseError, match="duplicate"):
        load_vignettes([path])


def test_request_bodies_round_trip_to_plain_types():
    case = vignette_from({"id": "x", "text": "chest pain", "age_years": 58, "sex": "male",
                          "history": ["smoker"], "vitals": {"heart_rate": 110, "consciousness": "confusion"}})
    assert case.body["patient"]["sex"] == "SEX_MALE" and case.body["max_conditions"] == 10
    patient, complaint, evidence, vitals, limit = request_from_body(case.body)
    assert patient.age_years == 58 and patient.history == ("smoker",) and complaint == "chest pain"
    assert vitals.heart_rate == 110 and vitals.consciousness.name == "CONFUSION" and limit == 10
    body = ddxplus_body(DevPatient(40, "F", "Pneumonia", ("E_91", "E_55_@_V_89"), (), "E_91"))
    assert [e["code"] for e in body["evidence"]] == ["ddxplus:E_91", "ddxplus:E_55_@_V_89"]
    _, _, evidence, _, _ = request_from_body(body)
    assert evidence[1].code == "ddxplus:E_55_@_V_89" and evidence[1].presence.name == "PRESENT"
