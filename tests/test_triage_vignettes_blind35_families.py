"""Presentation families read from vignettes_blind35, development data since session 17 (written
blind in session 16, eval/README.md, issue #5): 60 mixed cases in lay words. Phrasings written here,
beside look-alikes that keep their reading or level:

- a hesitation ("pain in his, um, privates") no longer splits the words around it, so a boy's
  genital pain is read and keeps its torsion rule (NHS testicular torsion);
- words the sentence encoder misread, now read by patterns: eyesight "gone misty" or "like looking
  through a dirty window" is worse vision (a cataract's words, NHS cataracts); the other eye "going
  pink" is a red eye, not blood in the urine; a bee sting's "red swollen lump" is swelling of the
  skin, not a lump in the groin (NHS insect bites and stings);
- words that name no finding: the skin between the toes gone white (athlete's foot, not a cold pale
  foot), the knobbly bone of an ankle (the Ottawa rules' landmark, not a limb out of shape), hay
  fever that the family has (not an allergic reaction now), the heating put on (not heat exposure),
  reading on a tablet (a screen, not an overdose), colours looking washed out (not fatigue), and how
  much a nosebleed bled (not vomiting blood);
- a bump that "looks awful" is how it looks: the head injury is not made severe by it (NICE NG232
  keeps a bump with no warning sign at home).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.text import tokenize
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

BOY = Patient(age_years=14, sex=Sex.MALE)
TODDLER = Patient(age_years=2, sex=Sex.FEMALE)
ADULT = Patient(age_years=35, sex=Sex.MALE)

READINGS = [
    ("he has really bad pain in his, um, privates since this morning", "genital-pain", set()),
    ("bad pain in his, erm, privates on the left", "genital-pain", set()),
    ("my eyesight has slowly gone misty this year", "diminished-vision", {"fatigue"}),
    ("it's like looking through a dirty window", "diminished-vision", set()),
    ("my vision has gone all foggy over the winter", "diminished-vision", set()),
    ("colours look a bit washed out", None, {"fatigue"}),
    ("I feel washed out", "fatigue", set()),
    ("left eye stuck shut this morning and now the other one's going pink", "eye-redness", {"blood-in-urine"}),
    ("there's a red swollen lump where the wasp got me", "skin-swelling", {"groin-mass"}),
    ("a swollen lump in my groin", "groin-mass", set()),
    ("an itchy red patch under my watch strap", None, {"skin-swelling"}),
    ("the skin between my toes is white and peeling", None, {"cold-pale-limb"}),
    ("my foot has gone white and cold and it's numb", "cold-pale-limb", set()),
    ("the knobbly bone on the outside isn't tender", None, {"limb-deformity"}),
    ("my wife and I both have hay fever", None, {"allergic-reaction"}),
    ("since we put the heating on", None, {"heat-exposure"}),
    ("after reading on my tablet", None, {"suicidal-thoughts", "overdose"}),
    ("a nosebleed earlier, quite a lot of blood, stopped with pressure", "nosebleed", {"vomiting-blood"}),
    ("I vomited a lot of blood", "vomiting-blood", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_hesitations_are_dropped_but_not_the_er():
    words = [t.text for t in tokenize("we went to the er, um, last night")[1]]
    assert "um" not in words and "er" in words  # "er" is also the emergency room


def test_a_bump_that_looks_awful_is_not_made_severe(served):
    bump = [f for f in served.classify("big egg lump on her forehead, it looks awful").findings
            if f.code == "symptom:head-injury"]
    assert bump and bump[0].severity != "severe"
    pain = [f for f in served.classify("the pain is awful").findings if f.code == "symptom:pain"]
    assert pain and pain[0].severity == "severe"


@pytest.mark.parametrize("text,patient,level", [
    ("woke with bad pain in his, um, privates, been sick once", BOY, Urgency.EMERGENCY),
    # a toddler's forehead bump with the warning signs said absent stays home care (NICE NG232)
    ("ran into the table, big egg lump on her forehead, it looks awful, no vomiting, acting normally",
     TODDLER, Urgency.SELF_CARE),
    ("rolled my ankle, swollen, the knobbly bone on the side isn't sore, can walk on it", ADULT, Urgency.SELF_CARE),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
