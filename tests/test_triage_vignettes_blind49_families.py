"""Presentation families read from vignettes_blind49, development data written blind in session 18
(eval/README.md, issue #5): maternity and women's health, half as notes by midwives, triage lines
and call handlers. Measured unread after blind48's families: 4 of 20 emergencies under-triaged
(6 at the session's start), each a reading of a note's shorthand or a telling:

- "Day 8 post SVD ... fresh red PV loss, soaked 2 maternity pads in an hour, clots ++": a birth
  and vaginal bleeding in a note's words (a postpartum haemorrhage);
- "says the baby is 'not ours' and that the TV is sending her messages" (postpartum psychosis);
- "Normally the baby is really lively ... today I've barely felt anything at all, maybe one small
  flutter" (reduced movements);
- "I woke up lying in a patch of bright red blood, the sheet is soaked through" (heavy bleeding);
- the gestation written "10/40" or "28+3/40".

And the reassurance that was read as its opposite: the usual bleeding "getting lighter" and
"small clots only" after a birth, a contraceptive pill forgotten and "taken it now"; thrush known
from before said without the word ("1 similar episode", "a pessary sorted it").
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.facts import read_facts
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=31, sex=Sex.FEMALE)

READINGS = [
    ("day 8 post SVD, sudden fresh red PV loss, clots ++", "recent-pregnancy", set()),
    ("day 8 post SVD, sudden fresh red PV loss, clots ++", "vaginal-bleeding", set()),
    ("says the baby is 'not ours' and that the TV is sending her messages", "delusions-or-hallucinations", set()),
    ("the TV is on and the baby is asleep", None, {"delusions-or-hallucinations"}),
    ("normally the baby is really lively in the evenings", "reduced-fetal-movements", set()),
    ("today I've barely felt anything at all, maybe one small flutter this morning", "reduced-fetal-movements",
     {"loss-of-sensation"}),
    ("I woke up lying in a patch of bright red blood, the sheet is soaked through", "severe-bleeding", set()),
    ("I spilt my drink and the sheets are soaked", None, {"severe-bleeding"}),
    ("the normal bleeding is getting lighter", None, {"severe-bleeding"}),
    ("lochia red, lessening, small clots only", None, {"blood-clots-during-menstrual-periods"}),
    ("passing large clots the size of a plum", "blood-clots-during-menstrual-periods", set()),
    ("I forgot my pill last night and I've taken it now", None, {"overdose"}),
    # thrush known from before, said without the word (NHS thrush: a pharmacist when it is recognised)
    ("vulval itch, thick white odourless discharge, 1 similar episode 2 yrs ago", "thrush-recognised", set()),
    ("I had this once after antibiotics and a pessary sorted it", "thrush-recognised", set()),
    ("it stings when the wee touches the skin", "vulvar-irritation", {"painful-urination"}),
    ("it burns when I wee", "painful-urination", set()),
]


def test_thrush_known_from_before_is_looked_after_at_a_pharmacy(served, detector):
    text = "itchy and sore down there, thick white discharge like cottage cheese, I had this once and a pessary sorted it"
    assert level_of(served, detector, text, WOMAN) == Urgency.SELF_CARE
    assert level_of(served, detector, text + ", and I have a fever", WOMAN) > Urgency.SELF_CARE


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,pregnant,weeks", [
    ("23f g1 10/40. vomiting 15x a day", True, 10),
    ("g2p1 28+3/40, rfm since this morning", True, 28),
    ("bp 40/40", None, None),  # a blood pressure, however odd, is no gestation
    ("bp 120/40", None, None),
])
def test_a_notes_gestation_is_read(text, pregnant, weeks):
    facts = read_facts(text)
    assert (facts.pregnant, facts.pregnancy_weeks) == (pregnant, weeks)


def test_hot_flushes_and_irregular_periods_from_45_are_the_menopause(served, detector):
    """NHS menopause: lifestyle changes and a pharmacist first; a GP under 45 or with bleeding."""
    text = "periods patchy for about a year, hot flushes a few times a day and night sweats, sleeping okay"
    assert level_of(served, detector, text, Patient(age_years=51, sex=Sex.FEMALE)) == Urgency.SELF_CARE
    assert level_of(served, detector, text, Patient(age_years=38, sex=Sex.FEMALE)) > Urgency.SELF_CARE
    assert level_of(served, detector, text + ", and I've lost a stone without trying",
                    Patient(age_years=51, sex=Sex.FEMALE)) > Urgency.SELF_CARE


# vignettes_blind51 (women's health in vague words): a birth or a termination said in everyday words
# is read, so the rules for the weeks after it apply (pre-eclampsia after the birth: NICE NG133)
@pytest.mark.parametrize("text", [
    "I had my son two weeks ago",
    "after having my baby on Friday",
    "I had my little girl by c-section six days ago",
    "I took the tablets to end a pregnancy at home last week",
])
def test_a_birth_or_a_loss_in_everyday_words_is_read(served, text):
    assert_reads(served, text, "recent-pregnancy", set())


def test_pre_eclampsia_after_the_birth(served, detector):
    text = "had my baby four days ago, a thumping headache that won't budge and my eyes have gone blurry"
    assert level_of(served, detector, text, WOMAN) >= Urgency.EMERGENCY
    assert level_of(served, detector, "a thumping headache that won't budge and my eyes have gone blurry", WOMAN) \
        < Urgency.EMERGENCY


@pytest.mark.parametrize("text,expected", [
    ("there's a nasty smell from down there", "vaginal-discharge"),
    ("bright red blood when I went to the toilet, quite a lot, more than a period", "vaginal-bleeding"),
    ("my insides ache low down", "lower-abdominal-pain"),
])
def test_vague_words_for_a_womans_symptoms(served, text, expected):
    assert_reads(served, text, expected, set())
