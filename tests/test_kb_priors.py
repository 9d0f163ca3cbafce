"""Prevalence by Bayes inversion of SymCat's P(s|c) and P(c|s); age/sex odds."""

from __future__ import annotations

import json

import pytest

from knowledge import build as kb_build
from knowledge import priors
from knowledge.kb import AGE_BANDS


def toy_symcat(p_c: dict[str, float], p_s_given_c: dict[tuple[str, str], float]):
    """SymCat-shaped rows generated from a known joint model, with P(c|s) by Bayes' rule."""
    symptoms = sorted({s for _, s in p_s_given_c})
    p_s = {s: sum(p_c[c] * p for (c, s2), p in p_s_given_c.items() if s2 == s) for s in symptoms}
    conditions = [
        {"slug": c, "symptoms": [{"slug": s, "p": p} for (c2, s), p in p_s_given_c.items() if c2 == c]}
        for c in p_c
    ]
    symptom_rows = [
        {"slug": s, "causes": [{"slug": c, "p": p_c[c] * p / p_s[s]} for (c, s2), p in p_s_given_c.items() if s2 == s]}
        for s in symptoms
    ]
    return conditions, symptom_rows


def test_recovers_known_relative_prevalence():
    p_c = {"a": 0.5, "b": 0.3, "c": 0.15, "d": 0.05}
    pairs = {("a", "x"): 0.6, ("a", "y"): 0.2, ("b", "x"): 0.3, ("b", "z"): 0.7,
             ("c", "y"): 0.9, ("c", "z"): 0.1, ("d", "x"): 0.5, ("d", "y"): 0.5}
    conditions, symptoms = toy_symcat(p_c, pairs)
    est, method = priors.estimate_symcat_prevalence(conditions, symptoms)
    for c, p in p_c.items():
        assert est[c] == pytest.approx(p, rel=0.01)
    assert method == {"a": "bayes:2", "b": "bayes:2", "c": "bayes:2", "d": "bayes:2"}


def test_truncated_cause_list_bounds_a_missing_condition():
    p_c = {"a": 0.6, "b": 0.3, "rare": 0.1}
    pairs = {("a", "x"): 0.5, ("b", "x"): 0.5, ("rare", "x"): 0.5, ("a", "y"): 0.5, ("b", "y"): 0.5}
    conditions, symptoms = toy_symcat(p_c, pairs)
    x = next(s for s in symptoms if s["slug"] == "x")
    x["causes"] = [cause for cause in x["causes"] if cause["slug"] != "rare"]  # SymCat cut it off
    est, method = priors.estimate_symcat_prevalence(conditions, symptoms)
    assert method["rare"] == "bound"
    assert est["rare"] < est["b"] < est["a"]
    assert est["rare"] > 0


def test_symcat_estimates_are_plausible():
    src = kb_build.SOURCES_DIR / "symcat"
    est, _ = priors.estimate_symcat_prevalence(
        json.loads((src / "conditions.json").read_text()), json.loads((src / "symptoms.json").read_text()))
    assert len(est) == 801 and all(v > 0 for v in est.values())
    assert sum(est.values()) == pytest.approx(1.0, rel=0.01)
    assert est["common-cold"] > est["heart-attack"] > est["rabies"]
    assert est["urinary-tract-infection"] > est["pyelonephritis"]


def test_symcat_odds_fill_bands_and_floor_zeros():
    ages, sexes = priors.symcat_odds({"<1": 0.0, "75+": 5.0}, {"male": 1.8})
    assert set(ages) == {b for b, _, _ in AGE_BANDS}
    assert ages["<1"] == priors.ODDS_FLOOR and ages["75+"] == 5.0 and ages["30-44"] == 1.0
    assert sexes == {"female": 1.0, "male": 1.8}


def test_ddxplus_odds_follow_the_dev_patients():
    rows = [(70, "M", "old men")] * 20 + [(3, "F", "girls")] * 20 + [(40, "F", "mixed"), (40, "M", "mixed")] * 10
    odds = priors.ddxplus_odds(rows)
    age, sex = odds["old men"]
    assert age["60-74"] > 1.5 and age["1-4"] < 0.7 and sex["male"] > 1.3 > 1 > sex["female"]
    age, sex = odds["mixed"]
    assert sex["male"] == pytest.approx(1.0, abs=0.05)
