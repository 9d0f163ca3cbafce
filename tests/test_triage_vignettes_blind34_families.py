"""Presentation families read from vignettes_blind34, development data written blind in session 15
(eval/README.md, issue #5): the five kinds of emergency the vignette test split was seen to miss in
session 8 (an aortic aneurysm or dissection, a pulmonary embolism, appendicitis, an early pregnancy
emergency, a returning traveller's fever), told atypically, beside look-alikes. Each family is
tested with phrasings written here (none copied from the eval file), beside a look-alike that must
keep its own reading or level:

- an aorta a doctor called wide or enlarged, or a "triple A", is a known aneurysm: with back, tummy,
  side or groin pain an emergency (ESC 2014 aortic diseases; NHS abdominal aortic aneurysm);
- hours "flying" are a long journey, a clot risk with breathlessness (NICE NG158); "visiting my family
  in" a malaria area is a trip there (NICE CKS malaria);
- tummy pain worse when walking, coughing or rolling over, going down the stairs, or walked with
  bent over, is pain on
  movement (NHS appendicitis, peritonitis); a child pointing to the lower right; a right-sided pain
  that "was more in the middle at first" moved (NHS appendicitis);
- words that were read as something else: "thought it was ligament pain" (a knee), "worried it's a
  stress fracture" (a deformed limb and anxiety), "worry it's a clot" (clots in a period), a "tender
  spot" (a rash), fluids "kept down" (vomiting), "gurgly cramps" (muscle cramps), a period "on time"
  (an irregular one), "I'm 23, fit" (a fit), a tummy ache "all over" (aching all over), a soft tummy,
  an ache "round my belly button" (an odd navel), bleeding "last pregnancy" (bleeding in this one), a scan's heartbeat (an irregular one), shins and
  calves that ache (nothing), an ache "along the bone" (a limb out of shape);
- a shin or arm bone said to be bent or at a funny angle is a limb out of shape (NHS broken leg; read
  as a swollen leg before);
- a painkiller "not helping my back" is the back's pain, present (read as a back said to be fine).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

CHILD = Patient(age_years=8, sex=Sex.MALE)
WOMAN = Patient(age_years=29, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
MAN = Patient(age_years=40, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=73, sex=Sex.MALE)

READINGS = [
    ("they found a triple A at my screening and keep an eye on it", "known-aortic-aneurysm", set()),
    ("the scan showed my aorta is a little bit enlarged", "known-aortic-aneurysm", set()),
    ("I have an abdominal aortic aneurysm", "known-aortic-aneurysm", set()),
    ("back from Singapore, 13 hours flying, now breathless", "clot-risk-setting", set()),
    ("tummy pain, worse when she coughs or rolls over in bed", "pain-worse-on-jolting", {"positional-vertigo"}),
    ("he's walking around bent double holding his tummy", "pain-worse-on-jolting", {"posture-problems"}),
    ("the room spins when I roll over in bed", "positional-vertigo", set()),
    ("keeps pointing low down on the right side of her tummy", "lower-abdominal-pain", set()),
    ("pain in my lower right side now, it started off around my belly button first",
     "pain-migrating-to-right-lower-abdomen", set()),
    ("I assumed it was just round ligament pain", None, {"knee-pain"}),
    ("shins sore after netball, worried it's a stress fracture", "leg-pain", {"limb-deformity", "anxiety-and-nervousness"}),
    ("calf cramp at night, I'm scared it's a blood clot", None, {"blood-clots-during-menstrual-periods"}),
    ("heavy period with big clots", "blood-clots-during-menstrual-periods", set()),
    ("ache between my shoulder blades with a tender spot when I press", "back-pain", {"skin-rash"}),
    ("runs since Tuesday but keeping fluids down", "diarrhea", {"vomiting"}),
    ("she can't keep anything down, sick every hour", "vomiting", set()),
    ("drinking dioralyte and keeping it down", None, {"vomiting"}),
    ("tried sips of water but she can't keep it down", "vomiting", set()),
    ("diarrhoea with gurgly cramps", "diarrhea", {"muscle-cramps-contractures-or-spasms"}),
    ("period pain like always, my period came on time", None, {"irregular-menstrual-flow"}),
    ("I'm 31, fit and healthy, no heart trouble", None, {"seizures"}),
    ("he had a fit lasting two minutes", "seizures", set()),
    ("tummy ache all over after too much chocolate", "abdominal-pain", {"ache-all-over"}),
    ("his tummy feels soft when I press it", None, {"abdominal-pain"}),
    ("early scan because I had bleeding in my last pregnancy", None, {"spotting-or-bleeding-during-pregnancy"}),
    ("the baby was in the right place and had a heartbeat", None, {"irregular-heartbeat"}),
    ("both calves ache after his first football training", "leg-pain", set()),
    ("the ibuprofen isn't helping my back at all", "back-pain", set()),
    ("sore along the inside of my shin bone when I run", "bones-are-painful", {"limb-deformity"}),
    ("came off the trampoline and her forearm looks bent", "limb-deformity", set()),
    ("got back from seeing my family in Accra last week", "travel-to-malaria-area", set()),
    ("stayed with his grandparents in Pakistan over the summer", "travel-to-malaria-area", set()),
    ("was staying with my in-laws in Ghana till last week", "travel-to-malaria-area", set()),
    ("tummy really hurts when I cough or walk down the stairs", None, {"cough"}),
    ("my knee hurts when I go down the stairs", "knee-pain", set()),
    ("a dull ache round his belly button since tea time", "abdominal-pain", {"irregular-belly-button"}),
    ("my shin bone is at a funny angle after the tackle", "limb-deformity", {"leg-swelling"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_back_pain_not_helped_is_present(served):
    read = served.classify("paracetamol isn't helping my back")
    assert any(f.code == "symptom:back-pain" and f.presence.name == "PRESENT" for f in read.findings)


@pytest.mark.parametrize("text,patient", [
    ("my lower back aches since I dug the garden at the weekend, ibuprofen isn't helping my back much", MAN),
    ("both his shins and calves ache after the first football training of the season, no swelling, not limping",
     CHILD),
    ("had a big curry and beer, burning behind the breastbone and burping, I'm 24, fit, gaviscon helped, "
     "not sweaty or breathless", MAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a known aneurysm with loin or back pain (ESC 2014; NHS abdominal aortic aneurysm)
    ("pain in my left loin going to the groin since this morning, like the kidney stone I had once; "
     "the GP said my aorta was a bit wide a few years ago", OLDER_MAN, Urgency.EMERGENCY),
    # hours flying, then breathless (NICE NG158)
    ("back from Australia on Saturday, 22 hrs flying, now puffed out on the stairs", MAN, Urgency.EMERGENCY),
    # tummy pain worse on walking in a child, and a right-sided pain that moved, in pregnancy
    ("tummy pain since last night, sick twice, walking bent over and won't jump on the trampoline", CHILD,
     Urgency.EMERGENCY),
    ("pain on my right side, it was more around my belly button at first, off my food and feel sick",
     PREGNANT, Urgency.EMERGENCY),
    # a fever after visiting family in a malaria area (NICE CKS malaria), in pregnancy too
    ("back from visiting my family in Kampala ten days ago, fever of 38.8 and shivers since yesterday", PREGNANT,
     Urgency.EMERGENCY),
    # tummy pain that hurts going down the stairs (NHS appendicitis)
    ("ache round my belly button since last night, now it hurts when I go down the stairs, off my food", MAN,
     Urgency.EMERGENCY),
    # a stress fracture feared is a GP's to see, not a deformed limb's A&E
    ("running a lot more, both shins ache along the bone, worried it's a stress fracture", WOMAN,
     Urgency.CONSULTATION),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
