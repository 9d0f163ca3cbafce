"""Presentation families read from blind set 7's misses (eval/README.md): waters breaking in
pregnancy, green vomit said as a colour ("been sick and it's bright green"), an injured limb out
of shape or gone pale and cold, and, on the self-care side, cradle cap, a baby "gaining weight"
and the white of an eye named only as a place. Each reading sits beside a look-alike that must
keep its own reading, and each new rule is sourced."""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads, present
from tests.support.triage import assessor, symptom

PREGNANT = Patient(age_years=26, sex=Sex.FEMALE, pregnant=True)
CHILD = Patient(age_years=6, sex=Sex.MALE)
BABY = Patient(age_years=0.15, sex=Sex.FEMALE)


# (text, concept that must be read, concepts that must not be read)
READINGS = [
    ("29 weeks and clear water trickling down my legs since I got up", "waters-breaking", {"peripheral-edema"}),
    ("I think my waters have gone", "waters-breaking", set()),
    ("having contractions every five minutes", "uterine-contractions", {"waters-breaking"}),
    # vomit called green is bile; green phlegm or snot beside vomiting is not; "not green" is not
    ("3 week old, he's been sick 3 times and it's bright green", "bilious-vomiting", {"vomiting"}),
    ("she's been sick twice and now the vomit is green", "bilious-vomiting", set()),
    ("been sick once and coughing up green phlegm", "vomiting", {"bilious-vomiting"}),
    ("vomiting after every feed, it shoots across the room, not green", "vomiting", {"bilious-vomiting"}),
    ("been sick and my snot is green", "vomiting", {"bilious-vomiting"}),
    ("his tummy looks a bit bigger than usual", "abdominal-distention", set()),
    # an injured limb out of shape, a hand gone pale and cold
    ("fell on his arm, his elbow looks the wrong shape", "limb-deformity", set()),
    ("her wrist is bent at a funny angle after the fall", "limb-deformity", set()),
    ("his hand's pale and cold and his fingers are tingly", "cold-pale-limb", {"pallor"}),
    ("she looks pale and tired", "pallor", {"cold-pale-limb"}),
    # cradle cap is a flaky scalp; a red patch on the white of the eye is a burst vessel
    ("greasy yellow crusty scales on her scalp", "dry-or-flaky-scalp", set()),
    ("bright red patch on the white of my eye, doesn't hurt", "bleeding-from-eye", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_the_white_of_the_eye_named_as_a_place_is_no_bleed(served):
    text = "left eye watery since birth, the white of the eye isn't red and he's feeding well"
    assert "bleeding-from-eye" not in present(served, text)


def test_new_red_flags_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    flags = {f["token"]: f for f in raw["red_flags"]}
    for token in ("waters-breaking", "limb-deformity"):
        assert flags[token]["level"] == "EMERGENCY"
        assert flags[token]["source"] in raw["sources"] and flags[token]["label"]


def test_waters_breaking_is_an_emergency(detector):
    result = assessor(PREGNANT)(detector, [symptom("waters-breaking")])
    assert result.level == Urgency.EMERGENCY
    assert any("waters breaking" in r for r in result.reasons)


def test_an_injured_limb_out_of_shape_is_an_emergency_and_swelling_alone_is_not(detector):
    assess = assessor(CHILD)
    assert assess(detector, [symptom("elbow-swelling"), symptom("limb-deformity")]).level == Urgency.EMERGENCY
    assert assess(detector, [symptom("elbow-swelling")]).level < Urgency.EMERGENCY


def test_green_vomit_in_a_baby_is_an_emergency(detector):
    assert assessor(BABY)(detector, [symptom("bilious-vomiting")]).level == Urgency.EMERGENCY


def test_a_baby_gaining_weight_does_not_hold_the_under_1_floor(detector):
    assess = assessor(BABY)
    floor = "infant under 1 year"
    thriving = assess(detector, [symptom("infant-spitting-up"), symptom("weight-gain")])
    assert not any(floor in r for r in thriving.reasons), thriving.reasons
    # a sign that is not on the baby exemptions still holds it
    unsure = assess(detector, [symptom("weight-gain"), symptom("changes-in-stool-appearance")])
    assert any(floor in r for r in unsure.reasons) and unsure.level >= Urgency.CONSULTATION
