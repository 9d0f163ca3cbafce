"""Risk factors and history from Patient.history / medications shift the prior odds."""

from __future__ import annotations

import numpy as np
import pytest

from condition_matcher.engine import ConditionMatcher
from condition_matcher.risk_factors import MAX_COMBINED
from healthmesh.clinical import Finding, Patient, Sex

BREATHLESS_CHEST_PAIN = [Finding("symptom:sharp-chest-pain", "x"), Finding("symptom:shortness-of-breath", "x")]


@pytest.fixture(scope="module")
def matcher(kb):
    return ConditionMatcher(kb)


def probability(matcher, patient, findings, condition_id):
    return float(matcher.posterior(patient, findings)[matcher.tables.condition_ids.index(condition_id)])


def woman(**kw) -> Patient:
    return Patient(age_years=55, sex=Sex.FEMALE, **kw)


def test_every_risk_factor_has_a_source_and_known_conditions(kb):
    assert len(kb.risk_factors) >= 20
    for rf in kb.risk_factors:
        assert rf.source in kb.sources and rf.licence and rf.terms
        assert set(rf.multipliers) <= set(kb.conditions), rf.id


@pytest.mark.parametrize("history, medications, condition", [
    (("hip replacement 10 days ago",), (), "pulmonary-embolism"),
    (("long-haul flight yesterday",), (), "pulmonary-embolism"),
    ((), ("warfarin 5 mg",), "intracranial-hemorrhage"),
    (("type 1 diabetes",), (), "diabetic-ketoacidosis"),
    (("smoker, 40 pack-years",), (), "copd-exacerbation"),
])
def test_a_risk_factor_raises_the_conditions_it_predisposes_to(matcher, history, medications, condition):
    findings = BREATHLESS_CHEST_PAIN if condition in ("pulmonary-embolism", "copd-exacerbation") else [
        Finding("symptom:headache", "x"), Finding("symptom:vomiting", "x")]
    before = probability(matcher, woman(), findings, condition)
    after = probability(matcher, woman(history=history, medications=medications), findings, condition)
    assert after > 1.5 * before


def test_surgery_moves_pulmonary_embolism_up_the_ranking(matcher):
    def rank_of_pe(patient):
        return [c.id for c in matcher.rank(patient, BREATHLESS_CHEST_PAIN, 20)].index("pulmonary-embolism")

    assert rank_of_pe(woman(history=("recent surgery", "immobile in bed"))) < rank_of_pe(woman())


@pytest.mark.parametrize("words", ["non-smoker", "never smoked", "ex-smoker", "no diabetes", "stopped warfarin"])
def test_negated_history_does_not_count(matcher, words):
    assert matcher.priors.risk_factors.matched(woman(history=(words,))) == []


def test_words_inside_other_words_do_not_count(matcher):
    assert matcher.priors.risk_factors.matched(woman(history=("leaf blower", "cafe owner"))) == []  # "af"


def test_medications_are_read_only_by_risk_factors_that_read_them(matcher):
    ids = {rf.id for rf in matcher.priors.risk_factors.matched(woman(medications=("insulin", "apixaban")))}
    assert {"diabetes", "anticoagulant"} <= ids


def test_no_history_leaves_the_prior_unchanged_and_the_shift_is_capped(matcher):
    base = matcher.priors.log_prior(woman())
    assert np.array_equal(base, matcher.priors.log_prior(woman(history=("likes gardening",))))
    everything = tuple(t for rf in matcher.kb.risk_factors for t in rf.terms[:1])
    after = matcher.priors.log_prior(woman(history=everything, medications=everything))
    finite = np.isfinite(base)  # conditions excluded for this patient stay excluded
    assert np.array_equal(np.isfinite(after), finite)
    assert np.abs(after[finite] - base[finite]).max() <= np.log(MAX_COMBINED) + 1e-9
