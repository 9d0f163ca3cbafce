"""A small knowledge base from the DDXPlus sources alone (49 conditions, evidence names = codes).

For developing and comparing the matcher without the full artifact (`evaluate_ddxplus --kb
ddxplus-only`); the services and the tests use the real artifact from `load_kb()`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from knowledge.ddxplus_likelihoods import (
    LICENCE, PREFIX, SOURCE_ID, VALUE_SEP, estimate_links, read_ddxplus_json, read_dev_patients,
)
from knowledge.kb import KnowledgeBase, kb_from_dict

SOURCES_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "sources"


def condition_id(name: str) -> str:
    return "ddxplus-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def ddxplus_only_kb(sources_dir: Path = SOURCES_DIR) -> KnowledgeBase:
    conditions = read_ddxplus_json(sources_dir, "conditions.json")
    evidences = read_ddxplus_json(sources_dir, "evidences.json")
    patients = read_dev_patients(sources_dir)
    counts = Counter(p.pathology for p in patients)
    ids = {c["name"]: condition_id(c["name"]) for c in conditions}
    evidence_rows = []
    for e in evidences:
        kind = {"B": "binary", "C": "categorical", "M": "multi"}[e["data_type"]]
        codes = [e["code"]] + [f"{e['code']}{VALUE_SEP}{v}" for v in e["possible_values"]]
        for code in codes:
            evidence_rows.append({
                "code": PREFIX + code, "name": code, "kind": kind, "antecedent": e["antecedent"],
                "symptom_ids": [], "source": "ddxplus", "licence": LICENCE,
            })
    data = {
        "version": "0.0.0+ddxplus-only",
        "built_at": "",
        "sources": {
            "ddxplus": {"title": "DDXPlus", "licence": LICENCE, "url": "", "citation": ""},
            SOURCE_ID: {"title": "DDXPlus dev-set estimates", "licence": LICENCE, "url": "", "citation": ""},
        },
        "symptoms": [],
        "evidences": evidence_rows,
        "conditions": [
            {
                "id": ids[c["name"]], "name": c["name"], "icd10": c["icd10"].upper(),
                "aliases": ["ddxplus:" + c["name"]], "severity": c["severity"],
                "must_not_miss": c["severity"] <= 2,
                # add-one smoothed share of the dev patients
                "prevalence": (counts[c["name"]] + 1) / (len(patients) + len(conditions)),
                "sources": ["ddxplus"], "licence": LICENCE,
            }
            for c in conditions
        ],
        "links": estimate_links(sources_dir, evidence_rows, ids),
    }
    return kb_from_dict(data)
