"""The scenario table again, through Envoy's REST endpoint of the real treatment_retriever."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Sex
from tests.test_treatment_scenarios import SCENARIOS, Scenario, check_plan

pytestmark = pytest.mark.mesh


def request_body(s: Scenario) -> dict:
    p = s.patient
    patient = {"sex": f"SEX_{Sex(p.sex).name}", "pregnant": p.pregnant, "history": list(p.history),
               "medications": list(p.medications), "allergies": list(p.allergies)}
    if p.age_years is not None:
        patient["age_years"] = p.age_years
    return {"patient": patient, "max_per_condition": s.max_per_condition,
            "conditions": [{"id": f"cond-{s.id}", "name": s.condition, "icd10": s.icd10, "probability": 0.6}]}


@pytest.mark.parametrize("s", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario_through_rest(mesh, s: Scenario):
    status, plan = mesh.post("/v1/treatments:recommend", request_body(s))
    assert status == 200, plan
    assert all(t["condition_id"] == f"cond-{s.id}" for t in plan["treatments"])
    check_plan(s, [(t["name"], t["warnings"]) for t in plan["treatments"]], plan["withheld"], plan["unknown_drugs"])
