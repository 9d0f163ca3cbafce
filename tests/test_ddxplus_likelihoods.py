"""Invariants of the DDXPlus P(finding | condition) estimates (knowledge/ddxplus_likelihoods.py)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from knowledge.ddxplus_likelihoods import (
    ALPHA, LICENCE, SOURCE_ID, estimate_links, read_ddxplus_json, read_dev_patients, smoothed,
)
from condition_matcher.evaluate_ddxplus import ddxplus_condition_ids
from knowledge.kb import load_kb

SOURCES = Path(__file__).resolve().parent.parent / "knowledge" / "sources"

# A hand-made evidence map, so the concept-level counts can be checked independently of the artifact.
EVIDENCE_ROWS = [
    {"code": "ddxplus:E_91", "symptom_ids": ["fever"]},  # fever (binary)
    {"code": "ddxplus:E_201", "symptom_ids": ["cough"]},  # cough (binary)
    {"code": "ddxplus:E_55", "symptom_ids": ["pain"]},  # pain location, any site
    {"code": "ddxplus:E_55_@_V_29", "symptom_ids": ["pain", "chest-pain"]},  # a chest site
]


@pytest.fixture(scope="module")
def definitions() -> list[dict]:
    return read_ddxplus_json(SOURCES, "conditions.json")


@pytest.fixture(scope="module")
def ids(definitions) -> dict[str, str]:
    return {c["name"]: "c-" + c["name"] for c in definitions}


@pytest.fixture(scope="module")
def rows(ids) -> list[dict]:
    return estimate_links(SOURCES, EVIDENCE_ROWS, ids)


@pytest.fixture(scope="module")
def raw_patients() -> list[dict]:
    """The CSV read without the module under test."""
    with open(SOURCES / "ddxplus" / "dev_patients.csv", newline="") as f:
        return [
            {"pathology": r["diagnosis"], "codes": set(json.loads(r["features"].replace("'", '"')))}
            for r in csv.DictReader(f)
        ]


def by_key(rows: list[dict]) -> dict[tuple[str, str], float]:
    return {(r["condition_id"], r["finding"]): r["p"] for r in rows}


def test_rows_carry_schema_source_and_licence(rows):
    assert len(rows) > 2000
    for r in rows:
        assert set(r) == {"condition_id", "finding", "p", "source", "licence"}
        assert r["source"] == SOURCE_ID and r["licence"] == LICENCE
        assert 0.0 < r["p"] < 1.0
        assert r["finding"].startswith(("ddxplus:E_", "symptom:"))
    assert len(by_key(rows)) == len(rows), "one row per (condition, finding)"


def test_all_49_pathologies_and_deterministic(rows, ids):
    assert {r["condition_id"] for r in rows} == set(ids.values())
    assert len(ids) == 49
    assert estimate_links(SOURCES, EVIDENCE_ROWS, ids) == rows


def test_raw_counts_match_an_independent_count_with_jeffreys_smoothing(rows, raw_patients):
    table = by_key(rows)
    n = Counter(p["pathology"] for p in raw_patients)
    for pathology, code in [("URTI", "E_91"), ("Pneumonia", "E_201"), ("Possible NSTEMI / STEMI", "E_53"),
                            ("Anemia", "E_55_@_V_29"), ("Influenza", "E_204_@_V_10")]:
        k = sum(code in p["codes"] for p in raw_patients if p["pathology"] == pathology)
        if k == 0:
            continue
        assert table[("c-" + pathology, "ddxplus:" + code)] == pytest.approx(
            (k + ALPHA) / (n[pathology] + 2 * ALPHA), abs=1e-6)
    assert smoothed(0, 0) == 0.5 and smoothed(10, 10) == pytest.approx(10.5 / 11)


def test_only_seen_or_listed_findings(rows, definitions, raw_patients):
    listed = {c["name"]: {"ddxplus:" + e for e in c["symptoms"] + c["antecedents"]} for c in definitions}
    seen: dict[str, set[str]] = {}
    for p in raw_patients:
        bucket = seen.setdefault(p["pathology"], set())
        for code in p["codes"]:
            bucket.add("ddxplus:" + code)
            bucket.add("ddxplus:" + code.split("_@_")[0])  # bare codes of given values
    for r in rows:
        if r["finding"].startswith("ddxplus:"):
            name = r["condition_id"].removeprefix("c-")
            assert r["finding"] in seen.get(name, set()) | listed[name], r
    table = by_key(rows)
    for name, codes in listed.items():  # every listed code gets a row, seen or not
        for code in codes:
            assert ("c-" + name, code) in table


def test_unseen_listed_findings_are_small_but_possible(rows, definitions, raw_patients):
    table = by_key(rows)
    n = Counter(p["pathology"] for p in raw_patients)
    checked = 0
    for definition in definitions:
        name = definition["name"]
        seen = set().union(*(p["codes"] for p in raw_patients if p["pathology"] == name))
        seen |= {c.split("_@_")[0] for c in seen}
        for code in definition["symptoms"] + definition["antecedents"]:
            if code not in seen:
                expected = ALPHA / (n[name] + 2 * ALPHA)
                assert table[("c-" + name, "ddxplus:" + code)] == pytest.approx(expected, abs=1e-6)
                checked += 1
    assert checked >= 10, "the dev set leaves some listed evidences unseen"


def test_bare_code_means_some_non_default_value(rows, raw_patients):
    table = by_key(rows)
    for pathology in ("Pericarditis", "Anemia"):
        group = [p for p in raw_patients if p["pathology"] == pathology]
        k = sum(any(c.startswith("E_55_@_") and c != "E_55_@_V_123" for c in p["codes"]) for p in group)
        assert table[("c-" + pathology, "ddxplus:E_55")] == pytest.approx(smoothed(k, len(group)), abs=1e-6)


def test_concept_level_is_any_mapped_evidence(rows, raw_patients):
    table = by_key(rows)
    for pathology in ("URTI", "Pneumonia", "Anemia"):
        group = [p for p in raw_patients if p["pathology"] == pathology]
        fever = sum("E_91" in p["codes"] for p in group)
        if fever:
            assert table[("c-" + pathology, "symptom:fever")] == pytest.approx(
                smoothed(fever, len(group)), abs=1e-6)
        else:  # never seen and not listed: left to the matcher's leak
            assert ("c-" + pathology, "symptom:fever") not in table
        # "pain": the bare row maps every non-default site; the chest site also has its own row
        pain = sum(any(c.startswith("E_55_@_") and c != "E_55_@_V_123" for c in p["codes"]) for p in group)
        assert table[("c-" + pathology, "symptom:pain")] == pytest.approx(smoothed(pain, len(group)), abs=1e-6)
        # a concept is at least as frequent as any single code that maps to it
        assert table[("c-" + pathology, "symptom:pain")] >= table.get(("c-" + pathology, "ddxplus:E_55_@_V_29"), 0)


def test_unmapped_pathologies_are_skipped(ids):
    some = dict(list(ids.items())[:3])
    rows = estimate_links(SOURCES, EVIDENCE_ROWS, some)
    assert {r["condition_id"] for r in rows} == set(some.values())


def test_reader_parses_every_dev_patient():
    patients = read_dev_patients(SOURCES)
    assert len(patients) == 1316
    assert all(p.codes and p.sex in ("F", "M") and p.differential for p in patients)
    assert len({p.pathology for p in patients}) == 49


def test_artifact_links_are_these_estimates():
    """The built KB carries exactly what the estimator gives for its own evidence rows."""
    kb = load_kb()
    artifact = {(l.condition_id, l.finding): l.p for l in kb.links if l.source == SOURCE_ID}
    assert artifact, "the artifact has no DDXPlus-estimated links"
    evidence_rows = [{"code": e.code, "symptom_ids": list(e.symptom_ids)} for e in kb.evidences.values()]
    names = {c["name"] for c in read_ddxplus_json(SOURCES, "conditions.json")}
    mapping = ddxplus_condition_ids(kb)
    assert set(mapping) == names
    fresh = by_key(estimate_links(SOURCES, evidence_rows, mapping))
    assert fresh == pytest.approx(artifact, abs=1e-6)
