"""A bite or scratch from a bat needs the rabies vaccine at once (NHS rabies: A&E), whatever else is
said; a bat that bit nobody, or a cricket bat, is not one (issue #5: the must-not-miss rabies case
was triaged as an emergency only through a misreading)."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

ADULT = Patient(age_years=34, sex=Sex.FEMALE)


@pytest.mark.parametrize("text,expected,not_expected", [
    ("a bat flew into me and bit my hand last month", "bat-bite", set()),
    ("my son was bitten by a bat while camping", "bat-bite", set()),
    ("a bat got into the loft", None, {"bat-bite"}),
    ("he was hit on the head with a cricket bat", None, {"bat-bite"}),
    ("someone smacked me with a bat", None, {"bat-bite"}),
])
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text", [
    "a bat bit my finger last night, it's only a tiny scratch and I feel fine",
    "a bat flew into me and bit my hand last month, now the bite tingles and I have a temperature",
])
def test_a_bat_bite_is_an_emergency(served, detector, text):
    assert level_of(served, detector, text, ADULT) >= Urgency.EMERGENCY
