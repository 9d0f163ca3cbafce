"""Presentation families read from vignettes_blind59, development data written blind in session 21
(eval/README.md, issue #5): sexual and reproductive health for women and men, typed when
embarrassed or worried. Measured unread: 80.0%, 1 of 20 emergencies under-triaged, self-care 60%
(the rules alone 65.0%, 5 of 20).

The emergency missed was a penile fracture ("heard a crack during sex and lost the erection,
swollen, purple and bent"): now a red flag (rules.yaml, EAU urological trauma). A painless lump on
a testicle and warts on the penis were not read at all when words stood between the lump and the
testicle ("a hard lump on the front of my left testicle"), so they were self-care; a mother "still
bleeding a bit" 12 days after a birth was read as a haemorrhage (999). Spotting in the first
months of a pill is self-care (rules.yaml explanation `spotting-on-a-new-pill`, NHS). Left: the
self-care cases sent to a GP (pearly penile papules, dribbling after a wee,
a lower-hanging testicle, groin ringworm after gym sessions "in hot weather", recurrent
cystitis) and piles in pregnancy sent to the midwife for itching.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

READINGS = [
    ("heard a crack during sex last night and lost the erection straight away", "penis-snapped-during-sex", set()),
    ("I felt a pop in my knee playing football", None, {"penis-snapped-during-sex"}),
    ("found a hard lump on the front of my left testicle in the shower", "mass-in-scrotum", set()),
    ("few small fleshy bumps on the shaft of my penis", "bumps-on-penis", set()),
    ("12 days after my baby, still bleeding a bit but lighter each day", None, {"severe-bleeding"}),
    ("the cut won't stop bleeding", "severe-bleeding", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_crack_of_the_penis_during_sex_is_an_emergency(served, detector):
    """EAU urological trauma: a penile fracture is repaired by surgery straight away."""
    man = Patient(age_years=29, sex=Sex.MALE)
    text = "heard a crack during sex and lost the erection, now it's swollen, purple and bent to one side"
    assert level_of(served, detector, text, man) >= Urgency.EMERGENCY


def test_a_painless_lump_on_a_testicle_is_never_self_care(served, detector):
    """NHS lumps and swellings in the testicles: see a GP."""
    man = Patient(age_years=27, sex=Sex.MALE)
    text = "found a hard lump on the front of my left testicle, doesn't hurt at all"
    assert level_of(served, detector, text, man) > Urgency.SELF_CARE


def test_spotting_in_the_first_months_of_a_pill_is_self_care(served, detector):
    """NHS combined and progestogen-only pill: common at first; with pain it is not (session 21)."""
    woman = Patient(age_years=23, sex=Sex.FEMALE)
    text = "started the pill last month and I keep getting light spotting between periods, no pain"
    assert level_of(served, detector, text, woman) == Urgency.SELF_CARE
    assert level_of(served, detector, "started the pill last month, spotting between periods and pain low in my tummy",
                    woman) > Urgency.SELF_CARE
