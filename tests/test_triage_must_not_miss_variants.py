"""Must-not-miss kinds told in short first-person variants written here (issue #5): a blood clot
beside the pill, HRT or a recent birth (NICE NG158), appendicitis whose pain has settled on the right
or hurts on coughing, and malaria after a trip said in the past tense (NICE CKS malaria: most within
3 months, up to a year); a head injury beside an anticoagulant said in the text (NICE NG232), "fine
otherwise" said after it, and a child's drooling beside a throat that cannot swallow (NHS
epiglottitis); no urine passed with drowsiness, whatever the age (NICE NG51's high-risk criteria). Each
beside a look-alike that keeps its own level."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Patient, Sex, Temporality, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

WOMAN = Patient(age_years=45, sex=Sex.FEMALE)
MOTHER = Patient(age_years=33, sex=Sex.FEMALE)
BOY = Patient(age_years=12, sex=Sex.MALE)
MAN = Patient(age_years=28, sex=Sex.MALE)


@pytest.mark.parametrize("text,patient", [
    ("short of breath for two days and my right calf is sore, I'm on the pill", WOMAN),
    ("started HRT in the spring, now my left calf aches and I get breathless", Patient(age_years=54, sex=Sex.FEMALE)),
    ("I gave birth three weeks ago and now I get breathless and my chest hurts when I breathe in", MOTHER),
    ("tummy ache for a day, now worse on the right side, doesn't want to eat", BOY),
    ("pain in my right lower abdomen, worse when I cough, temperature 38", MAN),
    ("fever that comes and goes with sweats, I was travelling in Kenya a month ago", MAN),
    ("she's on warfarin, fell and banged her head this morning, fine otherwise", Patient(age_years=80, sex=Sex.FEMALE)),
    ("sore throat, drooling, can't swallow, sitting forward, high temperature", Patient(age_years=6, sex=Sex.MALE)),
    ("gran has stopped eating and drinking and isn't passing urine, very drowsy", Patient(age_years=90, sex=Sex.FEMALE)),
])
def test_emergencies(served, detector, text, patient):
    assert level_of(served, detector, text, patient) >= Urgency.EMERGENCY


def test_a_sore_calf_and_breathlessness_on_the_pill_by_the_medicines_list(served, detector):
    on_pill = Patient(age_years=45, sex=Sex.FEMALE, medications=("Microgynon 30",))
    assert level_of(served, detector, "short of breath and my calf is sore", on_pill) >= Urgency.EMERGENCY


@pytest.mark.parametrize("text,patient,level", [
    # the pill alone, or a sore calf alone, is no clot picture
    ("I'm on the pill and I get a tickly cough at night", WOMAN, Urgency.CONSULTATION_24H),
    ("my calf is sore after a run, I'm on the pill", WOMAN, Urgency.CONSULTATION_24H),
    # a tummy ache settled on the right with nothing else is a GP's, not an emergency
    ("tummy ache since yesterday, now mostly on the right side", MAN, Urgency.CONSULTATION_24H),
    # drowsy after a late night, passing urine as usual, is no sepsis picture
    ("very drowsy after a late night, eating and drinking, weeing normally", MAN, Urgency.CONSULTATION),
])
def test_look_alikes(served, detector, text, patient, level):
    assert level_of(served, detector, text, patient) <= level


@pytest.mark.parametrize("text,expected,not_expected", [
    ("now worse on the right side of her chest after the tummy ache", None, {"pain-migrating-to-right-lower-abdomen"}),
    ("my back pain is worse when I cough", "back-pain", set()),
    ("banged my head on a cupboard, fine otherwise", "head-injury", set()),
    ("my teething baby is drooling and chewing everything", None, {"unable-to-swallow-saliva"}),
    ("he takes blood thinners for his heart", "on-anticoagulant", set()),
    ("she isn't passing urine", "low-urine-output", set()),
    ("he's eating and drinking", None, {"decreased-appetite"}),
])
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


def test_a_trip_told_in_the_past_is_still_the_trip(served):
    (trip,) = [f for f in served.classify("I was travelling in Ghana a month ago").findings
               if f.code == "symptom:travel-to-malaria-area"]
    assert trip.temporality == Temporality.CURRENT
