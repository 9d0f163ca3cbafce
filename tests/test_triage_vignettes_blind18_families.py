"""Presentation families read from vignettes_blind18's emergencies that the rules alone missed
(eval/README.md, issue #5; the complaint screen had caught them). Each family is tested with
phrasings written here (none copied from the eval file), beside a look-alike that must keep its
own level:

- readings: a temperature said by its number and where it was taken ("35.8 under the arm"),
  blotchy legs and freezing hands and feet, purply dots, a bang to the side of the head, letters
  written to the children and affairs put in order, bleeding after a birth that smells;
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


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rules = {c["id"]: c for c in raw["combinations"]}
    assert rules["fever-after-giving-birth"]["source"] == "nhs-website"
    aaa = rules["pain-with-faint-over-50"]
    assert aaa["source"] == "nhs-website" and aaa["min_age"] == 50
