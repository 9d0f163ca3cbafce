"""Presentation families read from vignettes_blind25, self-care-heavy development data: minor
problems told with worry, medicines, reassurance and likenesses (eval/README.md, issue #5). Each
family is tested with phrasings written here (none copied from the eval file), beside a look-alike
that must keep its own level:

- a thermometer's reading said a few words on ("checked with the ear thermometer and it's 38.3"): a
  fever in a baby under 3 months is an emergency (NICE NG143), and a normal reading is no fever;
- medicines taken every day or run out of are no overdose; a period's usual heavy day is no
  haemorrhage; a rash that "went white" under a glass blanches;
- a size said by a likeness ("the size of his palm") names nothing, but clots keep their size;
- allergy signs said loosely (lips "feel puffy", a throat "kind of tight", a voice that "sounds
  weird") beside hives: anaphylaxis;
- redness spreading up a limb is spreading infection, not weakness climbing the legs;
- reassurance and the parents' worry misread (tonsils normal, calves symmetrical, the eye itself
  white, moist lips and tears, "non-bloody" stools, softer poos, "parents anxious");
- a cold sore's first tingle on a lip without a preposition; a lip bitten eating; a cradle cap's
  greasiness; a nappy rash's soreness when wiped; a lump on the forehead after a knock; threadworms'
  itchy bottom (NHS threadworms).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.facts import read_facts
from tests.support.reading import assert_reads
from tests.support.triage import level_of

NEWBORN = Patient(age_years=0.12, sex=Sex.FEMALE)
BABY = Patient(age_years=0.6, sex=Sex.MALE)
CHILD = Patient(age_years=4, sex=Sex.FEMALE)
WOMAN = Patient(age_years=27, sex=Sex.FEMALE)
OLDER_MAN = Patient(age_years=79, sex=Sex.MALE)


@pytest.mark.parametrize("text,celsius", [
    ("felt hot so I checked with the ear thermometer and it's 38.4", 38.4),
    ("the thermometer says 39.1", 39.1),
    ("his temperature's 37.3 and he's himself", 37.3),
    ("no temperature, she is 40 years old", None),
    ("temperature on and off for 3 days, she's 38 weeks pregnant", None),
])
def test_a_thermometer_reading_said_a_few_words_on(text, celsius):
    assert read_facts(text.lower()).temperature_c == celsius


READINGS = [
    ("he takes a lot of tablets for his heart and sugar", None, {"overdose"}),
    ("he took a lot of tablets last night", "overdose", set()),
    ("she's run out of ibuprofen and paracetamol", None, {"overdose"}),
    ("the bleeding is like her usual heavy day", None, {"severe-bleeding"}),
    ("the rash went white when I pressed a glass on it", None, {"non-blanching-rash"}),
    ("the red area is about the size of his palm", None, {"hand-or-finger-stiffness-or-tightness"}),
    ("passing clots the size of a plum", None, {"hand-or-finger-stiffness-or-tightness"}),
    ("now my lips feel puffy", "lip-swelling", set()),
    ("my throat feels kind of tight", "throat-feels-tight", set()),
    ("and my voice sounds weird", "hoarse-voice", set()),
    ("a red patch on my shin spreading up the leg", "skin-looks-infected", {"ascending-weakness"}),
    ("weakness spreading up from his feet", "ascending-weakness", set()),
    ("tonsils look normal, no white spots", None, {"swollen-or-red-tonsils"}),
    ("both calves look symmetrical", None, {"leg-swelling"}),
    ("the eye itself is white", None, {"white-discharge-from-eye"}),
    ("moist lips, tears when crying", None, {"dry-lips", "irritable-infant"}),
    ("three loose non-bloody stools", "diarrhea", {"blood-in-stool"}),
    ("her poos are a bit softer than usual", None, {"constipation"}),
    ("parents anxious as it's his first winter", None, {"anxiety-and-nervousness"}),
    ("tingling and burning L lower lip since last night", "lip-sore", {"lip-swelling"}),
    ("I bit my lip eating a sandwich", None, {"lip-swelling"}),
    ("crusty patches on his scalp, a bit greasy", "dry-or-flaky-scalp", {"changes-in-stool-appearance"}),
    ("he cries a bit when I wipe him", "skin-pain", {"blood-in-stool"}),
    ("there's an egg on his forehead", "head-injury", {"mass-on-ear"}),
    ("bright red blood on the loo roll", "rectal-bleeding", {"excessive-anger", "flushing"}),
    ("I had the same after my first baby", None, {"recent-pregnancy"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_fever_on_the_ear_thermometer_in_a_six_week_old_is_an_emergency(served, detector):
    text = "she felt warm so I checked with the ear thermometer and it's 38.2, feeding a bit less"
    classified = served.classify(text)
    assert classified.vitals.temperature_c == 38.2
    assert detector.assess(NEWBORN, classified.vitals, classified.findings).level >= Urgency.EMERGENCY


def test_hives_with_puffy_lips_and_a_tight_throat_is_anaphylaxis(served, detector):
    text = "hives all over after a curry, now my lips feel puffy and my throat feels kind of tight"
    assert level_of(served, detector, text, WOMAN) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient", [
    ("streaming nose and a tickly cough since Sunday, he takes a lot of tablets, eating his meals", OLDER_MAN),
    ("period pain like every month, she's run out of ibuprofen, the bleeding is like her usual heavy day",
     WOMAN),
    ("red sore rash where his nappy goes, he cries a bit when I wipe him, no temperature", BABY),
    ("waking at night scratching her bottom, tiny white threads round her bum, otherwise fine", CHILD),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE
