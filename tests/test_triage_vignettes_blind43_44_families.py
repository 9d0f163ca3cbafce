"""Presentation families read from vignettes_blind43 and vignettes_blind44, development data written
blind in session 18 (eval/README.md, issue #5). blind43 is told by people who play their symptoms
down (and by people frightened of something minor); blind44 in plain or second-language English.
Measured unread first: the screen caught every emergency, but the rules alone under-triaged 3 of 20
in blind43 and 1 of 20 in blind44, each a reading lost:

- FAST signs told by what happened: "his tea dribbled out the side of his mouth", "couldn't lift his
  right arm";
- "a pain down below ..., in one of my, you know, testicles": a hesitation splitting the words, and
  the place said after the pain;
- "two empty packets of paracetamol ..., he say he took all of them": an overdose;
- (blind35, read last session) "saving up my sleeping tablets", "easier for everyone if I just took
  them all", "not sure I can keep myself safe"; "numb when I wipe", "haven't really felt the need to
  wee".

Self-care told with fear was over-triaged by misreadings: a baby "kicking away" or "kicking good" as
reduced movements, "I've read chest pain in pregnancy can be serious" as chest pain, an ear "like
cotton wool in it" as lost feeling, a jaw that crackles as pain spreading to the jaw, "pressing the
bone isn't bad" as a deformity, "didn't hear no crack" as crack cocaine, a tooth's "white bump" on
the gum as thrush, "drooling buckets" beside chewing as trouble swallowing, "temperature, 37.6" as a
fever, "yellow sticky stuff" in the eyes as phlegm, and blood "mixed in" with loose bowels as
vomiting blood. Each phrasing sits beside a look-alike that keeps its reading or level.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.text import tokenize
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

OLD_MAN = Patient(age_years=91, sex=Sex.MALE)
BOY = Patient(age_years=14, sex=Sex.MALE)
MAN = Patient(age_years=19, sex=Sex.MALE)
WOMAN = Patient(age_years=42, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=30, sex=Sex.FEMALE, pregnant=True)
BABY = Patient(age_years=0.6, sex=Sex.FEMALE)
NEWBORN = Patient(age_years=0.04, sex=Sex.FEMALE)

READINGS = [
    ("at breakfast his tea dribbled out the side of his mouth", "facial-droop", set()),
    ("he couldn't lift his right arm to get his coat on", "arm-weakness", {"pain-radiating-to-arm-or-jaw"}),
    ("I got a pain down below about two hours ago, in one of my, you know, testicles, the left one",
     "pain-in-testicles", set()),
    ("I find two empty packets of paracetamol in his room, he say he took all of them", "overdose", set()),
    ("I finished the antibiotics, took all of them like the doctor said", None, {"overdose"}),
    ("I bought two packets of paracetamol and took them all over the week as the packet says", None, {"overdose"}),
    ("I've been saving up my sleeping tablets", "suicidal-thoughts", set()),
    ("it would be easier for everyone if I just took them all", "suicidal-thoughts", set()),
    ("I'm not sure I can keep myself safe tonight", "suicidal-thoughts", set()),
    ("it feels numb when I wipe after the toilet", "saddle-anaesthesia", set()),
    ("I haven't really felt the need to wee today", "loss-of-bladder-or-bowel-sensation", {"frequent-urination"}),
    ("Baby is kicking good, no headache", None, {"reduced-fetal-movements"}),
    ("Baby's kicking away.", None, {"reduced-fetal-movements"}),
    ("the baby has been kicking less since yesterday", "reduced-fetal-movements", set()),
    ("I've read chest pain in pregnancy can be serious and I'm panicking", None, {"pain-during-pregnancy", "chest-pain"}),
    ("I've read one bad burn doubles your risk", None, {"severe-burn"}),
    ("I have a bad burn on my arm from the oven", "minor-burn", set()),
    ("a burning coming up in my chest and throat after food", "heartburn", set()),
    ("my ear feels blocked, like cotton wool in it", "plugged-feeling-in-ear", {"loss-of-sensation"}),
    ("I can't hear the telly well that side", "diminished-hearing", set()),
    ("it crackles when I move my jaw", None, {"pain-radiating-to-arm-or-jaw", "abnormal-breathing-sounds"}),
    ("pressing the bone isn't bad, more the soft bit", None, {"limb-deformity"}),
    ("went over on my ankle, didn't hear no crack", "sprain-or-strain", {"drug-abuse"}),
    ("I can see a little white bump on her bottom gum", "teething", {"white-patches-in-mouth"}),
    ("white patches inside her cheeks that don't wipe off", "white-patches-in-mouth", set()),
    ("drooling buckets, chewing her fists", "teething", {"difficulty-in-swallowing"}),
    ("woke up with both eyes stuck together with yellow sticky stuff", "eye-discharge", {"coughing-up-sputum"}),
    ("coughing up yellow sticky stuff", "coughing-up-sputum", set()),
    ("the white of the eye looks pinkish and the lid's a little puffy", "eye-redness", set()),
    ("the white of the eye looks pinkish and the lid's a little puffy", "eyelid-swelling", {"facial-swelling"}),
    ("my bowels have been looser for two months and there's sometimes dark red blood mixed in", "blood-in-stool",
     {"vomiting-blood"}),
    ("got bitten on my arm, now there's a lump, red round it", "skin-swelling", {"back-mass-or-lump"}),
    ("cut pad of L index finger on kitchen knife, bleeding stopped", "minor-wound", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_you_know_between_commas_is_a_hesitation():
    words = [t.text for t in tokenize("in one of my, you know, testicles")[1]]
    assert words == ["in", "one", "of", "my", "testicles"]
    kept = [t.text for t in tokenize("you know it hurts")[1]]
    assert kept[:2] == ["you", "know"]


@pytest.mark.parametrize("text,temperature", [
    ("I checked temperature, 37.6", 37.6),
    ("her temp, 39.1 this morning", 39.1),
    ("temperature, 10 days of it", None),  # a count of days is no temperature
])
def test_a_temperature_after_a_comma_is_read(served, text, temperature):
    assert served.classify(text).vitals.temperature_c == temperature


def test_a_temperature_under_38_is_no_fever(served):
    assert_reads(served, "grumpy baby, I checked temperature, 37.6", None, {"fever"})


def test_a_season_joined_by_a_dash_has_no_years_long_episode(served):
    sneezing = [f for f in served.classify("sneezing and itchy eyes every May-June for 3 yrs").findings
                if f.code == "symptom:sneezing"]
    assert sneezing and sneezing[0].duration_hours is None


@pytest.mark.parametrize("text,patient,level", [
    ("his tea dribbled out the side of his mouth, his words are a bit jumbled, and he couldn't lift his right arm",
     OLD_MAN, Urgency.EMERGENCY),
    ("bit embarrassing, a pain down below two hours ago, in one of my, you know, testicles, been sick once", BOY,
     Urgency.EMERGENCY),
    ("I find two empty packets of paracetamol in his room, he say he took all of them, he say he is fine now", MAN,
     Urgency.EMERGENCY),
    ("saving up my sleeping tablets, it would be easier for everyone if I just took them all", WOMAN,
     Urgency.EMERGENCY),
    ("30 weeks pregnant, a burning coming up in my chest and throat after food, a little sick comes in my mouth, "
     "baby is kicking good, no headache, no swelling", PREGNANT, Urgency.SELF_CARE),
    ("drooling buckets, chewing her fists, one red cheek, grizzly and waking at night, temperature, 37.5, "
     "a little white bump on her bottom gum, feeding well", BABY, Urgency.SELF_CARE),
    ("two weeks old, yellow sticky stuff in her eye, the white of the eye looks pinkish and the lid's a little puffy",
     NEWBORN, Urgency.CONSULTATION),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)


def test_teething_with_a_fever_or_off_feeds_is_not_self_care(served, detector):
    text = "drooling buckets, chewing her fists, temperature 38.6, not feeding"
    assert level_of(served, detector, text, BABY) > Urgency.SELF_CARE
