"""Presentation families read from vignettes_blind22, subtle emergencies of kinds not covered before
and their look-alikes (eval/README.md, issue #5). Each family is tested with phrasings written here
(none copied from the eval file), beside a look-alike that must keep its own level:

- late pregnancy: a baby moving less ("not felt the baby move since", "usually kicky ... quieter");
  blood on a pad;
- a suicidal crisis said without the words: the family "better off", tablets saved up;
- cauda equina: a numb saddle area said in lay or clinical words, a bladder that needs pushing or
  gives no urge, beside back pain;
- bowel obstruction: no wind passed, said with doubt or time between;
- stroke: a hand that suddenly went clumsy or useless; words that will not come out;
- orbital cellulitis: a swollen or bulging eye with double vision ("seeing two of things") and a
  fever;
- compartment syndrome: a cast with worse pain or tingling under it (NHS broken leg);
- acute pancreatitis: upper tummy pain going through to the back with vomiting (NHS);
- Fournier's gangrene: a swollen, very painful genital area with shivers and skin turned purple;
- Kawasaki disease: a fever for 5 days or more with red eyes, red cracked lips or peeling hands
  in a young child (NICE NG143);
- croup's barking cough: a clinician the same day (NICE CKS croup: a single dose of oral
  dexamethasone for every child with croup, mild croup included); croup's posterior (DDXPlus
  severity 2) raises urgency only that far, its signs deciding the rest (`signs_judged`);
- readings: a child who will not turn his head (a stiff neck, not a head injury), feet "warm with
  good colour", a blood test's needle or the sight of blood (not vomiting blood), yellow crusting on
  the lashes (sticky eyes, not jaundice), spinning episodes (vertigo).
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import ConditionScore, Finding, Patient, Sex, Urgency, Vitals
from tests.support.reading import assert_reads
from tests.support.triage import level_of

PREGNANT = Patient(age_years=31, sex=Sex.FEMALE, pregnant=True, pregnancy_weeks=37)
MAN = Patient(age_years=55, sex=Sex.MALE)
WOMAN = Patient(age_years=40, sex=Sex.FEMALE)
OLDER_MAN = Patient(age_years=77, sex=Sex.MALE)
TEENAGER = Patient(age_years=17, sex=Sex.MALE)
CHILD = Patient(age_years=5, sex=Sex.MALE)
TODDLER = Patient(age_years=2, sex=Sex.FEMALE)

READINGS = [
    ("I haven't felt the baby move since this morning", "reduced-fetal-movements", set()),
    ("the baby is usually really kicky after dinner but tonight she's much quieter", "reduced-fetal-movements", set()),
    ("the baby has been moving as normal", None, {"reduced-fetal-movements"}),
    ("no bleeding and baby is moving as normal", None, {"reduced-fetal-movements"}),
    ("a bit of blood on my pad this morning", "vaginal-bleeding", set()),
    ("honestly my family would be better off", "suicidal-thoughts", set()),
    ("I've been saving up my tablets", "suicidal-thoughts", set()),
    ("numbness over the perineum since yesterday", "saddle-anaesthesia", set()),
    ("when I wipe after the toilet it feels numb", "saddle-anaesthesia", set()),
    ("I have to strain to get a wee started", "loss-of-bladder-or-bowel-sensation", set()),
    ("he doesn't think he has passed wind since Monday", "not-passing-wind", set()),
    ("my left hand suddenly went clumsy", "focal-weakness", set()),
    ("she suddenly couldn't get her words out", "difficulty-speaking", set()),
    ("he says he's seeing two of everything", "double-vision", set()),
    ("the eye looks like it's bulging out", "eye-protrusion", set()),
    ("they put a plaster cast on yesterday", "in-a-cast", set()),
    ("a patch of skin has turned a dusky purple", "abnormal-appearing-skin", set()),
    ("a barking cough like a seal since last night", "barking-cough", set()),
    ("he won't turn his head and keeps his neck still", "neck-stiffness-or-tightness", {"head-injury"}),
    ("feet warm with good colour", None, {"cold-pale-limb", "poor-circulation"}),
    ("felt sick when the needle went in", None, {"vomiting-blood"}),
    ("I go faint at the sight of blood", None, {"vomiting-blood"}),
    ("yellow crusting on her lashes in the morning", "eye-discharge", {"jaundice", "crusted-sores"}),
    ("brief spinning episodes when I roll over in bed", "dizziness", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,patient", [
    ("baby's usually wriggly in the evening but today much quieter, no pain", PREGNANT),
    ("I've sorted everything out and saved up my tablets, everyone will be better off", MAN),
    ("back pain going down both legs and when I wipe it feels numb", WOMAN),
    ("tummy pain and a swollen belly, been sick three times, hasn't passed wind since yesterday", OLDER_MAN),
    ("an hour ago my right hand suddenly went clumsy, I can't do up buttons", MAN),
    ("eyelid swollen and the eye poking forward, seeing double, temperature 38.7", CHILD),
    ("broke my arm, they put a cast on, now tingling fingers and the pain is much worse", TEENAGER),
    ("upper tummy pain going through to my back since last night and I keep being sick", WOMAN),
    ("my scrotum is swollen and very painful, shivery, and the skin has gone purple", MAN),
])
def test_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


def test_a_long_fever_with_kawasaki_signs_in_a_young_child(detector):
    findings = [Finding(code="symptom:fever", name="fever", duration_hours=6 * 24),
                Finding(code="symptom:eye-redness", name="red eyes"),
                Finding(code="symptom:dry-lips", name="cracked lips")]
    assert detector.assess(TODDLER, Vitals(), findings).level >= Urgency.EMERGENCY
    short = [Finding(code="symptom:fever", name="fever", duration_hours=48), *findings[1:]]
    assert detector.assess(TODDLER, Vitals(), short).level < Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    # a busy baby; long-standing back pain down one leg; a hand numb after sleeping on it is no
    # sudden clumsiness; a cast that is comfortable; tummy ache with back ache and no vomiting
    ("the baby is kicking lots today", PREGNANT, Urgency.CONSULTATION_24H),
    ("sciatica down my left leg again, same as usual, walking ok", WOMAN, Urgency.CONSULTATION_24H),
    ("upper tummy ache and a bit of back ache after a big meal, no sickness", WOMAN, Urgency.CONSULTATION_24H),
    ("cast on my wrist since Friday, comfortable, fingers pink and warm", TEENAGER, Urgency.CONSULTATION_24H),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) <= level


def test_barking_cough_sees_a_gp_today(served, detector):
    text = "barking cough like a seal since last night, breathing quiet when calm, playing"
    assert level_of(served, detector, text, Patient(age_years=3, sex=Sex.FEMALE)) == Urgency.CONSULTATION_24H


CROUP = ConditionScore(id="croup", name="Croup", icd10="J05.0", probability=0.9, severity=2)


def test_a_confident_croup_picture_is_judged_by_its_signs(detector):
    """Croup (DDXPlus severity 2) would reach the severity-2 emergency tier on its posterior alone; its
    urgency is its signs' (NICE CKS croup), so the posterior asks for a clinician the same day ..."""
    cough = [Finding(code="symptom:barking-cough", name="barking cough")]
    calm = detector.assess(TODDLER, Vitals(), cough, [CROUP])
    assert calm.level == Urgency.CONSULTATION_24H
    # ... while a child struggling to breathe is still an emergency by the red flags
    struggling = [*cough, Finding(code="symptom:difficulty-breathing", name="struggling to breathe")]
    assert detector.assess(TODDLER, Vitals(), struggling, [CROUP]).level >= Urgency.EMERGENCY


