"""Presentation families read from vignettes_blind17's emergency misses (eval/README.md, issue #5):
subtle emergencies the rules alone sent to a doctor. Each family is tested with phrasings written
here (none copied from the eval file), beside a look-alike that must keep its own level:

- readings: "gone" as "become" before a colour or a state ("the sight has gone grey") is no
  resolution; a face gone droopy; a tummy gone swollen; sick brought up; no poo and no wind; a
  leg or arm numb and weak; a birth days ago; a shadow in the lower field; only light and shapes made out; "all at once" as a
  sudden onset; a wound or ulcer gone black; skin that crackles when pressed; a carbon monoxide
  setting; tampons; paracetamol above its daily maximum in grams a day; blisters in a band
  (shingles, which then holds the chest pain in that band at a GP today);
- the rules alone on a development case: a bleed said without its place counts as bleeding in
  pregnancy (a placental abruption at 36 weeks);
- sourced rules: a collapse with a weak limb and sudden dizziness with inability to walk (NHS
  stroke, NICE CKS vertigo), toxic shock (NHS), a painful
  leg with breathlessness in or after pregnancy (NHS DVT).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Presence, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

MAN = Patient(age_years=70, sex=Sex.MALE)
WOMAN = Patient(age_years=24, sex=Sex.FEMALE)
NEW_MOTHER = Patient(age_years=31, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=29, sex=Sex.FEMALE, pregnant=True)


READINGS = [
    ("the sight in my left eye has gone misty", "diminished-vision", set()),
    ("my vision has gone dark", "diminished-vision", set()),
    ("my headache has gone now", None, {"headache"}),
    ("his face has gone droopy", "facial-droop", set()),
    ("his tummy has gone really swollen", "abdominal-distention", set()),
    ("she keeps bringing up brown sick", "vomiting", {"coughing-up-sputum"}),
    ("bringing up green phlegm", "coughing-up-sputum", {"vomiting"}),
    ("he hasn't had a poo or passed wind for two days", "not-passing-wind", {"flatulence"}),
    ("my right leg is numb and weak", "leg-weakness", set()),
    ("I had my baby 9 days ago", "recent-pregnancy", set()),
    ("a shadow creeping up from the lower field", "curtain-over-vision", set()),
    ("his foot ulcer has gone black", "skin-looks-infected", set()),
    ("the skin around it crackles when I press on it", "skin-crepitus", set()),
    ("crackles at both lung bases", "abnormal-breathing-sounds", {"skin-crepitus"}),
    ("we've had the old gas fire on and the whole family has headaches", "carbon-monoxide-exposure", set()),
    ("I've been using tampons this week", "tampon-use", set()),
    ("she has been taking paracetamol, about 6 g a day, for toothache", "overdose", set()),
    ("I take paracetamol 1 g up to four times a day", None, {"overdose"}),
    ("and I've had a little bleed", "bleeding-unspecified", set()),
    ("small blisters on a red base in the same band", "dermatomal-rash", set()),
    ("blisters on my hand", "skin-lesion", {"dermatomal-rash"}),
]


def test_shingles_pain_in_a_band_with_blisters_there_is_a_gp_today(served, detector):
    text = ("burning, tingling pain in a band on the right side of my chest, now blisters on a red base in "
            "the same band, no shortness of breath")
    assert level_of(served, detector, text, MAN) == Urgency.CONSULTATION_24H


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_all_at_once_is_a_sudden_onset(served):
    finding = next(f for f in served.classify("the dizziness came on all at once").findings
                   if f.code == "symptom:dizziness")
    assert finding.onset == "sudden" and finding.presence == Presence.PRESENT


@pytest.mark.parametrize("text,patient", [
    ("he collapsed at home and now his left leg is numb and weak", MAN),
    ("suddenly very dizzy, the room spinning, and he can't walk straight", MAN),
    ("woke up this morning and the sight in my right eye has gone grey, I can only make out light and shapes", MAN),
    ("on my period using tampons, high temperature, being sick and a red rash like sunburn", WOMAN),
    ("had my baby 10 days ago, now out of breath on the stairs and an ache in my left calf", NEW_MOTHER),
    ("his tummy has gone swollen, he is bringing up brown sick and hasn't had a poo or passed wind", MAN),
    ("my bump has gone hard and painful and I've had a little bleed", Patient(age_years=30, sex=Sex.FEMALE,
                                                                            pregnant=True, pregnancy_weeks=35)),
])
def test_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    # dizziness one can walk with, a calf ache without breathlessness, tampons without a fever
    ("dizzy for a few seconds when I turn over in bed, fine walking about", MAN, Urgency.CONSULTATION),
    ("an ache in my calf after the gym", PREGNANT, Urgency.CONSULTATION_24H),
    ("I've been using tampons and have mild period cramps", WOMAN, Urgency.CONSULTATION),
    # a cut that bled is the cut's own self-care
    ("cut my finger on a knife and it had a bit of a bleed, stopped with pressure", WOMAN, Urgency.SELF_CARE),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) <= level


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    ids = {"collapse-with-limb-weakness", "sudden-dizziness-cannot-walk", "toxic-shock-tampon",
           "clot-leg-with-breathlessness-pregnancy"}
    rules = {c["id"]: c for c in raw["combinations"] if c["id"] in ids}
    assert set(rules) == ids
    assert all(r["source"] == "nhs-website" and r["cite"].startswith("NHS: ") for r in rules.values())
