"""The knowledge-base artifact: its schema and its loader.

`healthmesh kb build` (knowledge/build.py) writes one JSON file, gzip-compressed, named
`healthmesh-kb-<version>.json.gz`, and points `build/kb/current` at it. Every service loads it with
`load_kb()`; the migrations copy the same records into PostgreSQL.

Schema (top-level keys of the JSON object):

    version     "1.<n>.0+<sha256 of the content, 12 hex>"
    built_at    ISO-8601 UTC
    sources     {source_id: {"title", "licence", "url", "citation"}}
    symptoms    [{"id", "name", "synonyms": [..], "lay_terms": [..], "aliases": ["symcat:<slug>", ..],
                  "body_system", "question", "source", "licence"}]
    evidences   [{"code": "ddxplus:E_55_@_V_89", "name", "kind": "binary"|"categorical"|"multi",
                  "antecedent": bool, "symptom_ids": [..], "source", "licence"}]
    conditions  [{"id", "name", "icd10", "aliases": [..], "severity": 1-5 | null,
                  "must_not_miss": bool, "prevalence": float, "age_odds": {band: odds},
                  "sex_odds": {"female": x, "male": y}, "sources": [..], "licence"}]
    links       [{"condition_id", "finding", "p", "source", "licence"}]
                 finding is "symptom:<id>" or "ddxplus:<code>"; p = P(finding present | condition)
    risk_factors [{"id", "fields": ["history", "medications"], "terms": [..],
                  "multipliers": {condition_id: odds factor}, "source", "licence"}]   (optional)

Age bands are SymCat's: "<1", "1-4", "5-14", "15-29", "30-44", "45-59", "60-74", "75+".
`source` values are keys of `sources`; every record carries its own licence string.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

AGE_BANDS: tuple[tuple[str, float, float], ...] = (
    ("<1", 0.0, 1.0),
    ("1-4", 1.0, 5.0),
    ("5-14", 5.0, 15.0),
    ("15-29", 15.0, 30.0),
    ("30-44", 30.0, 45.0),
    ("45-59", 45.0, 60.0),
    ("60-74", 60.0, 75.0),
    ("75+", 75.0, float("inf")),
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_KB_DIR = PROJECT_ROOT / "build" / "kb"


def age_band(age_years: float | None) -> str | None:
    if age_years is None:
        return None
    for name, low, high in AGE_BANDS:
        if low <= age_years < high:
            return name
    return None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    licence: str
    url: str = ""
    citation: str = ""


@dataclass(frozen=True)
class Symptom:
    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    lay_terms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    body_system: str = ""
    question: str = ""
    source: str = ""
    licence: str = ""

    @property
    def code(self) -> str:
        return f"symptom:{self.id}"


@dataclass(frozen=True)
class Evidence:
    code: str  # "ddxplus:E_91" / "ddxplus:E_55_@_V_89"
    name: str
    kind: str = "binary"
    antecedent: bool = False
    symptom_ids: tuple[str, ...] = ()
    source: str = ""
    licence: str = ""


@dataclass(frozen=True)
class Condition:
    id: str
    name: str
    icd10: str
    aliases: tuple[str, ...] = ()
    severity: int | None = None
    must_not_miss: bool = False
    prevalence: float = 1e-4
    age_odds: dict[str, float] = field(default_factory=dict)
    sex_odds: dict[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    licence: str = ""


@dataclass(frozen=True)
class Link:
    condition_id: str
    finding: str
    p: float
    source: str = ""
    licence: str = ""


@dataclass(frozen=True)
class RiskFactor:
    """History/medication words that multiply some conditions' prior odds (curated, with a source)."""

    id: str
    terms: tuple[str, ...]
    multipliers: dict[str, float]  # condition id -> odds factor
    fields: tuple[str, ...] = ("history",)  # Patient lists read: "history", "medications"
    source: str = ""
    licence: str = ""


