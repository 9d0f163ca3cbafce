"""Presentation families read from vignettes_blind15's triage misses (eval/README.md, issue #5):
self-care and GP pictures in clinical prose and parents' words sent further by misreadings. Each
family is tested with phrasings written here (none copied from the eval file), beside a look-alike
that must keep its own reading or level:

- confusion denied at the end of a long list is not new confusion (NEWS2's C);
- readings: a chest and ears examined and normal, an eardrum hidden by wax, sips of a drink and
  plenty of wees in a child with a tummy bug, a drink offered for a sore mouth, blood pressure
  tablets, the same complaint in an earlier pregnancy, a red throat on examination, a baby rubbing
  the gums, a tingle on the lip before a cold sore, the skin between the toes;
- sourced pictures: athlete's foot for weeks (NHS athlete's foot), a cold sore starting (NHS cold
  sores).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Consciousness, Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

MAN = Patient(age_years=40, sex=Sex.MALE)
DIABETIC_MAN = Patient(age_years=40, sex=Sex.MALE, history=("type 2 diabetes",))
WOMAN = Patient(age_years=33, sex=Sex.FEMALE)


@pytest.mark.parametrize("text,confused", [
    ("stinging when she wees for 3 days; no temperature, shivers, back pain, sickness or confusion", False),
    ("no fever, but he has been confused since this morning", True),
    ("no fever, rigors or vomiting; new confusion today", True),
])
def test_confusion_denied_at_the_end_of_a_list_is_not_new_confusion(served, text, confused):
    level = served.classify(text).vitals.consciousness
    assert (level == Consciousness.CONFUSION) is confused, (text, level)


READINGS = [
    ("on examination chest clear, good air entry bilaterally", None, {"hurts-to-breath"}),
    ("it hurts when I breathe in", "hurts-to-breath", set()),
    ("wax filling the canal, the drum not visible", None, {"blindness"}),
    ("I suddenly can't see out of my left eye", "blindness", set()),
    ("he is sipping water and doing plenty of wees", None, {"thirst", "polyuria"}),
    ("she is thirsty all the time and weeing constantly", "thirst", set()),
    ("drinking cold milk and water happily", None, {"upper-abdominal-pain-eased-by-eating-or-worse-when-hungry"}),
    ("I take tablets for my blood pressure", None, {"raised-blood-pressure-reading"}),
    ("the same thing happened in my last pregnancy", None, {"recent-pregnancy"}),
    ("throat: pharyngeal erythema, no exudate", "sore-throat", {"hemoptysis"}),
    ("she keeps rubbing her gums and chewing her hands", "teething", {"pulling-at-ears"}),
    ("he keeps pulling at his ear and crying", "pulling-at-ears", set()),
    ("a tingling, itchy feeling on my bottom lip since this morning", "lip-sore", {"paresthesia"}),
    ("pins and needles in my left hand", "paresthesia", set()),
    ("soggy white skin between his toes that itches", "athletes-foot", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("itchy peeling skin between my toes for four weeks, no redness or pain", MAN),
    ("burning, tingly feeling at the corner of my top lip and a few small blisters; I get these every winter",
     WOMAN),
])
def test_home_care_pictures(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # athlete's foot with diabetes, or with an infected, painful foot: a GP
    ("itchy peeling skin between my toes for four weeks", DIABETIC_MAN, Urgency.CONSULTATION),
    ("itchy peeling skin between my toes, now my foot is red, swollen and painful", MAN, Urgency.CONSULTATION),
    # a tingling lip with a swelling tongue is not a cold sore
    ("tingling on my top lip and my tongue is swelling up", WOMAN, Urgency.EMERGENCY),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


def test_new_rule_is_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rule = next(e for e in raw["explanations"] if e["id"] == "athletes-foot-skin")
    assert rule["source"] == "nhs-website" and rule["cite"] == "NHS: athlete's foot"
    assert rule["unless_history"] == ["diabet"] and rule["max_days"] == 42
