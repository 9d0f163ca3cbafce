"""Burns and scalds (NHS "burns and scalds"): a small burn cooled under running water is cared for at
home; a burn that blisters, turns the skin white or charred or is very painful, and any burn in a
child under 5, someone over 60 or a pregnant woman, goes to A&E; a severe burn is a 999 call. Before
the `minor-burn` concept, every scald was read as a severe burn."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

ADULT = Patient(age_years=33, sex=Sex.FEMALE)


@pytest.mark.parametrize("text,expected,not_expected", [
    ("splashed boiling water on the back of my hand", "minor-burn", {"severe-burn"}),
    ("I scalded my arm with a cup of tea", "minor-burn", {"severe-burn"}),
    ("burnt my finger on the oven door", "minor-burn", set()),
    ("he was badly burned in a house fire", "severe-burn", {"minor-burn"}),
    # everyday words near a burn's
    ("my elbow hurts when I lift the kettle", None, {"severe-burn", "minor-burn"}),
    ("the skin between my toes is white and soggy", None, {"severe-burn", "minor-burn"}),
    ("a burning pain when I wee", None, {"minor-burn"}),
])
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_small_scald_cooled_at_home_is_self_care(served, detector):
    text = "splashed boiling water on the back of my hand, held it under the cold tap, red and stings, no blisters"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient", [
    ("scalded my arm with tea and now it's blistered", ADULT),
    ("burnt my finger on the oven", Patient(age_years=3, sex=Sex.MALE)),
    ("burnt my finger on the oven", Patient(age_years=72, sex=Sex.FEMALE)),
    ("burnt my finger on the oven", Patient(age_years=29, sex=Sex.FEMALE, pregnant=True)),
])
def test_a_burn_for_a_and_e(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.EMERGENCY


def test_a_severe_burn_is_a_999_call(served, detector):
    assert level_of(served, detector, "badly burned his chest and arms", ADULT) == Urgency.EMERGENCY_AMBULANCE
