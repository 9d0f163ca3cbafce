"""Emergencies the rule library missed without the complaint screen in short variants written in
session 13 (issue #5: the screen caught each, but the rules must not depend on it), each beside a
look-alike that must keep its own level:

- too much of a medicine taken by mistake ("took double my insulin");
- a cancer said in the text with back pain and weak legs (NICE NG234), "had" being no history that
  puts it out of date;
- heavy bleeding or clots after a birth (NHS postpartum haemorrhage: 999);
- a feverish child drooling and leaning forward (NHS epiglottitis);
- an itch with a throat that feels like it is closing (anaphylaxis, RCUK 2021);
- a load of someone else's tablets, three words between the amount and the tablets;
- pain between the shoulder blades that came on suddenly with a faint (aortic dissection);
- pain localised to the right lower quadrant with vomiting (appendicitis);
- a child found with someone's tablets, some missing (triage_blind8's miss);
- drowsiness with slow or shallow breathing on an opioid said in the text or on record (NHS
  morphine: 999), not a snorer's slow breathing at night;
- a spot's yellow head is no jaundice.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=56, sex=Sex.FEMALE)
NEW_MOTHER = Patient(age_years=30, sex=Sex.FEMALE)
CHILD = Patient(age_years=4, sex=Sex.MALE)
TEEN = Patient(age_years=15, sex=Sex.MALE)
MAN = Patient(age_years=61, sex=Sex.MALE)
GIRL = Patient(age_years=9, sex=Sex.FEMALE)
ADULT = Patient(age_years=35, sex=Sex.FEMALE)


@pytest.mark.parametrize("text,patient", [
    ("took double my insulin by mistake tonight, feel ok for now", ADULT),
    ("had bowel cancer two years ago, now bad back pain and my legs have gone weak", WOMAN),
    ("had the baby 5 days ago and I'm soaking a pad every hour with big clots", NEW_MOTHER),
    ("high temperature, drooling, won't lie down and sits leaning forward", CHILD),
    ("ate prawns an hour ago, itchy all over and my throat feels like it's closing", ADULT),
    ("he took a load of his dad's sleeping tablets, very drowsy", TEEN),
    ("sudden pain between my shoulder blades an hour ago and I felt faint", MAN),
    ("tummy ache since yesterday, now localised to the right lower quadrant, vomiting", GIRL),
    # drowsy with slow breathing on an opioid (NHS morphine: 999)
    ("mum keeps nodding off mid-sentence and her breathing is slow, she takes morphine for her hip",
     Patient(age_years=81, sex=Sex.FEMALE)),
    # found with someone's medicines (NHS: a child who may have swallowed medicine goes to A&E)
    ("found my toddler with nan's heart tablets, the pot was open and a few are missing, he seems fine",
     Patient(age_years=2, sex=Sex.MALE)),
])
def test_the_rules_alone_call_it_an_emergency(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient", [
    ("took my insulin as usual tonight, sugars fine", ADULT),
    ("had breast cancer ten years ago, all clear, now a stiff lower back after gardening", WOMAN),
    ("had the baby 2 weeks ago, still some light brown bleeding, getting less", NEW_MOTHER),
    ("sore throat and a temperature, eating ice cream fine, no drooling", CHILD),
    ("itchy throat and sneezing every spring", ADULT),
    ("takes co-codamol for her knees, a bit sleepy after lunch, breathing fine", Patient(age_years=81, sex=Sex.FEMALE)),
    ("he snores, is sleepy all day and his breathing is slow at night", MAN),
])
def test_look_alikes_stay_below_emergency(served, detector, text, patient):
    assert level_of(served, detector, text, patient) < Urgency.EMERGENCY


def test_a_spots_yellow_head_is_no_jaundice(served):
    assert_reads(served, "a red lump on my eyelid like a pimple with a yellow head", None, {"jaundice"})
