"""Red flags, triage tuples, diagnosis-aware escalation, finding handling and end-to-end cases."""

from __future__ import annotations

from dataclasses import replace

import pytest

from emergency_detector.engine import EmergencyDetector
from healthmesh.clinical import (
    ConditionScore, Consciousness, Finding, Patient, Presence, Sex, Temporality, Urgency, Vitals, WeightedFinding,
)
from healthmesh.errors import InvalidArgument

ADULT = Patient(age_years=35, sex=Sex.FEMALE)
NO_VITALS = Vitals()


@pytest.fixture(scope="module")
def detector():
    return EmergencyDetector()


def symptom(sid: str, **kw) -> Finding:
    return Finding(code=f"symptom:{sid}", name=sid.replace("-", " "), **kw)


def level(detector, findings, patient=ADULT, vitals=NO_VITALS, conditions=()):
    return detector.assess(patient, vitals, findings, conditions).level


# --- single red flags --------------------------------------------------------------------------

@pytest.mark.parametrize("sid", [
    "loss-of-consciousness", "seizures", "facial-droop", "unilateral-weakness", "severe-bleeding",
    "major-trauma", "severe-burn", "abnormal-color-of-lips",
])
def test_ambulance_red_flags(detector, sid):
    result = detector.assess(ADULT, NO_VITALS, [symptom(sid)])
    assert result.level == Urgency.EMERGENCY_AMBULANCE
    assert result.recommended_action == "Call an ambulance now (999/911/112)."
    assert result.reasons[0].startswith("Red flag: ") and result.reasons[0].endswith("]")


@pytest.mark.parametrize("sid", [
    "confusion", "chest-pain", "worst-headache-of-life", "non-blanching-rash", "vomiting-blood",
    "melena", "suicidal-thoughts", "saddle-anaesthesia", "retention-of-urine", "throat-feels-tight",
])
def test_emergency_red_flags(detector, sid):
    assert level(detector, [symptom(sid)]) >= Urgency.EMERGENCY


def test_severity_and_onset_modifiers(detector):
    assert level(detector, [symptom("shortness-of-breath")]) == Urgency.CONSULTATION_24H
    assert level(detector, [symptom("shortness-of-breath", onset="sudden")]) == Urgency.EMERGENCY
    assert level(detector, [symptom("shortness-of-breath", severity="severe")]) == Urgency.EMERGENCY_AMBULANCE
    assert level(detector, [symptom("difficulty-breathing", severity_score=8)]) == Urgency.EMERGENCY_AMBULANCE
    assert level(detector, [symptom("difficulty-breathing", severity_score=6)]) == Urgency.CONSULTATION_24H
    assert level(detector, [symptom("pain-in-testicles")]) == Urgency.CONSULTATION_24H
    assert level(detector, [symptom("pain-in-testicles", onset="sudden")]) == Urgency.EMERGENCY


def test_chest_pain_depends_on_age(detector):
    assert level(detector, [symptom("chest-pain")], Patient(age_years=30)) == Urgency.EMERGENCY
    assert level(detector, [symptom("chest-pain")], Patient(age_years=10)) == Urgency.CONSULTATION_24H
    # unknown age: assume an adult
    assert level(detector, [symptom("chest-pain")], Patient()) == Urgency.EMERGENCY


@pytest.mark.parametrize("finding", [
    symptom("seizures", presence=Presence.ABSENT),
    symptom("seizures", presence=Presence.UNKNOWN),
    symptom("seizures", temporality=Temporality.HISTORY),
    symptom("seizures", temporality=Temporality.FAMILY),
])
def test_only_current_present_findings_count(detector, finding):
    result = detector.assess(ADULT, NO_VITALS, [finding])
    assert result.level == Urgency.SELF_CARE
    assert not any("seizure" in r for r in result.reasons)


def test_presence_unspecified_counts_as_present(detector):
    assert level(detector, [symptom("seizures", presence=Presence.UNSPECIFIED)]) == Urgency.EMERGENCY_AMBULANCE


# --- combinations (triage tuples) --------------------------------------------------------------

def test_meningitis_triad(detector):
    findings = [symptom("fever"), symptom("neck-stiffness-or-tightness"), symptom("headache")]
    result = detector.assess(ADULT, NO_VITALS, findings)
    assert result.level == Urgency.EMERGENCY
    assert "fever + neck stiffness + headache (possible meningitis) [NICE NG240]" in result.reasons
    # measured fever stands in for reported fever
    measured = [symptom("neck-stiffness-or-tightness"), symptom("headache")]
    assert level(detector, measured, vitals=Vitals(temperature_c=38.4)) == Urgency.EMERGENCY
    # two of three is not the triad
    assert level(detector, findings[1:]) < Urgency.EMERGENCY


