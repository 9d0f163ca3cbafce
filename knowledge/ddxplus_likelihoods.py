"""P(finding | condition) for the 49 DDXPlus pathologies, estimated from the DDXPlus dev patients.

DDXPlus publishes which evidences belong to each pathology but no weights, so the weights are
counted from `sources/ddxplus/dev_patients.csv` (1,316 synthetic patients, CC-BY-4.0):

    p(f | c) = (k + ALPHA) / (n + 2 * ALPHA)

where n is the number of dev patients with pathology c and k the number of them showing f. This is
additive (Lidstone) smoothing with ALPHA = 0.5, i.e. the posterior mean of a Bernoulli rate under a
Jeffreys Beta(1/2, 1/2) prior: a finding seen in every one of a condition's patients never becomes
certain, and one never seen stays possible. Some pathologies have a single dev patient, so the
smoothing matters.

Findings, all as "ddxplus:<code>" unless said otherwise:
- raw codes exactly as the data writes them: `E_91`, `E_55_@_V_89`, `E_56_@_7`;
- bare codes of the categorical/multi-choice evidences (`E_55`): "some non-default value given"
  (e.g. pain located somewhere, travelled somewhere);
- concepts `symptom:<id>`: the fraction of the condition's patients with any evidence whose
  artifact row maps to that symptom id.

A (condition, finding) pair is only emitted when the finding was seen with the condition or the
condition's DDXPlus definition lists it (binary codes, bare codes of listed non-binary evidences and
the concepts these map to); every other pair is left to the matcher's leak term. Value codes of a
listed evidence that no patient showed are not emitted either (there would be hundreds of body
sites per condition); the matcher falls back to the concept level for them.

Deterministic (sorted output, no randomness) and fast (well under a second).
"""

from __future__ import annotations

import ast
import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SOURCE_ID = "ddxplus-dev-estimate"
LICENCE = "CC-BY-4.0"
ALPHA = 0.5  # additive smoothing pseudo-count (Jeffreys prior)
VALUE_SEP = "_@_"
PREFIX = "ddxplus:"


@dataclass(frozen=True)
class DevPatient:
    age: int
    sex: str  # "F" | "M"
    pathology: str
    codes: tuple[str, ...]  # raw DDXPlus codes without namespace, e.g. "E_55_@_V_89"
    differential: tuple[tuple[str, float], ...]  # DDXPlus DIFFERENTIAL_DIAGNOSIS
    initial_evidence: str


def read_dev_patients(sources_dir: Path) -> list[DevPatient]:
    path = Path(sources_dir) / "ddxplus" / "dev_patients.csv"
    with open(path, newline="", encoding="utf-8") as f:
        return [
            DevPatient(
                age=int(row["age"]),
                sex=row["sex"],
                pathology=row["diagnosis"],
                codes=tuple(ast.literal_eval(row["features"])),
                differential=tuple((str(n), float(p)) for n, p in ast.literal_eval(row["top5_diagnoses"])),
                initial_evidence=row["feature_id"],
            )
            for row in csv.DictReader(f)
        ]


def read_ddxplus_json(sources_dir: Path, name: str) -> list[dict]:
    return json.loads((Path(sources_dir) / "ddxplus" / name).read_text(encoding="utf-8"))


def bare_code(code: str) -> str:
    """`E_55_@_V_89` -> `E_55` (works with or without the `ddxplus:` prefix)."""
    return code.split(VALUE_SEP, 1)[0]


