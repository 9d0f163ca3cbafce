"""Presentation families read from vignettes_blind47 and vignettes_blind48, development data written
blind in session 18 (eval/README.md, issue #5). blind47 is people at a pharmacy counter asking for
something to buy; blind48 is pregnancy, the weeks after a birth and women's health. Measured unread
first: blind47 under-triaged no emergency; blind48 under-triaged 2 of 20, and the rules alone 6:

- preterm labour told as "tightenings across my bump ... every five minutes" with a backache and
  "watery discharge with a bit of pink" (contractions unread; NICE NG25 had no rule here);
- waters breaking as "a warm gush down my legs ... it keeps trickling every time I move";
- reduced movements as "she's normally really wriggly ... quieter, and today I've hardly felt
  anything";
- postpartum psychosis as "voices were telling her", "the baby isn't ours, he was swapped", a son
  "born eight days ago" (NHS: a medical emergency);
- ovarian hyperstimulation as a tummy "blown up like I'm six months gone" ("gone" read as went
  away, so the pain was denied).

Self-care was raised by misreadings: the contraceptive pill (and "the middle of the packet") read as
an overdose, "I can't feel any lump" as a lump, spots "along my jaw" as a pain spreading to the
jaw, "not just mornings" as morning stiffness, the ankles' swelling "gone down again" as a fall,
"crampy but not bad" as severe pain, "non-drowsy" as drowsiness, the skin between the toes "white,
soggy and cracked" as pallor, a finger that "moves and feels normal" as a stiff one.
"""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Urgency
from symptom_classifier.modifiers import read_severity
from tests.support.reading import assert_reads
from tests.support.triage import level_of, meets

PRETERM = Patient(age_years=33, sex=Sex.FEMALE, pregnant=True, pregnancy_weeks=29)
TERM = Patient(age_years=33, sex=Sex.FEMALE, pregnant=True, pregnancy_weeks=38)
WEEKS_UNKNOWN = Patient(age_years=33, sex=Sex.FEMALE, pregnant=True)
WOMAN = Patient(age_years=29, sex=Sex.FEMALE)
MAN = Patient(age_years=33, sex=Sex.MALE)

READINGS = [
    ("I've had tightenings across my bump, every five minutes now", "uterine-contractions", set()),
    ("a sudden painful tightening in my calf at night", None, {"uterine-contractions"}),
    ("more watery discharge with a bit of pink in it", "vaginal-discharge", {"penile-discharge"}),
    ("I felt a warm gush down my legs and it keeps trickling every time I move", "waters-breaking", {"sweating"}),
    ("she's normally really wriggly in the evening but yesterday she was quieter", "reduced-fetal-movements", set()),
    ("today I've hardly felt anything, maybe one small nudge", "reduced-fetal-movements", {"loss-of-sensation"}),
    ("she said voices were telling her she's been chosen", "delusions-or-hallucinations", set()),
    ("she's saying the baby isn't ours, that he was swapped at the hospital", "delusions-or-hallucinations", set()),
    ("our son was born eight days ago", "recent-pregnancy", set()),
    ("my tummy has blown up like I'm six months gone, it's tight", "abdominal-distention", set()),
    ("my wee is dark orange and I've only been once since this morning", "low-urine-output", {"constipation"}),
    ("I started a new pill six weeks ago", None, {"overdose"}),
    ("light spotting in the middle of the packet", None, {"overdose"}),
    ("she swallowed a whole packet of paracetamol", "overdose", set()),
    ("I can't feel any lump", None, {"back-mass-or-lump", "loss-of-sensation"}),
    ("spots along my jaw that won't clear", "acne-or-pimples", {"pain-radiating-to-arm-or-jaw"}),
    ("I feel sick pretty much all day, not just mornings", "nausea", {"shoulder-and-hip-girdle-stiffness"}),
    ("I'm keeping water and dry crackers down", None, {"fluid-retention"}),
    ("my ankles swell by the evening, by the morning they've gone down again", None, {"fall"}),
    ("I googled chest pain in pregnancy and scared myself", None, {"pain-during-pregnancy", "chest-pain"}),
    ("my mum can't remember either", None, {"disturbance-of-memory"}),
    ("crampy pain low in her tummy on the first day or two of her period", "painful-menstruation", set()),
    ("I'm changing a night pad every two hours and I've leaked through at work twice", "heavy-menstrual-flow", set()),
    ("I cry most days, I don't feel anything when I look at her", "depression", set()),
    ("between my little toes the skin has gone white, soggy and cracked", "athletes-foot", {"pallor"}),
    ("the finger moves and feels normal", None, {"hand-or-finger-stiffness-or-tightness"}),
    ("what's a non-drowsy hay fever tablet?", None, {"sleepiness", "allergic-reaction"}),
    ("my lip has been tingling since this morning and now there's a little cluster of blisters at the corner",
     "lip-sore", {"dermatomal-rash"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,severe", [
    ("my tummy's crampy but not bad", False),
    ("it isn't too bad", False),
    ("the pain is really bad", True),
])
def test_a_denied_severity_is_not_read(text, severe):
    assert any(level == "severe" for level, *_ in read_severity(text)) is severe


@pytest.mark.parametrize("text,patient,level", [
    ("29 weeks pregnant, tightenings across my bump every five minutes with a low backache and a pink watery "
     "discharge", PRETERM, Urgency.EMERGENCY),
    ("our son was born eight days ago, she's saying the baby was swapped and voices are telling her things",
     WOMAN, Urgency.EMERGENCY),
    ("since yesterday sick and watery diarrhoea after a takeaway, keeping water down, my tummy's crampy but not bad",
     MAN, Urgency.SELF_CARE),
    ("streaming nose, blocked sinuses, scratchy throat and sneezing for three days, no temperature", MAN,
     Urgency.SELF_CARE),
])
def test_level(served, detector, text, patient, level):
    got = level_of(served, detector, text, patient)
    assert meets(got, level), (text, got)


def test_contractions_need_the_weeks_and_another_sign_of_labour(served, detector):
    labour = "tightenings across my bump every five minutes and a low backache"
    assert level_of(served, detector, labour, PRETERM) >= Urgency.EMERGENCY
    assert level_of(served, detector, labour, TERM) < Urgency.EMERGENCY
    assert level_of(served, detector, labour, WEEKS_UNKNOWN) < Urgency.EMERGENCY
    assert level_of(served, detector, "tightenings across my bump now and then", PRETERM) < Urgency.EMERGENCY


def test_being_sick_in_pregnancy_with_dark_pee_sees_a_doctor_within_a_day(served, detector):
    text = "10 weeks pregnant, sick fifteen times today, my wee is dark orange and I go dizzy when I stand"
    assert level_of(served, detector, text, WEEKS_UNKNOWN) >= Urgency.CONSULTATION_24H
