"""Presentation families read from vignettes_blind11's triage misses (eval/README.md, issue #5): its
misses were mostly self-care pictures told in clinical prose that the classifier read as something
else. Each family is tested with phrasings written here (none copied from the eval file), beside a
look-alike that must keep its own reading or level:

- readings: a non-smoker, small frequent drinks, stress as the setting, a steady weight, drinking
  less, regular bowels, a baby still feeding, "once or twice a day", burning as a pain's quality,
  "vision is unchanged", fluid from the ear canal, a band across the forehead, eyelashes stuck
  together by crust, waking at night, chewing on fists (teething), blisters in a band, a tingle at
  the corner of the lip, the skin between the toes gone white, sputum said as "stuff", a period that
  has started;
- sourced pictures: a sprain's swelling (NHS sprains and strains), period cramps beside a period
  under way (NHS period pain).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads, present
from tests.support.triage import level_of

ADULT = Patient(age_years=33, sex=Sex.FEMALE)
MAN = Patient(age_years=52, sex=Sex.MALE)
BABY = Patient(age_years=0.6, sex=Sex.FEMALE)


# (text, concept that must be read or None, concepts that must not be read)
READINGS = [
    ("he is a non-smoker with a dry cough", "cough", {"smoking-problems"}),
    ("he smokes twenty a day", "smoking-problems", set()),
    ("she is taking small frequent drinks", None, {"thirst"}),
    ("she is desperately thirsty all the time", "thirst", set()),
    ("a tension headache, I've been really stressed lately", None, {"anxiety-and-nervousness"}),
    ("I feel anxious and on edge all the time", "anxiety-and-nervousness", set()),
    ("her weight is steady", None, {"weight-gain", "weight-loss"}),
    ("he has put on a stone in weight", "weight-gain", set()),
    ("he has been drinking less water than usual", None, {"thirst"}),
    ("her bowels were regular before", None, {"changes-in-bowel-function"}),
    ("he is still feeding and has wet nappies", None, {"infant-feeding-problem"}),
    ("he is feeding poorly", "infant-feeding-problem", set()),
    ("she has been sick once or twice a day", "vomiting", {"frequent-menstruation"}),
    ("two days of burning, tingling pain round my ribs", None, {"severe-burn"}),
    ("he scalded his arm badly with boiling water", "severe-burn", set()),
    ("her vision is unchanged", None, {"diminished-vision"}),
    ("his vision has got worse", "diminished-vision", set()),
    ("yellow fluid coming from the ear canal", "pus-draining-from-ear", set()),
    ("a tight band around my forehead in the afternoons", "band-like-headache", set()),
    ("she wakes with her eyelashes stuck together by yellow crust", "eye-discharge", {"crusted-sores"}),
    ("honey-coloured crusts round his nose", "crusted-sores", set()),
    ("he keeps waking at night", "insomnia", {"sleepiness"}),
    ("she is chewing on her fists all day", "teething", {"nailbiting"}),
    ("blisters appeared in a band across his back", "dermatomal-rash", set()),
    ("tingling at the corner of my upper lip", "lip-sore", set()),
    ("the skin between my toes has gone white", "athletes-foot", {"pallor"}),
    ("coughing up thick green stuff", "coughing-up-sputum", {"bilious-vomiting"}),
    ("vomiting green stuff", "bilious-vomiting", set()),
    ("my period started yesterday", "period-now", {"long-menstrual-periods"}),
    ("my period has lasted three weeks", "long-menstrual-periods", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_sprains_swelling_is_self_care_but_not_if_it_cannot_bear_weight(served, detector):
    text = "went over on my ankle at netball yesterday, the ankle is swollen and bruised, I can walk on it"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    assert level_of(served, detector, "my ankle is swollen and hot, no injury", ADULT) >= Urgency.CONSULTATION


def test_period_cramps_beside_a_period_are_self_care_but_not_in_pregnancy_or_with_dizziness(served, detector):
    text = "my period started yesterday and I have cramping low in my tummy and my lower back"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    pregnant = Patient(age_years=33, sex=Sex.FEMALE, pregnant=True)
    assert level_of(served, detector, text, pregnant) >= Urgency.CONSULTATION
    dizzy = text + ", and I feel dizzy and faint"
    assert level_of(served, detector, dizzy, ADULT) >= Urgency.CONSULTATION
    assert level_of(served, detector, "cramping low in my tummy for two days", ADULT) >= Urgency.CONSULTATION


def test_a_period_alone_is_no_symptom(served, detector):
    assert "period-now" in present(served, "I'm on my period")
    assert level_of(served, detector, "I'm on my period and have a runny nose", ADULT) == Urgency.SELF_CARE


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rule = next(e for e in raw["explanations"] if e["id"] == "period-cramps")
    assert rule["source"] == "nhs-website" and rule["cite"] == "NHS: period pain" and "pregnant" in rule["unless"]
    assert "period-now" in raw["findings"]["context_only"]
    sprains = next(c for c in raw["self_care_symptoms"]["companions"] if c["with"] == ["sprain-or-strain"])
    assert "ankle-swelling" in sprains["covers"] and sprains["cite"] == "NHS: sprains and strains"
