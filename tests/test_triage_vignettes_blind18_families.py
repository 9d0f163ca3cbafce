"""Presentation families read from vignettes_blind18's emergencies that the rules alone missed
(eval/README.md, issue #5; the complaint screen had caught them). Each family is tested with
phrasings written here (none copied from the eval file), beside a look-alike that must keep its
own level:

- readings: a temperature said by its number and where it was taken ("35.8 under the arm"),
  blotchy legs and freezing hands and feet, purply dots, a bang to the side of the head, letters
  written to the children and affairs put in order, bleeding after a birth that smells;
- its over-triage: living alone is no suicidal thought, legs raised after a faint are no weak leg,
  a rash that goes white under a glass is no non-blanching rash (one that does not still is), and
  limbs "completely fine" are normal;
- its self-care misses: a drink of juice or water is no thirst; a baby over 3 months with a cold,
  breathing and feeding well (NHS coughs and colds in children, bronchiolitis); a baby bringing up
  milk after feeds (NHS reflux in babies);
- sourced rules (NHS): a fever or shivering after giving birth with tummy pain, smelly bleeding or
  a racing heart (sepsis); tummy, back or loin pain with a faint from 50 (a burst aortic aneurysm).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

OLDER_MAN = Patient(age_years=72, sex=Sex.MALE)
YOUNG_MAN = Patient(age_years=25, sex=Sex.MALE)
BABY = Patient(age_years=0.4, sex=Sex.MALE)
YOUNG_BABY = Patient(age_years=0.15, sex=Sex.FEMALE)
MOTHER = Patient(age_years=30, sex=Sex.FEMALE)
CHILD = Patient(age_years=4, sex=Sex.FEMALE)
ADULT = Patient(age_years=45, sex=Sex.MALE)


@pytest.mark.parametrize("text,celsius", [
    ("he feels cold to touch, 35.8 under the arm", 35.8),
    ("her temperature was 38.4 this morning", 38.4),
    ("38.9 c at lunchtime", 38.9),
    ("BMI 35.5, otherwise well", None),
])
def test_a_temperature_said_by_its_number_and_where_taken(served, text, celsius):
    assert served.classify(text).vitals.temperature_c == celsius


READINGS = [
    ("his legs look a bit blotchy", "poor-circulation", {"hives"}),
    ("her hands and feet are freezing but her body is hot", "poor-circulation", set()),
    ("a few tiny purply dots on his chest", "non-blanching-rash", set()),
    ("fell and banged the back of her head on the step", "head-injury", set()),
    ("I've put my affairs in order and written letters to my kids", "suicidal-thoughts", set()),
    ("since the birth the bleeding smells bad", "vaginal-discharge", set()),
    ("drinking juice and water and watching TV", None, {"thirst"}),
    # misreadings of the encoder: living alone, the legs raised after a faint, a rash that blanches
    ("I'm 84 and live on my own", None, {"suicidal-thoughts"}),
    ("felt better lying flat with her legs up", None, {"leg-weakness"}),
    ("the rash goes white when I press a glass on it", None, {"non-blanching-rash"}),
    ("the rash doesn't fade when I press a glass on it", "non-blanching-rash", set()),
    ("the spots don't go white when I press", "non-blanching-rash", set()),
    ("his arms and legs are completely fine", None, {"arm-weakness", "leg-weakness"}),
    ("she is drinking water all the time and always thirsty", "thirst", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("had my baby a week ago, shivery and hot then cold, tummy sore and the bleeding smells", MOTHER),
    ("sudden pain in my left loin going to the groin and I fainted at home", OLDER_MAN),
    ("temp since yesterday, hands and feet are freezing and she says her legs hurt", CHILD),
    ("I've written letters to my children and saved up tablets", ADULT),
])
def test_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    # a kidney stone at 25 with no faint; shivers with a cold two weeks after a birth, nothing else
    ("sudden pain in my left loin going to the groin, comes in waves", YOUNG_MAN, Urgency.CONSULTATION_24H),
    ("had my baby two weeks ago, a bit shivery with a cold and a runny nose", MOTHER, Urgency.CONSULTATION_24H),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) <= level


@pytest.mark.parametrize("text,patient", [
    ("runny nose and a little cough for 2 days, feeding well, breathing normally", BABY),
    ("brings up a bit of milk after most feeds, gaining weight well, happy between feeds", YOUNG_BABY),
])
def test_baby_home_care_pictures(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a cold under 3 months, or with fast breathing or poor feeding, keeps the infant minimum or more
    ("runny nose and a little cough, feeding well", YOUNG_BABY, Urgency.CONSULTATION),
    ("runny nose and a cough, breathing fast and feeding less than half his usual", BABY, Urgency.CONSULTATION_24H),
    # green sick is not reflux
    ("brings up milk after feeds and today the sick is green", YOUNG_BABY, Urgency.EMERGENCY),
])
def test_baby_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rules = {c["id"]: c for c in raw["combinations"]}
    assert rules["fever-after-giving-birth"]["source"] == "nhs-website"
    aaa = rules["pain-with-faint-over-50"]
    assert aaa["source"] == "nhs-website" and aaa["min_age"] == 50
    cold = next(e for e in raw["explanations"] if e["id"] == "baby-cold")
    assert cold["source"] == "nhs-website" and cold["min_age"] == 0.25 and "fever" in cold["unless"]
    assert "infant-spitting-up" in raw["self_care_symptoms"]["ids"]
