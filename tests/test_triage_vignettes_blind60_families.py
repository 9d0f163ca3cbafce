"""Presentation families read from vignettes_blind60, development data written blind in session 22
(eval/README.md, issue #5): injuries, accidents and the environment (falls, cuts, burns and scalds,
bites, chemicals, head knocks, heat, cold, diving, travel). Measured unread: 73.3%, 1 of 20
emergencies under-triaged, self-care 50% (the rules alone 55.0%, 7 of 20).

The emergency missed was an artery cut by an angle grinder: "blood is pumping out in spurts, gone
through two tea towels" read the bleeding as absent ("gone" taken as "went away"). The rules alone
also missed a head knock on warfarin ("caught her head on the side of the bath"), an adder bite
(its "zigzag-patterned" back read as a migraine's zigzags), a toddler scalded by a mug of tea, an
oven spray in the eye (NHS: A&E after rinsing), a toddler who drank drain unblocker. Left: a
diver's decompression illness (no rule), and self-care cases sent to a GP (frostnip's tingling, a
small electric shock's tingling, a sprained finger's swelling).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

READINGS = [
    ("blood is pumping out in spurts, gone through two tea towels already", "severe-bleeding", set()),
    ("the pain has gone, it was only there this morning", None, {"severe-bleeding"}),
    ("she slipped and caught her head on the side of the bath", "head-injury", set()),
    ("felt a sharp bite and a zigzag-patterned snake slid off", "snake-bite", {"visual-disturbance"}),
    ("I've got zigzag lines in my vision", "visual-disturbance", set()),
    ("my 18 month old pulled a mug of fresh tea off the table onto herself", "minor-burn", set()),
    ("the oven spray bounced back into my right eye", "chemical-in-eye", set()),
    ("my 3 year old drank some of the drain unblocker", "overdose", set()),
    ("fell off the climbing frame onto his outstretched hand", "fall", {"major-trauma"}),
    ("fingers warm, pink and moving", None, {"sunburn"}),
    ("removed the tick, just a tiny red dot where it was", None, {"non-blanching-rash"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_an_artery_pumping_blood_is_an_emergency(served, detector):
    man = Patient(age_years=38, sex=Sex.MALE)
    text = ("angle grinder kicked back and caught my forearm. blood is pumping out in spurts, gone through two tea "
            "towels already. feel a bit lightheaded")
    assert level_of(served, detector, text, man) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient", [
    ("She slipped in the bathroom and caught her head on the side of the bath, a lump above her ear, says she's fine.",
     Patient(age_years=82, sex=Sex.FEMALE, medications=("warfarin",))),
    ("Felt a sharp bite and a zigzag-patterned snake slid off. My hand is swollen and I feel sick.",
     Patient(age_years=58, sex=Sex.FEMALE)),
    ("My 18 month old pulled a mug of fresh tea off the table onto herself, her chest is red and blistering.",
     Patient(age_years=1.5, sex=Sex.FEMALE)),
    ("Cleaning the oven and the spray bounced back into my right eye. Rinsed it, still stinging.",
     Patient(age_years=52, sex=Sex.FEMALE)),
    ("My 3 year old drank some of the drain unblocker, he's drooling and won't swallow.",
     Patient(age_years=3, sex=Sex.MALE)),
])
def test_injuries_the_rules_alone_missed_are_emergencies(served, detector, text, patient):
    """NHS pages: head injury on an anticoagulant, snake bites, burns and scalds in a child under 5,
    chemical in the eye, poisoning."""
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


def test_a_fall_off_a_climbing_frame_is_not_major_trauma(served, detector):
    boy = Patient(age_years=8, sex=Sex.MALE)
    text = ("fell off the climbing frame onto his outstretched left hand. Tender and mildly swollen above the wrist, no "
            "deformity, fingers warm, pink and moving")
    assert level_of(served, detector, text, boy) < Urgency.EMERGENCY
