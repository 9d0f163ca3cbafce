"""Presentation families read from vignettes_blind29, emergencies told as minor complaints and their
look-alikes (session 13, eval/README.md, issue #5). Each family is tested with phrasings written
here (none copied from the eval file), beside a look-alike that must keep its own level:

- a limb injury "only a pulled muscle" whose pain screams when the toes are moved, with tingling
  or numbness: compartment syndrome (NHS: A&E); painkillers "not touching" a period pain or a
  sciatica is no such sign;
- "only a nosebleed" on warfarin with light-headedness or swallowing blood (NHS nosebleed: A&E);
- "a rash" whose skin comes away (NHS Stevens-Johnson syndrome);
- "period pain" that is a bad pain low down on one side with vomiting (read as nothing before);
- reassurance misread: a foot "warm and pink" (a cold, pale limb), the mum's tiredness (the
  baby's), which painkillers are best (misuse), a normal blood pressure taken at the pharmacy (a
  raised reading), a period that came when expected (an irregular one), a question about taking
  two medicines together (an overdose); a baby's long crying spells are colic's.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

YOUNG_MAN = Patient(age_years=24, sex=Sex.MALE)
GIRL = Patient(age_years=14, sex=Sex.FEMALE)
WOMAN = Patient(age_years=20, sex=Sex.FEMALE)
OLDER_MAN = Patient(age_years=78, sex=Sex.MALE, medications=("warfarin",))
OLDER_WOMAN = Patient(age_years=70, sex=Sex.FEMALE)

READINGS = [
    ("he screams when his toes are moved", "pain-out-of-proportion", set()),
    ("paracetamol isn't touching it", None, {"pain-out-of-proportion"}),
    ("the skin is coming away when she dries herself", "skin-coming-away", set()),
    ("really bad pain low down on the left", "lower-abdominal-pain", set()),
    ("her foot is warm and pink", None, {"cold-pale-limb"}),
    ("mum is exhausted but coping with the baby", None, {"fatigue"}),
    ("what painkillers are best for this?", None, {"drug-abuse"}),
    ("BP at the pharmacy 121/76", None, {"raised-blood-pressure-reading"}),
    ("my period came on time", None, {"irregular-menstrual-flow"}),
    ("can I take ibuprofen and paracetamol together?", None, {"overdose"}),
    ("crying 3 hours every evening", "irritable-infant", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("says it's a pulled muscle after a tackle, calf rock hard, screams when his toes are moved, foot tingly and numb",
     YOUNG_MAN),
    ("nosebleed for 40 minutes, pinched it twice, still going, he feels lightheaded", OLDER_MAN),
    ("a rash after starting a new tablet, now blisters and the skin is coming away, mouth sore", OLDER_WOMAN),
    ("she says period pain but came on suddenly, really bad pain low down on the right, been sick three times",
     GIRL),
])
def test_emergency(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient", [
    ("period pain on day one like every month, cramps low in my tummy, period came on time, "
     "can I take paracetamol with the ibuprofen?", WOMAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


def test_a_nosebleed_that_stopped_is_no_emergency(served, detector):
    text = "nosebleed this morning, stopped after ten minutes of pinching, no further bleeding"
    assert level_of(served, detector, text, Patient(age_years=40, sex=Sex.MALE)) == Urgency.SELF_CARE
