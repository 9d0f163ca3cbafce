"""qSOFA, ESI danger-zone vitals by age band, ACVPU and the paediatric rules."""

from __future__ import annotations

import pytest

from emergency_detector.engine import EmergencyDetector
from healthmesh.clinical import Consciousness, Finding, Patient, Urgency, Vitals


@pytest.fixture(scope="module")
def detector():
    return EmergencyDetector()


def symptom(sid: str, **kw) -> Finding:
    return Finding(code=f"symptom:{sid}", name=sid.replace("-", " "), **kw)


# --- qSOFA -------------------------------------------------------------------------------------

@pytest.mark.parametrize("vitals, expected", [
    (Vitals(), None),
    (Vitals(heart_rate=130), None),  # no qSOFA criterion measured
    (Vitals(systolic_bp=101, respiratory_rate=21, consciousness=Consciousness.ALERT), 0),
    (Vitals(systolic_bp=100), 1),
    (Vitals(respiratory_rate=22), 1),
    (Vitals(consciousness=Consciousness.CONFUSION), 1),
    (Vitals(systolic_bp=100, respiratory_rate=22), 2),
    (Vitals(systolic_bp=90, respiratory_rate=30, consciousness=Consciousness.VOICE), 3),
])
def test_qsofa_score(detector, vitals, expected):
    assert detector.assess(Patient(age_years=60), vitals, []).qsofa == expected


def test_qsofa_counts_reported_confusion(detector):
    result = detector.assess(Patient(age_years=60), Vitals(systolic_bp=98), [symptom("confusion")])
    assert result.qsofa == 2
    assert any(r.startswith("qSOFA 2 (>=2: possible sepsis") and r.endswith("[Sepsis-3 qSOFA 2016]")
               for r in result.reasons)


def test_qsofa_positive_is_emergency_on_its_own(detector):
    # SBP 100 (NEWS2 2) and RR 22 (NEWS2 2): NEWS2 alone would say 24 h; qSOFA 2 says emergency
    result = detector.assess(Patient(age_years=30), Vitals(systolic_bp=100, respiratory_rate=22), [])
    assert result.news2 == 4 and result.qsofa == 2
    assert result.level == Urgency.EMERGENCY


def test_qsofa_is_not_applied_to_children(detector):
    # normal for a toddler: SBP 95, RR 30; qSOFA would call it positive
    result = detector.assess(Patient(age_years=2), Vitals(systolic_bp=95, respiratory_rate=30), [])
    assert result.qsofa is None
    assert result.level == Urgency.SELF_CARE


# --- ESI danger zone -------------------------------------------------------------------------

@pytest.mark.parametrize("age, hr_limit, rr_limit", [
    (0.1, 180, 50),   # under 3 months
    (0.5, 160, 40),   # 3 months - 3 years
    (2.9, 160, 40),
    (3.0, 140, 30),   # 3 - 8 years
    (8.5, 140, 30),
])
def test_esi_child_bands(detector, age, hr_limit, rr_limit):
    patient = Patient(age_years=age)
    at_limit = detector.assess(patient, Vitals(heart_rate=hr_limit, respiratory_rate=rr_limit), [])
    assert not any("ESI danger-zone" in r for r in at_limit.reasons)
    hr_over = detector.assess(patient, Vitals(heart_rate=hr_limit + 1), [])
    assert hr_over.level >= Urgency.EMERGENCY
    assert any("ESI danger-zone" in r and "[AHRQ ESI v4]" in r for r in hr_over.reasons)
    rr_over = detector.assess(patient, Vitals(respiratory_rate=rr_limit + 1), [])
    assert rr_over.level >= Urgency.EMERGENCY


def test_esi_adult_band(detector):
    patient = Patient(age_years=30)
    one = detector.assess(patient, Vitals(heart_rate=101), [])
    assert any("ESI danger-zone vital sign, age >8 years: heart rate 101 > 100" in r for r in one.reasons)
    assert one.level == Urgency.CONSULTATION_24H
    both = detector.assess(patient, Vitals(heart_rate=101, respiratory_rate=21), [])
    assert both.level == Urgency.EMERGENCY
    # a 9-year-old uses the >8 years band
    assert detector.assess(Patient(age_years=9), Vitals(heart_rate=120), []).level == Urgency.CONSULTATION_24H


