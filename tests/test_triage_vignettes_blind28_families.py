"""Presentation families read from vignettes_blind28, self-care-heavy development data (session 13,
eval/README.md, issue #5), and from short self-care variants written beside it. Each family is
tested with phrasings written here (none copied from the eval file), beside a look-alike that must
keep its own level:

- things done or said around a minor injury that the encoder read as symptoms: a burn held under
  running water (fluid retention), a knee that bends and straightens (a limb out of shape), getting
  back up after a fall (constipation), a foot stretched to ease a cramp (a stiff foot), the glass
  test named (a non-blanching rash: only a rash that does not fade is one), the end of a splinter
  seen (suicidal thoughts), a child watching television (a delusion), "the first day";
- places the encoder confused: an ear that hurts when pulled (a baby pulling at its ears), a nose
  that cannot be breathed through (breathlessness), crusts on the eyes (crusted skin sores), an
  ulcer inside the lip, bowels "blocked up" (a blocked nose), a neck that hurts to turn the head
  (a tender scalp), a mouth ulcer that hurts when eating (tummy pain eased by food);
- a scald from a pulled-over cup of tea; a head hit in notes ("hit forehead on the cabinet"); a
  bite on the face or a deep one (NHS: A&E); a feverish child who limps (NICE CKS);
- NHS pictures looked after at home: chickenpox in a child (not in an adult), a fall that left a
  graze in someone under 65, indigestion's upper tummy pain, black poo on iron tablets, a little
  breathlessness in pregnancy with its warning signs said absent, the teller's worry beside a
  minor complaint, a baby's cold with no temperature.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

CHILD = Patient(age_years=5, sex=Sex.FEMALE)
TODDLER = Patient(age_years=1.5, sex=Sex.MALE)
WOMAN = Patient(age_years=34, sex=Sex.FEMALE)
MAN = Patient(age_years=30, sex=Sex.MALE)
PREGNANT = Patient(age_years=29, sex=Sex.FEMALE, pregnant=True)
OLDER_MAN = Patient(age_years=84, sex=Sex.MALE, medications=("apixaban",))

READINGS = [
    ("held it under the cold tap for twenty minutes", None, {"fluid-retention"}),
    ("he can bend and straighten it fully", None, {"limb-deformity"}),
    ("she got herself back up straight away", None, {"constipation"}),
    ("it eases when she stretches the foot", None, {"foot-or-toe-stiffness-or-tightness"}),
    ("I did the glass test and the spots faded", None, {"non-blanching-rash"}),
    ("did the glass test and they didn't fade", "non-blanching-rash", set()),
    ("you can see the end of it poking out", None, {"suicidal-thoughts"}),
    ("he is watching cartoons now", None, {"delusions-or-hallucinations"}),
    ("hurts when the ear is pulled", "ear-pain", {"pulling-at-ears"}),
    ("I can't breathe through my nose at night", "nasal-congestion", {"shortness-of-breath"}),
    ("eyelashes stuck with green crusts", "eye-discharge", {"crusted-sores"}),
    ("caught the inside of my cheek and now there's a white ulcer", "mouth-ulcer", set()),
    ("bowels not opened for five days, feels blocked up", "constipation", {"nasal-congestion"}),
    ("agony to turn my head to the right", "neck-pain", {"scalp-tenderness"}),
    ("the ulcer on my tongue stings when I eat", "mouth-ulcer", {"pain-relieved-by-eating"}),
    ("she knocked a mug of hot coffee over herself", "minor-burn", set()),
    ("fell, hit forehead on the bedside cabinet", "head-injury", set()),
    ("had it the first day only", None, {"pain-on-first-steps"}),
    ("black poo since starting ferrous sulphate", "taking-iron", set()),
    ("the dog bit him on the face", "deep-or-facial-bite", set()),
    ("a deep bite on her hand from the cat", "deep-or-facial-bite", set()),
    ("she bit her lip eating toast", None, {"deep-or-facial-bite"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("chickenpox, spots turning into blisters and scabs, itchy, temp 37.9, eating and playing", CHILD),
    ("tripped in the playground, grazed knee, cleaned it, running about again", CHILD),
    ("bad indigestion after a takeaway, burning in my upper tummy, took an antacid", MAN),
    ("black poo since I started iron tablets, feel well, no tummy pain, not dizzy", WOMAN),
    ("a bit breathless on the stairs now I'm 30 weeks, no chest pain, heart not racing", PREGNANT),
    ("she has a cold and a runny nose, I panicked because she was grizzly, drinking well", TODDLER),
    ("red burn on my hand from the oven tray, held it under the cold tap, no blisters", MAN),
    ("blocked snuffly nose, feeding fine, no temperature", Patient(age_years=0.5, sex=Sex.MALE)),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # chickenpox in an adult: antivirals, a GP
    ("itchy spots turning into blisters and scabs since yesterday, temp 38", MAN, Urgency.CONSULTATION),
    # black poo on iron tablets with dizziness: the bleed's red flag holds
    ("black poo since starting iron tablets and I feel dizzy when I stand", WOMAN, Urgency.EMERGENCY),
    # breathless in pregnancy with a racing heart: not the pregnancy's usual breathlessness
    ("breathless on the stairs at 30 weeks and my heart is racing, no chest pain", PREGNANT, Urgency.CONSULTATION_24H),
    # a toddler scalded by a cup of tea: A&E (NHS burns and scalds, under 5)
    ("pulled a cup of hot tea over himself, his tummy is red and blistering", TODDLER, Urgency.EMERGENCY),
    # a bite on the face (NHS animal and human bites: A&E)
    ("our dog bit my son's face, a deep cut on his cheek", CHILD, Urgency.EMERGENCY),
    # a feverish child who limps: septic arthritis until shown otherwise (NICE CKS acute childhood limp)
    ("limping since this morning, no injury, temperature 38.6", CHILD, Urgency.EMERGENCY),
    # a head hit on a blood thinner
    ("found on floor, hit forehead on the wardrobe, small cut, alert", OLDER_MAN, Urgency.EMERGENCY),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
