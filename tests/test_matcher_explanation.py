"""The matcher's explanations: likelihood ratios, supporting/conflicting findings, the sentence."""

from __future__ import annotations

import numpy as np
import pytest

from condition_matcher.engine import ConditionMatcher
from condition_matcher.explain import explain_score
from healthmesh.clinical import ConditionScore, Finding, Patient, Presence, Sex, WeightedFinding
from knowledge.kb import load_kb


@pytest.fixture(scope="module")
def matcher() -> ConditionMatcher:
    return ConditionMatcher(load_kb())


MAN_58 = Patient(age_years=58, sex=Sex.MALE)
CHEST = [Finding(code=c, name=c) for c in ("symptom:chest-pain", "symptom:sweating", "symptom:shortness-of-breath")]


def test_supporting_findings_carry_their_likelihood_ratios(matcher):
    top = matcher.rank(MAN_58, CHEST, 1)[0]
    codes = [w.code for w in top.supporting]
    assert set(codes) == {f.code for f in CHEST}
    ratios = [w.likelihood_ratio for w in top.supporting]
    assert ratios == sorted(ratios, reverse=True) and min(ratios) > 1.0
    assert all(w.present for w in top.supporting)
    names = {w.code: w.name for w in top.supporting}
    assert names["symptom:chest-pain"] == matcher.kb.symptoms["chest-pain"].name


def test_likelihood_ratio_is_p_given_c_over_p_given_not_c(matcher):
    top = matcher.rank(MAN_58, CHEST, 1)[0]
    t = matcher.tables
    c = t.condition_ids.index(top.id)
    others = np.arange(len(t.condition_ids)) != c
    for w in top.supporting:
        f = t.finding_index[w.code]
        p_not_c = np.dot(t.prior_weight[others], t.p[f, others]) / t.prior_weight[others].sum()
        assert w.likelihood_ratio == pytest.approx(t.p[f, c] / p_not_c, rel=1e-3)


def test_absent_expected_findings_conflict(matcher):
    findings = CHEST + [Finding(code="symptom:fever", name="fever", presence=Presence.ABSENT),
                        Finding(code="symptom:cough", name="cough", presence=Presence.ABSENT)]
    ranked = matcher.rank(MAN_58, findings, len(matcher.kb.conditions))
    pneumonia = next((s for s in ranked if s.icd10.startswith(("J18", "J15", "J12"))), None)
    assert pneumonia is not None, [s.name for s in ranked]
    conflicting = {w.code: w for w in pneumonia.conflicting}
    assert {"symptom:fever", "symptom:cough"} <= set(conflicting)
    assert all(not w.present and w.likelihood_ratio < 1 for w in conflicting.values()
               if w.code in ("symptom:fever", "symptom:cough"))
    ratios = [w.likelihood_ratio for w in pneumonia.conflicting]
    assert ratios == sorted(ratios)
    text = matcher.explain(pneumonia)
    assert "no fever" in text or "no cough" in text
    assert "against" in text


def test_present_findings_a_condition_does_not_expect_conflict(matcher):
    findings = CHEST + [Finding(code="symptom:skin-rash", name="rash")]
    ranked = matcher.rank(MAN_58, findings, 5)
    cardiac = next(s for s in ranked if s.icd10.startswith("I2"))
    assert "symptom:skin-rash" in {w.code for w in cardiac.conflicting}
    assert all(w.present for w in cardiac.conflicting if w.code == "symptom:skin-rash")


def test_severity_and_must_not_miss_come_from_the_kb(matcher):
    for s in matcher.rank(MAN_58, CHEST, 10):
        c = matcher.kb.conditions[s.id]
        assert (s.name, s.icd10, s.severity, s.must_not_miss) == (c.name, c.icd10, c.severity, c.must_not_miss)
    assert any(s.must_not_miss for s in matcher.rank(MAN_58, CHEST, 5))


def test_explain_sentence():
    score = ConditionScore(
        id="x", name="X", icd10="I21.9", probability=0.4,
        supporting=(WeightedFinding("symptom:chest-pain", "Chest pain", 6.1),
                    WeightedFinding("symptom:sweating", "Sweating", 4.0)),
        conflicting=(WeightedFinding("symptom:fever", "Fever", 0.8, present=False),),
    )
    assert explain_score(score) == \
        "Chest pain (LR 6.1) and sweating (LR 4.0) support it; no fever (LR 0.8) argues slightly against."
    strong = ConditionScore(id="x", name="X", icd10="", probability=0.1,
                            conflicting=(WeightedFinding("ddxplus:E_91", "HIV infection", 0.05),))
    assert explain_score(strong) == "HIV infection (LR 0.05) argues strongly against."
    assert "how common" in explain_score(ConditionScore(id="x", name="X", icd10="", probability=0.1))


def test_explain_on_a_real_ranking(matcher):
    top = matcher.rank(MAN_58, CHEST, 1)[0]
    text = matcher.explain(top)
    assert text.endswith("support it.") and "(LR " in text
    assert text.startswith(top.supporting[0].name[0].upper())
