"""Unified condition concepts: SymCat's 801, DDXPlus's 49 and the curated extras, one concept each.

Inputs (all inside the project tree):
- knowledge/sources/symcat/conditions.json, knowledge/sources/ddxplus/conditions.json
- knowledge/curated/conditions.csv           SymCat slug -> ICD-10-CM code (SymCat has none)
- knowledge/curated/ddxplus_unification.csv  DDXPlus pathology -> SymCat slug (same disease),
                                             display name and corrected ICD-10-CM code
- knowledge/curated/extra_conditions.yaml    must-not-miss conditions missing from both sources
- knowledge/curated/must_not_miss.yaml       the must-not-miss flags (by source alias)

Every source id stays reachable as an alias: `symcat:<slug>`, `ddxplus:<pathology name>`,
`curated:<id>`, and `icd10:<code>` when the code belongs to this concept alone.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.strict_yaml import load_strict

from knowledge.icd10 import IcdCodeSet

SYMCAT = "symcat"
DDXPLUS = "ddxplus"
ICD10CM = "icd10cm"
CURATED = "healthmesh"  # the id knowledge/symptoms.py uses too


@dataclass
class ConditionDraft:
    id: str
    name: str
    icd10: str
    symcat_slug: str | None = None
    ddxplus_name: str | None = None
    curated: dict | None = None  # the extra_conditions.yaml entry
    severity: int | None = None
    must_not_miss: bool = False
    extra_aliases: list[str] = field(default_factory=list)
    icd_note: str = ""

    @property
    def source_aliases(self) -> list[str]:
        out = []
        if self.symcat_slug:
            out.append(f"symcat:{self.symcat_slug}")
        if self.ddxplus_name:
            out.append(f"ddxplus:{self.ddxplus_name}")
        if self.curated:
            out.append(f"curated:{self.curated['id']}")
        return out

    @property
    def sources(self) -> list[str]:
        out = []
        if self.symcat_slug:
            out.append(SYMCAT)
        if self.ddxplus_name:
            out.append(DDXPLUS)
        out.append(ICD10CM)
        if self.curated or self.symcat_slug:  # SymCat's ICD mapping is curated
            out.append(CURATED)
        return out


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"\(([^)]*)\)", r" \1 ", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def read_csv(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_yaml(path: Path) -> dict:
    return load_strict(path) or {}


def unify(
    sources_dir: Path, curated_dir: Path, icd: IcdCodeSet, log
) -> tuple[list[ConditionDraft], list[str]]:
    """The unified drafts (sorted by id) and the reasons for every condition excluded."""
    symcat = json.loads((sources_dir / "symcat" / "conditions.json").read_text(encoding="utf-8"))
    ddxplus = json.loads((sources_dir / "ddxplus" / "conditions.json").read_text(encoding="utf-8"))
    symcat_codes = {r["symcat_slug"]: r["icd10"] for r in read_csv(curated_dir / "conditions.csv")}
    unification = {r["ddxplus_name"]: r for r in read_csv(curated_dir / "ddxplus_unification.csv")}
    extras = read_yaml(curated_dir / "extra_conditions.yaml").get("conditions", [])
    excluded: list[str] = []

    drafts: dict[str, ConditionDraft] = {}  # keyed by a source alias while merging
    for c in symcat:
        drafts[f"symcat:{c['slug']}"] = ConditionDraft(
            id="", name=c["name"], icd10=symcat_codes.get(c["slug"], ""), symcat_slug=c["slug"],
            icd_note="healthmesh curated mapping (knowledge/curated/conditions.csv)",
        )

    for d in ddxplus:
        name = d["name"]
        rule = unification.get(name)
        if rule is None:
            log(f"warning: DDXPlus pathology {name!r} has no row in ddxplus_unification.csv; kept alone")
            rule = {"symcat_slug": "", "display_name": "", "icd10": d["icd10"], "note": ""}
        code = rule["icd10"] or d["icd10"]
        note = rule.get("note", "")
        if code != d["icd10"]:
            log(f"icd10: DDXPlus {name!r} {d['icd10']!r} -> {code} ({note})")
        slug = rule["symcat_slug"]
        if slug:
            draft = drafts.get(f"symcat:{slug}")
            if draft is None:
                raise ValueError(f"ddxplus_unification.csv: unknown SymCat slug {slug!r} for {name!r}")
            if draft.ddxplus_name:
                raise ValueError(f"SymCat {slug!r} unified with two DDXPlus pathologies")
            draft.ddxplus_name = name
        else:
            draft = ConditionDraft(id="", name=name, icd10="", ddxplus_name=name)
            drafts[f"ddxplus:{name}"] = draft
        draft.name = rule["display_name"] or draft.name
        draft.icd10 = code
        draft.icd_note = note or "DDXPlus code"
        draft.severity = int(d["severity"])

    for e in extras:
        drafts[f"curated:{e['id']}"] = ConditionDraft(
            id="", name=e["name"], icd10=str(e["icd10"]), curated=e,
            severity=e.get("severity"), icd_note="healthmesh curated",
        )

    mnm = read_yaml(curated_dir / "must_not_miss.yaml").get("conditions", {})
    by_alias = {alias: d for d in drafts.values() for alias in d.source_aliases}
    for alias, severity in mnm.items():
        d = by_alias.get(alias)
        if d is None:
            raise ValueError(f"must_not_miss.yaml: unknown condition alias {alias!r}")
        d.must_not_miss = True
        if d.severity is None:
            d.severity = int(severity)

    kept: list[ConditionDraft] = []
    for d in drafts.values():
        try:
            d.icd10 = icd.check(d.icd10)
        except ValueError as err:
            excluded.append(f"{d.name} ({', '.join(d.source_aliases)}): {err}")
            continue
        kept.append(d)

    assign_ids(kept)
    return sorted(kept, key=lambda d: d.id), excluded


def assign_ids(drafts: list[ConditionDraft]) -> None:
    """Readable, stable ids: the slug of the display name (curated entries keep their own id)."""
    seen: dict[str, ConditionDraft] = {}
    for d in sorted(drafts, key=lambda d: d.source_aliases[0]):
        base = d.curated["id"] if d.curated else slugify(d.name)
        cid = base
        if cid in seen:
            cid = f"{base}-{slugify(d.source_aliases[0].split(':', 1)[0])}"
        if cid in seen:
            raise ValueError(f"condition id collision: {cid!r}")
        d.id = cid
        seen[cid] = d
