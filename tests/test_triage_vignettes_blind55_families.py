"""Presentation families read from vignettes_blind55, development data written blind in session 20
(eval/README.md, issue #5): a general mix of body systems and ages. Measured unread: 90.0%, 0 of
20 emergencies under-triaged; its partner vignettes_blind54 (90.0%, 0 of 20) stays unread.

Its six misses were over-triage, four of them words read as an emergency they do not describe:

- "door frames and the tiles look bent": a limb out of shape (distorted vision, NHS macular
  degeneration);
- "a burning, tingling pain" before a band of blisters: a burn in an older man (shingles);
- a heart "going all over the place": a muddled mind (an irregular beat);
- "nothing coming out of it" (an ear): someone "out of it";
- "half my office has had the same thing": half a face dropping.

Left: a gallbladder's "really bad pain" that "settles" and is "fine in between" stays an
emergency, because a child's pain that comes and goes and is fine in between can be an
intussusception.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

OLDER_MAN = Patient(age_years=74, sex=Sex.MALE)
WOMAN = Patient(age_years=30, sex=Sex.FEMALE)

READINGS = [
    ("the window frames look wavy and the kitchen tiles look bent in my right eye", "visual-disturbance",
     {"limb-deformity"}),
    ("his wrist looks bent after the fall", "limb-deformity", set()),
    ("a burning, stabbing pain along my ribs on one side", None, {"minor-burn"}),
    ("a burning and tingling feeling in my feet", None, {"minor-burn"}),
    ("burnt my hand on the oven, it's red and blistering", "minor-burn", set()),
    ("my pulse keeps going all over the place", "irregular-heartbeat", {"confusion"}),
    ("she's all over the place mentally since this morning", "confusion", set()),
    ("ear feels blocked, nothing coming out of it", None, {"confusion"}),
    ("he's been out of it all afternoon", "confusion", set()),
    ("half my class has had the same bug", None, {"facial-droop"}),
    ("half my face has dropped", "facial-droop", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_tummy_bug_going_round_the_office_is_self_care(served, detector):
    text = "runny tummy since last night and sick once, keeping fluids down, half my team has it too"
    assert level_of(served, detector, text, WOMAN) == Urgency.SELF_CARE


def test_shingles_burning_pain_in_an_older_man_is_not_a_burn(served, detector):
    text = "a burning, tingling pain round my left side for three days and now a strip of small blisters there"
    level = level_of(served, detector, text, OLDER_MAN)
    assert Urgency.CONSULTATION <= level < Urgency.EMERGENCY


def test_bent_lines_in_one_eye_are_not_an_injury(served, detector):
    text = "over two weeks the door frames look bent in my left eye, no pain"
    assert level_of(served, detector, text, OLDER_MAN) < Urgency.EMERGENCY
    assert level_of(served, detector, "fell off a ladder, my arm looks bent", OLDER_MAN) >= Urgency.EMERGENCY
