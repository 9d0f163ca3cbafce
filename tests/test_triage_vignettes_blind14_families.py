"""Presentation families read from vignettes_blind14's triage misses (eval/README.md, issue #5):
self-care pictures in clinical prose and carers' words sent to a doctor by misreadings. Each family
is tested with phrasings written here (none copied from the eval file), beside a look-alike that
must keep its own reading or level:

- lists: a list after "no" of bare items closed by "or" goes on past items read as no finding ("no
  pain, discharge, tinnitus or facial weakness"), but a statement after a denial keeps its finding
  ("his inhaler isn't helping, he's too breathless to talk or eat");
- readings: the limbs and speech said to be normal, "sparing the skin creases", a worried question,
  a regular pulse, a soft, non-tender belly, a baby feeding well and a baby's normal yellow poo,
  exam stress, pale nasal turbinates, threadworms by their look, a scratched bottom, streaks of
  blood on the toilet paper, the ankle's landmarks;
- sourced pictures: colic (NHS colic), acute back spasm (NHS back pain), piles in pregnancy (NHS).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Presence, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

MAN = Patient(age_years=28, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=74, sex=Sex.MALE)
CHILD = Patient(age_years=5, sex=Sex.FEMALE)
BOY = Patient(age_years=7, sex=Sex.MALE, history=("asthma",))
NEWBORN = Patient(age_years=0.12, sex=Sex.MALE)
PREGNANT = Patient(age_years=31, sex=Sex.FEMALE, pregnant=True)


def presence(served, text: str, code: str) -> Presence:
    return next(f.presence for f in served.classify(text).findings if f.code == f"symptom:{code}")


def test_a_denied_list_closed_by_or_goes_on_past_unread_items(served):
    text = "no pain, discharge, tinnitus or facial weakness"
    assert presence(served, text, "facial-droop") == Presence.ABSENT
    assert presence(served, text, "ringing-in-ear") == Presence.ABSENT


def test_a_statement_after_a_denial_keeps_its_finding(served):
    text = "his inhaler isn't helping, he's too breathless to talk or eat"
    assert presence(served, text, "too-breathless-to-speak") == Presence.PRESENT


def test_limbs_and_speech_said_normal_are_read_as_absent(served):
    read = {f.code.removeprefix("symptom:"): f.presence
            for f in served.classify("arms and legs are fine and speech is normal").findings}
    assert read.get("arm-weakness") == Presence.ABSENT and read.get("difficulty-speaking") == Presence.ABSENT
    assert presence(served, "my legs are fine but my arm is weak", "arm-weakness") == Presence.PRESENT


READINGS = [
    ("is it something to worry about?", None, {"anxiety-and-nervousness"}),
    ("I worry all the time and can't relax", "anxiety-and-nervousness", set()),
    ("pulse regular at 90", None, {"irregular-heartbeat"}),
    ("his pulse is irregular and fast", "irregular-heartbeat", set()),
    ("abdomen soft and non-tender", None, {"abdominal-pain", "side-pain"}),
    ("she is feeding good and putting on weight", None, {"infant-feeding-problem"}),
    ("his poos are normal yellow", None, {"jaundice"}),
    ("the whites of his eyes have gone yellow", "jaundice", set()),
    ("just stressed about exams", None, {"anxiety-and-nervousness"}),
    ("pale swollen nasal turbinates", None, {"pallor"}),
    ("I saw tiny white threads moving around his bottom", "threadworms", {"saddle-anaesthesia"}),
    ("she keeps scratching her bum at night", None, {"saddle-anaesthesia"}),
    ("my bottom feels numb", "saddle-anaesthesia", set()),
    ("streaks of bright red blood on the toilet paper", "blood-in-stool", {"skin-looks-infected"}),
    ("tender just in front of the lateral malleolus", "ankle-pain", {"upper-abdominal-pain"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_rash_sparing_the_creases_is_not_in_the_creases(served):
    text = "red sore skin over the buttocks, sparing the skin creases"
    assert presence(served, text, "rash-in-skin-creases") == Presence.ABSENT


@pytest.mark.parametrize("text,patient", [
    ("he is 6 weeks old and screams every evening for hours, goes red in the face and pulls his legs up; "
     "feeding well, gaining weight, no temperature, not being sick", NEWBORN),
    ("twinged my lower back lifting a crate yesterday, aching across the low back with muscle spasm, "
     "no leg weakness, no numbness, no problems peeing", MAN),
    ("an itchy lump at my bottom and streaks of bright red blood on the toilet paper after hard stools, "
     "no tummy pain, no vaginal bleeding, the baby is moving normally", PREGNANT),
])
def test_home_care_pictures(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a crying baby with a fever or vomiting is not colic
    ("he is 6 weeks old and screams for hours, he has a temperature of 38.2 and is being sick", NEWBORN,
     Urgency.EMERGENCY),
    # a back spasm with numbness between the legs: cauda equina
    ("back spasm since lifting a box, and now my bottom feels numb", MAN, Urgency.EMERGENCY),
    # the asthmatic child too breathless to talk: an asthma attack
    ("his blue inhaler isn't helping, he's too breathless to talk or eat", BOY, Urgency.EMERGENCY),
    # bleeding from the vagina in pregnancy keeps pregnancy's rules
    ("an itchy lump at my bottom and bright red blood, and bleeding from my vagina", PREGNANT, Urgency.EMERGENCY),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    colic = next(e for e in raw["explanations"] if e["id"] == "colic")
    assert colic["source"] == "nhs-website" and colic["cite"] == "NHS: colic" and colic["max_age"] == 0.5
    assert "fever" in colic["unless"] and "vomiting" in colic["unless"]
    care = raw["self_care_symptoms"]
    assert "low-back-cramps-or-spasms" in care["ids"] and care["max_days"]["low-back-cramps-or-spasms"] == 28
    piles = next(e for e in raw["explanations"] if e["id"] == "piles-bleeding")
    assert "vaginal-bleeding" in piles["unless"] and "pregnant" not in piles["unless"]
