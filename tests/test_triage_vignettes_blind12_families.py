"""Presentation families read from vignettes_blind12's triage misses (eval/README.md, issue #5):
reassurance in clinical prose read as a finding, and common pictures the NHS treats at home or at a
GP that were sent higher. Each family is tested with phrasings written here (none copied from the
eval file), beside a look-alike that must keep its own reading or level:

- readings: eating and drinking, passing urine and a baby feeding said as reassurance, crackers kept
  down, the writer's own question ("what helps?"), a cold snap, stress "when she is run down", a
  cold sore's tingling and burning at the corner of the lip, discharge gluing the lashes together,
  a toddler crying on passing urine and smelly nappies, a rash over the nappy area, a sting "red and
  puffy";
- sourced pictures: chest pain on breathing beside a chesty cough and a fever in an adult under 65
  (NHS pneumonia: an urgent GP appointment, not 999), a chilblain's swelling (NHS chilblains), a
  sting's swelling and soreness (NHS insect bites and stings);
- an explanation that sends the picture to a doctor holds beside other rules that ask for no more
  (a NEWS2 of 3), never beside one that asks for more or a plausible serious condition.
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import ConditionScore, Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=29, sex=Sex.FEMALE)
MAN = Patient(age_years=47, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=71, sex=Sex.MALE)
TODDLER = Patient(age_years=2, sex=Sex.MALE)
BABY = Patient(age_years=0.7, sex=Sex.FEMALE)


# (text, concept that must be read or None, concepts that must not be read)
READINGS = [
    ("he is eating and drinking and has no temperature", None, {"abusing-alcohol"}),
    ("she is not eating and drinking", "decreased-appetite", set()),
    ("he drinks a bottle of vodka a day", "abusing-alcohol", set()),
    ("she is keeping sips of water down and passing urine", None, {"frequent-urination"}),
    ("he is passing urine more often than usual", "frequent-urination", set()),
    ("he has difficulty starting to pass urine", "retention-of-urine", set()),
    ("she is feeding, smiling and settling as usual", None, {"infant-feeding-problem"}),
    ("he is feeding poorly and sleepy", "infant-feeding-problem", set()),
    ("he refused his last three feeds", "infant-feeding-problem", set()),
    ("I can keep dry crackers down", None, {"abnormal-breathing-sounds"}),
    ("the doctor heard crackles in his chest", "abnormal-breathing-sounds", set()),
    ("Is there anything that helps?", None, {"pain-relieved-by-eating"}),
    ("what helps with it?", None, {"pain-relieved-by-eating"}),
    ("itchy toes since the cold snap last week", None, {"coryza"}),
    ("I have a cold and a sore throat", "coryza", set()),
    ("mouth ulcers usually when she is run down", "mouth-ulcer", {"fatigue"}),
    ("I feel run down and exhausted all the time", "fatigue", set()),
    ("burning and tingling at the corner of my bottom lip", "lip-sore", {"rash-in-skin-creases"}),
    ("a green discharge gluing the lashes together every morning", "eye-discharge", {"vaginal-discharge"}),
    ("a thick yellow discharge from her vagina", "vaginal-discharge", set()),
    ("his nappies smell very strong", "unusual-color-or-odor-to-urine", set()),
    ("he cries when passing urine", "painful-urination", set()),
    ("a bright red rash over the nappy area", "diaper-rash", set()),
    ("it is red and puffy", "swelling", {"redness-in-or-around-nose"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


CHEST_INFECTION = ("five days of a cough bringing up yellow phlegm and a fever, and a sharp pain in the left "
                   "side of my chest when I breathe in deeply; I'm not short of breath")
MILD_VITALS = Vitals(heart_rate=94, respiratory_rate=21, systolic_bp=128, temperature_c=38.3, spo2=96)


def test_chest_pain_on_breathing_with_a_chesty_cough_and_fever_sees_a_gp_today(served, detector):
    assert level_of(served, detector, CHEST_INFECTION, MAN) == Urgency.CONSULTATION_24H
    # with a NEWS2 of 3 (low risk, review): still a GP today, each rule keeping its reason
    assert level_of(served, detector, CHEST_INFECTION, MAN, MILD_VITALS) == Urgency.CONSULTATION_24H


@pytest.mark.parametrize("text,patient,vitals", [
    # breathless, coughing blood or a swollen calf: a pulmonary embolism is not ruled out
    ("a cough bringing up yellow phlegm, a fever, and sharp chest pain when I breathe in; I'm short of breath",
     MAN, Vitals()),
    ("a cough bringing up yellow phlegm with streaks of blood, a fever and sharp chest pain when I breathe in",
     MAN, Vitals()),
    (CHEST_INFECTION + ", and my left calf is swollen", MAN, Vitals()),
    # 65 or over: CRB-65 scores the age
    (CHEST_INFECTION, OLDER_MAN, Vitals()),
    # vital signs of an urgent response (NEWS2 5 or more)
    (CHEST_INFECTION, MAN, Vitals(heart_rate=118, respiratory_rate=26, systolic_bp=104, temperature_c=39.4, spo2=93)),
    # chest pain with no chest infection picture
    ("sharp chest pain when I breathe in, I'm not short of breath", MAN, Vitals()),
])
def test_the_chest_keeps_its_own_rules_beside_a_warning_sign(served, detector, text, patient, vitals):
    assert level_of(served, detector, text, patient, vitals) >= Urgency.EMERGENCY


def test_a_plausible_serious_condition_keeps_the_chests_own_rules(served, detector):
    findings = served.classify(CHEST_INFECTION).findings
    pneumonia = ConditionScore(id="pneumonia", name="Pneumonia", icd10="J18", probability=0.7,
                               severity=3)
    pe = ConditionScore(id="pulmonary-embolism", name="Pulmonary embolism", icd10="I26",
                        probability=0.15, severity=1, must_not_miss=True)
    assert detector.assess(MAN, Vitals(), findings, [pneumonia]).level == Urgency.CONSULTATION_24H
    assert detector.assess(MAN, Vitals(), findings, [pneumonia, pe]).level >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    ("itchy, burning, purple swollen patches on two toes since the cold snap, skin not broken", OLDER_MAN,
     Urgency.SELF_CARE),
    ("stung by a bee on my hand this morning, it's red and puffy and sore, no swelling of my lips, "
     "breathing fine", WOMAN, Urgency.SELF_CARE),
    ("a red, sore rash over the nappy area since yesterday, no blisters, he is feeding, playing and sleeping "
     "as usual", BABY, Urgency.SELF_CARE),
    ("I'm 10 weeks pregnant and feel sick every morning, I throw up once a day but keep water and crackers "
     "down, no pain or bleeding, is there anything that helps?", Patient(age_years=28, sex=Sex.FEMALE,
                                                                       pregnant=True), Urgency.SELF_CARE),
    ("a stomach bug since yesterday, the vomiting has settled and she is keeping sips of fluid down and "
     "passing urine, no blood in the stool", WOMAN, Urgency.SELF_CARE),
])
def test_home_care_pictures(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) == level


@pytest.mark.parametrize("text,patient", [
    # a sting with the face swelling is anaphylaxis's sign
    ("stung by a bee on my hand, it's red and puffy, and now my lips are swelling", WOMAN),
    # chilblains with diabetes: a GP (NHS chilblains)
    ("itchy purple swollen patches on my toes since the cold weather, I have diabetes and my toes are numb",
     OLDER_MAN),
    # a toddler crying on passing urine with a fever: a urine infection to be checked (NICE NG224)
    ("a temperature for two days, his nappies smell very strong and he cries when passing urine", TODDLER),
])
def test_look_alikes_see_a_doctor(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.CONSULTATION


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rule = next(e for e in raw["explanations"] if e["id"] == "chest-infection-pleuritic-pain")
    assert rule["source"] == "nhs-website" and rule["cite"].startswith("NHS: pneumonia")
    assert rule["level"] == "CONSULTATION_24H" and rule["max_age"] == 65 and "shortness-of-breath" in rule["unless"]
    companions = {tuple(c["with"]): c for c in raw["self_care_symptoms"]["companions"]}
    assert companions[("chilblains",)]["cite"] == "NHS: chilblains"
    assert companions[("insect-bite-or-sting",)]["cite"] == "NHS: insect bites and stings"
