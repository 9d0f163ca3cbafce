"""Presentation families read from vignettes_blind30, session 14's unread partner, read in session 15
once vignettes_blind33 stood unread in its place (eval/README.md, issue #5). Each family is tested
with phrasings written here (none copied from the eval file), beside a look-alike that must keep its
own reading or level:

- one side of the face that "won't move" is a facial droop (the FAST sign; with the forehead weak
  too and the limbs and speech said normal, NICE CKS Bell's palsy: a doctor within a day), not
  one-sided limb weakness or a facial pain;
- both arms that cannot be lifted to comb the hair or above the head are stiff shoulders
  (polymyalgia), not a stroke's one-sided weakness, and the combing no scalp tenderness;
- a burning "and going loads" is cystitis, not a severe burn;
- where a watch sits is a place, not a pain in the side; "could I be allergic to it?" is a
  question, not an allergic reaction;
- getting "round the house" is not a spinning room; talking "in full sentences" said with "can" is
  not too breathless to speak;
- skin red and sore where the nappy touches is the nappy rash, and nipples gone sore and pink the
  breast's soreness, neither of them sunburn;
- sunburn's soreness is sunburn (NHS: red, hot and sore); a baby or young child with sunburn is
  seen the same day (NHS sunburn);
- a saturation said to be the person's usual, within 88-92%, is scored on NEWS2's SpO2 scale 2
  (RCP 2017: the scale for those who live at 88-92%).
"""

from __future__ import annotations

import pytest

from emergency_detector.triage import merge_text_facts
from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

TODDLER = Patient(age_years=3, sex=Sex.FEMALE)
CHILD = Patient(age_years=9, sex=Sex.MALE)
WOMAN = Patient(age_years=33, sex=Sex.FEMALE)
MAN = Patient(age_years=52, sex=Sex.MALE)
OLDER_WOMAN = Patient(age_years=74, sex=Sex.FEMALE)
COPD_MAN = Patient(age_years=71, sex=Sex.MALE, history=("COPD",))

READINGS = [
    ("the left side of my face won't move since breakfast", "facial-droop", {"unilateral-weakness", "facial-pain"}),
    ("his face isn't moving on the right side", "facial-droop", {"unilateral-weakness", "facial-pain"}),
    ("her face has stopped working down one side", "facial-droop", {"unilateral-weakness"}),
    ("my right arm is weak and heavy", "unilateral-weakness", set()),
    ("she can't lift her arms to brush her hair in the mornings, her shoulders are so stiff",
     "shoulder-stiffness-or-tightness", {"unilateral-weakness", "scalp-tenderness"}),
    ("struggling to raise my arms above my head", "shoulder-stiffness-or-tightness", {"unilateral-weakness"}),
    ("it hurts to comb my hair and my temple is throbbing", "scalp-tenderness", set()),
    ("cystitis again, burning when I pee and going every half hour", "painful-urination", {"severe-burn"}),
    ("burning and going all the time since Sunday", "painful-urination", {"severe-burn"}),
    ("a rash just where my watch sits, a bit itchy", "skin-rash", {"side-pain"}),
    ("itchy bumps where the strap of the watch rubs", None, {"side-pain"}),
    ("red patch on my wrist, might I be allergic to the metal?", None, {"allergic-reaction"}),
    ("he's having an allergic reaction to peanuts, lips swelling", "allergic-reaction", set()),
    ("bit wheezy but still managing to get around the house", "wheezing", {"dizziness"}),
    ("everything spins when I stand up", "dizziness", set()),
    ("chesty cough, I can still talk in full sentences", "cough", {"too-breathless-to-speak"}),
    ("so short of breath he can't talk in full sentences", "too-breathless-to-speak", set()),
    ("her skin is red and raw around the nappy area", "diaper-rash", {"sunburn"}),
    ("baby has white spots on the tongue and my nipples are cracked and sore", None, {"sunburn"}),
    ("feeding every hour, my nipples are sore and bleeding", None, {"sunburn", "severe-bleeding"}),
    ("went pink in the sun at the park, sore to touch", "sunburn", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,scale2", [
    ("sats 91 which is about normal for me", True),
    ("his oxygen sats on the machine 90, that's his usual", True),
    ("sats at home 92, my baseline", True),
    ("sats 92", False),
    ("sats 86 which is normal for me", False),  # below the 88-92% target: scored as low
    ("sats 95 which is normal", False),
])
def test_usual_saturation_is_scale_2(served, text, scale2):
    read = served.classify(text)
    assert read.vitals.spo2 is not None
    assert read.vitals.spo2_scale2 is scale2


def test_usual_saturation_joins_the_same_given_reading_only(served):
    read = served.classify("sats 91 which is normal for me")
    _, same = merge_text_facts(COPD_MAN, Vitals(spo2=91), read)
    _, other = merge_text_facts(COPD_MAN, Vitals(spo2=85), read)
    assert same.spo2_scale2 and not other.spo2_scale2


@pytest.mark.parametrize("text,patient", [
    ("out in the garden all afternoon without a hat, my forehead and arms are pink and sore to touch, no blisters", MAN),
    ("my boy caught the sun at sports day, neck pink and sore when touched, no blisters, eating and playing", CHILD),
    ("a week after getting a new watch there's an itchy dry red patch just where the back of it sits, "
     "could I be allergic to it?", WOMAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,vitals,level", [
    # NICE CKS Bell's palsy: the forehead weak too, limbs and speech normal: a doctor within a day
    ("woke with the left side of my face not moving, can't shut my left eye or lift that eyebrow, "
     "arms and legs are fine and my speech is normal", WOMAN, Vitals(), Urgency.CONSULTATION_24H),
    # a face that won't move with an arm gone weak is a stroke (FAST)
    ("the right side of his face won't move and his right arm is weak", MAN, Vitals(), Urgency.EMERGENCY_AMBULANCE),
    # stiff shoulders and hips every morning for weeks (polymyalgia): a GP, not 999
    ("every morning for a month she's so stiff in her shoulders and hips she can't lift her arms to brush "
     "her hair, better by the afternoon, no headache", OLDER_WOMAN, Vitals(), Urgency.CONSULTATION),
    # NHS sunburn: a young child with sunburn is seen the same day
    ("she got burnt in the sun at the beach, shoulders red and sore, no blisters", TODDLER, Vitals(),
     Urgency.CONSULTATION_24H),
    # a COPD flare at the person's usual saturation, breathing 22 a minute: scale 2, NEWS2 3
    ("more breathless than usual with my COPD, greener phlegm, sats 91 which is about normal for me",
     COPD_MAN, Vitals(respiratory_rate=22, heart_rate=95, spo2=91), Urgency.CONSULTATION_24H),
    # the same reading not said to be usual is scored on scale 1: an emergency
    ("more breathless than usual with my COPD, greener phlegm, sats 91",
     COPD_MAN, Vitals(respiratory_rate=22, heart_rate=95, spo2=91), Urgency.EMERGENCY),
])
def test_level(served, detector, text, patient, vitals, level):
    read = served.classify(text)
    patient, vitals = merge_text_facts(patient, vitals, read)
    got = detector.assess(patient, vitals, read.findings).level
    assert meets(got, level), (text, got)
