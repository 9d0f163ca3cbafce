"""Presentation families read from vignettes_blind45 and vignettes_blind46, development data written
blind in session 18 (eval/README.md, issue #5). blind45 is typed in a hurry (lower case, "n" for
"and", "w/", "2day"); blind46 is parents telling it about children. Measured unread first: blind45
under-triaged no emergency; blind46 under-triaged one (a croup with stridor at rest and the chest
"pulling in"), and the rules alone three (that one, a toddler who may have eaten her grandmother's
tablets, a bleed after a tonsillectomy). Self-care in both was mostly over-triaged by misreadings:

- texting's "n" for "and" ("tingling n burning corner of top lip" is a cold sore starting);
- "lots of wet pants" (a dry child is the worry) read as panting, "running round playing" as fast
  breathing, "after bbq at mates" as carbon monoxide, "on laptop 10hrs" as a car crash, "3rd time in
  a month" as a period;
- a child who has "shot up" and vomit that "shoots out, across the room" as major trauma;
- "red spots on the palms of her hands, the soles of her feet" as a pain spreading to the arm;
- "drinking plenty" as thirst, "temperature up to 37.9" as a fever, "skin folds not really
  affected" as a rash in the folds;
- head lice ("tiny greyish crawling things", nits "behind her ears"), a verruca ("tiny black dots",
  "like a stone in her shoe") and a bump on the forehead read as something else;
- NHS nappy rash names diarrhoea among its causes: a nappy rash after loose poos in a baby over 3
  months, with no temperature and feeding well, is looked after at home.

Each phrasing sits beside a look-alike that keeps its reading or level.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.text import tokenize
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

TODDLER = Patient(age_years=2, sex=Sex.FEMALE)
BOY = Patient(age_years=3, sex=Sex.MALE)
BABY = Patient(age_years=0.45, sex=Sex.MALE)
NEWBORN = Patient(age_years=0.1, sex=Sex.MALE)
WOMAN = Patient(age_years=68, sex=Sex.FEMALE)

READINGS = [
    ("his chest is pulling in when he breathes", "difficulty-breathing", {"hurts-to-breath"}),
    ("he's sort of pulling in at his chest", "difficulty-breathing", set()),
    ("a strip of her blood pressure tablets open and three are missing", "overdose", set()),
    ("I don't know if she ate them but she had white bits round her mouth", "overdose", set()),
    ("tingling n burning corner of top lip since this morn", "lip-sore", set()),
    ("now small cluster of blisters coming on my lip", "lip-sore", {"dermatomal-rash"}),
    ("a band of blisters round my side", "dermatomal-rash", {"lip-sore"}),
    ("eating bit less but drinking ok lots of wet pants", None, {"breathing-fast"}),
    ("he's panting and can't get his breath", "breathing-fast", set()),
    ("now running round playing", None, {"breathing-fast"}),
    ("been sick x3 after bbq at mates, others bit rough too", "vomiting", {"carbon-monoxide-exposure",
                                                                        "skin-dryness-peeling-scaliness-or-roughness"}),
    ("headache most afternoons, on laptop 10hrs", "headache", {"rear-end-collision"}),
    ("3rd time in a month got bad pain under right ribs", "upper-abdominal-pain", {"painful-menstruation"}),
    ("He's shot up this year.", None, {"major-trauma"}),
    ("it really shoots out, across the room once", "vomiting", {"major-trauma"}),
    ("little red spots on the palms of her hands, the soles of her feet", "skin-rash", {"pain-radiating-to-arm-or-jaw"}),
    ("she's eating soup and drinking plenty", None, {"thirst"}),
    ("always thirsty and drinking loads of water", "thirst", set()),
    ("red sore looking rash in nappy area, skin folds not really affected", "diaper-rash", {"rash-in-skin-creases"}),
    ("tiny greyish crawling things and white bits stuck near the roots behind her ears", "head-lice",
     {"rash-in-skin-creases"}),
    ("little white eggs stuck on the hairs near her ears", "head-lice", {"pulling-at-ears"}),
    ("her scalp is a bit red from scratching", None, {"scalp-tenderness"}),
    ("a hard rough patch on her foot with tiny black dots in it", "warts", {"non-blanching-rash"}),
    ("it hurts a bit when she walks, like a stone in her shoe", "foot-or-toe-pain", {"painful-urination"}),
    ("it burns when she wees", "painful-urination", set()),
    ("a massive egg-shaped lump on his forehead, the lump looks awful though", None, {"back-mass-or-lump"}),
    ("my partner says to put breast milk in it", None, {"bleeding-or-discharge-from-nipple"}),
    ("it seems worse when he's got a cold", None, {"coryza"}),
    ("he's had a runny nose and a cold for three days", "coryza", set()),
    ("he's been a nightmare for three nights", None, {"nightmares"}),
    ("scratched shin gardening, now red patch spreading up leg, hot n tender", "skin-looks-infected",
     {"ascending-weakness"}),
    ("weakness spreading up from his feet to his knees", "ascending-weakness", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_texting_n_is_and_but_an_answer_stays_an_answer():
    assert [t.text for t in tokenize("hot n itchy")[1]] == ["hot", "and", "itchy"]
    assert [t.text for t in tokenize("fever? n")[1]][-1] == "n"


@pytest.mark.parametrize("text,temperature", [
    ("temperature up to 37.9", 37.9),
    ("temp reached 39.2 last night", 39.2),
    ("a high temperature for 6 days, up to 39.5", None),  # the fever keeps its duration
])
def test_a_temperature_said_as_its_highest(served, text, temperature):
    assert served.classify(text).vitals.temperature_c == temperature


def test_a_fever_with_its_highest_after_a_duration_keeps_the_duration(served):
    fever = [f for f in served.classify("a high temperature for 6 days, up to 39.5").findings
             if f.code == "symptom:fever"]
    assert fever and fever[0].duration_hours == 144


@pytest.mark.parametrize("text,patient,level", [
    ("barking cough again, a squeaky noise every time he breathes in even sitting quietly, he's pulling in at his "
     "chest", BOY, Urgency.EMERGENCY),
    ("she got into my mum's handbag, a strip of blood pressure tablets open and three are missing, she seems okay",
     TODDLER, Urgency.EMERGENCY),
    ("5 month boy, red sore looking rash in nappy area, started after bout of runny poos, cries when i wipe but "
     "happy n feeding. no temp", BABY, Urgency.SELF_CARE),
    ("runny nose n cough since tues, now running round playing, eating bit less but drinking ok lots of wet pants, "
     "no temp", BOY, Urgency.SELF_CARE),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)


def test_loose_poos_beside_a_nappy_rash_are_looked_after_at_home_only_from_3_months(served, detector):
    text = "red sore rash in the nappy area after a few runny poos, no temperature, feeding well"
    assert level_of(served, detector, text, BABY) == Urgency.SELF_CARE
    assert level_of(served, detector, text, NEWBORN) > Urgency.SELF_CARE


def test_loose_poos_with_a_sign_of_dehydration_keep_their_rules(served, detector):
    text = "red sore rash in the nappy area after runny poos, no temperature, but hardly any wet nappies today"
    assert level_of(served, detector, text, BABY) > Urgency.SELF_CARE
