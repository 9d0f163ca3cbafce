"""A red flag read only by the phrase encoder at a low similarity sets a review, not an emergency
(rules.yaml findings.low_confidence_red_flag): "half my office has had it" read as half a face
dropping must not send a stomach bug to A&E, and such a reading is still no reason for self-care."""

from __future__ import annotations

import copy

import pytest
import yaml

from emergency_detector.engine import EmergencyDetector
from emergency_detector.rules import RULES_PATH, RulesError, TriageRules
from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.triage import symptom

ADULT = Patient(age_years=35, sex=Sex.FEMALE)
CHILD = Patient(age_years=6, sex=Sex.FEMALE)
NO_VITALS = Vitals()


def test_a_doubtful_red_flag_sets_a_review_within_24_hours_and_names_itself(detector):
    weak = symptom("facial-droop", confidence=0.66, text="half my office")
    got = detector.assess(ADULT, NO_VITALS, [symptom("diarrhea"), weak])
    assert got.level == Urgency.CONSULTATION_24H
    assert any("low confidence" in r and "facial droop" in r for r in got.reasons)


def test_the_same_red_flag_read_clearly_is_an_emergency(detector):
    for confidence in (0.70, 0.82, 1.0):
        got = detector.assess(ADULT, NO_VITALS, [symptom("facial-droop", confidence=confidence)])
        assert got.level >= Urgency.EMERGENCY


def test_other_rules_still_see_what_else_was_read(detector):
    findings = [symptom("facial-droop", confidence=0.66, text="half my face"), symptom("seizures")]
    assert detector.assess(ADULT, NO_VITALS, findings).level >= Urgency.EMERGENCY


def test_a_finding_that_is_no_red_flag_at_this_age_keeps_its_own_reading(detector):
    """Only what would be an emergency on its own is held back: a doubtful reading of anything
    else counts as read, exactly as before."""
    assert "pallor" in {t for t in detector.rules.red_flags}
    weak, clear = symptom("pallor", confidence=0.69, text="see tiny grey"), symptom("pallor")
    assert detector.assess(CHILD, NO_VITALS, [weak]) == detector.assess(CHILD, NO_VITALS, [clear])


@pytest.mark.parametrize("confidence", [0.65, 0.69])
def test_a_doubtful_red_flag_never_lowers_urgency(detector, confidence):
    base = [symptom("cough"), symptom("fever")]
    without = detector.assess(ADULT, NO_VITALS, base).level
    weak = symptom("confusion", confidence=confidence, text="all over the place")
    with_weak = detector.assess(ADULT, NO_VITALS, base + [weak]).level
    assert with_weak >= max(without, Urgency.CONSULTATION_24H)


def test_the_setting_cannot_make_a_doubtful_reading_an_emergency():
    data = yaml.safe_load(RULES_PATH.read_text())
    bad = copy.deepcopy(data)
    bad["findings"]["low_confidence_red_flag"]["level"] = "EMERGENCY"
    with pytest.raises(RulesError, match="low_confidence_red_flag"):
        TriageRules.from_dict(bad)
    off = copy.deepcopy(data)
    del off["findings"]["low_confidence_red_flag"]
    detector = EmergencyDetector(TriageRules.from_dict(off))
    weak = symptom("facial-droop", confidence=0.66, text="half my face")
    assert detector.assess(ADULT, NO_VITALS, [weak]).level >= Urgency.EMERGENCY


def test_a_doubtful_reading_still_counts_in_a_combination_with_a_clear_finding(detector):
    """Only the single-finding red flag is held back: beside a clear second finding a
    combination that needs both still fires (a weak "face drooping" with clear trouble speaking)."""
    clear = [symptom("facial-droop"), symptom("difficulty-speaking")]
    weak = [symptom("facial-droop", confidence=0.66, text="half my face"), symptom("difficulty-speaking")]
    assert detector.assess(ADULT, NO_VITALS, weak).level >= Urgency.EMERGENCY
    assert detector.assess(ADULT, NO_VITALS, clear).level >= Urgency.EMERGENCY


def test_a_finding_sent_without_words_or_a_confidence_counts_as_sent(detector):
    """Coded findings and API callers that leave `confidence` unset (0) are not doubtful readings."""
    unset, coded = symptom("facial-droop", confidence=0.0, text="face drooping"), symptom("facial-droop", confidence=0.5)
    for finding in (unset, coded):
        assert detector.assess(ADULT, NO_VITALS, [finding]).level >= Urgency.EMERGENCY


def test_a_red_flag_also_read_clearly_keeps_its_level(detector):
    """The same finding coded (no words) beside a doubtful reading of it is a clear red flag."""
    findings = [symptom("facial-droop", confidence=0.66, text="half my office"), symptom("facial-droop")]
    assert detector.assess(ADULT, NO_VITALS, findings).level >= Urgency.EMERGENCY
