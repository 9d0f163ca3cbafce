"""Distinguishing findings of look-alike pairs (knowledge/curated/links.yaml, issue #4):
TIA vs stroke, tension-type vs migraine, chickenpox vs impetigo, Bell's palsy vs stroke, gout,
polymyalgia rheumatica, heat stroke, chlamydia; each checked with and without its finding."""

from __future__ import annotations

import pytest

from condition_matcher.engine import ConditionMatcher
from healthmesh.clinical import Finding, Patient, Sex
from knowledge.kb import load_kb


@pytest.fixture(scope="module")
def matcher() -> ConditionMatcher:
    return ConditionMatcher(load_kb())


def rank_of(matcher, patient, concepts, condition):
    ranked = matcher.rank(patient, [Finding(code=f"symptom:{c}", name=c) for c in concepts], max_conditions=10)
    ids = [s.id for s in ranked]
    return ids.index(condition) + 1 if condition in ids else 99


OLD_M = Patient(age_years=72, sex=Sex.MALE)
OLD_F = Patient(age_years=72, sex=Sex.FEMALE)
ADULT_M = Patient(age_years=45, sex=Sex.MALE)
YOUNG_M = Patient(age_years=22, sex=Sex.MALE)
CHILD = Patient(age_years=4, sex=Sex.FEMALE)


@pytest.mark.parametrize("patient, base, finding, winner, lookalike", [
    (OLD_M, ("slurring-words", "loss-of-sensation"), "symptoms-fully-resolved", "transient-ischemic-attack", "stroke"),
    (ADULT_M, ("headache",), "band-like-headache", "tension-headache", "migraine"),
    (CHILD, ("skin-rash", "skin-lesion", "fever"), "spots-at-different-stages", "chickenpox", "impetigo"),
    (ADULT_M, ("facial-droop",), "cannot-close-eye-or-raise-eyebrow", "bell-palsy", "stroke"),
    (YOUNG_M, ("painful-urination", "penile-discharge"), "unprotected-sex", "chlamydia", "urinary-tract-infection"),
])
def test_finding_puts_condition_above_its_lookalike(matcher, patient, base, finding, winner, lookalike):
    assert rank_of(matcher, patient, base + (finding,), winner) < rank_of(matcher, patient, base + (finding,), lookalike)


@pytest.mark.parametrize("patient, concepts, expected", [
    (OLD_M, ("slurring-words", "loss-of-sensation", "symptoms-fully-resolved"), "transient-ischemic-attack"),
    (ADULT_M, ("big-toe-joint-inflamed", "joint-swelling"), "gout"),
    (OLD_F, ("shoulder-and-hip-girdle-stiffness", "pain"), "polymyalgia-rheumatica"),
    (ADULT_M, ("heat-exposure", "hot-dry-skin", "confusion", "fever"), "heat-stroke"),
])
def test_discriminating_finding_leads(matcher, patient, concepts, expected):
    assert rank_of(matcher, patient, concepts, expected) == 1


def test_persisting_deficit_without_resolution_stays_stroke(matcher):
    concepts = ("slurring-words", "loss-of-sensation", "unilateral-weakness")
    assert rank_of(matcher, OLD_M, concepts, "stroke") < rank_of(matcher, OLD_M, concepts, "transient-ischemic-attack")
