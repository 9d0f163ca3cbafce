"""Loading the treatment knowledge shipped in the repository into one `TreatmentData` bundle.

Files read (never anything outside the project tree):
  knowledge/curated/drugs.yaml          vocabulary, classes, allergy rules, patient safety rules
  knowledge/curated/interactions.yaml   ONC pairs (severity, advice) and curated pairs
  knowledge/curated/treatments.yaml     care table keyed by ICD-10-CM prefixes
  knowledge/sources/onc_high_priority_ddi/onc_member_drugs.csv   ONC member drugs (Table 2)
  knowledge/sources/pharmacotherapydb/indications.tsv            disease-modifying indications
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from treatment_retriever.care_table import CareTable, load_care_table
from treatment_retriever.filters import SafetyRules, load_safety_rules
from treatment_retriever.interactions import InteractionTable, load_interactions
from treatment_retriever.vocabulary import DrugVocabulary, load_vocabulary

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"


class TreatmentDataError(ValueError):
    """A curated table is malformed or refers to something that does not exist."""


@dataclass(frozen=True)
class TreatmentData:
    vocabulary: DrugVocabulary
    interactions: InteractionTable
    care_table: CareTable
    safety: SafetyRules


def load_treatment_data(knowledge_dir: Path | None = None) -> TreatmentData:
    root = Path(knowledge_dir) if knowledge_dir else KNOWLEDGE_DIR
    curated, sources = root / "curated", root / "sources"
    try:
        drugs_doc = _yaml(curated / "drugs.yaml")
        vocabulary = load_vocabulary(drugs_doc)
        safety = load_safety_rules(drugs_doc, vocabulary)
        interactions = load_interactions(
            _yaml(curated / "interactions.yaml"),
            sources / "onc_high_priority_ddi" / "onc_member_drugs.csv", vocabulary)
        pdb = sources / "pharmacotherapydb" / "indications.tsv"
        care = load_care_table(_yaml(curated / "treatments.yaml"), vocabulary, pdb if pdb.exists() else None)
    except (KeyError, TypeError, ValueError) as exc:
        raise TreatmentDataError(f"treatment knowledge in {root}: {exc}") from exc
    return TreatmentData(vocabulary=vocabulary, interactions=interactions, care_table=care, safety=safety)


@functools.lru_cache(maxsize=1)
def default_treatment_data() -> TreatmentData:
    """The shipped tables, loaded once per process on first use."""
    return load_treatment_data()


def _yaml(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        raise ValueError(f"{path.name}: expected a mapping at the top level")
    return doc
