"""Rules added while tuning against eval/triage_cases.jsonl: each is sourced and tested here on its
own, away from the vignettes (pregnancy blood pressure and symptoms, bleeding + fainting in
pregnancy, drowsy child with gastroenteritis, vision and hearing loss, stiff neck, the self-care
list and its time windows, unread complaints)."""

from __future__ import annotations

import copy

import pytest
import yaml

from emergency_detector.rules import RULES_PATH, RulesError, TriageRules
from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.triage import assessor, symptom

WOMAN = Patient(age_years=30, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
MAN = Patient(age_years=40, sex=Sex.MALE)


s = symptom
assess = assessor(WOMAN)



@pytest.mark.parametrize("bp, expected", [
    ((164, 112), Urgency.EMERGENCY), ((150, 112), Urgency.EMERGENCY), ((165, 85), Urgency.EMERGENCY),
    ((145, 85), Urgency.CONSULTATION_24H), ((132, 92), Urgency.CONSULTATION_24H), ((128, 82), Urgency.SELF_CARE),
])
def test_blood_pressure_in_pregnancy(detector, bp, expected):
    vitals = Vitals(systolic_bp=bp[0], diastolic_bp=bp[1])
    result = assess(detector, [], PREGNANT, vitals)
    assert result.level == expected
    if expected > Urgency.SELF_CARE:
        assert "in pregnancy" in result.reasons[0] and result.reasons[0].endswith("[NICE NG133]")
    # the same numbers outside pregnancy are judged by the general rules only
    assert assess(detector, [], WOMAN, vitals).level < max(expected, Urgency.CONSULTATION_24H)


@pytest.mark.parametrize("bp, expected", [
    ((165, 100), Urgency.CONSULTATION), ((150, 104), Urgency.CONSULTATION), ((185, 100), Urgency.CONSULTATION_24H),
    ((170, 121), Urgency.CONSULTATION_24H), ((150, 95), Urgency.SELF_CARE),
])
def test_blood_pressure_outside_pregnancy(detector, bp, expected):
    vitals = Vitals(systolic_bp=bp[0], diastolic_bp=bp[1])
    result = assess(detector, [], MAN, vitals)
    assert result.level == expected
    if expected > Urgency.SELF_CARE:
        assert "blood pressure" in result.reasons[0] and result.reasons[0].endswith("[NICE NG136]")
    # a child's readings are not judged by adult thresholds
    child = Patient(age_years=10, sex=Sex.MALE)
    assert not any("NICE NG136" in r for r in assess(detector, [], child, vitals).reasons)


def test_pregnancy_flag_on_a_male_record_is_ignored(detector):
    odd = Patient(age_years=30, sex=Sex.MALE, pregnant=True)
    assert assess(detector, [], odd, Vitals(systolic_bp=165, diastolic_bp=112)).level < Urgency.EMERGENCY


def test_pre_eclampsia_symptoms(detector):
    findings = [s("headache"), s("visual-disturbance")]
    assert assess(detector, findings, PREGNANT).level == Urgency.EMERGENCY
    assert assess(detector, findings, WOMAN).level < Urgency.EMERGENCY
    epigastric = [s("upper-abdominal-pain"), s("vomiting")]
    assert assess(detector, epigastric, PREGNANT).level == Urgency.EMERGENCY
    assert assess(detector, epigastric, WOMAN).level < Urgency.EMERGENCY


def test_bleeding_and_fainting_in_pregnancy(detector):
    findings = [s("vaginal-bleeding"), s("fainting")]
    result = assess(detector, findings, PREGNANT)
    assert result.level == Urgency.EMERGENCY
    assert any("possible ectopic pregnancy" in r and r.endswith("[NICE NG126]") for r in result.reasons)
    assert assess(detector, [s("vaginal-bleeding"), s("dizziness")], PREGNANT).level == Urgency.EMERGENCY
    assert assess(detector, findings, WOMAN).level < Urgency.EMERGENCY
    assert assess(detector, [s("vaginal-bleeding")], PREGNANT).level < Urgency.EMERGENCY


def test_drowsy_child_with_vomiting_or_diarrhoea(detector):
    findings = [s("vomiting"), s("sleepiness")]
    for age in (0.5, 2, 4.9):
        result = assess(detector, findings, Patient(age_years=age))
        assert result.level == Urgency.EMERGENCY and result.reasons[0].endswith("[NICE CG84]")
    assert assess(detector, findings, Patient(age_years=5)).level < Urgency.EMERGENCY
    assert assess(detector, [s("diarrhea"), s("confusion")], Patient(age_years=1)).level >= Urgency.EMERGENCY
    assert assess(detector, [s("vomiting")], Patient(age_years=2)).level == Urgency.SELF_CARE


def test_loss_of_vision_and_hearing(detector):
    assert assess(detector, [s("blindness", onset="sudden")]).level == Urgency.EMERGENCY
    assert assess(detector, [s("blindness")]).level == Urgency.CONSULTATION_24H
    assert assess(detector, [s("diminished-hearing", onset="sudden")]).level == Urgency.CONSULTATION_24H
    assert assess(detector, [s("diminished-hearing")]).level == Urgency.SELF_CARE


def test_stiff_neck_alone_is_self_care_in_adults_but_not_in_children_or_with_fever(detector):
    neck = s("neck-stiffness-or-tightness")
    assert assess(detector, [neck]).level == Urgency.SELF_CARE
    assert assess(detector, [neck], Patient(age_years=8)).level == Urgency.CONSULTATION
    result = assess(detector, [neck, s("fever")])
    assert result.level == Urgency.EMERGENCY and "possible meningitis" in result.reasons[0]
    assert assess(detector, [neck], vitals=Vitals(temperature_c=38.5)).level == Urgency.EMERGENCY
    assert assess(detector, [neck, s("photophobia"), s("headache")], vitals=Vitals(temperature_c=38.5)).level \
        == Urgency.EMERGENCY


def test_fever_alone_is_self_care_except_in_infants(detector):
    assert assess(detector, [s("fever"), s("cough")]).level == Urgency.SELF_CARE
    assert assess(detector, [s("fever")], Patient(age_years=4)).level == Urgency.SELF_CARE
    assert assess(detector, [s("fever")], Patient(age_years=0.1)).level == Urgency.EMERGENCY
    assert assess(detector, [s("fever")], Patient(age_years=0.7)).level == Urgency.CONSULTATION
    assert assess(detector, [s("fever")], Patient(age_years=0.4), Vitals(temperature_c=39.2)).level \
        == Urgency.CONSULTATION_24H


@pytest.mark.parametrize("sid, hours, expected", [
    ("cough", 24 * 35, Urgency.CONSULTATION), ("cough", 24 * 10, Urgency.SELF_CARE),
    ("diarrhea", 24 * 10, Urgency.CONSULTATION), ("diarrhea", 24 * 3, Urgency.SELF_CARE),
    ("ear-pain", 24 * 4, Urgency.CONSULTATION), ("fever", 24 * 6, Urgency.CONSULTATION),
    ("coryza", None, Urgency.SELF_CARE),
])
def test_self_care_symptoms_lasting_too_long_need_a_consultation(detector, sid, hours, expected):
    result = assess(detector, [s(sid, duration_hours=hours)])
    assert result.level == expected
    if expected == Urgency.CONSULTATION:
        assert "longer than self-care covers" in result.reasons[0]
        assert result.reasons[0].endswith("[NHS: self-care for minor illness]")


def test_self_care_window_default_is_a_project_default(detector):
    result = assess(detector, [s("itching-of-skin", duration_hours=24 * 21)])
    assert result.level == Urgency.CONSULTATION
    assert result.reasons[0].endswith("(14 days) [healthmesh default]")


def test_lingering_never_lowers_a_red_flag(detector):
    findings = [s("cough", duration_hours=24 * 40), s("hemoptysis")]
    assert assess(detector, findings).level == Urgency.CONSULTATION_24H


def test_an_unread_complaint_is_never_self_care(detector):
    result = assess(detector, [], unread_complaint=True)
    assert result.level == Urgency.CONSULTATION
    assert result.reasons[0].endswith("[healthmesh default]")
    assert assess(detector, []).level == Urgency.SELF_CARE
    # once anything is read, the ordinary rules decide
    assert assess(detector, [s("coryza")], unread_complaint=True).level == Urgency.SELF_CARE
    assert assess(detector, [s("seizures")], unread_complaint=True).level == Urgency.EMERGENCY_AMBULANCE


def test_window_for_a_symptom_not_on_the_self_care_list_is_rejected():
    data = yaml.safe_load(RULES_PATH.read_text())
    bad = copy.deepcopy(data)
    bad["self_care_symptoms"]["max_days"]["chest-pain"] = 3
    with pytest.raises(RulesError, match="not self-care symptoms"):
        TriageRules.from_dict(bad)


BABY = Patient(age_years=0.15, sex=Sex.MALE)


@pytest.mark.parametrize("sid", ["diaper-rash", "dry-or-flaky-scalp", "eye-discharge", "teething"])
def test_a_baby_with_only_a_normal_baby_complaint_is_self_care(detector, sid):
    assert assess(detector, [s(sid)], BABY).level == Urgency.SELF_CARE
    # anything else in a baby still means a consultation
    assert assess(detector, [s(sid), s("cough")], BABY).level >= Urgency.CONSULTATION


@pytest.mark.parametrize("sid", ["knee-pain", "leg-cramps-or-spasms", "insomnia", "head-lice", "bruise"])
def test_everyday_complaints_are_self_care_until_they_last(detector, sid):
    assert assess(detector, [s(sid)], MAN).level == Urgency.SELF_CARE
    assert assess(detector, [s(sid, duration_hours=24 * 60)], MAN).level == Urgency.CONSULTATION


def test_generic_pain_without_a_site_is_still_a_routine_check(detector):
    assert assess(detector, [s("pain")], MAN).level == Urgency.CONSULTATION


def test_news2_low_risk_bands_do_not_raise_urgency_in_pregnancy(detector):
    normal_for_pregnancy = Vitals(systolic_bp=105, heart_rate=95)  # NEWS2 2 outside pregnancy
    assert assess(detector, [], WOMAN, normal_for_pregnancy).level == Urgency.CONSULTATION
    assert assess(detector, [], PREGNANT, normal_for_pregnancy).level == Urgency.SELF_CARE
    # an aggregate of 5 or a single parameter scoring 3 still counts in pregnancy
    assert assess(detector, [], PREGNANT, Vitals(systolic_bp=95, heart_rate=120, respiratory_rate=22)).level >= Urgency.EMERGENCY
    assert assess(detector, [], PREGNANT, Vitals(respiratory_rate=26)).level >= Urgency.EMERGENCY


def test_pain_that_moved_to_the_lower_right_with_vomiting_is_an_emergency(detector):
    moved = s("pain-migrating-to-right-lower-abdomen")
    assert assess(detector, [moved], MAN).level == Urgency.CONSULTATION_24H
    result = assess(detector, [moved, s("vomiting")], MAN)
    assert result.level == Urgency.EMERGENCY and "appendicitis" in result.reasons[0]


@pytest.mark.parametrize("findings, patient, expected", [
    (["double-vision", "dizziness"], MAN, Urgency.EMERGENCY_AMBULANCE),      # posterior stroke
    (["double-vision", "difficulty-walking"], MAN, Urgency.EMERGENCY_AMBULANCE),
    (["jaw-pain", "nausea"], Patient(age_years=68, sex=Sex.FEMALE), Urgency.EMERGENCY),
    (["absence-of-menstruation", "lower-abdominal-pain", "shoulder-pain"], WOMAN, Urgency.EMERGENCY),
])
def test_presentations_of_the_fourth_blind_set(detector, findings, patient, expected):
    result = assess(detector, [s(f) for f in findings], patient)
    assert result.level == expected and "[NICE" in result.reasons[0]


def test_their_look_alikes_stay_lower(detector):
    assert assess(detector, [s("jaw-pain"), s("nausea")], Patient(age_years=25, sex=Sex.MALE)).level < Urgency.EMERGENCY
    assert assess(detector, [s("absence-of-menstruation"), s("lower-abdominal-pain")], WOMAN).level < Urgency.EMERGENCY
    assert assess(detector, [s("dizziness")], MAN).level < Urgency.EMERGENCY
