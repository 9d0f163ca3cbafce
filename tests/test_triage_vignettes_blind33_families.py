"""Presentation families read from vignettes_blind33, written blind in session 15 and read in session
16 (eval/README.md, issue #5). Each family is tested with phrasings written here (none copied from the
eval file), beside a look-alike that must keep its own reading or level:

- a duration counted after a named day ("since Saturday, so 4 days now"), said as "it's been 4 days"
  or "a week now", and "for over a week" (longer than a week): an earache past 3 days, or a nappy rash
  past a week of cream, needs a GP (NHS ear infections; NHS nappy rash);
- words the encoder read as something else: a place beside a body site ("his forearm at the park",
  a stiff arm), "a faint blotchy rash" (fainting), a stool "darker than usual" (darkened vision),
  "the iron does that" (a burn from an iron), "put a plaster on it" (a limb in a cast);
- "bunged up" said of a person is constipation (a nose, an ear or a cold keeps it congestion).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.modifiers import read_duration
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

CHILD = Patient(age_years=5, sex=Sex.FEMALE)
BABY = Patient(age_years=0.6, sex=Sex.MALE)
WOMAN = Patient(age_years=34, sex=Sex.FEMALE)
OLDER_WOMAN = Patient(age_years=79, sex=Sex.FEMALE)


@pytest.mark.parametrize("text,hours", [
    ("earache since Monday, so 5 days now", 120),
    ("sore throat since the weekend, that's 3 days", 72),
    ("it's been 4 days and the cough is no better", 96),
    ("she's been 2 weeks with this rash", 336),
    ("rash on his hands, so about a week now", 168),
    ("nappy rash for over a week", 252),
    ("a cough for more than 3 weeks", 588),
])
def test_duration(text, hours):
    assert [h for h, *_ in read_duration(text.lower())][:1] == [hours]


@pytest.mark.parametrize("text", [
    "my baby is 6 weeks now",  # an age
    "over 3 days it got worse",  # the course of it, not "more than"
])
def test_not_a_longer_duration(text):
    assert all(h in (None, 72.0) for h, *_ in read_duration(text.lower()))


READINGS = [
    ("got stung by a bee on her forearm at the playground", "insect-bite-or-sting", {"arm-stiffness-or-tightness"}),
    ("there's a faint pink rash on her tummy that fades when pressed", "skin-rash", {"fainting"}),
    ("she fainted in the queue at the shop", "fainting", set()),
    ("my poo has been harder. It's a bit darker than usual, I'm on iron", None, {"diminished-vision"}),
    ("my vision has gone dark in my left eye", "diminished-vision", set()),
    ("my stools are black but the iron does that", None, {"minor-burn"}),
    ("burnt my arm on the iron this morning", "minor-burn", set()),
    ("grazed his knee, should I put a plaster on it", None, {"in-a-cast"}),
    ("her arm is in plaster and her fingers are tingling", "in-a-cast", set()),
    ("they put a plaster cast on his wrist yesterday", "in-a-cast", set()),
    ("I've been really bunged up since the new tablets, hard to go", "constipation", {"nasal-congestion"}),
    ("I'm bunged up with a cold and can't smell anything", None, {"constipation"}),
    ("my nose is bunged up", "nasal-congestion", {"constipation"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("stung on the back of his hand at the park, red and itchy round it, no swelling of his face, breathing fine",
     Patient(age_years=10, sex=Sex.MALE)),
    ("runny nose and cough since yesterday, temp 38.1, drinking fine, there's a faint red rash on his back that "
     "fades under a glass", Patient(age_years=3, sex=Sex.MALE)),
    ("earache since Thursday, that's 2 days, had a cold before it", CHILD),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # an earache past 3 days (NHS ear infections: a GP if it is not better in 3 days)
    ("earache in her right ear since Monday, so 4 days now, calpol helps", CHILD, Urgency.CONSULTATION),
    ("it's been 5 days of earache and it's not going", WOMAN, Urgency.CONSULTATION),
    # a nappy rash past a week of cream (NHS nappy rash)
    ("nappy rash for over a week, using cream but it's spreading into his creases", BABY, Urgency.CONSULTATION),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
