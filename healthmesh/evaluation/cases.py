"""Evaluation cases -> REST request bodies: vignette JSONL files and the DDXPlus dev patients."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from knowledge.ddxplus_likelihoods import PREFIX, DevPatient

SEXES = {"male": "SEX_MALE", "female": "SEX_FEMALE", "m": "SEX_MALE", "f": "SEX_FEMALE"}
TRIAGE = ("emergent", "non-emergent", "self-care")
VITAL_NAMES = ("heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2",
               "supplemental_oxygen", "consciousness", "spo2_scale2")


class CaseError(ValueError):
    pass


@dataclass
class Vignette:
    id: str
    body: dict  # the DiagnoseRequest as REST JSON
    gold_diagnosis: dict | None
    gold_triage: str | None
    split: str
    raw: dict


def load_vignettes(paths: list[Path], split: str = "all") -> list[Vignette]:
    out: list[Vignette] = []
    seen: set[str] = set()
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                case = vignette_from(json.loads(line))
            except (ValueError, KeyError, TypeError) as err:
                raise CaseError(f"{path}:{n}: {err}") from err
            if case.id in seen:
                raise CaseError(f"{path}:{n}: duplicate id {case.id!r}")
            seen.add(case.id)
            if split == "all" or case.split == split:
                out.append(case)
    return out


def vignette_from(raw: dict) -> Vignette:
    if not raw.get("id") or not raw.get("text"):
        raise CaseError("id and text are required")
    triage = raw.get("gold_triage")
    if triage is not None and triage not in TRIAGE:
        raise CaseError(f"gold_triage must be one of {TRIAGE}, got {triage!r}")
    gold = raw.get("gold_diagnosis")
    if gold is not None and not (gold.get("icd10") or gold.get("aliases") or gold.get("name")):
        raise CaseError("gold_diagnosis needs icd10 prefixes, aliases or a name")
    patient: dict = {"pregnant": bool(raw.get("pregnant", False))}
    if raw.get("age_years") is not None:
        patient["age_years"] = float(raw["age_years"])
    if raw.get("sex"):
        patient["sex"] = SEXES[str(raw["sex"]).lower()]
    for key in ("history", "medications", "allergies"):
        if raw.get(key):
            patient[key] = list(raw[key])
    body: dict = {"patient": patient, "complaint": raw["text"], "max_conditions": 10}
    vitals = {}
    for key, value in (raw.get("vitals") or {}).items():
        if key not in VITAL_NAMES:
            raise CaseError(f"unknown vital {key!r}")
        if key == "consciousness" and not str(value).startswith("CONSCIOUSNESS_"):
            value = "CONSCIOUSNESS_" + str(value).upper()
        vitals[key] = value
    if vitals:
        body["vitals"] = vitals
    return Vignette(id=raw["id"], body=body, gold_diagnosis=gold, gold_triage=triage,
                    split=raw.get("split", "dev"), raw=raw)


def ddxplus_body(patient: DevPatient, max_conditions: int = 10) -> dict:
    return {
        "patient": {"age_years": float(patient.age), "sex": SEXES[patient.sex.lower()]},
        "evidence": [{"code": PREFIX + code, "presence": "PRESENCE_PRESENT"} for code in patient.codes],
        "max_conditions": max_conditions,
    }
