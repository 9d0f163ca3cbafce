"""Presentation families read from vignettes_blind21, once vignettes_blind23 stood unread in its place
(eval/README.md, issue #5). Each family is tested with phrasings written here (none copied from the
eval file), beside a look-alike that must keep its own level:

- a cold sore said after "got a" or placed on a lip (the cover had read "got a cold" and a sore);
  its tingling and blisters are the cold sore's (NHS cold sores: self-care);
- a knee that catches or locks after a twist, said in a later sentence: a torn cartilage for a GP,
  not a sprain (NHS knee pain);
- a baby thriving: putting on weight at the weigh-ins beside reassurance (NHS: your baby's weight
  and height); cradle cap said by its looks; a rash placed where the nappy goes;
- reassurance misread: urine "normal amounts" (as polyuria), "drinking well, lots of wees" (as
  polyuria), a child "running round" (as dizziness), a bare "feeding" in a list (as a feeding
  problem), a back pain "across both sides" (as flank pain).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=34, sex=Sex.FEMALE)
OLDER_WOMAN = Patient(age_years=79, sex=Sex.FEMALE)
MAN = Patient(age_years=41, sex=Sex.MALE)
BABY = Patient(age_years=0.15, sex=Sex.FEMALE)
OLDER_BABY = Patient(age_years=0.7, sex=Sex.MALE)
CHILD = Patient(age_years=3, sex=Sex.MALE)

READINGS = [
    ("I've got a cold sore again", "lip-sore", {"coryza"}),
    ("she has a cold sore on her bottom lip", "lip-sore", {"coryza", "skin-lesion"}),
    ("little blisters on the corner of my top lip", "lip-sore", set()),
    ("keeping drinks down and passing normal amounts of urine", None, {"polyuria"}),
    ("drinking well and plenty of wees", None, {"polyuria"}),
    ("drinking loads and weeing loads", "polyuria", set()),
    ("he's been running round the garden all morning", None, {"dizziness"}),
    ("the room keeps going round", "dizziness", set()),
    ("hurt my knee at football. Now and then it clicks and locks till I wiggle it", "knee-stiffness-or-tightness", set()),
    ("sometimes it catches and gets stuck for a second", "knee-stiffness-or-tightness", set()),
    ("thick yellow greasy scales on his scalp", "dry-or-flaky-scalp", set()),
    ("red raw skin where her nappy goes", "diaper-rash", {"sunburn"}),
    ("he's smiley, feeding, wet nappies", None, {"infant-feeding-problem"}),
    ("she's not feeding, and she's floppy", "infant-feeding-problem", set()),
    ("he's feeding less than usual", "infant-feeding-problem", set()),
    ("back ache across both sides after digging", None, {"side-pain"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("my mum's got a cold sore on her lip, it tingled first and now it's blistered, she gets them most years",
     OLDER_WOMAN),
    ("tingling then small blisters on the edge of my lip, same as every winter", WOMAN),
    ("yellow greasy flakes on her scalp, doesn't bother her, feeding well and putting on weight, no temperature",
     BABY),
    ("sore red rash where his nappy goes, not in the creases, happy, feeding, no temperature", OLDER_BABY),
    ("runny poos for two days and sick once, drinking well, lots of wees, running round now, no temperature",
     CHILD),
    ("low back ache across both sides since lifting a sofa, no leg pain or numbness, walking about", MAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


def test_a_knee_that_locks_after_a_twist_sees_a_gp(served, detector):
    text = "twisted my knee at netball, it swelled. I can walk, but every so often it catches and feels stuck"
    assert level_of(served, detector, text, WOMAN) == Urgency.CONSULTATION


@pytest.mark.parametrize("text,patient,level", [
    # weight put on beside a swollen tummy or a baby not feeding keeps its check; the infant floor stands
    ("putting on weight but her tummy looks swollen", BABY, Urgency.CONSULTATION),
    ("putting on weight, but not feeding well today", OLDER_BABY, Urgency.CONSULTATION),
    # a cold sore with a fever keeps the fever's own reading in a baby under 3 months
    ("a cold sore on her lip and a temperature of 38.4", BABY, Urgency.EMERGENCY),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level
