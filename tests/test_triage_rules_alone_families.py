"""Presentation families the rules alone missed on the development files (issue #5: no emergency
under-triaged, without leaning on the learned complaint screen). Each family is tested with
phrasings written here (none copied from the eval files), beside a look-alike that must keep its
lower level:

- a racing heart with an adverse feature: feeling faint, fainting or gone pale (RCUK tachycardia
  algorithms);
- headache with vomiting and drowsiness or confusion: raised pressure in the skull (NICE CKS headache);
- pain in the back, jaw or arms with sweating and sickness, pallor or breathlessness from 40
  (NICE CG95: acute coronary syndrome felt outside the chest);
- chest, back or tummy pain with Marfan syndrome or known aortic disease (ESC 2014 aortic diseases);
- tummy pain with a high temperature or shivering in pregnancy (NHS: stomach pain in pregnancy);
- a wound with intense limb pain and a skin colour change or feeling very unwell (NHS:
  necrotising fasciitis);
- a young child being sick who is irritable and pale (NICE CG84 red flags; intussusception);
- a young child struggling to breathe, the skin sucking in under the ribs (NHS bronchiolitis and
  croup; NICE NG143 chest indrawing);
- words: a body-wide blotchy rash is hives (so anaphylaxis reads with a hoarse voice), and a child
  who got into someone's tablets is a poisoning.
"""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import assessor, level_of, symptom

ADULT = Patient(age_years=36, sex=Sex.FEMALE)
MAN = Patient(age_years=61, sex=Sex.MALE)
CHILD = Patient(age_years=8, sex=Sex.FEMALE)
TODDLER = Patient(age_years=2, sex=Sex.MALE)
BABY = Patient(age_years=0.6, sex=Sex.FEMALE)
PREGNANT = Patient(age_years=31, sex=Sex.FEMALE, pregnant=True)
MARFAN = Patient(age_years=33, sex=Sex.MALE, history=("Marfan syndrome",))

assess = assessor(ADULT)


