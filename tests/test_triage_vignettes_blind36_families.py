"""Presentation families read from vignettes_blind36, development data written blind in session 16
(eval/README.md, issue #5): 40 emergencies, eight each of the five kinds the vignette test split was
seen to miss (an aortic aneurysm or dissection, a pulmonary embolism, appendicitis, an early pregnancy
emergency, a returning traveller's fever), told in varied voices, beside 20 look-alikes. Each family
is tested with phrasings written here (none copied from the eval file), beside a look-alike that must
keep its own reading or level:

- a trip said with what it was between its verb and its place ("back from 3 weeks in", "returned from
  backpacking round"), and a visit to a mother or father (the text normaliser's "mum" and "dad");
- a trip to a place with dengue and not malaria (south-east Asia, the Pacific, Latin America, the
  Caribbean): with a fever a doctor within 24 hours, with a warning sign (tummy pain, being sick,
  bleeding gums) an emergency (WHO 2009 dengue; NHS dengue); feeling hot and cold counts as the fever
  of a returning traveller (NICE CKS malaria);
- appendicitis told otherwise: a gut ache that later "settled" on the right, a pain "in the middle at
  first" and now on the right, a pain that hurts to cough or laugh, "can't bear to move", a tummy
  "tight as a board";
- pregnancy with tummy or pelvic pain and dizziness or fainting, bleeding or not (NICE NG126); a
  period that "might be late"; a stomach "in agony, lower down";
- the big artery in the tummy said to be wide is a known aortic aneurysm;
- a pregnancy test is a pregnancy only when positive ("did a pregnancy test anyway - negative");
- a one-sided low tummy ache midway through the cycle ("day 14 of my cycle") is ovulation pain (NHS
  ovulation pain), unless dizziness, bleeding, a fever or a pregnancy keep their own reading;
- words read as something else: "normal amount of bleeding" (severe bleeding), "loose, bubbly, smelly
  stools" (black tarry stools), "crack on" (crack cocaine), "hurts when she tries to go" (painful
  urination), lying with one knee bent up (a weak knee), a headache "behind my eyes" (a rash),
  "just left of the breastbone" (upper tummy pain), "light pink spotting" (a pink eye), a back "stiff
  and achy" (aching all over);
- extra painkillers taken with alcohol, and a teen number of tablets, are an overdose (NHS paracetamol
  overdose).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.facts import read_facts
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

GIRL = Patient(age_years=11, sex=Sex.FEMALE)
WOMAN = Patient(age_years=26, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=33, sex=Sex.FEMALE, pregnant=True)
MAN = Patient(age_years=35, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=74, sex=Sex.MALE)

READINGS = [
    ("just got back from two weeks in Vietnam", "travel-to-dengue-area", {"travel-to-malaria-area"}),
    ("returned from backpacking around Ghana last month", "travel-to-malaria-area", set()),
    ("home from a month travelling in Costa Rica", "travel-to-dengue-area", set()),
    ("back from visiting my dad in Lagos on Sunday", "travel-to-malaria-area", set()),
    ("back from a work trip to Paris", None, {"travel-to-malaria-area", "travel-to-dengue-area"}),
    ("a general tummy ache yesterday, then it moved down to my right side overnight",
     "pain-migrating-to-right-lower-abdomen", set()),
    ("his pain was round the middle at first and now it's over on the right", "pain-migrating-to-right-lower-abdomen",
     set()),
    ("tummy ache and it hurts to cough or sneeze", "pain-worse-on-jolting", set()),
    ("my chest hurts to cough", "chest-pain", set()),
    ("her belly is agony, lower down on the left", "lower-abdominal-pain", set()),
    ("my period might be late, not sure", "absence-of-menstruation", set()),
    ("his stomach is tight as a board", "peritonism", set()),
    ("the doctor said the big artery in my tummy was slightly enlarged", "known-aortic-aneurysm", set()),
    ("first day of my period, a normal amount of bleeding", None, {"severe-bleeding"}),
    ("loose, bubbly, smelly stools for two weeks", "diarrhea", {"melena"}),
    ("I'll take ibuprofen and crack on", None, {"drug-abuse"}),
    ("no poo for 4 days and it hurts when he tries to go", "constipation", {"painful-urination"}),
    ("it stings when I wee", "painful-urination", set()),
    ("lying on the sofa with one knee bent up", None, {"knee-weakness"}),
    ("fever and a headache behind my eyes", "headache", {"rash-in-skin-creases"}),
    ("a sharp pain just to the right of my breastbone", "chest-pain", {"upper-abdominal-pain"}),
    ("some light pink spotting on the tissue", "vaginal-bleeding", {"eye-redness", "rectal-bleeding"}),
    ("my lower back has been stiff and achy since the weekend", "back-pain", {"ache-all-over"}),
    ("my gums bled when I brushed my teeth", "bleeding-gums", {"rest-or-crescendo-angina"}),
    ("I'm on day 15 of my cycle", "mid-cycle", {"period-now"}),
    ("a sharp twinge low down on my left side", "lower-abdominal-pain", set()),
    # an overdose the encoder's reading alone had caught (its neighbours move when concepts are added)
    ("took some extra paracetamol with a bit of wine after the argument", "overdose", set()),
    ("she said she took about thirteen tablets", "overdose", set()),
    ("day 2 of my period", "period-now", {"mid-cycle"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,pregnant", [
    ("did a pregnancy test anyway - negative", False),
    ("pregnancy test this morning was negative", False),
    ("should I do a pregnancy test?", None),
    ("did a pregnancy test yesterday and it was positive", True),
    ("positive pregnancy test 3 days ago", True),
])
def test_pregnancy_test(text, pregnant):
    assert read_facts(text).pregnant is pregnant


@pytest.mark.parametrize("text,patient", [
    ("first day of my period, usual cramps low down, normal amount of bleeding, hot water bottle helps", WOMAN),
    # NHS ovulation pain: one side, midway through the cycle
    ("day 14 of my cycle and a dull ache low down on the right since lunch, I get this most months", WOMAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a fever after a dengue area: a doctor within 24 hours; with a warning sign an emergency (WHO 2009)
    ("back from a fortnight in Bali, fever of 38.9 and aching all over", MAN, Urgency.CONSULTATION_24H),
    ("back from Thailand, fever for 3 days, now tummy pain and sick several times", WOMAN, Urgency.EMERGENCY),
    ("home from Brazil a week ago, high fever, my gums bled when I brushed my teeth", MAN, Urgency.EMERGENCY),
    # feeling hot and cold after a malaria area (NICE CKS malaria)
    ("came back from Nigeria 10 days ago, hot then cold and shaking, headache", MAN, Urgency.EMERGENCY),
    # appendicitis told otherwise (NHS appendicitis, peritonitis)
    ("tummy pain since yesterday, it was in the middle at first and now it's on the right, been sick", GIRL,
     Urgency.EMERGENCY),
    ("niggly tummy pain for days, now his tummy is tight as a board and he can't bear to move", OLDER_MAN,
     Urgency.EMERGENCY),
    # pelvic pain and dizziness in pregnancy, no bleeding (NICE NG126)
    ("7 weeks, dull ache deep in my pelvis and lightheaded when I stand, no bleeding", PREGNANT, Urgency.EMERGENCY),
    # a period that might be late, a collapse and severe lower tummy pain (NICE NG126)
    ("she collapsed, says her stomach is agony, lower down, and her period might be late", WOMAN, Urgency.EMERGENCY),
    # a known aneurysm said as a wide artery, with back pain (ESC 2014)
    ("sudden low back pain, was told the big artery in my tummy was a bit wide", OLDER_MAN, Urgency.EMERGENCY),
    # mid-cycle pain with dizziness keeps its own reading (an ectopic pregnancy hurts on one side too)
    ("day 14 of my cycle, ache low down on the left, and I feel dizzy", WOMAN, Urgency.CONSULTATION),
    # chest wall pain beside the breastbone in a young adult: a GP (NHS chest pain)
    ("sharp pain just left of the breastbone since the gym, sore when I press on it, not breathless", MAN,
     Urgency.CONSULTATION),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)
