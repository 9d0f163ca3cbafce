"""A unary answer asks the emergency detector once, with the differential; a stream asks twice.
(On a quiet mesh the gateway also lets the detector read the complaint early, a call whose answer
it does not use: the detector remembers its readings, so the assessment that counts is quicker.)

The detector's one assessment (`RequestTriage.assess_with_differential`) must equal what the
gateway made of two: the complaint-alone assessment, then the one with the findings and the
differential, combined by `RequestTriage.final`. Checked in process on written dev cases, and
through the mesh: the unary answer and the stream's final answer carry the same urgency.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from condition_matcher.engine import ConditionMatcher
from emergency_detector.triage import RequestTriage, merge_text_facts
from healthmesh import clinical as c

CASES = Path(__file__).resolve().parent.parent / "eval" / "triage_dev_extra.jsonl"
SEX = {"male": c.Sex.MALE, "female": c.Sex.FEMALE}
VITAL_KEYS = ("heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2")


def two_assessments(triage: RequestTriage, matcher: ConditionMatcher, patient, vitals, text):
    """The gateway's stream: complaint alone first, then with the differential, then final()."""
    first = triage.assess_request(patient, vitals, text=text)
    read = triage.classifier.classify(text, ())
    patient, vitals = merge_text_facts(patient, vitals, read)
    conditions = matcher.rank(patient, read.findings, max_conditions=10)
    second = None
    if (conditions or read.findings) and first.level < c.Urgency.EMERGENCY_AMBULANCE:
        second = triage.assess_request(patient, vitals, findings=read.findings, text=text, conditions=conditions)
    one = triage.assess_with_differential(patient, vitals, findings=read.findings, text=text, conditions=conditions)
    return triage.final(first, second), one


def test_one_assessment_equals_the_two_it_replaces_on_every_dev_case(kb):
    triage, matcher = RequestTriage(kb), ConditionMatcher(kb)
    compared = 0
    levels = set()
    for line in CASES.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        patient = c.Patient(age_years=raw.get("age_years"), sex=SEX.get(raw.get("sex"), c.Sex.UNSPECIFIED),
                            pregnant=bool(raw.get("pregnant")))
        vitals = c.Vitals(**{k: v for k, v in (raw.get("vitals") or {}).items() if k in VITAL_KEYS})
        two, one = two_assessments(triage, matcher, patient, vitals, raw["text"])
        assert (one.level, one.reasons, one.recommended_action) == (two.level, two.reasons, two.recommended_action), raw["id"]
        compared += 1
        levels.add(one.level)
    assert compared == 90 and len(levels) >= 4  # every kind of answer was compared


def test_without_findings_or_differential_the_complaint_alone_stands(kb):
    triage = RequestTriage(kb)
    patient = c.Patient(age_years=40, sex=c.Sex.MALE)
    alone = triage.assess_request(patient, c.Vitals(), text="my ankle is a bit sore after a run")
    assert triage.assess_with_differential(patient, c.Vitals(), text="my ankle is a bit sore after a run") == alone


@pytest.mark.mesh
def test_unary_and_streamed_answers_carry_the_same_urgency(mesh):
    # an age no earlier run has asked about: the shared Redis a CI machine keeps may hold answers
    salt = (time.time_ns() % 1_000_000) / 1e7
    for complaint, age in (("crushing chest pain and sweating for an hour", 58.25 + salt),
                           ("runny nose and sneezing for two days, otherwise fine", 30.25 + salt),
                           ("burning when I pee and going all the time, no fever", 27.25 + salt)):
        # max_conditions 10 is the default, said two ways: two cache keys, so both are computed
        unary_body = {"patient": {"age_years": age}, "complaint": complaint, "max_conditions": 10}
        status, unary = mesh.post("/v1/diagnose", unary_body)
        assert status == 200, unary
        updates = mesh.stream("/v1/diagnose:stream", {"patient": {"age_years": age}, "complaint": complaint})
        streamed = updates[-1]["response"]
        for answer in (unary, streamed):
            _, session = mesh.get(f"/v1/sessions/{answer['session_id']}")
            assert "cache_hit" not in [e["kind"] for e in session["events"]], complaint
        assert unary["urgency"]["level"] == streamed["urgency"]["level"], complaint
        assert unary["urgency"]["reasons"] == streamed["urgency"]["reasons"], complaint


@pytest.mark.mesh
def test_a_quiet_mesh_lets_the_detector_read_the_complaint_early(mesh):
    import re
    import urllib.request

    def assess_calls() -> float:
        port = mesh.state()["ports"]["metrics"]["emergency_detector"]
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        found = re.search(r'healthmesh_rpc_requests_total\{code="OK",method="Assess",service="emergency_detector"\} '
                          r'([0-9.e+]+)', text)
        return float(found.group(1)) if found else 0.0

    salt = (time.time_ns() % 1_000_000) / 1e7
    before = assess_calls()
    status, answer = mesh.post("/v1/diagnose", {"patient": {"age_years": 44.25 + salt},
                                                "complaint": "tight chest when I walk uphill, eases with rest"})
    assert status == 200 and answer["urgency"]["level"], answer
    assert assess_calls() - before == 2  # the early read, then the one assessment with the differential
