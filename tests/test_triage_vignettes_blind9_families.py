"""Presentation families read from vignettes_blind9's triage misses (eval/README.md, issue #5): a
clinician's prose that the classifier read as something else. Each family is tested with phrasings
written here (none copied from the eval file), beside a look-alike that must keep its own reading:

- reassurance and clinical prose: "swallows his saliva without difficulty", "no problems with the
  bladder", "breathing is quiet", a look taken in the ear, a child playing with toys, a place at
  "the edge of" the lip, a medicine or a walk that helps, a sting after a shower;
- a complaint that comes back "every spring for years" has no years-long episode; "has had"
  itching with its duration after a long list of places is current;
- words said by their place or shape: food sticking behind the breastbone (dysphagia), weight lost
  by an amount, an ulcer on the inside of the lip, a tight, heavy feeling across the chest, a wasp
  sting, gritty or pink eyes, a bare "discharge" in a complaint about the eyes, period cramps "on"
  its first days, head scratching, a squeaky noise breathing in;
- a choking episode followed by a cough or wheeze (RCUK: an inhaled object may remain), tingling
  on the lip beside a cold sore and a cluster of blisters there (NHS: cold sores), a gritty feeling
  beside sticky eyes (NHS: conjunctivitis), a grizzly baby's sore nappy-area rash (NHS: nappy rash).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

ADULT = Patient(age_years=34, sex=Sex.FEMALE)
MAN = Patient(age_years=58, sex=Sex.MALE)
TODDLER = Patient(age_years=2, sex=Sex.MALE)
BABY = Patient(age_years=0.7, sex=Sex.FEMALE)


# (text, concept that must be read or None, concepts that must not be read)
READINGS = [
    ("swallowing fluids and saliva without any difficulty", None, {"unable-to-swallow-saliva"}),
    ("he can't swallow his own spit and is drooling", "unable-to-swallow-saliva", set()),
    ("no back stiffness, no problems with her bladder or bowels", None, {"suprapubic-pain"}),
    ("her breathing is quiet at rest", None, {"abnormal-breathing-sounds"}),
    ("he has noisy breathing tonight", "abnormal-breathing-sounds", set()),
    ("a squeaky noise when breathing in while crying", "abnormal-breathing-sounds", set()),
    ("on looking into his ear the drum is pearly grey", None, {"pulling-at-ears"}),
    ("he's been pulling at his ear all night", "pulling-at-ears", set()),
    ("she's still playing with her toys", None, {"pulling-at-ears"}),
    ("ibuprofen and rest help", None, {"overdose"}),
    ("she took 16 paracetamol tablets this morning", "overdose", set()),
    ("the patch stings after a bath", None, {"painful-urination"}),
    ("it stings when she wees", "painful-urination", set()),
    ("he feels on edge all day", "anxiety-and-nervousness", set()),
    ("bread feels like it sticks behind my breastbone", "difficulty-in-swallowing", {"upper-abdominal-pain"}),
    ("she has lost nearly 5 kg in two months", "weight-loss", set()),
    ("a small white ulcer with a yellow base on the inside of my upper lip", "mouth-ulcer", set()),
    ("a heavy feeling across my chest when I climb the hill", "chest-tightness", set()),
    ("stung by a bee on the ankle this morning", "insect-bite-or-sting", {"allergic-reaction"}),
    ("both eyes are gritty and look pink", None, {"vaginal-discharge"}),
    ("her eyes are red with a thick green discharge", "eye-discharge", {"vaginal-discharge"}),
    ("a smelly grey discharge from the vagina", "vaginal-discharge", set()),
    ("awful cramps low down in my tummy on the first day of my period", "painful-menstruation",
     {"lower-abdominal-pain"}),
    ("she keeps scratching her head since nits went round school", "itchy-scalp", {"itching-of-the-anus"}),
    ("the toddler started choking on a grape and is still coughing", "choking", set()),
    ("a tingling feeling on the edge of my lower lip", "lip-sore", {"anxiety-and-nervousness"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_seasonal_complaint_has_no_years_long_episode(served):
    read = served.classify("every summer for the last five years I get a blocked nose and sneezing").findings
    assert all(f.duration_hours is None for f in read), read
    read = served.classify("a blocked nose for 6 weeks").findings
    assert any(f.duration_hours == 6 * 168 for f in read), read


def test_itching_said_with_its_places_and_duration_is_current(served, detector):
    pregnant = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
    text = ("at 30 weeks she has had itching of the palms of her hands and the soles of her feet for "
            "five days, worse at night")
    assert level_of(served, detector, text, pregnant) >= Urgency.CONSULTATION


def test_hay_fever_every_spring_is_self_care_and_a_long_blocked_nose_is_not(served, detector):
    text = "every spring for years I get sneezing fits and a runny, blocked nose, no wheeze"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    assert level_of(served, detector, "a blocked nose and sneezing for 8 weeks", ADULT) >= Urgency.CONSULTATION


def test_reassured_swallowing_and_a_medicine_that_helps_are_no_emergency(served, detector):
    text = "food sticks behind my breastbone for six weeks; swallowing fluids and saliva without any difficulty"
    assert Urgency.CONSULTATION <= level_of(served, detector, text, MAN) < Urgency.EMERGENCY
    assert level_of(served, detector, "he can't swallow his own spit and is drooling", MAN) >= Urgency.EMERGENCY
    headache = "a pressing headache after long days at the screen; paracetamol and a walk help, no vomiting"
    assert level_of(served, detector, headache, ADULT) < Urgency.EMERGENCY


def test_a_tight_heavy_chest_on_exertion_is_never_self_care(served, detector):
    text = "a tight, heavy feeling across my chest walking uphill, settles when I stop"
    assert level_of(served, detector, text, MAN) >= Urgency.CONSULTATION_24H


def test_choking_then_cough_or_wheeze_is_an_emergency(served, detector):
    text = "she choked on a peanut half an hour ago and now has a cough and a wheeze"
    assert level_of(served, detector, text, TODDLER) >= Urgency.EMERGENCY
    # a cough and wheeze with a cold, no choking, keeps its own level
    assert level_of(served, detector, "a cough and a runny nose for two days", TODDLER) < Urgency.EMERGENCY


def test_a_cold_sore_tingle_is_self_care_but_lip_numbness_with_weakness_is_not(served, detector):
    text = "a tingling feeling on my upper lip since last night and now a cluster of small blisters on my upper lip"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    assert level_of(served, detector, "tingling in my lip and my arm feels weak", ADULT) >= Urgency.CONSULTATION


def test_sticky_gritty_eyes_are_self_care_and_a_painful_eye_is_not(served, detector):
    text = "my eyes were stuck together this morning, they feel gritty, vision is fine"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    assert level_of(served, detector, "something in my eye, it feels gritty and I can't get it out", ADULT) \
        >= Urgency.CONSULTATION


def test_a_grizzly_babys_nappy_rash_is_self_care_unless_fever(served, detector):
    text = "a red rash where the nappy goes and in the creases, grumpy at changes, no temperature"
    assert level_of(served, detector, text, BABY) == Urgency.SELF_CARE
    febrile = "a red sore rash where the nappy goes and in the creases, grumpy, temperature of 38.5"
    assert level_of(served, detector, febrile, BABY) >= Urgency.CONSULTATION


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    combo = next(c for c in raw["combinations"] if c["id"] == "choking-then-airway-signs")
    assert combo["source"] in raw["sources"] and combo["level"] == "EMERGENCY"
    for rule_id in ("cold-sore-tingling", "nappy-rash-signs"):
        rule = next(e for e in raw["explanations"] if e["id"] == rule_id)
        assert rule["source"] == "nhs-website" and rule["cite"].startswith("NHS: ")
    companion = next(c for c in raw["self_care_symptoms"]["companions"] if c.get("cite") == "NHS: conjunctivitis")
    assert "foreign-body-sensation-in-eye" in companion["covers"]
