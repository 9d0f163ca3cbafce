"""Ranking sanity of the condition matcher on the real knowledge-base artifact."""

from __future__ import annotations

import numpy as np
import pytest

from condition_matcher.engine import ConditionMatcher
from condition_matcher.priors import needs_pregnancy
from healthmesh.clinical import Finding, Patient, Presence, Sex, Temporality
from healthmesh.errors import InvalidArgument
from knowledge.kb import load_kb

ACS_ICD10 = ("I20.0", "I21", "I22", "I24")  # unstable angina, myocardial infarction, other acute IHD
COMMON_COLD_ICD10 = ("J00", "J06")


@pytest.fixture(scope="module")
def matcher() -> ConditionMatcher:
    return ConditionMatcher(load_kb())


def present(*codes: str) -> list[Finding]:
    return [Finding(code=c, name=c) for c in codes]


def absent(*codes: str) -> list[Finding]:
    return [Finding(code=c, name=c, presence=Presence.ABSENT) for c in codes]


def probability_of(ranked, condition_id: str) -> float:
    return next((s.probability for s in ranked if s.id == condition_id), 0.0)


MAN_58 = Patient(age_years=58, sex=Sex.MALE)
WOMAN_30 = Patient(age_years=30, sex=Sex.FEMALE)
CHEST = ("symptom:chest-pain", "symptom:sweating", "symptom:shortness-of-breath")
COLD = ("symptom:cough", "symptom:coryza", "symptom:sneezing")


def test_chest_pain_sweating_breathlessness_in_a_58_year_old_man_ranks_acs(matcher):
    ranked = matcher.rank(MAN_58, present(*CHEST), max_conditions=5)
    assert len(ranked) == 5
    assert any(s.icd10.startswith(ACS_ICD10) for s in ranked), [(s.name, s.icd10) for s in ranked]
    assert ranked[0].icd10.startswith(("I2", "I5", "J81")), ranked[0]  # cardiac first


def test_cough_runny_nose_sneezing_ranks_the_common_cold_near_the_top(matcher):
    ranked = matcher.rank(WOMAN_30, present(*COLD), max_conditions=3)
    assert any(s.icd10.startswith(COMMON_COLD_ICD10) for s in ranked), [(s.name, s.icd10) for s in ranked]
    ranked = matcher.rank(WOMAN_30, present(*COLD, "symptom:sore-throat", "symptom:fever"), max_conditions=2)
    assert any(s.icd10.startswith(COMMON_COLD_ICD10) for s in ranked), [(s.name, s.icd10) for s in ranked]


def test_an_absent_finding_the_condition_expects_lowers_it(matcher):
    base = present(*COLD, "symptom:sore-throat")
    cold = next(s for s in matcher.rank(WOMAN_30, base, 10) if s.icd10.startswith(COMMON_COLD_ICD10))
    without_fever = matcher.rank(WOMAN_30, base + absent("symptom:fever"), 10)
    assert probability_of(without_fever, cold.id) < cold.probability
    # and the absence of a finding the condition does not link changes it little
    unrelated = matcher.rank(WOMAN_30, base + absent("symptom:knee-pain"), 10)
    assert probability_of(unrelated, cold.id) == pytest.approx(cold.probability, rel=0.1)


def test_unknown_presence_and_past_findings_are_ignored(matcher):
    base = matcher.posterior(MAN_58, present(*CHEST))
    ignored = present(*CHEST) + [
        Finding(code="symptom:fever", name="fever", presence=Presence.UNKNOWN),
        Finding(code="symptom:cough", name="cough", temporality=Temporality.FAMILY),
    ]
    assert np.allclose(matcher.posterior(MAN_58, ignored), base)
    duplicated = present(*CHEST, *CHEST)
    assert np.allclose(matcher.posterior(MAN_58, duplicated), base)


def test_a_male_never_gets_ectopic_pregnancy(matcher):
    codes = present("symptom:sharp-abdominal-pain", "symptom:lower-abdominal-pain", "symptom:pelvic-pain",
                    "symptom:spotting-or-bleeding-during-pregnancy")
    n = len(matcher.kb.conditions)
    male = matcher.rank(Patient(age_years=28, sex=Sex.MALE), codes, max_conditions=n)
    assert not [s.name for s in male if needs_pregnancy(matcher.kb.conditions[s.id])]
    assert not [s for s in male if "ectopic" in s.name.lower()]
    female = matcher.rank(Patient(age_years=28, sex=Sex.FEMALE), codes, max_conditions=5)
    assert any("ectopic" in s.name.lower() for s in female), [s.name for s in female]
    older = matcher.rank(Patient(age_years=70, sex=Sex.FEMALE), codes, max_conditions=n)
    assert not [s for s in older if "ectopic" in s.name.lower()]
    pregnant = matcher.rank(Patient(age_years=70, sex=Sex.FEMALE, pregnant=True), codes, max_conditions=n)
    assert any("ectopic" in s.name.lower() for s in pregnant)


def test_sex_specific_conditions_follow_sex(matcher):
    codes = present("symptom:frequent-urination", "symptom:retention-of-urine", "symptom:pelvic-pain")
    n = len(matcher.kb.conditions)
    female = matcher.rank(Patient(age_years=68, sex=Sex.FEMALE), codes, max_conditions=n)
    assert not [s.name for s in female if s.icd10.startswith(("N40", "N41", "C61"))]
    male = matcher.rank(Patient(age_years=68, sex=Sex.MALE), codes, max_conditions=5)
    assert any(s.icd10.startswith(("N40", "N41", "C61")) for s in male), [s.name for s in male]


def test_probabilities_are_a_distribution_and_ranked(matcher):
    posterior = matcher.posterior(MAN_58, present(*CHEST))
    assert posterior.sum() == pytest.approx(1.0)
    ranked = matcher.rank(MAN_58, present(*CHEST), max_conditions=10)
    assert len(ranked) == 10
    probs = [s.probability for s in ranked]
    assert probs == sorted(probs, reverse=True)
    assert probs[0] == pytest.approx(posterior.max())
    assert matcher.rank(MAN_58, present(*CHEST), max_conditions=10) == ranked  # deterministic


def test_age_moves_the_prior(matcher):
    fever_cough = present("symptom:fever", "symptom:cough")
    child = matcher.rank(Patient(age_years=3, sex=Sex.FEMALE), fever_cough, 10)
    adult = matcher.rank(Patient(age_years=70, sex=Sex.FEMALE), fever_cough, 10)
    assert [s.id for s in child] != [s.id for s in adult]


def test_ddxplus_codes_and_concepts_both_work(matcher):
    # Pericarditis-like DDXPlus evidence: chest pain, eased leaning forward, pericarditis history
    ranked = matcher.rank(MAN_58, present("ddxplus:E_53", "ddxplus:E_55_@_V_29", "ddxplus:E_33", "ddxplus:E_3"), 5)
    assert "pericarditis" in [s.name.lower() for s in ranked]


def test_bad_input_names_the_field(matcher):
    with pytest.raises(InvalidArgument) as err:
        matcher.rank(MAN_58, present("symptom:chest-pain", "symptom:no-such-thing"))
    assert err.value.field == "findings[1].code"
    with pytest.raises(InvalidArgument):
        matcher.rank(MAN_58, present("symptom:chest-pain"), max_conditions=0)


def test_no_findings_ranks_on_priors(matcher):
    ranked = matcher.rank(WOMAN_30, [], max_conditions=5)
    assert len(ranked) == 5 and all(not s.supporting and not s.conflicting for s in ranked)
