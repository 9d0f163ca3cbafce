"""`healthmesh eval` and the interview through the real mesh (REST via Envoy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthmesh.evaluation.main import main as evaluate

pytestmark = pytest.mark.mesh

VIGNETTES = Path(__file__).resolve().parent.parent / "eval" / "vignettes.jsonl"
FEW = ("acs-01", "pe-01", "cold-01", "uti-01", "meningitis-01")


def test_eval_vignettes_and_ddxplus_through_rest(mesh, tmp_path):
    few = tmp_path / "few.jsonl"
    few.write_text("".join(line + "\n" for line in VIGNETTES.read_text().splitlines()
                           if json.loads(line)["id"] in FEW))
    out = tmp_path / "vignettes.json"
    assert evaluate(["vignettes", str(few), "--url", mesh.url, "--json", str(out), "--concurrency", "2"]) == 0
    report = json.loads(out.read_text())
    assert report["cases"] == len(FEW) and report["errors"] == 0
    assert report["overall"]["top10"] > 0 and report["overall"]["triage"]["n"] == len(FEW)
    assert sum(sum(row.values()) for row in report["overall"]["triage"]["confusion"].values()) == len(FEW)

    out = tmp_path / "ddxplus.json"
    assert evaluate(["ddxplus", "--url", mesh.url, "--limit", "20", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["patients"] == 20 and report["errors"] == 0
    assert report["gtpa@5"] >= 0.9 and 0 < report["ddf1"] <= 1


def test_next_questions_over_rest(mesh):
    status, body = mesh.post("/v1/diagnose:questions", {
        "patient": {"age_years": 58, "sex": "SEX_MALE"}, "complaint": "chest pain for an hour"})
    assert status == 200, body
    assert body["questions"] and body["findings"] and body["disclaimer"]
    first = body["questions"][0]
    assert first["code"].startswith(("symptom:", "ddxplus:")) and first["question"].endswith("?")
    assert first["expected_information_gain"] > 0
    assert "symptom:chest-pain" not in {q["code"] for q in body["questions"]}

    status, body = mesh.post("/v1/conditions:questions", {
        "patient": {"age_years": 30, "sex": "SEX_FEMALE"},
        "findings": [{"code": "symptom:headache", "presence": "PRESENCE_PRESENT"}], "limit": 3})
    assert status == 200, body
    assert len(body["questions"]) == 3

    status, body = mesh.post("/v1/diagnose:questions", {"complaint": "cough",
                                                        "evidence": [{"code": "ddxplus:NOPE"}]})
    assert status == 400 and "evidence[0].code" in json.dumps(body)
