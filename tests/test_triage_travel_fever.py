"""A fever after a stay in a place with malaria (NICE CKS malaria: a same-day test in hospital) or
after contact with Ebola or another viral haemorrhagic fever (UKHSA: urgent assessment in
isolation, arranged by phone) is an emergency; the trip is read from the text or found on record
(issue #5: the must-not-miss cases mnm-079 and mnm-080 went to a GP or to self-care before)."""

from __future__ import annotations

import pytest
import yaml

from emergency_detector.rules import RULES_PATH
from healthmesh.clinical import Patient, Sex, Urgency
from tests.support.reading import assert_reads
from tests.support.triage import level_of

ADULT = Patient(age_years=36, sex=Sex.MALE)


READINGS = [
    ("we got back from visiting family in Nigeria last week", "travel-to-malaria-area", set()),
    ("she returned from a safari in Tanzania", "travel-to-malaria-area", set()),
    ("a trip to rural India in the summer", "travel-to-malaria-area", set()),
    ("flew back from Spain on Sunday", None, {"travel-to-malaria-area"}),
    ("back from a conference in Australia", None, {"travel-to-malaria-area"}),
    ("she has abnormalities on her scan", None, {"travel-to-malaria-area"}),
    ("a nurse home from an Ebola treatment centre", "viral-haemorrhagic-fever-contact", set()),
]


@pytest.mark.parametrize("text,expected,not_expected", READINGS)
def test_reading(served, text, expected, not_expected):
    assert_reads(served, text, expected, not_expected)


@pytest.mark.parametrize("text,level", [
    ("came back from Ghana ten days ago, now a fever and shivering, feel like I have flu", Urgency.EMERGENCY),
    ("high temperature and headache since yesterday, returned from rural Kenya two weeks ago", Urgency.EMERGENCY),
    ("aching all over and diarrhoea, I came home from working with Ebola patients a week ago",
     Urgency.EMERGENCY_AMBULANCE),
])
def test_fever_after_the_trip_is_an_emergency(served, detector, text, level):
    assert level_of(served, detector, text, ADULT) == level


def test_the_trip_on_record_counts_too(served, detector):
    on_record = Patient(age_years=36, sex=Sex.MALE, history=("travelled to Ghana 3 weeks ago",))
    assert level_of(served, detector, "a fever and shivers since last night", on_record) == Urgency.EMERGENCY


@pytest.mark.parametrize("text", [
    # the trip alone, or a fever after a trip elsewhere, keeps its own reading
    "just back from Ghana, feeling fine, can I still give blood?",
    "a fever and a runny nose since I flew back from Spain",
])
def test_no_fever_or_no_malaria_area_is_not_this(served, detector, text):
    assert level_of(served, detector, text, ADULT) < Urgency.EMERGENCY


def test_rules_are_sourced():
    raw = yaml.safe_load(RULES_PATH.read_text())
    combos = {c["id"]: c for c in raw["combinations"]}
    assert combos["fever-after-malaria-area"]["source"] == "nice-cks-malaria"
    assert combos["fever-after-vhf-contact"]["source"] == "ukhsa-vhf"
    assert {"nice-cks-malaria", "ukhsa-vhf"} <= set(raw["sources"])
    assert {"travel-to-malaria-area", "viral-haemorrhagic-fever-contact"} <= set(raw["findings"]["context_only"])
