"""Onset and duration as graded evidence (condition_matcher/modifiers.py, modifier_lrs.yaml), and the
presentation correction of visit prevalences (presentation_priors.yaml)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import yaml

from condition_matcher.engine import ConditionMatcher
from condition_matcher.modifiers import TABLE_PATH
from condition_matcher.priors import PRESENTATION_PATH, load_presentation_factors
from healthmesh.clinical import Finding, Patient, Sex
from knowledge.kb import load_kb


@pytest.fixture(scope="module")
def matcher():
    return ConditionMatcher(load_kb())


def _chest(onset: str = "", hours: float | None = None) -> list[Finding]:
    return [Finding(code="symptom:chest-pain", name="Chest pain", onset=onset, duration_hours=hours),
            Finding(code="symptom:back-pain", name="Back pain", onset=onset, duration_hours=hours)]


def _score(matcher, findings, cid: str) -> float:
    scores = matcher.log_scores(Patient(age_years=62, sex=Sex.MALE), findings)
    return float(scores[matcher.tables.condition_ids.index(cid)])


def test_every_rule_names_known_conditions_and_cites_a_source(matcher):
    raw = yaml.safe_load(TABLE_PATH.read_text(encoding="utf-8"))
    aliases = {a for c in matcher.conditions for a in c.aliases}
    rules = [r for rs in raw["onset"].values() for r in rs] + raw["duration"]
    assert rules and raw["licence"]
    for rule in rules:
        assert rule["source"] in raw["sources"], rule
        assert rule["basis"] in ("measured", "definition", "judgement"), rule
        assert 0.0 < rule["lr"] <= 3.0, rule  # graded evidence, never a verdict
        for alias in rule["conditions"]:
            assert alias in aliases, alias


def test_sudden_onset_raises_dissection_and_gradual_lowers_it(matcher):
    plain = _score(matcher, _chest(), "aortic-dissection")
    assert _score(matcher, _chest("sudden"), "aortic-dissection") == pytest.approx(plain + math.log(1.6))
    assert _score(matcher, _chest("gradual"), "aortic-dissection") == pytest.approx(plain + math.log(0.3))
    # a condition the table does not name is untouched
    assert _score(matcher, _chest("sudden"), "gastroesophageal-reflux-disease-gerd") == pytest.approx(
        _score(matcher, _chest(), "gastroesophageal-reflux-disease-gerd"))


def test_conflicting_onsets_are_not_used(matcher):
    mixed = [Finding(code="symptom:chest-pain", name="Chest pain", onset="sudden"),
             Finding(code="symptom:shortness-of-breath", name="Shortness of breath", onset="gradual")]
    assert matcher.modifiers.log_lr(mixed) is None


def test_weeks_of_symptoms_argue_against_hyperacute_events(matcher):
    hours = _score(matcher, _chest(hours=2), "acute-myocardial-infarction")
    weeks = _score(matcher, _chest(hours=6 * 7 * 24), "acute-myocardial-infarction")
    assert weeks == pytest.approx(hours + math.log(0.2))


def test_absent_or_past_findings_carry_no_timing(matcher):
    from healthmesh.clinical import Presence, Temporality

    findings = [Finding(code="symptom:chest-pain", name="Chest pain", presence=Presence.ABSENT, onset="sudden"),
                Finding(code="symptom:cough", name="Cough", temporality=Temporality.HISTORY, duration_hours=2000)]
    assert matcher.modifiers.log_lr(findings) is None


def test_presentation_factors_resolve_and_lower_follow_up_conditions(matcher):
    raw = yaml.safe_load(PRESENTATION_PATH.read_text(encoding="utf-8"))
    assert raw["source"] in raw["sources"] and raw["licence"]
    aliases = {a for c in matcher.conditions for a in c.aliases}
    factors = load_presentation_factors()
    assert factors and all(alias in aliases for alias in factors)
    assert all(0.0 < f <= 1.0 for f in factors.values())
    i = matcher.tables.condition_ids.index("diabetes")
    raw_log = np.log(max(matcher.kb.conditions["diabetes"].prevalence, 1e-12))
    assert matcher.priors.log_prevalence[i] == pytest.approx(raw_log + math.log(factors["symcat:diabetes"]))


def test_ddxplus_estimate_alone_is_averaged_with_the_general_sources_silence(matcher):
    """model.py rule 1b: a symptom concept only the DDXPlus estimate links, for a condition SymCat
    also describes, counts the general source's silence (LEAK) as a second vote."""
    from condition_matcher.model import GENERIC_CONCEPTS, LEAK
    from knowledge.ddxplus_likelihoods import SOURCE_ID

    kb, t = matcher.kb, matcher.tables
    general = {(l.condition_id, l.finding) for l in kb.links
               if l.finding.startswith("symptom:") and l.source != SOURCE_ID}
    described = {cid for cid, _ in general}
    checked = 0
    for link in kb.links:
        key = (link.condition_id, link.finding)
        generic = link.finding.removeprefix("symptom:") in GENERIC_CONCEPTS  # rule 5 may raise these
        if link.source == SOURCE_ID and link.finding.startswith("symptom:") and key not in general \
                and link.condition_id in described and not generic:
            p = t.p[t.finding_index[link.finding], t.condition_ids.index(link.condition_id)]
            assert p <= (link.p + LEAK) / 2 + 1e-9
            checked += 1
    assert checked > 0
