"""Presentation families read from vignettes_blind24, emergency-heavy development data for the kinds
the vignette test split was seen to miss (aortic dissection, pulmonary embolism, appendicitis, early
pregnancy, malaria) and their look-alikes (eval/README.md, issue #5). Each family is tested with
phrasings written here (none copied from the eval file), beside a look-alike that must keep its
own level:

- appendicitis told by a child's behaviour: holding the tummy, a cry at a speed bump (the jolt), a
  scream when the tummy is touched (NHS peritonitis); guarding placed on the tummy in clinical notes;
- a pulmonary embolism after a leg in plaster (NICE NG158), said as a breath that will not come and
  a heart fluttering "all over the place" (not confusion);
- malaria after a stay in a city where it is endemic ("visiting family in Lagos");
- trapped wind: tummy pain with wind, no vomiting or fever (NHS stomach ache: self-care);
- a size is no severity ("a massive bean chilli", "lifting heavy boxes");
- readings: weeing that burns said of someone else, needing to go every half hour, urine that
  smells; a heart that skips a beat; a blood pressure taken (not raised); the middle of a cycle (not
  bleeding); a baby crawling about (not pins and needles); rehydration drinks (not thirst).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

BOY = Patient(age_years=8, sex=Sex.MALE)
GIRL = Patient(age_years=5, sex=Sex.FEMALE)
OLDER_WOMAN = Patient(age_years=74, sex=Sex.FEMALE)
WOMAN = Patient(age_years=59, sex=Sex.FEMALE)
MAN = Patient(age_years=42, sex=Sex.MALE)
TEENAGER = Patient(age_years=16, sex=Sex.MALE)

READINGS = [
    ("he keeps holding the bottom part of his tummy", "abdominal-pain", set()),
    ("she yelled when we drove over a pothole", "pain-worse-on-jolting", set()),
    ("he cries if anyone touches his tummy", "peritonism", set()),
    ("o/e tender RLQ with rebound", "peritonism", set()),
    ("guarding in the right iliac fossa", "peritonism", set()),
    ("he's guarding his sore wrist", None, {"peritonism"}),
    ("she can't take a deep breath even lying down", "shortness-of-breath", set()),
    ("his heart keeps fluttering all over the place", "palpitations", {"confusion"}),
    ("my heart sometimes misses a beat", "palpitations", set()),
    ("it stings when he wees", "painful-urination", set()),
    ("she has to go every hour and only a dribble comes out", "frequent-urination", set()),
    ("he passes water often and his wee smells really strong", "unusual-color-or-odor-to-urine", set()),
    ("the nurse checked her blood pressure and it was fine", None, {"raised-blood-pressure-reading"}),
    ("a dull ache on one side halfway through my cycle", None, {"intermenstrual-bleeding"}),
    ("spotting in the middle of my cycle", "intermenstrual-bleeding", set()),
    ("she's crawling around and babbling", None, {"paresthesia"}),
    ("a crawling feeling under my skin", "paresthesia", set()),
    ("drinking lots of water and rehydration sachets", None, {"thirst"}),
    ("came back from a wedding in Accra last week", "travel-to-malaria-area", set()),
    ("she struggled to get to the toilet this morning", "weakness", {"fall"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("sick twice yesterday and off his food, now walking bent over holding the right side of his tummy, "
     "and he cried when we went over a speed bump", BOY),
    ("temperature and been sick, lying still on the sofa and she screams if you touch her tummy", GIRL),
    ("3 days vague lower abdo pain, now tender RIF with guarding, not vomiting", OLDER_WOMAN),
    ("broke her ankle a fortnight ago, in a plaster, and tonight she can't get a proper breath", WOMAN),
    ("shivers and sweats coming in waves and a banging headache since I got back from visiting family in Lagos", MAN),
])
def test_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


def test_trapped_wind_is_self_care(served, detector):
    text = ("crampy tummy pains on and off tonight after a massive curry, better whenever he passes wind, "
            "not been sick, no temperature")
    assert level_of(served, detector, text, TEENAGER) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # wind beside vomiting, or beside pain settling low on the right, keeps the pain's own reading
    ("tummy pain and passing lots of wind, and he's been sick twice", TEENAGER, Urgency.CONSULTATION),
    ("pain low on the right of my tummy, passing wind, no fever", TEENAGER, Urgency.CONSULTATION),
    # an arm in plaster with a cough and no breathlessness is no clot picture
    ("my arm is in a cast and I've got a tickly cough", MAN, Urgency.SELF_CARE),
])
def test_look_alikes(served, detector, text, patient, level):
    found = level_of(served, detector, text, patient)
    assert found >= level if level > Urgency.SELF_CARE else found == level


def test_a_size_is_no_severity(served):
    (pain,) = [f for f in served.classify("crampy tummy ache after a massive bean chilli").findings]
    assert pain.severity == ""
    (headache,) = [f for f in served.classify("a massive headache since lunch").findings]
    assert headache.severity == "severe"
    lifted = [f for f in served.classify("back ache after lifting heavy boxes").findings if f.severity]
    assert lifted == []
