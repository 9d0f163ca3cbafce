"""NEWS2 (RCP 2017 Chart 1): every band boundary, SpO2 scale 2, oxygen, ACVPU, partial vitals, and
the aggregate -> level mapping."""

from __future__ import annotations

import pytest

from emergency_detector.engine import EmergencyDetector
from emergency_detector.news2 import score_news2
from emergency_detector.rules import load_rules
from healthmesh.clinical import Consciousness, Patient, Urgency, Vitals

RULES = load_rules()


def points(**vitals) -> int:
    score = score_news2(RULES.news2, Vitals(**vitals))
    assert score is not None
    return score.total


@pytest.mark.parametrize("rr, expected", [
    (4, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (40, 3),
])
def test_respiratory_rate_bands(rr, expected):
    assert points(respiratory_rate=rr) == expected


@pytest.mark.parametrize("spo2, expected", [
    (80, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0),
])
def test_spo2_scale1_bands(spo2, expected):
    assert points(spo2=spo2) == expected


@pytest.mark.parametrize("spo2, on_oxygen, expected", [
    (80, False, 3), (83, False, 3), (84, False, 2), (85, False, 2), (86, False, 1), (87, False, 1),
    (88, False, 0), (92, False, 0), (93, False, 0), (97, False, 0), (100, False, 0),
    # on oxygen: the +2 for oxygen is added on top
    (87, True, 1 + 2), (88, True, 0 + 2), (92, True, 0 + 2), (93, True, 1 + 2), (94, True, 1 + 2),
    (95, True, 2 + 2), (96, True, 2 + 2), (97, True, 3 + 2), (100, True, 3 + 2),
])
def test_spo2_scale2_bands(spo2, on_oxygen, expected):
    assert points(spo2=spo2, spo2_scale2=True, supplemental_oxygen=on_oxygen) == expected


def test_scale1_on_oxygen_adds_two():
    assert points(spo2=97, supplemental_oxygen=True) == 2
    assert points(spo2=93, supplemental_oxygen=True) == 4


@pytest.mark.parametrize("sbp, expected", [
    (60, 3), (90, 3), (91, 2), (100, 2), (101, 1), (110, 1), (111, 0), (219, 0), (220, 3), (260, 3),
])
def test_systolic_bp_bands(sbp, expected):
    assert points(systolic_bp=sbp) == expected


@pytest.mark.parametrize("hr, expected", [
    (30, 3), (40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1), (110, 1), (111, 2), (130, 2),
    (131, 3), (180, 3),
])
def test_heart_rate_bands(hr, expected):
    assert points(heart_rate=hr) == expected


@pytest.mark.parametrize("temp, expected", [
    (33.0, 3), (35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0), (38.1, 1), (39.0, 1),
    (39.1, 2), (41.0, 2),
])
def test_temperature_bands(temp, expected):
    assert points(temperature_c=temp) == expected


@pytest.mark.parametrize("state, expected", [
    (Consciousness.ALERT, 0), (Consciousness.CONFUSION, 3), (Consciousness.VOICE, 3),
    (Consciousness.PAIN, 3), (Consciousness.UNRESPONSIVE, 3),
])
def test_acvpu(state, expected):
    assert points(consciousness=state) == expected


def test_no_vitals_is_none_and_partial_vitals_score_what_is_present():
    assert score_news2(RULES.news2, Vitals()) is None
    assert points(heart_rate=120, temperature_c=39.5) == 2 + 2
    # diastolic BP is not part of NEWS2
    assert score_news2(RULES.news2, Vitals(diastolic_bp=40)) is None


def test_full_chart_example():
    # RR 22 (2) + SpO2 91 (3) + air (0) + SBP 95 (2) + HR 112 (2) + alert (0) + 38.0 (0) = 9
    assert points(respiratory_rate=22, spo2=91, systolic_bp=95, heart_rate=112,
                  consciousness=Consciousness.ALERT, temperature_c=38.0) == 9


@pytest.fixture(scope="module")
def detector():
    return EmergencyDetector()


ADULT = Patient(age_years=45)
NORMAL = dict(respiratory_rate=16, spo2=97, systolic_bp=125, heart_rate=75,
              consciousness=Consciousness.ALERT, temperature_c=36.8)


@pytest.mark.parametrize("changes, news2, level", [
    ({}, 0, Urgency.SELF_CARE),
    ({"heart_rate": 95}, 1, Urgency.CONSULTATION),
    ({"temperature_c": 39.5}, 2, Urgency.CONSULTATION),
    ({"heart_rate": 115, "temperature_c": 38.5}, 3, Urgency.CONSULTATION_24H),
    ({"heart_rate": 115, "temperature_c": 39.5}, 4, Urgency.CONSULTATION_24H),
    ({"heart_rate": 115, "temperature_c": 39.5, "systolic_bp": 105}, 5, Urgency.EMERGENCY),
    ({"heart_rate": 115, "temperature_c": 39.5, "systolic_bp": 95}, 6, Urgency.EMERGENCY),
    ({"heart_rate": 115, "temperature_c": 39.5, "systolic_bp": 95, "spo2": 95}, 7,
     Urgency.EMERGENCY_AMBULANCE),
    ({"systolic_bp": 88}, 3, Urgency.EMERGENCY),  # single parameter scoring 3
])
def test_aggregate_to_level(detector, changes, news2, level):
    # HR 115 is also an adult ESI danger-zone value (24 h), never above what NEWS2 asks here
    result = detector.assess(ADULT, Vitals(**{**NORMAL, **changes}), [])
    assert result.news2 == news2
    assert result.level == level


def test_reason_names_score_and_source(detector):
    vitals = Vitals(**{**NORMAL, "heart_rate": 135, "respiratory_rate": 26, "spo2": 93})
    result = detector.assess(ADULT, vitals, [])
    assert result.news2 == 3 + 3 + 2
    assert result.level == Urgency.EMERGENCY_AMBULANCE
    assert "NEWS2 score 8 (>=7: emergency response) [RCP NEWS2 2017]" in result.reasons
    assert result.recommended_action == "Call an ambulance now (999/911/112)."


def test_news2_not_applied_to_children(detector):
    result = detector.assess(Patient(age_years=4), Vitals(heart_rate=120, respiratory_rate=26), [])
    assert result.news2 is None
    assert not any("NEWS2" in r for r in result.reasons)
    # unknown age is scored as an adult
    assert detector.assess(Patient(), Vitals(heart_rate=120), []).news2 == 2
