"""Presentation families read from vignettes_blind13's triage misses (eval/README.md, issue #5).
Each family is tested with phrasings written here (none copied from the eval file), beside a
look-alike that must keep its own reading or level:

- how long and when: "has had 2 days of stinging" and "a 3-day history of cough" are current
  complaints of that length (they were read as past history, with no duration); a complaint back
  "every May and June" has no years-long episode, while "a cough every night for 3 weeks" has lasted
  3 weeks;
- a list after "no" goes on past words we read no finding from when "or" joins them ("no redness,
  heat or sudden swelling");
- readings: caffeine drunk, a bowel habit that was regular, a drink and a wee said as reassurance,
  a potty-trained child's "accidents" (wetting, not an injury), a swollen gum;
- sourced pictures: piles under 50 (NHS piles; NICE NG12 for 50 and over), constipation's tummy
  ache (NHS constipation), teething's sore gum (NHS baby teething symptoms).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Presence, Sex, Temporality, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=30, sex=Sex.FEMALE)
MAN = Patient(age_years=35, sex=Sex.MALE)
OLDER_MAN = Patient(age_years=58, sex=Sex.MALE)
OLDER_WOMAN = Patient(age_years=76, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=29, sex=Sex.FEMALE, pregnant=True)
TODDLER = Patient(age_years=3, sex=Sex.MALE)
BABY = Patient(age_years=0.6, sex=Sex.FEMALE)


def finding(served, text: str, code: str):
    return next(f for f in served.classify(text).findings if f.code == f"symptom:{code}")


@pytest.mark.parametrize("text,code,hours", [
    ("he has had two hours of crushing chest pain", "chest-pain", 2),
    ("she has had 3 weeks of a productive cough", "cough", 504),
    ("a 3-day history of cough and fever", "cough", 72),
    ("he has had three days' history of fever", "fever", 72),
    ("a cough every night for 3 weeks", "cough", 504),
])
def test_a_duration_said_first_is_the_complaints_own(served, text, code, hours):
    f = finding(served, text, code)
    assert f.temporality == Temporality.CURRENT and f.duration_hours == hours


def test_history_stays_history(served):
    # a past event with no duration of its own stays in the past; a gestation is no duration
    assert not any(f.temporality == Temporality.CURRENT for f in served.classify("history of a stroke").findings)
    spotting = served.classify("at 20 weeks of pregnancy she has some spotting").findings
    assert spotting and all(f.duration_hours is None for f in spotting)


def test_a_seasonal_complaint_has_no_years_long_episode(served):
    f = finding(served, "sneezing and a runny nose every June and July for the past few years", "sneezing")
    assert f.duration_hours is None


def test_a_list_after_no_goes_on_past_unread_words_joined_by_or(served):
    f = finding(served, "there is no warmth, heat or sudden swelling and no fever", "swelling")
    assert f.presence == Presence.ABSENT
    # a subject starts a statement: the swelling is said, not denied
    f = finding(served, "no fever, she has sudden swelling of her face", "facial-swelling")
    assert f.presence == Presence.PRESENT


READINGS = [
    ("I'm drinking loads of coffee to get through the day", None, {"thirst"}),
    ("I'm drinking loads of water because I'm so thirsty", "thirst", set()),
    ("before this his bowel habit was normal", None, {"changes-in-bowel-function"}),
    ("my bowel habit has changed over two months", "changes-in-bowel-function", set()),
    ("she is drinking fluids and passing urine", None, {"frequent-urination"}),
    ("he has had a few accidents even though he is dry in the day", "involuntary-urination", {"major-trauma"}),
    ("he was hurt in a car accident", "major-trauma", set()),
    ("one of her gums looks swollen", "gum-pain", {"swelling"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


PILES = ("bright red blood on the paper after straining a few times this week and an itchy lump at my "
         "bottom; I've been constipated; my poo isn't black and I haven't lost weight")


def test_piles_under_50_are_self_care(served, detector):
    assert level_of(served, detector, PILES, MAN) == Urgency.SELF_CARE


@pytest.mark.parametrize("text,patient", [
    (PILES, OLDER_MAN),  # 50 or over: NICE NG12's cancer check
    (PILES + ", and I've had tummy pain for a month", MAN),
    ("bright red blood on the paper and an itchy lump at my bottom; no weight loss", Patient(
        age_years=35, sex=Sex.MALE, medications=("apixaban",))),
    ("black, sticky poo and an itchy bottom, no weight loss", MAN),
])
def test_bleeding_from_the_bottom_keeps_its_rules_otherwise(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.CONSULTATION


@pytest.mark.parametrize("text,patient,level", [
    ("not opened my bowels for 4 days since starting codeine, bloated with a mild tummy ache, passing wind, "
     "no vomiting and no blood", OLDER_WOMAN, Urgency.SELF_CARE),
    ("grumpy for two days and chewing on everything, one of his bottom gums looks swollen, feeding well, "
     "no rash and no diarrhoea", BABY, Urgency.SELF_CARE),
    ("sneezing, an itchy runny nose and itchy eyes every May and June for years, no wheeze, no fever", WOMAN,
     Urgency.SELF_CARE),
])
def test_home_care_pictures(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) == level


@pytest.mark.parametrize("text,patient,level", [
    # constipation with severe pain, vomiting and no wind: a bowel obstruction's signs
    ("not opened my bowels for 4 days, severe tummy pain, vomiting and I can't pass wind", OLDER_WOMAN,
     Urgency.EMERGENCY),
    # a urine infection in pregnancy is never left at home (NICE NG109)
    ("she has had 2 days of stinging when passing urine and going to the toilet much more often", PREGNANT,
     Urgency.CONSULTATION),
    # a potty-trained toddler's wetting with a fever and stinging: a urine infection, not an injury
    ("a temperature for two days, crying when he does a wee and a couple of accidents", TODDLER,
     Urgency.CONSULTATION),
])
def test_look_alikes(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert got >= level
    if level < Urgency.EMERGENCY:
        assert got < Urgency.EMERGENCY_AMBULANCE


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rule = next(e for e in raw["explanations"] if e["id"] == "piles-bleeding")
    assert rule["source"] == "nhs-website" and rule["cite"].startswith("NHS: piles")
    assert rule["max_age"] == 50 and "melena" in rule["unless"] and "apixaban" in rule["unless_medications"]
    companions = {tuple(c["with"]): c for c in raw["self_care_symptoms"]["companions"]}
    assert companions[("constipation",)]["cite"] == "NHS: constipation"
    teething = next(e for e in raw["explanations"] if e["id"] == "teething-signs")
    assert "gum-pain" in teething["findings"]
