"""Presentation families read from vignettes_blind19's misses (eval/README.md, issue #5). Each family
is tested with phrasings written here (none copied from the eval file), beside a look-alike that must
keep its own level:

- readings: a blow to the head said with its verb ("struck his forehead"), a breast lump placed with
  words between, a reliever inhaler needed every few hours (NHS asthma: a GP today), getting up to
  the loo all the time (not diarrhoea), a burning or tingling on one side of the chest (shingles'
  pain, not chest tightness), a period's first day said by its number, a pain "gone sharp"
  (become, not went away), a tingling patch on the lip
  (a cold sore), a knee that might give way after a twist (a ligament injury, not a simple sprain);
- reassurance the encoder misread: going to the gym and swimming (dizziness), swallowing food and
  drink (difficulty swallowing), the outer side of an ankle (pain in the side), a red itchy lump
  (anger);
- self-care pictures: a sprain with a limp (NHS sprains and strains), a teething baby's swollen gum
  (NHS baby teething).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

OLDER_MAN_ON_WARFARIN = Patient(age_years=79, sex=Sex.MALE, medications=("warfarin",))
WOMAN = Patient(age_years=48, sex=Sex.FEMALE)
MAN = Patient(age_years=58, sex=Sex.MALE)
YOUNG_MAN = Patient(age_years=23, sex=Sex.MALE)
CHILD = Patient(age_years=8, sex=Sex.MALE)
BABY = Patient(age_years=0.7, sex=Sex.FEMALE)


READINGS = [
    ("he slipped in the bath and struck his head on the tap", "head-injury", set()),
    ("she found a hard lump in the lower inner part of her right breast", "lump-or-mass-of-breast", set()),
    ("he's been using his blue inhaler every 3 hours since yesterday", "reliever-inhaler-often", set()),
    ("using my inhaler more than usual this week", "reliever-inhaler-often", set()),
    ("up to the loo all the time, even at night", "frequent-urination", {"diarrhea"}),
    ("a burning feeling on the left side of my back for two days", "skin-pain", {"chest-tightness"}),
    ("cramps on day 2 of my period", "period-now", set()),
    ("a tingling spot on the corner of my lip", "lip-sore", {"paresthesia"}),
    ("twisted my knee at netball and now it feels like it could give way", None, set()),
    # reassurance the encoder misread
    ("I go to the gym and swim a lot", None, {"dizziness"}),
    ("he is swallowing food and drink fine", None, {"difficulty-in-swallowing"}),
    ("it hurts to swallow and he has trouble swallowing food", "difficulty-in-swallowing", set()),
    ("bruised on the outer side of the ankle", None, {"side-pain"}),
    ("a red itchy lump where I was bitten", None, {"excessive-anger"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text", [
    "started round his belly button, now it's moved to the lower right and gone sharp",
    "pain in my tummy since this morning that has gone constant",
])
def test_gone_with_a_pain_quality_means_become(served, text):
    assert all(f.presence.name == "PRESENT" for f in served.classify(text).findings)


def test_a_pain_that_has_gone_is_still_denied(served):
    assert all(f.presence.name == "ABSENT" for f in served.classify("the tummy pain has gone now").findings)


def test_a_knee_that_might_give_way_is_read_as_possible(served):
    read = served.classify("twisted my knee at netball and now it feels like it could give way").findings
    assert any(f.code == "symptom:knee-weakness" for f in read)


def test_head_injury_on_warfarin_is_an_emergency(served, detector):
    text = "he tripped yesterday and struck his forehead on the door, now a headache"
    assert level_of(served, detector, text, OLDER_MAN_ON_WARFARIN) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    ("needing her reliever inhaler every four hours for two days after a cold", CHILD, Urgency.CONSULTATION_24H),
    ("a painless lump in the upper part of my left breast, found last week", WOMAN, Urgency.CONSULTATION),
    ("twisted my knee playing rugby, it swelled straight away and feels like it might give way",
     YOUNG_MAN, Urgency.CONSULTATION),
])
def test_needs_a_doctor(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


def test_shingles_pain_on_one_side_of_the_chest_is_not_the_chest_pain_emergency(served, detector):
    text = "burning and tingling on the left side of my chest for 3 days, now a strip of blisters in the same place"
    assert level_of(served, detector, text, MAN) <= Urgency.CONSULTATION_24H


@pytest.mark.parametrize("text,patient", [
    ("rolled my ankle at football, swollen and bruised, I can put weight on it but I'm limping", YOUNG_MAN),
    ("dribbling, chewing her hands, waking more at night, her gum looks a bit swollen where a tooth is coming", BABY),
    ("period pain on day 1 of my period, the same as every month, a hot water bottle helps",
     Patient(age_years=24, sex=Sex.FEMALE)),
])
def test_self_care_pictures(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a sprain that cannot bear weight; a teething baby with a fever
    ("twisted my ankle and I can't put any weight on it at all", YOUNG_MAN, Urgency.CONSULTATION_24H),
    ("teething and dribbling, temperature 38.6", BABY, Urgency.CONSULTATION),
])
def test_self_care_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


def test_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    flags = {f["token"]: f for f in raw["red_flags"]}
    assert flags["reliever-inhaler-often"]["level"] == "CONSULTATION_24H"
    assert flags["reliever-inhaler-often"]["source"] == "nhs-website"
    sprain = next(c for c in raw["self_care_symptoms"]["companions"] if c["with"] == ["sprain-or-strain"])
    assert "difficulty-walking" in sprain["covers"]
