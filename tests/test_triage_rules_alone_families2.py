"""More presentation families the rules alone missed on the development files (issue #5: no
emergency under-triaged without leaning on the learned complaint screen; session 9: the rules alone
11 -> 5 under leave-one-file-out). Each family is tested with phrasings written here (none copied
from the eval files), beside a look-alike that must keep its lower level:

- a pulsing lump or throbbing in the tummy with tummy or back pain (NHS abdominal aortic aneurysm);
- sudden back or chest pain, then a leg numb or weak (ESC 2014: dissection with a neurological
  deficit, or a spinal cord emergency);
- weakness spreading up from the feet (NHS Guillain-Barre syndrome);
- spasms or panic on trying to drink (NHS rabies);
- a blood potassium of 6.5 or more said with its number (UK Kidney Association 2020);
- a wound whose skin crackles when pressed (NHS gangrene: gas gangrene);
- the baby "hardly moving" said with an apostrophe.
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

OLDER_MAN = Patient(age_years=77, sex=Sex.MALE, history=("high blood pressure",))
WOMAN = Patient(age_years=62, sex=Sex.FEMALE)
MAN = Patient(age_years=41, sex=Sex.MALE)
KIDNEYS = Patient(age_years=70, sex=Sex.FEMALE, history=("chronic kidney disease",),
                  medications=("spironolactone", "ramipril"))
PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)


READINGS = [
    ("he can feel something throbbing in his belly like a second heartbeat", "pulsating-abdominal-mass", set()),
    ("the weakness is spreading up my legs", "ascending-weakness", set()),
    ("a spotty rash on her hands and the soles of her feet", None, {"ascending-weakness"}),
    ("he gets spasms when he tries to drink", "hydrophobia", set()),
    ("the surgery rang to say my potassium is 7.1", "severe-hyperkalaemia-result", set()),
    ("my potassium was 4.2 at the last check", None, {"severe-hyperkalaemia-result"}),
    ("potassium 6 days ago was fine", None, {"severe-hyperkalaemia-result"}),
    ("34 weeks and the baby's hardly moving", "reduced-fetal-movements", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient,level", [
    ("a dull ache in his tummy going through to his back since this morning, and a throbbing in his belly "
     "like a second heartbeat", OLDER_MAN, Urgency.EMERGENCY_AMBULANCE),
    ("a sudden ripping pain in her upper back, then her left leg went numb and she couldn't stand", WOMAN,
     Urgency.EMERGENCY_AMBULANCE),
    ("tingling in both feet three days ago and now the weakness is spreading up my legs", MAN, Urgency.EMERGENCY),
    ("bitten by a stray dog abroad two months ago, now a fever and spasms when he tries to drink", MAN,
     Urgency.EMERGENCY_AMBULANCE),
    ("the surgery rang to say my potassium is 7.1 and my legs feel weak", KIDNEYS, Urgency.EMERGENCY),
    ("a crush wound to the thigh two days ago, very painful and swollen, and the skin crackles when pressed",
     MAN, Urgency.EMERGENCY),
])
def test_emergencies(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


@pytest.mark.parametrize("text,patient", [
    # tummy and back ache without a pulsing lump; back pain that came on slowly with numb toes
    ("a dull ache in my tummy and lower back for a week", OLDER_MAN),
    ("my lower back has ached for a month and my toes sometimes tingle", WOMAN),
    # a potassium that is normal or only a little high
    ("the surgery rang to say my potassium is 5.6 and they want to repeat it", KIDNEYS),
])
def test_look_alikes_are_not_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) < Urgency.EMERGENCY


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    flags = {f["token"]: f for f in raw["red_flags"]}
    assert flags["hydrophobia"]["cite"] == "NHS: rabies"
    assert flags["ascending-weakness"]["cite"] == "NHS: Guillain-Barre syndrome"
    assert flags["severe-hyperkalaemia-result"]["source"] == "ukka-2020-hyperkalaemia"
    combos = {c["id"]: c for c in raw["combinations"]}
    assert combos["pulsating-mass-with-pain"]["cite"].startswith("NHS: abdominal aortic aneurysm")
    assert combos["sudden-back-pain-then-leg-neurology"]["source"] == "esc-2014-aortic"
    assert combos["wound-with-crepitus"]["cite"].startswith("NHS: gangrene")
