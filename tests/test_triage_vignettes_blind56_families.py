"""Presentation families read from vignettes_blind56, development data written blind in session 20
(eval/README.md, issue #5): women's health in everyday, vague and embarrassed words. Measured
unread: 73.3%, 0 of 20 emergencies under-triaged, self-care 45% (with the complaint screen as
trained before session 20: 63.3%, 3 of 20).

Its non-emergencies sent to A&E were mostly red flags the phrase encoder read from near phrases
("I can't shift" as weakness, "ruining my life" as suicidal thoughts, "like sitting on a small
ball" as numbness down below, periods "all over the place" as confusion): rules.yaml
findings.low_confidence_red_flag (tests/test_emergency_low_confidence_red_flag.py) and the readings
below; premenstrual moods, bloating and spots are self-care (rules.yaml explanation
`premenstrual-syndrome`, NHS PMS). Left as read: uncomplicated cystitis (the blind sets' writers
disagree whether it is self-care or a GP's), a missed pill, piles after a birth, normal discharge
and engorgement, which stay at a routine consultation. Session 21: spotting and feeling sick after
the morning after pill are its common side effects (rules.yaml explanation
`emergency-contraception-side-effects`, NHS).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

READINGS = [
    ("my periods are a nightmare, they're all over the place, sometimes 2 weeks apart, sometimes 6",
     "irregular-menstrual-flow", {"confusion"}),
    ("mum's been all over the place since this morning, doesn't know what day it is", None,
     {"irregular-menstrual-flow"}),
    ("a bit itchy down below since the new bubble bath, no change in discharge", None, {"vaginal-discharge"}),
    ("my discharge has changed colour and smells", "vaginal-discharge", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_premenstrual_moods_bloating_and_spots_are_self_care(served, detector):
    """NHS PMS: self-help first; thoughts of suicide keep their own reading."""
    woman = Patient(age_years=33, sex=Sex.FEMALE)
    text = "every month I'm moody before my period, bloated and weepy, and my skin breaks out, it goes when my period starts"
    assert level_of(served, detector, text, woman) == Urgency.SELF_CARE
    assert level_of(served, detector, text + ", and I've had thoughts of ending my life", woman) >= Urgency.EMERGENCY


def test_spotting_and_feeling_sick_after_the_morning_after_pill_is_self_care(served, detector):
    """NHS morning after pill: common side effects (session 21); pain low in the tummy is a GP's or
    more (an ectopic pregnancy), never self-care."""
    woman = Patient(age_years=24, sex=Sex.FEMALE)
    text = "took the morning after pill yesterday after the condom came off, today I feel a bit sick and have a little spotting"
    assert level_of(served, detector, text, woman) == Urgency.SELF_CARE
    assert level_of(served, detector, "took the morning after pill 2 days ago and now I have pain low in my tummy",
                    woman) > Urgency.SELF_CARE
