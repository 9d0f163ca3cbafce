"""The gateway's in-process fallback and the emergency detector service agree on every triage case.

Each case of eval/triage_cases.jsonl goes (a) to the real emergency_detector through Envoy,
`POST /v1/urgency:assess` with patient, vitals and text, and (b) to
`RequestTriage(kb).assess_request(...)` in process, which is what the gateway runs when the
detector does not answer. The levels must be identical, case by case.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from emergency_detector.evaluate_triage import load_cases
from emergency_detector.triage import RequestTriage
from healthmesh.clinical import Urgency

pytestmark = pytest.mark.mesh

CASES_PATH = Path(__file__).resolve().parent.parent / "eval" / "triage_cases.jsonl"
SEX = {"male": "SEX_MALE", "female": "SEX_FEMALE"}


def rest_body(raw: dict) -> dict:
    patient = {"sex": SEX.get(raw.get("sex") or "", "SEX_UNSPECIFIED"), "pregnant": bool(raw.get("pregnant")),
               "history": raw.get("history") or [], "medications": raw.get("medications") or [],
               "allergies": raw.get("allergies") or []}
    if raw.get("age_years") is not None:
        patient["age_years"] = raw["age_years"]
    return {"patient": patient, "vitals": raw.get("vitals") or {}, "text": raw["text"]}


def test_service_and_in_process_fallback_agree_on_every_case(mesh, kb):
    raws = [json.loads(line) for line in CASES_PATH.read_text().splitlines() if line.strip()]
    cases = {c.id: c for c in load_cases(CASES_PATH)}
    fallback = RequestTriage(kb)
    disagreements, levels_seen = [], set()
    for raw in raws:
        status, body = mesh.post("/v1/urgency:assess", rest_body(raw))
        assert status == 200, (raw["id"], body)
        service_level = body["urgency"]["level"]
        case = cases[raw["id"]]
        local = fallback.assess_request(case.patient, case.vitals, text=case.text)
        local_level = f"URGENCY_{local.level.name}"
        levels_seen.add(local.level)
        if service_level != local_level:
            disagreements.append((raw["id"], service_level, local_level))
        assert body["urgency"]["recommended_action"], raw["id"]
    assert not disagreements
    assert len(raws) >= 90
    # the comparison covers the whole range, not one level many times
    assert {Urgency.SELF_CARE, Urgency.CONSULTATION, Urgency.EMERGENCY, Urgency.EMERGENCY_AMBULANCE} <= levels_seen
