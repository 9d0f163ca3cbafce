"""Symptom concepts and DDXPlus evidence rows for the knowledge-base artifact.

`build_symptoms(sources_dir)` returns `(symptom rows, evidence rows)` in the schema of
`knowledge/kb.py`:

- every SymCat symptom is a concept (id = SymCat slug), overlaid by `curated/symptoms.yaml`
  (synonyms, lay terms, body system, question) which also adds healthmesh's own concepts;
- every DDXPlus evidence is an evidence row (`ddxplus:E_91`); categorical and multi-choice ones
  also get one row per value (`ddxplus:E_55_@_V_89`, `ddxplus:E_56_@_7`), named and mapped to
  concepts by `curated/ddxplus_evidences.yaml`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from knowledge.strict_yaml import load_strict

CURATED_DIR = Path(__file__).resolve().parent / "curated"
SYMPTOMS_YAML = CURATED_DIR / "symptoms.yaml"
EVIDENCES_YAML = CURATED_DIR / "ddxplus_evidences.yaml"

SYMCAT = ("symcat", "not stated (research use)")
HEALTHMESH = ("healthmesh", "CC-BY-4.0 (healthmesh curated)")
DDXPLUS = ("ddxplus", "CC-BY-4.0")

KINDS = {"B": "binary", "C": "categorical", "M": "multi"}
# Values that mean "nothing there": no site, no, not applicable, a zero on a scale.
NULL_VALUES = {"V_123", "V_10", "V_11", "0"}
SIDE = re.compile(r"^(?P<base>.*?)\s*\((?P<side>[LR])\)$")
SIDE_WORDS = {"L": "left", "R": "right"}


class VocabularyError(ValueError):
    """The curated files disagree with the sources (unknown id, missing name, ...)."""


def build_symptoms(sources_dir: Path) -> tuple[list[dict], list[dict]]:
    sources_dir = Path(sources_dir)
    symptoms = _symptom_rows(sources_dir / "symcat" / "symptoms.json", _load_yaml(SYMPTOMS_YAML))
    known = {row["id"] for row in symptoms}
    evidences = _evidence_rows(
        sources_dir / "ddxplus" / "evidences.json", _load_yaml(EVIDENCES_YAML), known
    )
    return symptoms, evidences


def _load_yaml(path: Path) -> dict[str, Any]:
    return load_strict(path)


# ---------------------------------------------------------------------------- symptoms


def _symptom_rows(symcat_path: Path, curated: dict[str, Any]) -> list[dict]:
    symcat = json.loads(symcat_path.read_text(encoding="utf-8"))
    overlay: dict[str, dict] = curated.get("symptoms") or {}
    systems: list[tuple[str, str]] = [tuple(pair) for pair in curated.get("body_systems") or []]
    rows: dict[str, dict] = {}
    for item in symcat:
        slug, name = item["slug"], item["name"]
        rows[slug] = {
            "id": slug, "name": name, "synonyms": [], "lay_terms": [],
            "aliases": [f"symcat:{slug}"], "body_system": _default_system(slug, systems),
            "question": _default_question(name), "source": SYMCAT[0], "licence": SYMCAT[1],
        }
    for cid, extra in overlay.items():
        extra = extra or {}
        if cid not in rows:
            if not extra.get("name"):
                raise VocabularyError(f"curated concept {cid!r} is not a SymCat slug and has no name")
            rows[cid] = {
                "id": cid, "name": extra["name"], "synonyms": [], "lay_terms": [], "aliases": [],
                "body_system": _default_system(cid, systems),
                "question": _default_question(extra["name"]),
                "source": HEALTHMESH[0], "licence": HEALTHMESH[1],
            }
        row = rows[cid]
        row["synonyms"] = _unique(row["synonyms"] + list(extra.get("synonyms") or []), row["name"])
        row["lay_terms"] = _unique(
            row["lay_terms"] + list(extra.get("lay_terms") or []), row["name"], row["synonyms"]
        )
        row["aliases"] = _unique(row["aliases"] + list(extra.get("aliases") or []))
        if extra.get("body_system"):
            row["body_system"] = extra["body_system"]
        if extra.get("question"):
            row["question"] = extra["question"]
    return sorted(rows.values(), key=lambda r: r["id"])


def _default_system(cid: str, systems: list[tuple[str, str]]) -> str:
    for keyword, system in systems:
        if keyword in cid:
            return system
    return "general"


def _default_question(name: str) -> str:
    return f"Have you noticed {name[0].lower() + name[1:]}?"


def _unique(items: list[str], *exclude: Any) -> list[str]:
    skip: set[str] = set()
    for e in exclude:
        skip.update([e.lower()] if isinstance(e, str) else (x.lower() for x in e))
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        text = str(item).strip()
        key = text.lower()
        if text and key not in seen and key not in skip:
            seen.add(key)
            out.append(text)
    return out


# ---------------------------------------------------------------------------- evidences


def _evidence_rows(ddx_path: Path, curated: dict[str, Any], known: set[str]) -> list[dict]:
    source = json.loads(ddx_path.read_text(encoding="utf-8"))
    spec: dict[str, dict] = curated.get("evidences") or {}
    sites: dict[str, dict] = curated.get("sites") or {}
    rows: list[dict] = []
    for ev in source:
        code = ev["code"]
        if code not in spec:
            raise VocabularyError(f"DDXPlus evidence {code} has no entry in {EVIDENCES_YAML.name}")
        s = spec[code] or {}
        kind = KINDS[ev["data_type"]]
        base = _evidence(code, s.get("name") or code, kind, ev["antecedent"],
                         _checked(s.get("symptoms"), known, code))
        rows.append(base)
        if kind == "binary":
            continue
        template = s.get("value_template") or (base["name"] + ": {value}")
        labels = s.get("value_labels") or {}
        value_map = s.get("value_map") or {}
        for value in ev["possible_values"]:
            value = str(value)
            raw_label = ev["values"].get(value, value)
            label, implied = _value_meaning(value, raw_label, s, sites, labels, known, code)
            if value in value_map:
                implied = _checked(value_map[value], known, code)
            rows.append(_evidence(f"{code}_@_{value}", template.format(value=label), kind,
                                  ev["antecedent"], implied))
    return rows


def _value_meaning(value: str, raw_label: str, s: dict, sites: dict, labels: dict,
                   known: set[str], code: str) -> tuple[str, list[str]]:
    """Own-words label for one value and the concepts it implies."""
    if s.get("value_site"):
        match = SIDE.match(raw_label)
        base, side = (match["base"], SIDE_WORDS[match["side"]]) if match else (raw_label, "")
        if base not in sites:
            raise VocabularyError(f"{code}: body site {base!r} missing from `sites`")
        site = sites[base] or {}
        label = site.get("label") or base
        if side:
            label = f"{label} ({side})"
        implied = [] if value in NULL_VALUES else site.get(s["value_site"]) or []
        return label, _checked(implied, known, code)
    label = str(labels.get(value, raw_label))
    implied = [] if value in NULL_VALUES else s.get("value_symptoms") or []
    return label, _checked(implied, known, code)


def _checked(ids: list[str] | None, known: set[str], code: str) -> list[str]:
    ids = list(ids or [])
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise VocabularyError(f"{code}: unknown symptom ids {unknown}")
    return ids


def _evidence(code: str, name: str, kind: str, antecedent: bool, symptom_ids: list[str]) -> dict:
    return {
        "code": f"ddxplus:{code}", "name": name, "kind": kind, "antecedent": bool(antecedent),
        "symptom_ids": symptom_ids, "source": DDXPLUS[0], "licence": DDXPLUS[1],
    }
