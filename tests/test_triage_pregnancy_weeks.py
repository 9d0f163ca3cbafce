"""Weeks of pregnancy as a structured fact (issue #5): `Patient.pregnancy_weeks` in the API, read from
the text ("32 weeks pregnant") where text facts are merged, validated (0-45), and used by the rule
that any vaginal bleeding from 24 weeks is antepartum haemorrhage, to be seen at once (RCOG GTG63;
NHS: vaginal bleeding in pregnancy, from 24 weeks call the maternity unit immediately). Bleeding
earlier in pregnancy keeps its own level."""

from __future__ import annotations

import pytest

from emergency_detector.triage import merge_text_facts
from healthmesh import clinical as c
from healthmesh import convert
from healthmesh.errors import InvalidArgument
from healthmesh.v1 import common_pb2, symptoms_pb2
from symptom_classifier.facts import read_facts
from symptom_classifier.server import classified_to_pb
from tests.support.triage import symptom

WOMAN = c.Patient(age_years=30, sex=c.Sex.FEMALE, pregnant=True)
BLEEDING = [symptom("vaginal-bleeding")]


@pytest.mark.parametrize("text,weeks", [
    ("i'm 30 weeks pregnant and bleeding", 30),
    ("a woman at 32 weeks' gestation with painless bleeding. a scan at 20 weeks was normal", 32),
    ("32+4 weeks of pregnancy", 32),
    ("pregnant at 34 weeks, some spotting", 34),
    ("pregnant (28 weeks)", 28),
    ("30 weeks along and bleeding", 30),
    ("seven months pregnant", 31),
    ("8 weeks pregnant", 8),
    ("pregnant and bleeding", None),
    ("50 weeks pregnant", None),  # not a gestation: pregnant, weeks unknown
])
def test_weeks_are_read_from_the_text(text, weeks):
    facts = read_facts(text)
    assert facts.pregnant is True and facts.pregnancy_weeks == weeks, text


@pytest.mark.parametrize("text", ["cough for 30 weeks", "my wife is 30 weeks pregnant", "not pregnant, 30 weeks of cough"])
def test_weeks_are_not_read_outside_a_pregnancy(text):
    assert read_facts(text).pregnancy_weeks is None


def test_the_field_round_trips_and_implies_pregnancy():
    msg = common_pb2.Patient(sex=common_pb2.SEX_FEMALE, pregnancy_weeks=26)
    patient = convert.patient_from_pb(msg)
    assert patient.pregnancy_weeks == 26 and patient.pregnant
    assert convert.patient_to_pb(patient).pregnancy_weeks == 26
    assert not convert.patient_to_pb(c.Patient()).HasField("pregnancy_weeks")
    read = c.ClassifiedText(pregnant=True, pregnancy_weeks=31)
    assert classified_to_pb(read).pregnancy_weeks == 31
    assert not classified_to_pb(c.ClassifiedText()).HasField("pregnancy_weeks")
    assert "pregnancy_weeks" in symptoms_pb2.ClassifyResponse.DESCRIPTOR.fields_by_name


def test_merge_fills_the_weeks_only_when_the_request_left_them_empty():
    read = c.ClassifiedText(pregnant=True, pregnancy_weeks=30)
    patient, _ = merge_text_facts(c.Patient(sex=c.Sex.FEMALE), c.Vitals(), read)
    assert patient.pregnant and patient.pregnancy_weeks == 30
    given = c.Patient(sex=c.Sex.FEMALE, pregnant=True, pregnancy_weeks=12)
    assert merge_text_facts(given, c.Vitals(), read)[0].pregnancy_weeks == 12


@pytest.mark.parametrize("weeks", [-1, 46, 99])
def test_the_detector_names_the_field_for_impossible_weeks(detector, weeks):
    with pytest.raises(InvalidArgument) as err:
        detector.assess(c.Patient(sex=c.Sex.FEMALE, pregnant=True, pregnancy_weeks=weeks), c.Vitals(), BLEEDING)
    assert err.value.field == "patient.pregnancy_weeks"


@pytest.mark.parametrize("weeks", [24, 30, 39])
def test_bleeding_from_24_weeks_is_an_emergency(detector, weeks):
    patient = c.Patient(age_years=30, sex=c.Sex.FEMALE, pregnant=True, pregnancy_weeks=weeks)
    result = detector.assess(patient, c.Vitals(), BLEEDING)
    assert result.level == c.Urgency.EMERGENCY
    assert any("RCOG GTG63" in r for r in result.reasons)


@pytest.mark.parametrize("weeks", [8, 16, 23, None])
def test_bleeding_earlier_or_at_unknown_weeks_keeps_its_level(detector, weeks):
    patient = c.Patient(age_years=30, sex=c.Sex.FEMALE, pregnant=True, pregnancy_weeks=weeks)
    assert detector.assess(patient, c.Vitals(), BLEEDING).level == c.Urgency.CONSULTATION_24H
    # and the weeks alone, without bleeding, raise nothing
    assert detector.assess(patient, c.Vitals(), [symptom("nausea")]).level < c.Urgency.CONSULTATION_24H


@pytest.fixture(scope="module")
def triage(kb):
    from emergency_detector.triage import RequestTriage

    return RequestTriage(kb, with_screen=False)


@pytest.mark.parametrize("text,level", [
    ("I'm 30 weeks pregnant and have some vaginal bleeding, no pain", c.Urgency.EMERGENCY),
    ("I'm 8 weeks pregnant and have some vaginal bleeding, no pain", c.Urgency.CONSULTATION_24H),
])
def test_the_weeks_in_the_complaint_reach_the_rule(triage, text, level):
    """The detector's own reading of the text (as the gateway's in-process fallback uses it)."""
    assert triage.assess_request(c.Patient(age_years=28), c.Vitals(), text=text).level == level, text