class _EvidenceCatalogue:
    """What the dev data needs from the DDXPlus evidence definitions and the artifact's rows."""

    def __init__(self, ddxplus_evidences: Sequence[dict], artifact_evidences: Sequence[dict]):
        self.data_type = {e["code"]: e["data_type"] for e in ddxplus_evidences}
        self.default = {e["code"]: str(e["default_value"]) for e in ddxplus_evidences}
        self.symptom_ids = {
            e["code"]: tuple(e.get("symptom_ids") or ()) for e in artifact_evidences
        }

    def is_default(self, code: str) -> bool:
        if VALUE_SEP not in code:
            return False
        base, value = code.split(VALUE_SEP, 1)
        return self.default.get(base) == value

    def findings_of(self, code: str) -> set[str]:
        """The raw finding, plus the bare code when a non-default value was given."""
        out = {PREFIX + code}
        base = bare_code(code)
        if VALUE_SEP in code and self.data_type.get(base, "B") != "B" and not self.is_default(code):
            out.add(PREFIX + base)
        return out

    def concepts_of(self, code: str) -> tuple[str, ...]:
        """Symptom ids for a raw code: its own artifact row, else (non-default values) its bare row."""
        exact = PREFIX + code
        if exact in self.symptom_ids:
            return self.symptom_ids[exact]
        if VALUE_SEP in code and not self.is_default(code):
            return self.symptom_ids.get(PREFIX + bare_code(code), ())
        return ()


def smoothed(k: int, n: int, alpha: float = ALPHA) -> float:
    return (k + alpha) / (n + 2.0 * alpha)


def estimate_links_from_patients(
    patients: Iterable[DevPatient],
    ddxplus_conditions: Sequence[dict],
    ddxplus_evidences: Sequence[dict],
    evidences: Sequence[dict],
    ddxplus_condition_ids: Mapping[str, str],
    alpha: float = ALPHA,
) -> list[dict]:
    """The estimator itself, on any patient set (the evaluation uses it for cross-validation)."""
    catalogue = _EvidenceCatalogue(ddxplus_evidences, evidences)
    n_by_condition: Counter[str] = Counter()
    finding_counts: dict[str, Counter[str]] = defaultdict(Counter)
    concept_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for patient in patients:
        n_by_condition[patient.pathology] += 1
        findings: set[str] = set()
        concepts: set[str] = set()
        for code in patient.codes:
            findings |= catalogue.findings_of(code)
            concepts.update("symptom:" + s for s in catalogue.concepts_of(code))
        finding_counts[patient.pathology].update(findings)
        concept_counts[patient.pathology].update(concepts)

    rows: list[dict] = []
    for definition in sorted(ddxplus_conditions, key=lambda c: c["name"]):
        name = definition["name"]
        condition_id = ddxplus_condition_ids.get(name)
        if condition_id is None:
            continue
        n = n_by_condition[name]
        listed_findings: set[str] = set()
        listed_concepts: set[str] = set()
        for code in (*definition["symptoms"], *definition["antecedents"]):
            listed_findings.add(PREFIX + code)  # binary code, or the bare code of a non-binary one
            listed_concepts.update("symptom:" + s for s in catalogue.symptom_ids.get(PREFIX + code, ()))
        for counts, listed in ((finding_counts[name], listed_findings),
                               (concept_counts[name], listed_concepts)):
            for finding in sorted(set(counts) | listed):
                rows.append({
                    "condition_id": condition_id,
                    "finding": finding,
                    "p": round(smoothed(counts[finding], n, alpha), 6),
                    "source": SOURCE_ID,
                    "licence": LICENCE,
                })
    return rows


def estimate_links(
    sources_dir: Path, evidences: list[dict], ddxplus_condition_ids: dict[str, str]
) -> list[dict]:
    """Link rows {"condition_id", "finding", "p", "source", "licence"} for the DDXPlus pathologies.

    `evidences` are the artifact's evidence rows (code "ddxplus:...", symptom_ids); the concept-level
    links use their symptom_ids. `ddxplus_condition_ids` maps a DDXPlus pathology name to the unified
    condition id; pathologies missing from it are skipped.
    """
    sources_dir = Path(sources_dir)
    return estimate_links_from_patients(
        read_dev_patients(sources_dir),
        read_ddxplus_json(sources_dir, "conditions.json"),
        read_ddxplus_json(sources_dir, "evidences.json"),
        evidences,
        ddxplus_condition_ids,
    )