def test_other_severity_2_conditions_keep_their_tier(detector):
    epiglottitis = ConditionScore(id="epiglottitis", name="Epiglottitis", icd10="J05.1", probability=0.9, severity=1)
    assert detector.assess(TODDLER, Vitals(), [Finding(code="symptom:fever", name="fever")],
                           [epiglottitis]).level >= Urgency.EMERGENCY


def test_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    rules = {c["id"]: c for c in raw["combinations"]}
    assert rules["long-fever-kawasaki-signs"]["source"] == "nice-ng143"
    assert rules["long-fever-kawasaki-signs"]["max_age"] == 5
    for rule in ("cast-pain-or-tingling", "upper-tummy-pain-to-back-vomiting", "genital-swelling-pain-fever",
                 "eye-swelling-vision-fever"):
        assert rules[rule]["source"] == "nhs-website", rule
    flags = {f["token"]: f for f in raw["red_flags"]}
    assert flags["barking-cough"]["level"] == "CONSULTATION_24H"
    assert flags["barking-cough"]["source"] == "nice-cks-croup" and "nice-cks-croup" in raw["sources"]
    judged = raw["diagnosis_aware"]["signs_judged"]
    assert judged["icd10_prefixes"] == ["J05.0"] and judged["source"] == "nice-cks-croup"
