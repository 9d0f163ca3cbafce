"""Presentation families read from vignettes_blind41, development data written blind in session 17
(eval/README.md, issue #5): 60 older adults (70 to 98) told by relatives and carers. Measured unread
first: the screen caught every emergency, but the rules alone under-triaged 5 of 25, each a reading
lost in a carer's words. Phrasings written here, beside look-alikes that keep their reading or level:

- "hasn't managed a wee since yesterday" is urine retained (NHS urinary retention), "barely weed at
  all ... what there is is dark" is little, dark urine, "hasn't even passed wind" is no wind, and a
  tummy "all swollen and tight like a drum" is distended (NHS bowel obstruction);
- "found Mrs K on her bedroom floor", "gone down twice", "sinks to the floor" are falls, "gone off
  his legs" is trouble walking, "dozing all day" is drowsiness, and "she's cold" is a person feeling
  cold, not a cold;
- "breathing quicker than normal" is fast breathing ("than normal" compares, it does not deny), "he's
  stopped going to his bowls club, barely eats" gives up an activity, not the symptoms after it, and
  "her sight is the same as always" denies a change;
- an infection's signs with new drowsiness or confusion at 65 or over is possible sepsis (NICE NG51:
  new altered mental state);
- words that name no finding: a cheek bitten when dentures slipped, a relative come to stay, a bruise
  gone yellow at the edges, skin like tissue paper, "she keeps rubbing it".
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

OLD_MAN = Patient(age_years=84, sex=Sex.MALE)
OLD_WOMAN = Patient(age_years=88, sex=Sex.FEMALE)
YOUNG_MAN = Patient(age_years=30, sex=Sex.MALE)

READINGS = [
    ("he hasn't managed a wee since last night, just stands there", "retention-of-urine", {"diarrhea"}),
    ("she's barely weed at all today and what there is is dark", "low-urine-output", {"diminished-vision"}),
    ("she's barely weed at all today and what there is is dark", "unusual-color-or-odor-to-urine", set()),
    ("he hasn't even passed wind since this morning", "not-passing-wind", {"flatulence"}),
    ("his tummy is all swollen and tight like a drum", "abdominal-distention", set()),
    ("I found Mr Jones on his kitchen floor this morning", "fall", set()),
    ("she's gone down twice since yesterday", "fall", set()),
    ("Dad's gone off his legs", "difficulty-walking", set()),
    ("he's been dozing all day which isn't like him", "sleepiness", set()),
    ("she's cold and really thirsty", "feeling-cold", {"coryza"}),
    ("she's got a cold and a sore throat", "coryza", {"feeling-cold"}),
    ("his breathing looks quicker than normal", "breathing-fast", set()),
    ("breathing normal", None, {"breathing-fast"}),
    ("he's stopped going to his club, barely eats and sleeps badly", "decreased-appetite", set()),
    ("he's lost a bit of weight", "weight-loss", set()),
    ("her sight is the same as always", None, {"diminished-vision"}),
    ("he thinks he bit it when his dentures slipped", None, {"genital-pain"}),
    ("Mum's come to stay with us for the week", None, {"recent-pregnancy"}),
    ("a big bruise, going yellow at the edges now", "bruise", {"jaundice"}),
    ("his eyes have gone yellow", "jaundice", set()),
    ("his skin's like tissue paper these days", None, {"sandpaper-rash"}),
    ("the cramps are horrendous as always", "muscle-cramps-contractures-or-spasms", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient,level", [
    ("gone off his legs, cough with yellow phlegm, hot and cold, dozing all day which isn't like him", OLD_MAN,
     Urgency.EMERGENCY),
    ("hasn't managed a wee since teatime yesterday, lower belly hard and sore", OLD_MAN, Urgency.EMERGENCY),
    ("been sick three times, tummy all swollen and tight like a drum, hasn't even passed wind since yesterday",
     OLD_MAN, Urgency.EMERGENCY),
    ("found her on her bedroom floor, she can't get up even with help, she's cold", OLD_WOMAN, Urgency.EMERGENCY),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)


def test_the_sepsis_combination_is_for_older_people(served, detector):
    text = "flu, hot and cold, sleeping a lot"
    assert level_of(served, detector, text, OLD_MAN) >= Urgency.EMERGENCY
    assert level_of(served, detector, text, YOUNG_MAN) < Urgency.EMERGENCY
