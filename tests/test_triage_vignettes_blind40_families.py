"""Presentation families read from vignettes_blind40, development data written blind in session 17
(eval/README.md, issue #5): 60 short notes by nurses and call handlers with the observations written
in the text ("sats 89% RA", "BM 2.1"). Measured unread first: no emergency under-triaged; its misses
were readings. Phrasings written here, beside look-alikes that keep their reading or level:

- a red, warm patch of skin is skin that looks infected (NHS cellulitis), not dry skin;
- "passing urine" said as reassurance ("keeping fluids down, passing urine") is not passing it often,
  while "passing urine more often" and "pain passing urine" keep their readings;
- thrush recognised from before covers an itchy vulva too (NHS thrush: a pharmacist's antifungal);
- "fine" after "but" with words of its own ("short of breath if I rush up the stairs but fine sitting
  down") is another circumstance, not a denial of what came before ("a rash but fine now" still is),
  and rushing up the stairs is a yardstick, not a finding.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads, present
from tests.support.triage import level_of, meets

WOMAN = Patient(age_years=29, sex=Sex.FEMALE)
MAN = Patient(age_years=55, sex=Sex.MALE)

READINGS = [
    ("red warm patch on her left shin since a scratch", "skin-looks-infected", {"skin-dryness-peeling-scaliness-or-roughness"}),
    ("a warm red area on my forearm, spreading", "skin-looks-infected", set()),
    ("keeping fluids down, passing urine, no blood", None, {"frequent-urination"}),
    ("passing urine fine", None, {"frequent-urination"}),
    ("passing urine more often than usual", "frequent-urination", set()),
    ("burning when passing urine", "painful-urination", set()),
    ("a bit short of breath if I rush up the stairs but fine sitting down", "shortness-of-breath", {"muscle-weakness"}),
    ("had a rash but fine now", None, {"skin-rash"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_fine_after_but_still_denies_when_nothing_follows(served):
    assert "skin-rash" not in present(served, "had a rash last week but fine")


@pytest.mark.parametrize("text,patient,level", [
    ("itchy vulva, thick white discharge, no smell, had thrush before and it feels the same", WOMAN, Urgency.SELF_CARE),
    ("loose stools four times and vomited once since yesterday, keeping fluids down, passing urine", MAN,
     Urgency.SELF_CARE),
    ("red warm patch on my shin after a scratch, spreading slightly, otherwise well", MAN, Urgency.CONSULTATION),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