def test_esi_spo2(detector):
    patient = Patient(age_years=30)
    assert detector.assess(patient, Vitals(spo2=92), []).level < Urgency.EMERGENCY
    low = detector.assess(patient, Vitals(spo2=91), [])
    assert low.level == Urgency.EMERGENCY
    assert "SpO2 91% < 92% [AHRQ ESI v4]" in low.reasons
    with_symptoms = detector.assess(patient, Vitals(spo2=91), [symptom("shortness-of-breath")])
    assert with_symptoms.level == Urgency.EMERGENCY_AMBULANCE
    # scale 2 (target 88-92%): 90% is on target, 87% is not
    assert detector.assess(patient, Vitals(spo2=90, spo2_scale2=True), []).level == Urgency.SELF_CARE
    assert detector.assess(patient, Vitals(spo2=87, spo2_scale2=True), []).level == Urgency.EMERGENCY


# --- ACVPU -----------------------------------------------------------------------------------

@pytest.mark.parametrize("state, level", [
    (Consciousness.ALERT, Urgency.SELF_CARE),
    (Consciousness.CONFUSION, Urgency.EMERGENCY),
    (Consciousness.VOICE, Urgency.EMERGENCY_AMBULANCE),
    (Consciousness.PAIN, Urgency.EMERGENCY_AMBULANCE),
    (Consciousness.UNRESPONSIVE, Urgency.EMERGENCY_AMBULANCE),
])
def test_acvpu_levels_any_age(detector, state, level):
    for age in (0.5, 6, 40):
        assert detector.assess(Patient(age_years=age), Vitals(consciousness=state), []).level == level


# --- paediatric ------------------------------------------------------------------------------

def test_infant_fever_under_3_months(detector):
    result = detector.assess(Patient(age_years=2 / 12), Vitals(temperature_c=38.3), [])
    assert result.level >= Urgency.EMERGENCY
    assert any("infant under 3 months" in r and "[NICE NG143]" in r for r in result.reasons)
    # reported fever counts as well as a measured one
    reported = detector.assess(Patient(age_years=0.1), Vitals(), [symptom("fever")])
    assert reported.level >= Urgency.EMERGENCY
    # 37.9 is not fever
    assert detector.assess(Patient(age_years=0.1), Vitals(temperature_c=37.9), []).level < Urgency.EMERGENCY


def test_infant_3_to_6_months_high_temperature(detector):
    assert detector.assess(Patient(age_years=0.4), Vitals(temperature_c=39.0), []).level == Urgency.CONSULTATION_24H
    assert detector.assess(Patient(age_years=0.4), Vitals(temperature_c=38.5), []).level < Urgency.CONSULTATION_24H


def test_young_infant_hypothermia(detector):
    result = detector.assess(Patient(age_years=0.1), Vitals(temperature_c=36.4), [])
    assert result.level == Urgency.EMERGENCY
    assert detector.assess(Patient(age_years=0.1), Vitals(temperature_c=36.5), []).level == Urgency.SELF_CARE


@pytest.mark.parametrize("age, sbp_low, sbp_ok", [
    (0.05, 59, 60),   # neonate
    (0.5, 69, 70),    # infant
    (4, 77, 78),      # 70 + 2 x 4
    (12, 89, 90),     # over 10
])
def test_paediatric_hypotension(detector, age, sbp_low, sbp_ok):
    low = detector.assess(Patient(age_years=age), Vitals(systolic_bp=sbp_low), [])
    assert low.level >= Urgency.EMERGENCY
    assert any("low blood pressure for age" in r and "[AHA PALS 2020]" in r for r in low.reasons)
    ok = detector.assess(Patient(age_years=age), Vitals(systolic_bp=sbp_ok), [])
    assert not any("low blood pressure for age" in r for r in ok.reasons)


def test_infant_with_minor_symptoms_is_not_self_care(detector):
    cold = [symptom("coryza"), symptom("cough")]
    assert detector.assess(Patient(age_years=0.7), Vitals(), cold).level == Urgency.CONSULTATION
    assert detector.assess(Patient(age_years=7), Vitals(), cold).level == Urgency.SELF_CARE


def test_febrile_drowsy_child(detector):
    result = detector.assess(Patient(age_years=2), Vitals(temperature_c=38.6), [symptom("sleepiness")])
    assert result.level == Urgency.EMERGENCY
    # the same in an adult is not this rule
    adult = detector.assess(Patient(age_years=30), Vitals(temperature_c=38.6), [symptom("sleepiness")])
    assert not any("child under 5" in r for r in adult.reasons)
