"""Presentation families read from vignettes_blind53, development data written blind in session 19
(eval/README.md, issue #5): eyes, ears, mouth, skin and men's health in everyday words. Measured
unread: 80.0%, 2 of 20 emergencies under-triaged, each a telling the classifier did not read:

- "the area behind his right ear is red, puffy and very sore ... the ear is sticking out" after an
  ear infection (mastoiditis: NICE CKS otitis media admits it; a new red flag);
- "the skin comes off in sheets where my shirt rubs" after a new tablet (Stevens-Johnson
  syndrome; the present tense was missing).

And readings that sent minor things to a doctor or missed a reason to see one: a bite's "tiny dot
in the middle" read as a pinprick rash, an ulcer "white-yellow in the middle" as jaundice, "cracks"
in dry skin as air under the skin, a baby "feeding and having wet nappies as normal" as a feeding
problem, "happens every time I shave" as painful urination; urine "bright red, like rosé wine" and
"runny stuff on her pillow from that ear" not read at all.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

BOY = Patient(age_years=6, sex=Sex.MALE)
MAN = Patient(age_years=45, sex=Sex.MALE)

READINGS = [
    ("the area behind his right ear is red, puffy and very sore to touch", "swelling-behind-ear", set()),
    ("the ear is sticking out further than the left one", "swelling-behind-ear", set()),
    ("a red swollen lump behind her ear", "swelling-behind-ear", set()),
    ("a small lump behind my ear", None, {"swelling-behind-ear"}),
    ("the skin comes off in sheets where my shirt rubs", "skin-coming-away", set()),
    ("his urine has been bright red, like rosé wine", "blood-in-urine", set()),
    ("there was yellowish runny stuff on her pillow from that ear", "pus-draining-from-ear", set()),
    ("three itchy raised bumps, each with a tiny dot in the middle", None, {"non-blanching-rash"}),
    ("a round sore on my lip, white-yellow in the middle with a red rim", None, {"jaundice"}),
    ("my hands are dry and some cracks sting when I use hand gel", "skin-dryness-peeling-scaliness-or-roughness",
     {"skin-crepitus"}),
    ("she's feeding and having wet nappies as normal", None, {"infant-feeding-problem"}),
    ("she is not feeding and having fewer wet nappies", None, set()),
    ("red bumps on my neck, happens every time i shave close", None, {"painful-urination"}),
    ("his bum is red and sore where the nappy touches, skin looks shiny", "abnormal-appearing-skin", {"skin-oiliness"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_swelling_behind_the_ear_after_an_ear_infection_goes_to_hospital(served, detector):
    text = "earache last week, now a high temperature again and the area behind his ear is red and swollen"
    assert level_of(served, detector, text, BOY) >= Urgency.EMERGENCY
    assert level_of(served, detector, "earache last week, now a high temperature again", BOY) < Urgency.EMERGENCY


def test_skin_coming_off_in_sheets_is_an_emergency(served, detector):
    text = "a new tablet for gout, now sore mouth, red eyes and the skin comes off in sheets"
    assert level_of(served, detector, text, MAN) >= Urgency.EMERGENCY
