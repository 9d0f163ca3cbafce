"""Presentation families read from vignettes_blind58, development data written blind in session 21
(eval/README.md, issue #5): everyday ailments people ask a pharmacist about, and the look-alikes
that are not minor. Measured unread: 88.3%, 1 of 20 emergencies under-triaged, self-care 90%.

The emergency missed was Stevens-Johnson syndrome after a new epilepsy tablet (a blistering rash,
"mouth and lips covered in painful sores", red gritty eyes): the mouth sores were not read, and the
rash "spreading over my chest" was read, doubtfully, as chest pain. Now a rash or blisters with
mouth sores and sore eyes is an emergency (rules.yaml combination
`blistering-rash-mouth-sores-sore-eyes`, NHS Stevens-Johnson syndrome). Words read as something
else: a cough that "comes in fits" as seizures, a headache that "goes with paracetamol" as an
overdose, a back "low down on the right" as pain moving to the right lower tummy, "the side of my
head is sore" as a head injury. Scalp ringworm ("the hair has broken off") is hair loss, a GP's.
Left as read: giant cell arteritis stays an emergency (BSR: same-day assessment), and 3 days of
earache in a toddler stays self-care (NHS: a GP after 3 days).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

READINGS = [
    ("my mouth and lips are covered in painful sores", "mouth-ulcer", set()),
    ("his gums are full of ulcers", "mouth-ulcer", set()),
    ("a cough for 3 weeks that comes in fits, she coughs till she goes red", "cough", {"seizures"}),
    ("fits of coughing at night", "cough", {"seizures"}),
    ("she's been having fits", "seizures", set()),
    ("a tight band round my head, goes with paracetamol", "band-like-headache", {"overdose"}),
    ("did my back in lifting the mower, low down on the right, stiff and sore", "back-pain",
     {"pain-migrating-to-right-lower-abdomen"}),
    ("the side of my head is sore when I brush my hair", "scalp-tenderness", {"head-injury"}),
    ("I hit the side of my head", "head-injury", set()),
    ("a rash spreading over my chest and face with some blisters", "skin-rash", {"chest-pain"}),
    ("a round scaly patch on her head where the hair has broken off", "too-little-hair", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_blistering_rash_with_mouth_sores_and_sore_eyes_is_an_emergency(served, detector):
    """NHS Stevens-Johnson syndrome: A&E; without sore eyes (hand, foot and mouth) it is not."""
    woman = Patient(age_years=32, sex=Sex.FEMALE)
    text = ("a rash with blisters on my face, my mouth and lips are covered in painful sores "
            "and my eyes are red and gritty")
    assert level_of(served, detector, text, woman) >= Urgency.EMERGENCY
    child = Patient(age_years=3, sex=Sex.MALE)
    hand_foot_and_mouth = "spots on his hands and feet, sores in his mouth, a bit of a temperature"
    assert level_of(served, detector, hand_foot_and_mouth, child) < Urgency.EMERGENCY


def test_scalp_ringworm_is_a_gps(served, detector):
    """NHS ringworm: on the scalp it needs antifungal tablets from a GP, not a cream."""
    girl = Patient(age_years=8, sex=Sex.FEMALE)
    text = "a round scaly patch on the back of her head where the hair has broken off, a bit itchy"
    assert level_of(served, detector, text, girl) == Urgency.CONSULTATION
