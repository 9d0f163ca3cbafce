"""Presentation families read from vignettes_blind10's triage misses (eval/README.md, issue #5):
clinician prose the classifier read as something else, and harmless pictures the NHS pages describe
that the rules sent to a doctor. Each family is tested with phrasings written here (none copied from
the eval file), beside a look-alike that must keep its own reading or level:

- readings: a denial between a pain and a place ("does not go down his legs"), a function said to be
  clear or normal ("speech is clear", "power in all four limbs is normal") and "gone funny" as
  "become", a place said "spared", sleep lost to an itch, fluids kept down and a normal wee, the
  outer side of a limb, the inside of the nose, skin said to be intact, paraspinal tenderness, a
  side of the chest or tummy named by its own site, a chest that hurts only on coughing, a baby's
  sore buttocks (nappy rash), a band of clustered blisters (shingles), athlete's foot and
  chilblains by their look; and, found while measuring these on the development files, "non-stop"
  (not "stopped"), hiccups, a fizzy drink, tablets taken as prescribed, a pain set off by twisting,
  a presenting complaint after the history ("a known asthmatic presents with wheeze"), a list item
  with its own time ("no fever, chest pain since this morning"), describing words between commas
  ("black, sticky, foul-smelling stools");
- sourced pictures: Bell's palsy when the forehead is weak too and the limbs and speech are normal
  (NICE CKS), shingles' pain beside its band of blisters (NHS), teething's broken sleep (NHS), a
  stomach bug's cramps (NHS food poisoning), athlete's foot's itch (NHS), acne however long it has
  lasted (NHS acne), chilblains (NHS).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of

ADULT = Patient(age_years=41, sex=Sex.MALE)
WOMAN = Patient(age_years=66, sex=Sex.FEMALE)
TEEN = Patient(age_years=15, sex=Sex.FEMALE)
BABY = Patient(age_years=0.75, sex=Sex.MALE)


def findings(served, text):
    return {(f.code.removeprefix("symptom:"), f.presence.name) for f in served.classify(text).findings}


# (text, concept that must be read or None, concepts that must not be read)
READINGS = [
    ("the ache stays in her back and doesn't spread down her legs", None, {"leg-pain"}),
    ("the pain shoots down my left leg", "leg-pain", set()),
    ("itchy ankles at night keeping me awake", "itching-of-skin", {"hard-to-wake"}),
    ("she is very hard to wake this morning", "hard-to-wake", set()),
    ("he is keeping drinks down and passing normal amounts of urine", None, {"polyuria", "fluid-retention"}),
    ("she is weeing loads and always thirsty", "polyuria", set()),
    ("the skin folds are spared", None, {"rash-in-skin-creases"}),
    ("a red rash in the skin folds of his neck", "rash-in-skin-creases", set()),
    ("the outer side of his knee is swollen", "knee-swelling", {"side-pain"}),
    ("a stitch in my side when I run", "side-pain", set()),
    ("pain on the left side of his chest", "chest-pain", {"side-pain"}),
    ("pain in the right side of my tummy", "abdominal-pain", {"side-pain"}),
    ("the inside of his nose looks pale and boggy", None, {"hypernasality", "pallor"}),
    ("she looks pale and clammy", "pallor", set()),
    ("the skin is intact over the bruise", None, {"skin-rash"}),
    ("tenderness of the paraspinal muscles in the lower back", "back-pain", {"suprapubic-pain"}),
    ("mild chest discomfort on coughing", "chest-soreness-from-coughing", {"chest-pain"}),
    ("sharp chest pain when breathing in", "hurts-to-breath", {"chest-soreness-from-coughing"}),
    ("red, sore skin over the buttocks since yesterday", "diaper-rash", set()),
    ("a band of clustered blisters across one side of his back", "dermatomal-rash", set()),
    ("itching and stinging between my toes, the skin is white and soggy", "athletes-foot", set()),
    ("itchy red swellings on my toes since the frost", "chilblains", set()),
    # found while measuring these families on the development files
    ("she has been coughing non-stop since Sunday", "cough", set()),
    ("hiccups on and off since a fizzy drink at lunch", "hiccups", {"paresthesia"}),
    ("my fingertips keep tingling", "paresthesia", set()),
    ("he takes his tablets every morning and has a sore throat", "sore-throat", {"overdose"}),
    ("she took all her tablets at once last night", "overdose", set()),
    ("a sharp pain in my ribs when I twist round", None, {"hurts-to-breath"}),
    ("it hurts when I breathe in deeply", "hurts-to-breath", set()),
    ("a band of little blisters round one side of my waist", "dermatomal-rash", set()),
    ("two black, sticky, smelly stools overnight", "melena", set()),
    ("a hot, swollen knee since yesterday", "knee-swelling", set()),
]


def test_clinical_prose_says_the_presenting_complaint_after_the_history(served):
    read = findings(served, "a known asthmatic presents with wheeze and a cough")
    assert ("wheezing", "PRESENT") in read, read
    read = [f for f in served.classify("with a known glioma, she reports headaches with vomiting over 3 days").findings
            if f.code == "symptom:headache"]
    assert read and all(f.temporality.name == "CURRENT" for f in read), read
    assert ("asthma", "PRESENT") not in findings(served, "history of asthma, presents with a cough")


def test_a_list_item_with_its_own_time_is_a_complaint_not_a_denial(served):
    read = findings(served, "no fever, chest pain since this morning")
    assert ("fever", "ABSENT") in read and ("chest-pain", "PRESENT") in read, read
    read = findings(served, "no fever, cough or rash")
    assert ("cough", "ABSENT") in read and ("skin-rash", "ABSENT") in read, read


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_clear_speech_and_normal_power_are_read_as_absent(served):
    read = findings(served, "her speech is clear and power in all four limbs is normal")
    assert ("difficulty-speaking", "ABSENT") in read and ("arm-weakness", "ABSENT") in read, read
    read = findings(served, "his speech has gone all funny")
    assert ("difficulty-speaking", "PRESENT") in read, read


def test_bells_palsy_is_seen_today_but_a_stroke_sign_keeps_the_ambulance(served, detector):
    bell = ("the right side of my face dropped overnight, I can't raise my right eyebrow or shut that eye; "
            "my speech is normal and there is no weakness in my arms or legs")
    assert level_of(served, detector, bell, ADULT) == Urgency.CONSULTATION_24H
    # the forehead spared (no eyebrow or eye sign): a stroke's face
    assert level_of(served, detector, "the right side of my face dropped overnight, no weakness in my arms",
                    ADULT) >= Urgency.EMERGENCY
    # a weak arm beside it
    assert level_of(served, detector, "my face dropped on the right, I can't raise my right eyebrow and my right "
                    "arm is weak", ADULT) >= Urgency.EMERGENCY
    # nothing said of the limbs or speech: no reassurance, the face's own reading stands
    assert level_of(served, detector, "my face dropped on one side and I can't close that eye", ADULT) \
        >= Urgency.EMERGENCY


def test_shingles_pain_beside_its_blisters_is_not_a_heart_pain(served, detector):
    text = ("burning pain round the left side of my chest for four days, now a band of clustered blisters in the "
            "same place")
    assert level_of(served, detector, text, WOMAN) == Urgency.CONSULTATION_24H
    breathless = text + ", and I'm short of breath"
    assert level_of(served, detector, breathless, WOMAN) >= Urgency.EMERGENCY


def test_teething_with_broken_sleep_is_self_care(served, detector):
    text = "teething, dribbling everywhere and waking more at night, still feeding well, no temperature"
    assert level_of(served, detector, text, BABY) == Urgency.SELF_CARE
    feverish = "teething, dribbling and waking at night, temperature 38.6 and off his feeds"
    assert level_of(served, detector, feverish, BABY) >= Urgency.CONSULTATION


def test_a_stomach_bugs_cramps_are_self_care_but_not_severe_pain_or_blood(served, detector):
    text = "diarrhoea since yesterday with crampy tummy ache, keeping fluids down, no blood"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    assert level_of(served, detector, "diarrhoea with severe tummy pain", ADULT) >= Urgency.EMERGENCY
    assert level_of(served, detector, "tummy ache for a day, no diarrhoea", ADULT) >= Urgency.CONSULTATION


def test_a_babys_nappy_rash_in_the_groin_is_self_care_unless_a_lump(served, detector):
    text = "red, sore skin over the buttocks and into the groin since yesterday, feeding well, no fever"
    assert level_of(served, detector, text, BABY) == Urgency.SELF_CARE
    lump = "red, sore skin over the buttocks and a swollen lump in the groin, keeps crying"
    assert level_of(served, detector, lump, BABY) >= Urgency.CONSULTATION


def test_athletes_foot_itch_lasts_longer_than_an_unexplained_itch(served, detector):
    text = "itching between my toes for three weeks, the skin between my toes is white and soggy"
    assert level_of(served, detector, text, ADULT) == Urgency.SELF_CARE
    assert level_of(served, detector, "itchy skin on my arms for three weeks", ADULT) >= Urgency.CONSULTATION
    diabetic = Patient(age_years=41, sex=Sex.MALE, history=("type 2 diabetes",))
    assert level_of(served, detector, text, diabetic) >= Urgency.CONSULTATION
    hot_foot = "itching between my toes, and now my foot is red, hot and swollen"
    assert level_of(served, detector, hot_foot, ADULT) >= Urgency.CONSULTATION


def test_acne_for_months_is_self_care_and_chilblains_too(served, detector):
    assert level_of(served, detector, "spots and blackheads on my face for six months", TEEN) == Urgency.SELF_CARE
    chilblains = "itchy red swellings on my toes since the frost last week, skin not broken"
    assert level_of(served, detector, chilblains, WOMAN) == Urgency.SELF_CARE


def test_a_babys_hiccups_are_no_symptom_for_the_infant_minimum(served, detector):
    young = Patient(age_years=0.2, sex=Sex.FEMALE)
    hiccups = detector.assess(young, Vitals(), served.classify("he gets hiccups a lot after feeds").findings)
    assert hiccups.level == Urgency.SELF_CARE, hiccups.reasons
    sick = detector.assess(young, Vitals(), served.classify("hiccups and being sick after every feed").findings)
    assert sick.level >= Urgency.CONSULTATION, sick.reasons


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    explanations = {e["id"]: e for e in raw["explanations"]}
    assert explanations["bells-palsy"]["source"] in raw["sources"]
    assert explanations["bells-palsy"]["level"] == "CONSULTATION_24H"
    assert explanations["bells-palsy"]["reassured_by"]
    for rule_id in ("shingles-pain", "athletes-foot-itch"):
        assert explanations[rule_id]["source"] == "nhs-website" and explanations[rule_id]["cite"].startswith("NHS: ")
    assert "insomnia" in explanations["teething-signs"]["findings"]
    scs = raw["self_care_symptoms"]
    assert {"chilblains", "athletes-foot"} <= set(scs["ids"]) and scs["max_days"]["acne-or-pimples"] is None
    assert any(c["with"] == ["diarrhea"] and "abdominal-pain" in c["covers"] for c in scs["companions"])
