"""Curated findings that separate look-alike conditions (NICE CKS / guideline facts in
knowledge/curated/links.yaml) and the presentation prior of chronic conditions
(condition_matcher/presentation_priors.yaml), checked on coded findings."""

from __future__ import annotations

import pytest

from condition_matcher.engine import ConditionMatcher
from healthmesh.clinical import Finding, Patient, Sex
from knowledge.kb import load_kb


@pytest.fixture(scope="module")
def matcher() -> ConditionMatcher:
    return ConditionMatcher(load_kb())


def top(matcher, patient, *concepts, n=1):
    ranked = matcher.rank(patient, [Finding(code=f"symptom:{c}", name=c) for c in concepts], max_conditions=10)
    return [s.id for s in ranked[:n]]


ADULT_F = Patient(age_years=40, sex=Sex.FEMALE)
ADULT_M = Patient(age_years=45, sex=Sex.MALE)
CHILD = Patient(age_years=3, sex=Sex.MALE)


@pytest.mark.parametrize("patient, concepts, expected", [
    (ADULT_F, ("foot-or-toe-pain", "pain-on-first-steps"), "plantar-fasciitis"),
    (CHILD, ("itching-of-skin", "rash-in-skin-creases"), "eczema"),
    (CHILD, ("sore-throat", "fever", "skin-rash", "sandpaper-rash"), "scarlet-fever"),
    (ADULT_M, ("ear-pain", "pain-on-pulling-ear"), "otitis-externa-swimmer-s-ear"),
    (ADULT_F, ("painful-urination", "fever", "chills", "side-pain"), "pyelonephritis"),
    (ADULT_M, ("upper-abdominal-pain", "pain-relieved-by-eating"), "gastroduodenal-ulcer"),
    (ADULT_F, ("abdominal-pain", "stomach-bloating", "changes-in-bowel-function", "pain-eased-by-bowel-movement"),
     "irritable-bowel-syndrome"),
])
def test_discriminating_finding_leads(matcher, patient, concepts, expected):
    assert top(matcher, patient, *concepts) == [expected]


def test_productive_cough_after_a_cold_without_copd_is_bronchitis(matcher):
    ranked = top(matcher, ADULT_M, "cough", "coughing-up-sputum", "coryza", "chest-pain", n=1)
    assert ranked == ["acute-bronchitis"]


def test_known_copd_still_lifts_an_exacerbation(matcher):
    patient = Patient(age_years=68, sex=Sex.MALE, history=("COPD",))
    assert top(matcher, patient, "cough", "coughing-up-sputum", "shortness-of-breath", "wheezing", n=1) == ["copd-exacerbation"]