# (text, concept that must be read or None, concepts that must not be read)
READINGS = [
    ("he came out blotchy all over straight after the prawns", "hives", set()),
    ("her fingers are cold and blotchy", None, {"hives"}),
    ("my little boy got hold of my tablets this afternoon", "overdose", set()),
    ("she may have swallowed some pills from her nan's handbag", "overdose", set()),
    ("I take my blood pressure tablets every morning", None, {"overdose"}),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_racing_heart_with_faintness_or_pallor_is_an_emergency(served, detector):
    text = "out of nowhere my heart started racing and I feel like I'm about to pass out"
    assert level_of(served, detector, text, ADULT) >= Urgency.EMERGENCY
    child = "her heart is beating really fast and she has gone white as a sheet"
    assert level_of(served, detector, child, CHILD) >= Urgency.EMERGENCY
    # a flutter that comes and goes in someone otherwise well keeps its own level
    flutter = "every few days my heart flutters for a second or two and then settles"
    assert level_of(served, detector, flutter, ADULT) < Urgency.EMERGENCY


def test_headache_with_vomiting_and_drowsiness_is_an_emergency(detector):
    findings = [symptom("headache"), symptom("vomiting"), symptom("sleepiness")]
    assert assess(detector, findings, MAN).level >= Urgency.EMERGENCY
    confused = [symptom("headache"), symptom("vomiting"), symptom("confusion")]
    assert assess(detector, confused, MAN).level >= Urgency.EMERGENCY
    # a headache with being sick, wide awake (a hangover, a migraine), keeps its own level
    assert assess(detector, [symptom("headache"), symptom("vomiting")], ADULT).level < Urgency.EMERGENCY


def test_headache_vomiting_drowsy_in_words(served, detector):
    text = "his headache has got worse over two days, he keeps throwing up and now he's very drowsy"
    assert level_of(served, detector, text, MAN) >= Urgency.EMERGENCY
    hangover = "a pounding head and I was sick once after a big night out"
    assert level_of(served, detector, hangover, ADULT) < Urgency.EMERGENCY


def test_back_or_jaw_pain_with_sweating_and_sickness_is_a_heart_attack_picture(served, detector):
    text = "an ache across his upper back for the last hour, he's clammy and sweating and feels sick"
    assert level_of(served, detector, text, MAN) >= Urgency.EMERGENCY
    findings = [symptom("jaw-pain"), symptom("sweating"), symptom("pallor")]
    assert assess(detector, findings, MAN).level >= Urgency.EMERGENCY
    # a stiff back after decorating, no sweating or sickness, keeps its own level
    stiff = "a stiff, aching upper back since painting the ceiling yesterday"
    assert level_of(served, detector, stiff, MAN) < Urgency.EMERGENCY
    # the same three under 40 are not read as a heart attack by this rule
    young = Patient(age_years=25, sex=Sex.MALE)
    assert assess(detector, [symptom("back-pain"), symptom("sweating"), symptom("nausea")], young).level \
        < Urgency.EMERGENCY


def test_pain_with_marfan_or_aortic_disease_is_an_emergency(served, detector):
    text = "a deep ache between my shoulder blades since this afternoon"
    assert level_of(served, detector, text, MARFAN) >= Urgency.EMERGENCY
    aneurysm = Patient(age_years=70, sex=Sex.MALE, history=("thoracic aortic aneurysm",))
    assert assess(detector, [symptom("back-pain")], aneurysm).level >= Urgency.EMERGENCY
    # the same back ache without that history keeps its own level
    assert level_of(served, detector, text, Patient(age_years=33, sex=Sex.MALE)) < Urgency.EMERGENCY


def test_tummy_pain_with_fever_in_pregnancy_is_an_emergency(served, detector):
    text = "26 weeks pregnant, a constant pain in my right side since last night and I have a temperature"
    assert level_of(served, detector, text, PREGNANT) >= Urgency.EMERGENCY
    findings = [symptom("abdominal-pain"), symptom("chills")]
    assert assess(detector, findings, PREGNANT).level >= Urgency.EMERGENCY
    # tummy pain in pregnancy without a temperature keeps its own (24-hour) level
    assert assess(detector, [symptom("abdominal-pain")], PREGNANT).level < Urgency.EMERGENCY
    # the same pain and fever outside pregnancy is not sent by this rule
    assert assess(detector, [symptom("side-pain"), symptom("fever")], ADULT).level < Urgency.EMERGENCY


def test_a_wound_with_intense_pain_and_skin_change_is_an_emergency(served, detector):
    findings = [symptom("minor-wound"), symptom("arm-pain", severity="severe"), symptom("abnormal-appearing-skin")]
    assert assess(detector, findings, ADULT).level >= Urgency.EMERGENCY
    unwell = [symptom("bite-wound"), symptom("leg-pain", severity="severe"), symptom("feeling-ill")]
    assert assess(detector, unwell, ADULT).level >= Urgency.EMERGENCY
    # a sore cut that is healing keeps its own level
    assert assess(detector, [symptom("minor-wound"), symptom("arm-pain")], ADULT).level < Urgency.EMERGENCY
    cut = "a small cut on my finger from a kitchen knife, it stings a bit but it has closed up"
    assert level_of(served, detector, cut, ADULT) < Urgency.EMERGENCY


def test_a_sick_irritable_pale_young_child_is_an_emergency(served, detector):
    findings = [symptom("vomiting"), symptom("irritable-infant"), symptom("pallor")]
    assert assess(detector, findings, TODDLER).level >= Urgency.EMERGENCY
    text = "she's been sick three times, has screaming fits on and off and goes white in between"
    assert level_of(served, detector, text, TODDLER) >= Urgency.EMERGENCY
    # a tummy bug in a child who is sick but settled and a normal colour keeps its own level
    assert assess(detector, [symptom("vomiting"), symptom("irritable-infant")], TODDLER).level < Urgency.EMERGENCY
    # and the rule is for young children
    assert assess(detector, findings, Patient(age_years=12, sex=Sex.MALE)).level < Urgency.EMERGENCY


def test_a_young_child_struggling_to_breathe_is_an_emergency(served, detector):
    text = "the skin pulls in under her ribs every time she breathes"
    assert level_of(served, detector, text, BABY) >= Urgency.EMERGENCY
    assert level_of(served, detector, "he's working hard to breathe and grunting", TODDLER) >= Urgency.EMERGENCY
    # a snuffly nose with easy breathing keeps its own level
    snuffly = "a snuffly nose and a little cough, breathing normally and feeding well"
    assert level_of(served, detector, snuffly, TODDLER) < Urgency.EMERGENCY


def test_a_blotchy_rash_with_a_hoarse_voice_after_food_is_anaphylaxis(served, detector):
    text = "came out blotchy all over ten minutes after eating cashews and now her voice is hoarse"
    assert level_of(served, detector, text, CHILD) >= Urgency.EMERGENCY
    # a blotchy rash with no breathing, voice or swallowing sign is not anaphylaxis
    assert level_of(served, detector, "came out blotchy all over after a hot bath, itchy", CHILD) \
        < Urgency.EMERGENCY_AMBULANCE


def test_a_child_who_got_into_tablets_is_an_emergency(served, detector):
    text = "my toddler got hold of my tablets and a few are gone, he seems fine"
    assert level_of(served, detector, text, TODDLER) >= Urgency.EMERGENCY
    assert level_of(served, detector, "she is on iron tablets prescribed by her doctor", TODDLER) \
        < Urgency.EMERGENCY


def test_new_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    new = {"racing-heart-faint-or-pale", "headache-vomiting-drowsy", "back-jaw-arm-pain-sweating-acs",
           "aortic-risk-chest-back-pain", "pregnancy-tummy-pain-fever", "wound-severe-pain-skin-change",
           "child-vomiting-irritable-pale"}
    combos = {c["id"]: c for c in raw["combinations"] if c["id"] in new}
    assert set(combos) == new
    for combo in combos.values():
        assert combo["source"] in raw["sources"] and combo["level"] == "EMERGENCY", combo["id"]
    flag = next(f for f in raw["red_flags"] if f["token"] == "difficulty-breathing" and f.get("max_age") == 5)
    assert flag["source"] in raw["sources"] and flag["level"] == "EMERGENCY"
