"""Presentation families read from vignettes_blind16 (mixed) and vignettes_blind20 (subtle
must-not-miss emergencies and their look-alikes) (eval/README.md, issue #5). Each family is tested with phrasings written here (none
copied from the eval file), beside a look-alike that must keep its own level:

- a clot risk said in the text (an operation days or weeks ago, a long flight or drive, a leg in
  plaster) with breathlessness, chest pain or blood coughed up (NICE NG158);
- appendicitis: pain that started in the middle and moved to the right, however it is said; a jolt
  ("every bump on the bus") or a cough that makes tummy pain worse; shivering as the fever's sign;
- meningococcal disease before the rash: a feverish illness with leg pain and cold hands and feet
  (NICE NG240);
- an aortic dissection or a heart attack: sudden back, neck or jaw pain with sweating or
  light-headedness; a pain called "ripping"; the jaw as a pain's second place;
- testicular torsion said as groin pain with vomiting in a boy;
- an older person "not making much sense";
- readings the encoder got wrong: "35 and fit" (a seizure), "eating and drinking" (alcohol),
  "bending forward" (a limb out of shape), "can walk and jump about" (difficulty walking), warm
  hands and feet (cold ones), blood tests called "bloods" (vomiting blood), able to weight-bear
  (weight gain);
- biliary colic between attacks: a severe pain the text says is gone now keeps no severity;
- clinical shorthand for a duration ("4/52", "2/7"), redness said to spread (cellulitis), normal
  nappies and skin creases said to be clear;
- a migraine like the usual ones (NHS migraine) and thrush recognised from before (NHS thrush):
  self-care.
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads, present
from tests.support.triage import level_of

WOMAN = Patient(age_years=36, sex=Sex.FEMALE)
MAN = Patient(age_years=44, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=70, sex=Sex.MALE)
OLDER_WOMAN = Patient(age_years=86, sex=Sex.FEMALE)
TEENAGE_BOY = Patient(age_years=13, sex=Sex.MALE)
STUDENT = Patient(age_years=19, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=29, sex=Sex.FEMALE, pregnant=True)


READINGS = [
    ("had a hip replacement two weeks ago", "clot-risk-setting", set()),
    ("three days after my knee operation", "clot-risk-setting", set()),
    ("got off a 12-hour flight on Sunday", "clot-risk-setting", set()),
    ("we flew back from Florida on Tuesday", "clot-risk-setting", set()),
    ("her leg is in plaster after the fracture", "clot-risk-setting", set()),
    ("no long flights and no operations", None, {"clot-risk-setting"}),
    ("coughed up a few specks of bright blood", "hemoptysis", {"blood-in-stool"}),
    ("the ache started around her belly button and by the evening had shifted to the right", "pain-migrating-to-right-lower-abdomen", set()),
    ("it began central and has now settled low on the right", "pain-migrating-to-right-lower-abdomen", set()),
    ("tummy pain, and every bump in the road made him wince", "pain-worse-on-jolting", set()),
    ("sneezing makes the pain worse", "pain-worse-on-jolting", set()),
    ("he describes it as ripping", "tearing-pain", set()),
    ("a dull pain in her shoulder and jaw", "jaw-pain", set()),
    ("he isn't making much sense today", "confusion", set()),
    # reassurance the encoder misread
    ("I'm 40 and fit", None, {"seizures"}),
    ("eating and drinking, just tired", None, {"abusing-alcohol"}),
    ("bending forward makes the back worse", None, {"limb-deformity"}),
    ("I can walk and run about fine", None, {"difficulty-walking"}),
    ("his hands and feet are warm and pink", None, {"poor-circulation"}),
    ("her hands and feet are freezing", "poor-circulation", set()),
    ("ESR raised on routine bloods", None, {"vomiting-blood"}),
    ("able to weight-bear after the twist", None, {"weight-gain"}),
    ("feeding normally, normal nappies", None, {"unusual-color-or-odor-to-urine"}),
    ("spreading redness on the shin, warm and tender", "skin-looks-infected", set()),
    ("itchy down below, had thrush a couple of times before and it feels the same", "thrush-recognised",
     {"white-patches-in-mouth"}),
    ("one of my usual migraines with the zigzag lines first", "usual-migraine", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,hours", [
    ("4/52 aching shoulders and hips", 4 * 168),
    ("2/7 sore throat", 48),
    ("on rivaroxaban x14/7, cough", None),
])
def test_a_duration_in_clinical_shorthand(served, text, hours):
    durations = [f.duration_hours for f in served.classify(text).findings]
    assert durations and durations[0] == hours, durations


def test_not_eating_and_drinking_is_still_read(served):
    assert "decreased-appetite" in present(served, "she's not eating and drinking since yesterday")


@pytest.mark.parametrize("text,patient", [
    ("had a hip replacement two weeks ago and now I get out of breath walking to the kitchen", OLDER_MAN),
    ("back from a 14-hour flight yesterday, sharp pain on the left of my chest when I breathe in", WOMAN),
    ("five days after my knee operation I coughed up some blood", MAN),
    ("tummy ache that started around the belly button and moved to the right, off my food", PREGNANT),
    ("pain started in the middle of my tummy and drifted to the right, I feel shivery", WOMAN),
    ("tummy pain all day and every bump on the way here was agony", WOMAN),
    ("lower tummy pain for a day, coughing makes the pain worse", OLDER_MAN),
    ("flu-ish since this morning, her legs ache so much she can hardly walk and her hands and feet are cold",
     STUDENT),
    ("sudden pain between his shoulder blades while lifting, he went light-headed", OLDER_MAN),
    ("all of a sudden a pain in his neck and jaw, now he's pouring with sweat", MAN),
    ("woke with pain in his groin and he's been sick", TEENAGE_BOY),
    ("found on the floor this morning, she's not making much sense and feels hot", OLDER_WOMAN),
])
def test_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    # breathlessness with a cold, no clot risk; a stomach bug's cramps; aching legs with a cold and
    # warm hands; lumbago that came on when lifting; groin pain in a man after the gym
    ("a cold for a few days, a bit out of breath on the stairs", WOMAN, Urgency.CONSULTATION_24H),
    ("tummy cramps and diarrhoea since last night, keeping fluids down", WOMAN, Urgency.CONSULTATION_24H),
    ("a cold with aching legs, temperature 38, his hands and feet are warm", MAN, Urgency.CONSULTATION_24H),
    ("my lower back suddenly went when I lifted the box, it's very sore", MAN, Urgency.CONSULTATION_24H),
    ("pulled something in my groin at the gym", Patient(age_years=30, sex=Sex.MALE), Urgency.CONSULTATION_24H),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) <= level


@pytest.mark.parametrize("text,patient,level", [
    # biliary colic between attacks sees a GP, not the emergency department; severe pain now still is one
    ("an attack of severe pain under the right ribs after a fry-up, it lasted two hours and eased; "
     "this morning she is pain-free", WOMAN, Urgency.CONSULTATION_24H),
])
def test_pain_gone_now_is_not_severe(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) <= level


def test_a_past_pain_free_spell_keeps_the_severity(served, detector):
    text = "she was pain-free until this morning when severe tummy pain started"
    assert level_of(served, detector, text, WOMAN) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient", [
    ("one of my usual migraines: flashing zigzags, then a throbbing headache and feeling sick, I want a dark room",
     WOMAN),
    ("itchy and sore down below with a thick white discharge, I've had thrush before and it's the same", WOMAN),
])
def test_self_care_pictures(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient,level", [
    # a migraine with weakness, or thrush in pregnancy, keeps its own level
    ("one of my usual migraines but this time my arm went weak", WOMAN, Urgency.EMERGENCY),
    ("itchy with a white discharge, I've had thrush before", PREGNANT, Urgency.CONSULTATION),
])
def test_self_care_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) >= level


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rules = {c["id"]: c for c in raw["combinations"]}
    assert rules["clot-risk-breathless-or-chest-pain"]["source"] == "nice-ng158"
    assert rules["fever-cold-hands-leg-pain"]["source"] == "nice-ng240"
    assert rules["sudden-back-neck-pain-with-shock-signs"]["source"] == "esc-2014-aortic"
    torsion = rules["groin-pain-vomiting-boy"]
    assert torsion["source"] == "nhs-website" and torsion["not_sex"] == "FEMALE" and torsion["max_age"] == 20
    explanations = {e["id"]: e for e in raw["explanations"]}
    assert "pregnant" in explanations["thrush-recognised"]["unless"]
    assert "weakness" in explanations["usual-migraine"]["unless"]
    assert "nice-ng158" in raw["sources"]
