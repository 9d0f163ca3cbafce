"""Drug vocabulary: names, brands and synonyms to canonical drugs; drug classes and their members.

Loaded from `knowledge/curated/drugs.yaml`. Lookup is case-, space- and punctuation-insensitive
("Co-Amoxiclav", "co amoxiclav" and "coamoxiclav" are one key), ignores doses and dose forms
("Warfarin 5 mg tablets"), and falls back to the longest known leading words ("Tylenol Extra
Strength" -> paracetamol). A name may resolve to a drug or to a whole class ("penicillin",
"sulfa", "NSAIDs"); a string naming several drugs ("ibuprofen + paracetamol") resolves to each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

_TOKEN = re.compile(r"[a-z]+|[0-9]+")
_SPLIT = re.compile(r"\s*(?:\+|,|;|\band\b|\bwith\b|\bplus\b|&)\s*")
# Dose and dose-form words dropped before a second lookup ("amoxicillin 500 mg capsules").
_DOSE_WORDS = frozenset(
    "mg mcg ug microgram micrograms g gram grams ml l iu unit units percent tablet tablets tab tabs "
    "capsule capsules cap caps oral solution suspension syrup liquid injection injections inj "
    "ointment chewable dispersible effervescent soluble er xr sr mr xl la cr ec dr od bd bid tds tid "
    "qds qid daily once twice nocte mane prn po iv im sc subcut hcl hydrochloride dose doses "
    "modified release extended immediate delayed slow "
    "a an of per day week weekly month otc prescribed regular regularly as needed".split()
)


def name_key(text: str) -> str:
    """The lookup key of a name: lower-case letters and digits only."""
    return "".join(_TOKEN.findall(_fold(text)))


def _fold(text: str) -> str:
    return text.lower().replace("\u2019", "'").replace("\u00ae", "").replace("\u2122", "")


@dataclass(frozen=True)
class Resolved:
    """What a name means: one canonical drug or one drug class."""

    kind: Literal["drug", "class"]
    id: str  # canonical drug name, or class id

    @property
    def is_class(self) -> bool:
        return self.kind == "class"


@dataclass(frozen=True)
class DrugClass:
    id: str
    name: str
    aliases: tuple[str, ...]
    includes: tuple[str, ...]
    allergy_group: bool
    duplicate: bool
    source: str
    licence: str


@dataclass(frozen=True)
class Drug:
    name: str
    classes: tuple[str, ...]  # as listed (before closure)
    components: tuple[str, ...]
    brands: tuple[str, ...]
    synonyms: tuple[str, ...]
    source: str
    licence: str


@dataclass
class DrugVocabulary:
    drugs: dict[str, Drug]
    classes: dict[str, DrugClass]
    non_drug_allergens: frozenset[str] = frozenset()
    none_words: frozenset[str] = frozenset()
    # derived
    _keys: dict[str, Resolved] = field(default_factory=dict, repr=False)
    _drug_classes: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _atoms: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _class_ancestors: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _class_members: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._check_references()
        self._build_class_closure()
        self._build_drug_closure()
        self._build_keys()

    # ---- lookup -----------------------------------------------------------------------------

    def resolve(self, text: str) -> Resolved | None:
        """One name to one drug or class; None if unknown."""
        tokens = _TOKEN.findall(_fold(text))
        hit = self._exact(tokens)
        if hit:
            return hit
        words = [t for t in tokens if t not in _DOSE_WORDS and not t.isdigit()] or tokens
        for n in range(len(words) - 1, 0, -1):  # longest known leading words
            hit = self._keys.get("".join(words[:n]))
            if hit:
                return hit
        return None

    def resolve_exact(self, text: str) -> Resolved | None:
        """Like resolve() but without the leading-words fallback (for importing other vocabularies)."""
        return self._exact(_TOKEN.findall(_fold(text)))

    def resolve_all(self, text: str) -> list[Resolved] | None:
        """A name that may list several drugs ("ibuprofen + paracetamol"). None if any part is unknown."""
        hit = self._exact(_TOKEN.findall(_fold(text)))
        if hit:
            return [hit]
        parts = [p for p in _SPLIT.split(_fold(text)) if p.strip()]
        if len(parts) < 2:
            hit = self.resolve(text)
            return [hit] if hit else None
        found = [self.resolve(p) for p in parts]
        if any(f is None for f in found):
            return None
        return list(dict.fromkeys(found))  # type: ignore[arg-type]

    def _exact(self, tokens: list[str]) -> Resolved | None:
        if not tokens:
            return None
        hit = self._keys.get("".join(tokens))
        if hit:
            return hit
        core = [t for t in tokens if t not in _DOSE_WORDS and not t.isdigit()]
        if core and core != tokens:
            return self._keys.get("".join(core))
        return None

    def is_non_drug_allergen(self, text: str) -> bool:
        return name_key(text) in self.non_drug_allergens

    def is_none_word(self, text: str) -> bool:
        return name_key(text) in self.none_words or not name_key(text)

    # ---- classes and membership -------------------------------------------------------------

    def classes_of(self, drug: str) -> frozenset[str]:
        """Every class the drug belongs to, including through components and parent classes."""
        return self._drug_classes[drug]

    def atoms(self, drug: str) -> frozenset[str]:
        """The drug itself plus, for a combination product, every component (recursively)."""
        return self._atoms[drug]

    def members(self, class_id: str) -> frozenset[str]:
        """Every drug in the class or a sub-class (combinations included)."""
        return self._class_members[class_id]

    def class_ancestors(self, class_id: str) -> frozenset[str]:
        """The class and every class that includes it."""
        return self._class_ancestors[class_id]

    def expand(self, refs: Iterable[str]) -> frozenset[str]:
        """`class:<id>` and drug names to the set of drug names they cover."""
        out: set[str] = set()
        for ref in refs:
            if ref.startswith("class:"):
                out |= self.members(ref[6:])
            else:
                out.add(ref)
        return frozenset(out)

    def check_ref(self, ref: str) -> None:
        """Raise ValueError unless `ref` is a known `class:<id>` or canonical drug name."""
        if ref.startswith("class:"):
            if ref[6:] not in self.classes:
                raise ValueError(f"unknown drug class {ref!r}")
        elif ref not in self.drugs:
            raise ValueError(f"unknown drug {ref!r} (use the canonical name from drugs.yaml)")

    def label(self, item: Resolved) -> str:
        return self.classes[item.id].name if item.is_class else item.id

    # ---- construction -------------------------------------------------------------------------

    def _check_references(self) -> None:
        for c in self.classes.values():
            for child in c.includes:
                if child not in self.classes:
                    raise ValueError(f"class {c.id!r} includes unknown class {child!r}")
        for d in self.drugs.values():
            for cls in d.classes:
                if cls not in self.classes:
                    raise ValueError(f"drug {d.name!r} lists unknown class {cls!r}")
            for comp in d.components:
                if comp not in self.drugs:
                    raise ValueError(f"drug {d.name!r} lists unknown component {comp!r}")

    def _build_class_closure(self) -> None:
        parents: dict[str, set[str]] = {cid: set() for cid in self.classes}
        for c in self.classes.values():
            for child in c.includes:
                parents[child].add(c.id)

        def ancestors(cid: str, seen: frozenset[str] = frozenset()) -> set[str]:
            if cid in seen:
                raise ValueError(f"class inclusion cycle at {cid!r}")
            out = {cid}
            for p in parents[cid]:
                out |= ancestors(p, seen | {cid})
            return out

        self._class_ancestors = {cid: frozenset(ancestors(cid)) for cid in self.classes}

    def _build_drug_closure(self) -> None:
        def atoms(name: str, seen: frozenset[str] = frozenset()) -> set[str]:
            if name in seen:
                raise ValueError(f"component cycle at {name!r}")
            out = {name}
            for comp in self.drugs[name].components:
                out |= atoms(comp, seen | {name})
            return out

        members: dict[str, set[str]] = {cid: set() for cid in self.classes}
        for name in self.drugs:
            self._atoms[name] = frozenset(atoms(name))
            classes: set[str] = set()
            for atom in self._atoms[name]:
                for cls in self.drugs[atom].classes:
                    classes |= self._class_ancestors[cls]
            self._drug_classes[name] = frozenset(classes)
            for cls in classes:
                members[cls].add(name)
        self._class_members = {cid: frozenset(m) for cid, m in members.items()}

    def _build_keys(self) -> None:
        keys: dict[str, Resolved] = {}

        def add(text: str, target: Resolved) -> None:
            key = name_key(text)
            if not key:
                return
            existing = keys.get(key)
            if existing is None or existing == target or (existing.is_class and not target.is_class):
                keys[key] = target  # a drug's own name or synonym beats a class alias
            elif target.is_class and not existing.is_class:
                return
            else:
                raise ValueError(f"name {text!r} maps to both {existing.id!r} and {target.id!r}")

        for c in self.classes.values():
            for alias in c.aliases:
                add(alias, Resolved("class", c.id))
        for d in self.drugs.values():
            target = Resolved("drug", d.name)
            for name in (d.name, *d.synonyms, *d.brands):
                add(name, target)
        self._keys = keys


def load_vocabulary(doc: dict) -> DrugVocabulary:
    """Build the vocabulary from the parsed drugs.yaml document."""
    defaults = doc.get("defaults") or {}
    d_source, d_licence = defaults.get("source", ""), defaults.get("licence", "")
    classes = {
        cid: DrugClass(
            id=cid, name=row["name"], aliases=tuple(row.get("aliases") or ()),
            includes=tuple(row.get("includes") or ()), allergy_group=bool(row.get("allergy_group")),
            duplicate=bool(row.get("duplicate")),
            source=row.get("source", d_source), licence=row.get("licence", d_licence),
        )
        for cid, row in (doc.get("classes") or {}).items()
    }
    drugs = {
        name: Drug(
            name=name, classes=tuple(row.get("classes") or ()),
            components=tuple(row.get("components") or ()),
            brands=tuple(row.get("brands") or ()), synonyms=tuple(row.get("synonyms") or ()),
            source=row.get("source", d_source), licence=row.get("licence", d_licence),
        )
        for name, row in (doc.get("drugs") or {}).items()
    }
    for name in drugs:
        if name != name.strip().lower():
            raise ValueError(f"canonical drug name must be lower case: {name!r}")
    return DrugVocabulary(
        drugs=drugs, classes=classes,
        non_drug_allergens=frozenset(name_key(x) for x in doc.get("non_drug_allergens") or ()),
        none_words=frozenset(name_key(x) for x in doc.get("none_words") or ()),
    )