@dataclass
class KnowledgeBase:
    version: str
    built_at: str
    sources: dict[str, Source]
    symptoms: dict[str, Symptom]  # by id
    evidences: dict[str, Evidence]  # by code ("ddxplus:...")
    conditions: dict[str, Condition]  # by id
    links: list[Link]
    path: Path | None = None
    risk_factors: list[RiskFactor] = field(default_factory=list)

    def links_by_condition(self) -> dict[str, list[Link]]:
        out: dict[str, list[Link]] = {}
        for link in self.links:
            out.setdefault(link.condition_id, []).append(link)
        return out

    def finding_name(self, code: str) -> str | None:
        """Display name for a canonical finding code, or None if the KB does not know it."""
        if code.startswith("symptom:"):
            s = self.symptoms.get(code[len("symptom:"):])
            return s.name if s else None
        e = self.evidences.get(code)
        return e.name if e else None

    def condition_by_alias(self) -> dict[str, Condition]:
        out: dict[str, Condition] = {}
        for c in self.conditions.values():
            for alias in c.aliases:
                out[alias] = c
        return out


def resolve_kb_path(path: str | os.PathLike[str] | None = None) -> Path:
    """The artifact to load: the argument, else $HEALTHMESH_KB, else build/kb/current."""
    if path is None:
        path = os.environ.get("HEALTHMESH_KB") or None
    if path is not None:
        return Path(path)
    pointer = DEFAULT_KB_DIR / "current"
    if not pointer.exists():
        raise FileNotFoundError(
            f"no knowledge base at {pointer}; run `healthmesh kb build` (or `make kb`) first"
        )
    return DEFAULT_KB_DIR / pointer.read_text().strip()


def _tuple(d: dict, key: str) -> tuple:
    return tuple(d.get(key) or ())


def kb_from_dict(data: dict, path: Path | None = None) -> KnowledgeBase:
    sources = {k: Source(id=k, **v) for k, v in data["sources"].items()}
    symptoms = {
        s["id"]: Symptom(
            id=s["id"], name=s["name"], synonyms=_tuple(s, "synonyms"),
            lay_terms=_tuple(s, "lay_terms"), aliases=_tuple(s, "aliases"),
            body_system=s.get("body_system", ""), question=s.get("question", ""),
            source=s.get("source", ""), licence=s.get("licence", ""),
        )
        for s in data["symptoms"]
    }
    evidences = {
        e["code"]: Evidence(
            code=e["code"], name=e["name"], kind=e.get("kind", "binary"),
            antecedent=bool(e.get("antecedent")), symptom_ids=_tuple(e, "symptom_ids"),
            source=e.get("source", ""), licence=e.get("licence", ""),
        )
        for e in data["evidences"]
    }
    conditions = {
        c["id"]: Condition(
            id=c["id"], name=c["name"], icd10=c["icd10"], aliases=_tuple(c, "aliases"),
            severity=c.get("severity"), must_not_miss=bool(c.get("must_not_miss")),
            prevalence=float(c.get("prevalence", 1e-4)), age_odds=dict(c.get("age_odds") or {}),
            sex_odds=dict(c.get("sex_odds") or {}), sources=_tuple(c, "sources"),
            licence=c.get("licence", ""),
        )
        for c in data["conditions"]
    }
    links = [
        Link(condition_id=l["condition_id"], finding=l["finding"], p=float(l["p"]),
             source=l.get("source", ""), licence=l.get("licence", ""))
        for l in data["links"]
    ]
    risk_factors = [
        RiskFactor(id=r["id"], terms=_tuple(r, "terms"), multipliers=dict(r.get("multipliers") or {}),
                   fields=_tuple(r, "fields") or ("history",), source=r.get("source", ""),
                   licence=r.get("licence", ""))
        for r in data.get("risk_factors") or ()
    ]
    return KnowledgeBase(
        version=data["version"], built_at=data.get("built_at", ""), sources=sources,
        symptoms=symptoms, evidences=evidences, conditions=conditions, links=links, path=path,
        risk_factors=risk_factors,
    )


def load_kb(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    resolved = resolve_kb_path(path)
    opener = gzip.open if resolved.suffix == ".gz" else open
    with opener(resolved, "rt", encoding="utf-8") as f:
        data = json.load(f)
    return kb_from_dict(data, path=resolved)
