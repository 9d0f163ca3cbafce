"""The care table: first-line and alternative care keyed by ICD-10-CM code prefixes.

Loaded from `knowledge/curated/treatments.yaml`, plus disease-modifying indications from
PharmacotherapyDB (`knowledge/sources/pharmacotherapydb/indications.tsv`) for the chronic diseases
the YAML maps to ICD-10 prefixes. Lookup takes the longest prefix that matches the code.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path

from treatment_retriever.vocabulary import DrugVocabulary

KINDS = frozenset({"self-care", "over-the-counter", "prescription", "procedure", "referral"})
PREGNANCY_MODES = frozenset({"only", "non-pregnant", "avoid", "caution"})
_RANGE = re.compile(r"^([A-Z])(\d{2})-([A-Z])(\d{2})$")
# Words that make a product form-specific: PharmacotherapyDB's "Timolol" (for migraine) must not
# become our "timolol eye drops".
_FORM_WORDS = ("cream", "gel", "drops", "spray", "inhaler", "shampoo", "lotion", "pessary", "ointment")
# Classes about metabolism or risk rather than therapeutic action; ignored when deciding whether a
# PharmacotherapyDB drug merely repeats a class the care entry already offers.
_NON_THERAPEUTIC_CLASSES = frozenset({
    "qt_prolonging", "strong_cyp3a4_inhibitor", "strong_cyp3a4_inducer", "cyp1a2_inhibitor",
    "polyvalent_cation", "dopamine_antagonist",
})


@dataclass(frozen=True)
class CareOption:
    name: str
    kind: str
    line: int
    slot: int  # options sharing a slot are alternatives for each other, in order
    drugs: tuple[str, ...] = ()
    min_age: float | None = None
    max_age: float | None = None
    pregnancy: str = ""
    critical: bool = False
    caution: str = ""
    source: str = ""
    licence: str = ""
    confidence: str = "high"


@dataclass(frozen=True)
class CareEntry:
    icd10: tuple[str, ...]
    name: str
    options: tuple[CareOption, ...]
    source: str
    licence: str


class CareTable:
    def __init__(self, entries: list[CareEntry], index: dict[str, CareEntry]):
        self.entries = entries
        self._index = index  # dotless upper-case prefix -> entry
        self._max_len = max((len(k) for k in index), default=0)

    def lookup(self, icd10: str) -> CareEntry | None:
        """The entry for a code ("J02.9", "j17, j18"): the longest matching prefix of any listed code."""
        for code in split_codes(icd10):
            for n in range(min(len(code), self._max_len), 0, -1):
                entry = self._index.get(code[:n])
                if entry:
                    return entry
        return None

    @property
    def prefixes(self) -> frozenset[str]:
        return frozenset(self._index)


def split_codes(text: str) -> list[str]:
    """`"j17, j18"` -> `["J17", "J18"]`; dots and spaces dropped."""
    return [c for c in (part.replace(".", "").strip().upper() for part in re.split(r"[,;/\s]+", text or "")) if c]


def _expand_prefix(raw: str) -> list[str]:
    m = _RANGE.match(raw.strip().upper())
    if not m:
        return [raw.strip().upper().replace(".", "")]
    letter, lo, letter2, hi = m.group(1), int(m.group(2)), m.group(3), int(m.group(4))
    if letter != letter2 or hi < lo:
        raise ValueError(f"bad ICD-10 range {raw!r}")
    return [f"{letter}{n:02d}" for n in range(lo, hi + 1)]


def load_care_table(doc: dict, vocabulary: DrugVocabulary, pharmacotherapydb_tsv: Path | None) -> CareTable:
    default_licence = (doc.get("defaults") or {}).get("licence", "")
    entries: list[CareEntry] = []
    index: dict[str, CareEntry] = {}
    for row in doc.get("conditions") or ():
        entry = _entry(row, vocabulary, default_licence)
        entries.append(entry)
        for prefix in entry.icd10:
            if prefix in index and index[prefix] is not entry:
                raise ValueError(f"ICD-10 prefix {prefix} is listed by both {index[prefix].name!r} and {entry.name!r}")
            index[prefix] = entry
    pdb = doc.get("pharmacotherapydb")
    if pdb and pharmacotherapydb_tsv is not None:
        _add_pharmacotherapydb(pdb, pharmacotherapydb_tsv, vocabulary, entries, index)
    return CareTable(entries, index)


def _entry(row: dict, vocabulary: DrugVocabulary, default_licence: str) -> CareEntry:
    name = row.get("name") or ""
    source, licence = row.get("source") or "", row.get("licence") or default_licence
    if not name or not source or not licence:
        raise ValueError(f"care entry {row.get('icd10')} needs name, source and licence")
    prefixes = tuple(dict.fromkeys(p for raw in row["icd10"] for p in _expand_prefix(str(raw))))
    options: list[CareOption] = []
    slot = -1
    for opt in row.get("options") or ():
        alt = bool(opt.get("alt"))
        if not alt or slot < 0:
            slot += 1
        options.append(_option(opt, slot, alt, source, licence, vocabulary, name))
    if not options:
        raise ValueError(f"care entry {name!r} has no options")
    return CareEntry(icd10=prefixes, name=name, options=tuple(options), source=source, licence=licence)


def _option(opt: dict, slot: int, alt: bool, source: str, licence: str, vocabulary: DrugVocabulary,
            entry_name: str) -> CareOption:
    where = f"care entry {entry_name!r}, option {opt.get('name')!r}"
    kind = opt.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{where}: kind must be one of {sorted(KINDS)}")
    drugs = tuple(opt.get("drugs") or ([opt["drug"]] if opt.get("drug") else []))
    for d in drugs:
        if d not in vocabulary.drugs:
            raise ValueError(f"{where}: unknown drug {d!r} (use the canonical name from drugs.yaml)")
    pregnancy = opt.get("pregnancy", "")
    if pregnancy != "" and pregnancy not in PREGNANCY_MODES:  # also catches YAML's `no` -> False
        raise ValueError(f"{where}: pregnancy must be one of {sorted(PREGNANCY_MODES)}")
    line = int(opt.get("line", 2 if alt else 1))
    if line not in (1, 2):
        raise ValueError(f"{where}: line must be 1 or 2")
    return CareOption(
        name=opt["name"], kind=kind, line=line, slot=slot, drugs=drugs,
        min_age=opt.get("min_age"), max_age=opt.get("max_age"), pregnancy=pregnancy,
        critical=bool(opt.get("critical")), caution=opt.get("caution") or "",
        source=opt.get("source") or source, licence=opt.get("licence") or licence,
    )


def _add_pharmacotherapydb(pdb: dict, tsv: Path, vocabulary: DrugVocabulary, entries: list[CareEntry],
                           index: dict[str, CareEntry]) -> None:
    """Disease-modifying indications as extra line-2 options on the mapped ICD-10 prefixes."""
    by_disease: dict[str, list[tuple[int, int, str]]] = {}
    with open(tsv, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["category"] != "DM":
                continue
            if int(row["n_curators"]) < int(pdb.get("min_curators", 1)):
                continue
            hit = vocabulary.resolve_exact(row["drug"])
            if hit is None or hit.is_class:
                continue  # only drugs the filters can check
            if any(w in hit.id for w in _FORM_WORDS) and not any(w in row["drug"].lower() for w in _FORM_WORDS):
                continue
            by_disease.setdefault(row["doid_id"], []).append(
                (int(row["n_resources"]), int(row["n_curators"]), hit.id))

    def therapeutic_classes(drug: str) -> set[str]:
        return {c for atom in vocabulary.atoms(drug) for c in vocabulary.drugs[atom].classes} - _NON_THERAPEUTIC_CLASSES

    limit = int(pdb.get("max_per_condition", 3))
    excluded = set(pdb.get("exclude") or ())
    for drug in excluded:
        vocabulary.check_ref(drug)
    for doid, raw_prefixes in (pdb.get("map") or {}).items():
        if doid not in by_disease:
            raise ValueError(f"PharmacotherapyDB has no usable disease-modifying rows for {doid}")
        for raw in raw_prefixes:
            prefix = _expand_prefix(raw)[0]
            base = CareTable(entries, index).lookup(prefix)
            if base is None:
                raise ValueError(f"PharmacotherapyDB map: no care entry covers {raw} ({doid})")
            present = {d for o in base.options for d in o.drugs}
            present_classes = {c for d in present for c in therapeutic_classes(d)}
            ranked = sorted(by_disease[doid], key=lambda t: (-t[0], -t[1], t[2]))
            picked: list[str] = []
            for _, _, drug in ranked:
                if (drug in present or drug in excluded or therapeutic_classes(drug) & present_classes
                        or len(picked) >= limit):
                    continue
                picked.append(drug)
                present_classes |= therapeutic_classes(drug)
            slot = max(o.slot for o in base.options) + 1
            extra = tuple(
                CareOption(
                    name=f"{drug[0].upper()}{drug[1:]} (disease-modifying option; specialist/clinician to confirm)",
                    kind="prescription", line=2, slot=slot + i, drugs=(drug,),
                    source=pdb["source"], licence=pdb["licence"], confidence="medium",
                )
                for i, drug in enumerate(picked)
            )
            index[prefix] = replace(base, icd10=(prefix,), options=base.options + extra)
