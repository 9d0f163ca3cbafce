"""Everyday self-care complaints told in short first-person variants written here (issue #5), each
beside a look-alike that keeps its own level: a verruca (NHS warts and verrucas), a toddler grumpy
with a cold (NHS coughs and colds in children), thrush "again" (NHS thrush); and shingles named,
which had been read as a rash and a back ache (self-care)."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.triage import level_of

WOMAN = Patient(age_years=30, sex=Sex.FEMALE)
TODDLER = Patient(age_years=1.5, sex=Sex.FEMALE)


@pytest.mark.parametrize("text,patient", [
    ("verruca on the sole of my foot, a bit sore when I walk", WOMAN),
    ("runny nose and a bit grumpy, feeding well, no fever", TODDLER),
    ("thrush again, itchy with a white discharge, same as before", WOMAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # grumpy with a cold and a fever of 39 under 3 months is not a cold's
    ("runny nose and grumpy, temperature 39", Patient(age_years=0.2, sex=Sex.MALE), Urgency.EMERGENCY),
    # shingles named is a GP's within a day for antivirals (NHS shingles), not a rash and a back ache
    ("shingles rash on one side of my back, painful", Patient(age_years=66, sex=Sex.MALE), Urgency.CONSULTATION_24H),
    # thrush again in pregnancy is a GP's or midwife's (NHS thrush)
    ("thrush again, itchy with a white discharge", Patient(age_years=30, sex=Sex.FEMALE, pregnant=True),
     Urgency.CONSULTATION),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level