def test_fever_with_non_blanching_rash(detector):
    assert level(detector, [symptom("fever"), symptom("non-blanching-rash")]) == Urgency.EMERGENCY_AMBULANCE


@pytest.mark.parametrize("age, expected", [
    (58, Urgency.EMERGENCY_AMBULANCE), (41, Urgency.EMERGENCY_AMBULANCE),
    (40.5, Urgency.EMERGENCY), (30, Urgency.EMERGENCY), (None, Urgency.EMERGENCY_AMBULANCE),
])
def test_chest_pain_sweating_over_40(detector, age, expected):
    findings = [symptom("chest-pain"), symptom("sweating")]
    assert level(detector, findings, Patient(age_years=age, sex=Sex.MALE)) == expected


def test_chest_pain_radiating(detector):
    findings = [symptom("chest-tightness"), symptom("pain-radiating-to-arm-or-jaw")]
    assert level(detector, findings, Patient(age_years=30)) == Urgency.EMERGENCY_AMBULANCE


def test_ectopic_pregnancy_tuple(detector):
    pregnant = Patient(age_years=28, sex=Sex.FEMALE, pregnant=True)
    findings = [symptom("lower-abdominal-pain"), symptom("vaginal-bleeding")]
    result = detector.assess(pregnant, NO_VITALS, findings)
    assert result.level == Urgency.EMERGENCY
    assert any("possible ectopic pregnancy" in r and "[NICE NG126]" in r for r in result.reasons)
    not_pregnant = Patient(age_years=28, sex=Sex.FEMALE)
    assert level(detector, findings, not_pregnant) < Urgency.EMERGENCY
    # pain without bleeding in pregnancy: within 24 hours
    assert level(detector, findings[:1], pregnant) == Urgency.CONSULTATION_24H
    # pregnancy-specific findings carry the pregnancy themselves
    assert level(detector, [symptom("spotting-or-bleeding-during-pregnancy"), symptom("abdominal-pain")],
                 not_pregnant) == Urgency.EMERGENCY


def test_thunderclap_headache(detector):
    assert level(detector, [symptom("headache")]) == Urgency.SELF_CARE
    result = detector.assess(ADULT, NO_VITALS, [symptom("headache", onset="sudden")])
    assert result.level == Urgency.EMERGENCY_AMBULANCE
    assert any("subarachnoid" in r and "[NICE NG228]" in r for r in result.reasons)
    assert level(detector, [symptom("worst-headache-of-life")]) == Urgency.EMERGENCY_AMBULANCE
    assert level(detector, [symptom("headache", onset="gradual")]) == Urgency.SELF_CARE


def test_stroke_weakness_and_speech(detector):
    result = detector.assess(ADULT, NO_VITALS, [symptom("focal-weakness"), symptom("difficulty-speaking")])
    assert result.level == Urgency.EMERGENCY_AMBULANCE
    assert any("possible stroke" in r and "[NICE NG128 / FAST]" in r for r in result.reasons)
    # each alone is lower
    assert level(detector, [symptom("focal-weakness")]) == Urgency.EMERGENCY
    assert level(detector, [symptom("difficulty-speaking")]) == Urgency.CONSULTATION_24H


def test_anaphylaxis(detector):
    assert level(detector, [symptom("hives")]) == Urgency.SELF_CARE
    assert level(detector, [symptom("hives"), symptom("wheezing")]) == Urgency.EMERGENCY_AMBULANCE


def test_cauda_equina(detector):
    assert level(detector, [symptom("low-back-pain")]) == Urgency.SELF_CARE
    assert level(detector, [symptom("low-back-pain"), symptom("incontinence-of-stool")]) == Urgency.EMERGENCY


def test_head_injury(detector):
    assert level(detector, [symptom("head-injury")]) == Urgency.CONSULTATION_24H
    assert level(detector, [symptom("head-injury"), symptom("vomiting")]) == Urgency.EMERGENCY
    on_warfarin = Patient(age_years=70, medications=("Warfarin 5 mg",))
    assert level(detector, [symptom("head-injury")], on_warfarin) == Urgency.EMERGENCY


# --- diagnosis-aware -------------------------------------------------------------------------

def cond(name, p, severity=None, must_not_miss=False, icd10="R69"):
    return ConditionScore(id=name.lower(), name=name, icd10=icd10, probability=p, severity=severity,
                          must_not_miss=must_not_miss)


