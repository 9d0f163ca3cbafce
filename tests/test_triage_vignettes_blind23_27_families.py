"""Presentation families read from vignettes_blind23 (mixed) and vignettes_blind27 (emergency-heavy
development data), session 13 (eval/README.md, issue #5). Each family is tested with phrasings
written here (none copied from the eval files), beside a look-alike that must keep its own level:

- reassurance misread: "no further bleeding" (it had been a severe bleed), talking in full
  sentences (too breathless to speak), a baby still taking her feeds, tablets to be looked at (an
  overdose), obs from the pharmacy machine (a raised blood pressure);
- words the encoder placed wrongly: phlegm brought up (a baby's sick), a sputum "productive of
  green" (bile), a shin gone red, hot and swollen (a hot joint), an ear full of cotton wool
  (numbness), the red patch round a sting (an infected skin), a tooth showing white (thrush),
  a heavy bench press (a severe pain);
- emergencies said in passing: an overdose counted roughly ("'about 20-odd'"), blood vomited with
  words between, a face odd on one side and a hand gone clumsy (FAST), a threat to others beside
  beliefs of being poisoned, pain catching on breathing in during pregnancy (RCOG GTG37b);
- a Bell's palsy said in notes (the eye will not close, limbs normal): a doctor today, not 999;
- blood sugar readings said with their numbers (NHS high and low blood sugar).
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=41, sex=Sex.FEMALE)
YOUNG_MAN = Patient(age_years=22, sex=Sex.MALE)
MAN = Patient(age_years=35, sex=Sex.MALE)
PREGNANT = Patient(age_years=29, sex=Sex.FEMALE, pregnant=True)
DIABETIC = Patient(age_years=66, sex=Sex.FEMALE, history=("type 2 diabetes",))
OLDER_MAN = Patient(age_years=74, sex=Sex.MALE)

READINGS = [
    ("nosebleed yesterday, no further bleeding since", None, {"severe-bleeding"}),
    ("he is talking in full sentences", None, {"too-breathless-to-speak"}),
    ("she's still taking her feeds", None, {"infant-feeding-problem"}),
    ("can someone look at his tablets please", None, {"overdose"}),
    ("readings done on the pharmacy machine", None, {"raised-blood-pressure-reading"}),
    ("she brings up a little bit of white phlegm", "coughing-up-sputum", {"infant-spitting-up"}),
    ("cough now productive of yellow/green sputum", "coughing-up-sputum", {"bilious-vomiting"}),
    ("his shin has gone red, hot and swollen", "skin-looks-infected", {"joint-swelling"}),
    ("my knee is red hot and swollen", "joint-swelling", set()),
    ("her ear feels full of cotton wool", "plugged-feeling-in-ear", {"loss-of-sensation"}),
    ("red swollen area around the bite, itchy", "insect-bite-or-sting", {"skin-looks-infected"}),
    ("the gum is white where a tooth is coming through", "teething", {"white-patches-in-mouth"}),
    ("reproducible by pressure on the chest wall", "tender-on-pressing", {"difficulty-breathing"}),
    ("drooling out of the left side of her mouth", "facial-droop", {"difficulty-in-swallowing"}),
    ("cannot fully shut the L eye", "cannot-close-eye-or-raise-eyebrow", set()),
    ("took 'about 30-odd' tablets", "overdose", set()),
    ("brought up what looked like a mugful of dark red blood", "vomiting-blood", {"blood-in-stool"}),
    ("she is sick of blood tests", None, {"vomiting-blood"}),
    ("his face looked a bit funny on one side", "facial-droop", set()),
    ("her left arm's been clumsy since lunch", "unilateral-weakness", set()),
    ("her heart's going really fast", "increased-heart-rate", set()),
    ("it catches on the left when she breathes in", "hurts-to-breath", set()),
    ("convinced his family are poisoning his food", "delusions-or-hallucinations", set()),
    ("he has been sleeping with a knife under his pillow", "threat-to-others", set()),
    ("cut my thumb on a kitchen knife", None, {"threat-to-others"}),
    ("the jab is going to hurt him", None, {"threat-to-others"}),
    ("her blood sugars have been 18 to 20 all week", "high-blood-sugar-reading", set()),
    ("BM 2.6 when the paramedic checked", "low-blood-sugar-reading", set()),
    ("blood sugar was 6.2 this morning", None, {"high-blood-sugar-reading", "low-blood-sugar-reading"}),
    ("peak flow meter 320", None, {"high-blood-sugar-reading", "low-blood-sugar-reading"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient,level", [
    # a Bell's palsy: the forehead weak too, limbs and speech said normal
    ("woke with the left side of her face drooping, can't fully close L eye, arms/legs normal, speech normal",
     WOMAN, Urgency.CONSULTATION_24H),
    # ... and a stroke: an arm weak beside the same face
    ("left side of her face drooping, can't close the L eye, and her left arm is weak", WOMAN,
     Urgency.EMERGENCY_AMBULANCE),
    # a stroke told in passing
    ("dropped his cup this morning, his right hand's been clumsy since and his face looks a bit odd on one side",
     OLDER_MAN, Urgency.EMERGENCY_AMBULANCE),
    ("says he needs to get them before they get him, carrying a knife in his bag", MAN, Urgency.EMERGENCY_AMBULANCE),
    ("she took 'about 20-odd' paracetamol two nights ago, feels fine now", WOMAN, Urgency.EMERGENCY),
    ("retching all morning then threw up a cupful of bright red blood", MAN, Urgency.EMERGENCY),
    ("short of breath since yesterday and it catches on the right when she breathes in", PREGNANT,
     Urgency.EMERGENCY),
    ("sugar readings running 16 to 19 since her chest infection, eating and drinking", DIABETIC,
     Urgency.CONSULTATION_24H),
    ("sugars 24 and she's been vomiting, breathing fast", DIABETIC, Urgency.EMERGENCY),
    ("meter said 2.4 and he is very drowsy", OLDER_MAN, Urgency.EMERGENCY_AMBULANCE),
])
def test_level(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) == level


@pytest.mark.parametrize("text,patient", [
    ("cold 10 days ago, left with a cough, brings up a bit of clear phlegm, no temperature, not breathless", WOMAN),
    ("wasp sting on my arm this afternoon, red swollen patch round the sting, itchy, no swelling of lips", MAN),
    ("right ear feels blocked like it's full of cotton wool, had wax before, no pain", OLDER_MAN),
])
def test_self_care(served, detector, text, patient):
    assert level_of(served, detector, text, patient) == Urgency.SELF_CARE


def test_breathless_on_the_stairs_in_pregnancy_alone_is_no_emergency(served, detector):
    assert level_of(served, detector, "a bit puffed going up the stairs at 30 weeks", PREGNANT) < Urgency.EMERGENCY


def test_a_heavy_bench_press_is_no_severe_chest_pain(served, detector):
    text = "chest pain on the left after heavy bench press, reproduced by pressing over ribs, no SOB, no cough"
    assert level_of(served, detector, text, YOUNG_MAN) == Urgency.CONSULTATION
