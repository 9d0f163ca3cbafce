"""Emergencies of the development sets that only the complaint screen had caught, read by the rules
alone in session 16 (issue #5). Phrasings written here, beside look-alikes that keep their level:

- a person "not right at all" is unwell; the words after it ("sweaty, shaky, talking nonsense") are
  not negated by its "not";
- a pain that began suddenly and then moved on down the back is an aortic dissection's migrating pain
  (ESC 2014);
- tummy pain with blood from the bottom in an older person with arterial disease is mesenteric
  ischaemia until shown otherwise (ESVS 2017);
- a baby's soft spot that bulges or looks "puffed up and tight" (NICE NG143 red), and a throat that
  "feels scratchy" (the encoder had read it as a scratchy eye when its neighbours moved).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

OLDER_WOMAN = Patient(age_years=79, sex=Sex.FEMALE)
WOMAN = Patient(age_years=57, sex=Sex.FEMALE)
OLDER_MAN_STENT = Patient(age_years=77, sex=Sex.MALE, history=("peripheral arterial disease, leg stent",))
OLDER_MAN = Patient(age_years=77, sex=Sex.MALE)
YOUNG_MAN = Patient(age_years=30, sex=Sex.MALE)


@pytest.mark.parametrize("text,expected,not_expected", [
    ("she's not right at all, sweaty and muddled", "feeling-ill", set()),
    ("the pain started suddenly and has now moved down to my lower back", "pain-moving-down-back", set()),
    ("my right side is not right, it tingles", None, {"feeling-ill"}),
    ("the soft spot on her head looks kind of puffed up and tight", "bulging-fontanelle", set()),
    ("his soft spot looks sunken", "dehydration", {"bulging-fontanelle"}),
    ("sore throat since yesterday, feels scratchy", "throat-irritation", {"foreign-body-sensation-in-eye"}),
])
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_not_right_does_not_negate_what_follows(served):
    read = served.classify("she's not right at all - sweaty, shaky and talking nonsense")
    present = {f.code.removeprefix("symptom:") for f in read.findings if f.presence.name == "PRESENT"}
    assert {"sweating", "confusion"} <= present


@pytest.mark.parametrize("text,patient,level", [
    ("she's not right at all this morning, sweaty, shaky, talking nonsense", OLDER_WOMAN, Urgency.EMERGENCY),
    # a bulging soft spot in a feverish baby (NICE NG143 red)
    ("hot and grizzly since this morning, won't take his bottle, the soft spot looks puffed up and tight",
     Patient(age_years=0.35, sex=Sex.MALE), Urgency.EMERGENCY),
    ("a sudden sharp pain between my shoulder blades, now it's gone lower down my back and I feel sick", WOMAN,
     Urgency.EMERGENCY),
    ("tummy pain much worse since lunch and some blood when he went to the toilet", OLDER_MAN_STENT,
     Urgency.EMERGENCY),
    # without the arterial disease on record, the same words keep the warning sign's level
    ("tummy ache on and off and a little blood on the paper when I wipe", OLDER_MAN, Urgency.CONSULTATION_24H),
    # a back strain that spreads, begun gradually, is not a dissection's pain
    ("my lower back has ached since I dug the garden and the ache is spreading down my back", YOUNG_MAN,
     Urgency.SELF_CARE),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
