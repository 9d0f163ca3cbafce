"""Presentation families read from vignettes_blind38, development data written blind in session 16
(eval/README.md, issue #5): 40 emergencies of many kinds told as short clinical vignettes, beside 20
look-alikes. Phrasings written here, beside look-alikes that keep their level:

- a blood potassium of 6.5 or more written "K+ 7.2" (the tokenizer spaces the plus) is severe
  hyperkalaemia like "potassium 7.2" (UK Kidney Association 2020);
- jaundice in a baby's first 24 hours needs an urgent review (NICE CG98);
- a blood pressure of 140/90 or more in pregnancy with pain below the ribs, a headache, vision problems
  or vomiting is pre-eclampsia with a severe feature, assessed at once (NICE NG133);
- "her typical ... headache" and "usual zigzag lights" are a migraine like the usual ones (NHS
  migraine), and the headache and the aura keep their own readings;
- packets of tablets swallowed at once are an overdose, however few the packets (the encoder alone
  had read one development case, and lost it when concepts were added);
- pressing "the spot" that is sore is tenderness on pressing, not a rash's spot.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

NEWBORN = Patient(age_years=0.0015, sex=Sex.MALE)
BABY = Patient(age_years=0.02, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=70, sex=Sex.MALE)
PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
MIGRAINEUR = Patient(age_years=30, sex=Sex.FEMALE, history=("migraine with aura",))
RAISED_BP = Vitals(systolic_bp=148, diastolic_bp=94)

READINGS = [
    ("K+ 7.2 on today's bloods", "severe-hyperkalaemia-result", set()),
    ("potassium was 6.8 this morning", "severe-hyperkalaemia-result", set()),
    ("potassium 4.9, normal", None, {"severe-hyperkalaemia-result"}),
    ("her usual zigzag lights then her typical throbbing headache", "usual-migraine", set()),
    ("her usual zigzag lights then her typical throbbing headache", "visual-disturbance", set()),
    ("her usual zigzag lights then her typical throbbing headache", "headache", set()),
    ("she swallowed two packets of paracetamol after a row", "overdose", set()),
    ("sore when twisting or pressing the spot", "tender-on-pressing", {"skin-rash"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_usual_migraine_is_self_care(served, detector):
    text = "known migraine with aura, her usual zigzag lights for 20 minutes then her typical one-sided headache"
    assert level_of(served, detector, text, MIGRAINEUR) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,vitals,level", [
    ("2 days of weakness, K+ 7.2 on today's bloods", OLDER_MAN, Vitals(), Urgency.EMERGENCY),
    ("skin visibly yellow since this morning, breastfeeding", NEWBORN, Vitals(), Urgency.EMERGENCY),
    # jaundice at one week keeps the infant's consultation (NICE CG98: the first 24 hours are urgent)
    ("skin a bit yellow, feeding well", BABY, Vitals(), Urgency.CONSULTATION),
    ("33 weeks, pain under the right ribs since last night, nausea", PREGNANT, RAISED_BP, Urgency.EMERGENCY),
    # raised blood pressure alone in pregnancy: secondary care within 24 hours (NICE NG133)
    ("33 weeks, feeling fine, midwife check", PREGNANT, RAISED_BP, Urgency.CONSULTATION_24H),
])
def test_level(served, detector, text, patient, vitals, level):
    got = level_of(served, detector, text, patient, vitals)
    assert meets(got, level), (text, got)