def test_must_not_miss_escalates_and_names_condition(detector):
    findings = [symptom("cough")]
    pe = cond("Pulmonary embolism", 0.30, severity=2, must_not_miss=True, icd10="I26")
    result = detector.assess(ADULT, NO_VITALS, findings, [pe])
    assert result.level == Urgency.EMERGENCY
    assert result.reasons[0] == ("Possible Pulmonary embolism (probability 0.30, must-not-miss) "
                                 "[condition posterior]")
    assert level(detector, findings, conditions=[cond("PE", 0.12, 2, True)]) == Urgency.CONSULTATION_24H
    assert level(detector, findings, conditions=[cond("PE", 0.05, 2, True)]) == Urgency.SELF_CARE


def test_severe_condition_escalates(detector):
    findings = [symptom("cough")]
    assert level(detector, findings, conditions=[cond("Myocarditis", 0.45, 2)]) == Urgency.EMERGENCY
    assert level(detector, findings, conditions=[cond("Myocarditis", 0.20, 2)]) == Urgency.CONSULTATION_24H
    assert level(detector, findings, conditions=[cond("Pneumonia", 0.50, 3)]) == Urgency.CONSULTATION


def test_benign_confident_picture_can_be_self_care(detector):
    # red tonsils are not on the self-care list -> routine consultation by default (swollen glands
    # beside a cold are now read as the cold's: tests/test_triage_blind7_self_care.py) ...
    findings = [symptom("swollen-or-red-tonsils"), symptom("coryza")]
    assert level(detector, findings) == Urgency.CONSULTATION
    # ... but a confident, benign posterior with nothing serious keeps it at self-care
    urti = [cond("URTI", 0.75, 5, icd10="J06.9"), cond("Influenza", 0.2, 3, icd10="J11.1")]
    result = detector.assess(ADULT, NO_VITALS, findings, urti)
    assert result.level == Urgency.SELF_CARE
    assert result.reasons[0].startswith("Likely URTI (probability 0.75), a self-limiting condition")
    # not when something serious is plausible
    risky = urti[:1] + [cond("Pneumonia", 0.04, 3), cond("Epiglottitis", 0.08, 2)]
    assert level(detector, findings, conditions=risky) > Urgency.SELF_CARE
    # not with abnormal vitals
    assert level(detector, findings, vitals=Vitals(temperature_c=38.6), conditions=urti) >= Urgency.CONSULTATION
    # not over a red flag
    assert level(detector, findings + [symptom("seizures")], conditions=urti) == Urgency.EMERGENCY_AMBULANCE


def test_a_benign_picture_does_not_speak_for_a_finding_it_does_not_explain(detector):
    # a swollen eyelid beside a cold: the cold's posterior lists the eyelid as lowering it, so the
    # confident cold does not make the eyelid a self-care matter
    findings = [symptom("coryza"), symptom("eyelid-swelling")]
    eyelid = WeightedFinding("symptom:eyelid-swelling", "eyelid swelling", 0.2)
    unexplained = [replace(cond("URTI", 0.75, 5, icd10="J06.9"), conflicting=(eyelid,))]
    assert level(detector, findings, conditions=unexplained) == Urgency.CONSULTATION
    # the same picture when the cold does explain the finding (it raised it) stays self-care
    explained = [replace(cond("URTI", 0.75, 5, icd10="J06.9"), supporting=(replace(eyelid, likelihood_ratio=3.0),))]
    assert level(detector, findings, conditions=explained) == Urgency.SELF_CARE


# --- DDXPlus evidence --------------------------------------------------------------------------

def test_ddxplus_codes_trigger_red_flags_through_the_mapping():
    mapping = {"ddxplus:E_55": ["pain"], "ddxplus:E_55_@_V_29": ["chest-pain"],
               "ddxplus:E_91": ["fever"], "ddxplus:E_204_@_V_10": []}
    detector = EmergencyDetector(evidence_symptoms=mapping)
    chest = Finding(code="ddxplus:E_55_@_V_29", name="pain location: chest")
    assert detector.assess(Patient(age_years=50), NO_VITALS, [chest]).level == Urgency.EMERGENCY
    absent = Finding(code="ddxplus:E_55_@_V_29", name="pain location: chest", presence=Presence.ABSENT)
    assert detector.assess(Patient(age_years=50), NO_VITALS, [absent]).level == Urgency.SELF_CARE
    # a known code with no symptom meaning is neutral; an unknown one asks for a routine check
    travel = Finding(code="ddxplus:E_204_@_V_10", name="travel: no")
    assert detector.assess(ADULT, NO_VITALS, [travel]).level == Urgency.SELF_CARE
    unknown = Finding(code="ddxplus:E_999", name="something")
    assert detector.assess(ADULT, NO_VITALS, [unknown]).level == Urgency.CONSULTATION
    # without a mapping DDXPlus codes never raise a red flag
    assert EmergencyDetector().assess(Patient(age_years=50), NO_VITALS, [chest]).level == Urgency.CONSULTATION


def test_from_kb_ignores_antecedents():
    from knowledge.kb import Evidence, KnowledgeBase

    kb = KnowledgeBase(
        version="test", built_at="", sources={}, symptoms={}, conditions={}, links=[],
        evidences={
            "ddxplus:E_1": Evidence(code="ddxplus:E_1", name="had a stroke before", antecedent=True,
                                    symptom_ids=("focal-weakness",)),
            "ddxplus:E_2": Evidence(code="ddxplus:E_2", name="seizure", symptom_ids=("seizures",)),
        },
    )
    detector = EmergencyDetector.from_kb(kb)
    past = Finding(code="ddxplus:E_1", name="had a stroke before")
    assert detector.assess(ADULT, NO_VITALS, [past]).level == Urgency.SELF_CARE
    now = Finding(code="ddxplus:E_2", name="seizure")
    assert detector.assess(ADULT, NO_VITALS, [now]).level == Urgency.EMERGENCY_AMBULANCE


# --- input checks ------------------------------------------------------------------------------

@pytest.mark.parametrize("patient, vitals, field", [
    (Patient(age_years=-1), NO_VITALS, "patient.age_years"),
    (ADULT, Vitals(heart_rate=-5), "vitals.heart_rate"),
    (ADULT, Vitals(spo2=101), "vitals.spo2"),
    (ADULT, Vitals(temperature_c=98.6), "vitals.temperature_c"),  # Fahrenheit by mistake
    (ADULT, Vitals(systolic_bp=float("nan")), "vitals.systolic_bp"),
])
def test_impossible_inputs_name_the_field(detector, patient, vitals, field):
    with pytest.raises(InvalidArgument) as err:
        detector.assess(patient, vitals, [])
    assert err.value.field == field


# --- end to end --------------------------------------------------------------------------------

def test_e2e_heart_attack_picture(detector):
    man = Patient(age_years=58, sex=Sex.MALE)
    findings = [symptom("chest-pain"), symptom("sweating"), symptom("shortness-of-breath")]
    result = detector.assess(man, NO_VITALS, findings)
    assert result.level == Urgency.EMERGENCY_AMBULANCE
    assert result.reasons[0] == "chest pain + sweating, age over 40 (possible heart attack) [NICE CG95]"
    assert result.news2 is None and result.qsofa is None


def test_e2e_common_cold(detector):
    vitals = Vitals(heart_rate=72, respiratory_rate=14, systolic_bp=118, diastolic_bp=76,
                    temperature_c=36.9, spo2=98, consciousness=Consciousness.ALERT)
    findings = [symptom("coryza"), symptom("sneezing"), symptom("sore-throat")]
    result = detector.assess(Patient(age_years=25, sex=Sex.MALE), vitals, findings)
    assert result.level == Urgency.SELF_CARE
    assert result.news2 == 0 and result.qsofa == 0
    assert result.recommended_action.startswith("Self-care at home is appropriate")


def test_e2e_febrile_two_month_old(detector):
    result = detector.assess(Patient(age_years=2 / 12), Vitals(temperature_c=38.3), [symptom("fever")])
    assert result.level >= Urgency.EMERGENCY
    assert result.recommended_action == "Go to an emergency department now."


def test_e2e_design_doc_request(detector):
    # the example request in DESIGN.md
    patient = Patient(age_years=58, sex=Sex.MALE, history=("atrial fibrillation",), medications=("warfarin",))
    vitals = Vitals(heart_rate=112, respiratory_rate=22, systolic_bp=95, diastolic_bp=60, temperature_c=38.0,
                    spo2=91, consciousness=Consciousness.ALERT)
    result = detector.assess(patient, vitals, [symptom("chest-pain"), symptom("sweating"),
                                               symptom("fever", presence=Presence.ABSENT)])
    assert result.level == Urgency.EMERGENCY_AMBULANCE
    assert result.news2 == 9 and result.qsofa == 2
    assert result.reasons[0].endswith("]")


def test_every_level_has_an_action_and_never_unspecified(detector):
    seen = set()
    for findings in ([], [symptom("swollen-lymph-nodes")], [symptom("chest-pain")], [symptom("seizures")],
                     [symptom("hemoptysis")]):
        result = detector.assess(ADULT, NO_VITALS, findings)
        assert result.level != Urgency.UNSPECIFIED
        assert result.reasons and result.recommended_action
        seen.add(result.level)
    assert seen == {Urgency.SELF_CARE, Urgency.CONSULTATION, Urgency.CONSULTATION_24H, Urgency.EMERGENCY,
                    Urgency.EMERGENCY_AMBULANCE}
