"""Drug-drug interactions: the 15 ONC high-priority pairs (member-drug level) and curated pairs.

Each rule has two sides. A side is a set of canonical drug names (class references are expanded
through the vocabulary at load time) plus the class ids it was written with, so that a medication
known only by its class ("an NSAID") still matches class-level rules. A pair of drugs interacts
under a rule when one is on each side; combination products interact as each of their components.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Iterable, Sequence

from healthmesh.clinical import Interaction
from treatment_retriever.vocabulary import DrugVocabulary, Resolved

SEVERITY_RANK = {"moderate": 1, "major": 2, "contraindicated": 3}


@dataclass(frozen=True)
class InteractionRule:
    id: str
    side_a: frozenset[str]  # canonical drug names
    side_b: frozenset[str]
    classes_a: frozenset[str]  # class ids the side was written with
    classes_b: frozenset[str]
    severity: str
    advice: str
    source: str
    licence: str
    onc_id: int | None = None
    # ONC pairs: members taken from the paper's Table 2; anything else on a side was added by us
    core_a: frozenset[str] = frozenset()
    core_b: frozenset[str] = frozenset()
    added_source: str = ""


class InteractionTable:
    def __init__(self, rules: Sequence[InteractionRule], vocabulary: DrugVocabulary):
        self.rules = tuple(rules)
        self.vocabulary = vocabulary
        # drug name -> [(rule index, side)] ; class id -> [(rule index, side)]
        self._by_drug: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._by_class: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for i, rule in enumerate(self.rules):
            for side, drugs, classes in (("a", rule.side_a, rule.classes_a), ("b", rule.side_b, rule.classes_b)):
                for d in drugs:
                    self._by_drug[d].append((i, side))
                for c in classes:
                    self._by_class[c].append((i, side))

    def between(self, x: Resolved, y: Resolved) -> Interaction | None:
        """The most severe interaction between two drugs (or classes), if any."""
        if x == y:
            return None
        sides_x, sides_y = self._sides(x), self._sides(y)
        best: tuple[int, int, InteractionRule] | None = None
        for i in sides_x.keys() & sides_y.keys():
            if ("a" in sides_x[i] and "b" in sides_y[i]) or ("b" in sides_x[i] and "a" in sides_y[i]):
                rule = self.rules[i]
                rank = (SEVERITY_RANK[rule.severity], 1 if rule.onc_id else 0)
                if best is None or rank > best[:2]:
                    best = (*rank, rule)
        if best is None:
            return None
        rule = best[2]
        names = tuple(sorted((self.vocabulary.label(x), self.vocabulary.label(y))))
        return Interaction(drugs=names, severity=rule.severity, advice=rule.advice,  # type: ignore[arg-type]
                           source=self._source(rule, x, y))

    def among(self, items: Iterable[Resolved]) -> list[Interaction]:
        """Every interacting pair in a list, most severe first."""
        unique = list(dict.fromkeys(items))
        found = [hit for x, y in combinations(unique, 2) if (hit := self.between(x, y))]
        return sort_interactions(found)

    def _sides(self, item: Resolved) -> dict[int, set[str]]:
        out: dict[int, set[str]] = defaultdict(set)
        if item.is_class:
            for cls in self.vocabulary.class_ancestors(item.id):
                for i, side in self._by_class.get(cls, ()):
                    out[i].add(side)
        else:
            for atom in self.vocabulary.atoms(item.id):
                for i, side in self._by_drug.get(atom, ()):
                    out[i].add(side)
        return out

    def _source(self, rule: InteractionRule, x: Resolved, y: Resolved) -> str:
        if rule.onc_id is None or not rule.added_source:
            return rule.source

        def core(item: Resolved, side: frozenset[str]) -> bool:
            return not item.is_class and bool(self.vocabulary.atoms(item.id) & side)

        from_paper = (core(x, rule.core_a) and core(y, rule.core_b)) or (
            core(x, rule.core_b) and core(y, rule.core_a))
        return rule.source if from_paper else f"{rule.source}; {rule.added_source}"


def sort_interactions(items: Iterable[Interaction]) -> list[Interaction]:
    unique = {tuple(sorted(i.drugs)): i for i in items}
    return sorted(unique.values(), key=lambda i: (-SEVERITY_RANK[i.severity], i.drugs))


def load_interactions(doc: dict, onc_members_csv: Path, vocabulary: DrugVocabulary) -> InteractionTable:
    """Build the table from interactions.yaml and the ONC member-drug CSV."""
    rules: list[InteractionRule] = []
    members = _read_onc_members(onc_members_csv, vocabulary)
    onc_source, onc_licence = doc["onc_source"], doc["onc_licence"]
    seen_ids: set[str] = set()
    for row in doc.get("onc_pairs") or ():
        onc_id = int(row["id"])
        core_a = members.get((onc_id, "object"), frozenset())
        core_b = members.get((onc_id, "precipitant"), frozenset())
        add_a, add_b = row.get("add_object") or [], row.get("add_precipitant") or []
        for ref in (*add_a, *add_b):
            vocabulary.check_ref(ref)
        side_a = core_a | vocabulary.expand(add_a)
        side_b = core_b | vocabulary.expand(add_b)
        if not side_a or not side_b:
            raise ValueError(f"ONC pair {onc_id} has an empty side")
        rules.append(InteractionRule(
            id=f"onc-{onc_id}", side_a=side_a, side_b=side_b,
            classes_a=_class_ids(add_a), classes_b=_class_ids(add_b),
            severity=_severity(row, f"onc-{onc_id}"), advice=row["advice"],
            source=f"{onc_source}, pair {onc_id}: {row['label']}", licence=onc_licence,
            onc_id=onc_id, core_a=core_a, core_b=core_b, added_source=row.get("add_source", ""),
        ))
        seen_ids.add(f"onc-{onc_id}")
    if {r.onc_id for r in rules} != set(range(1, 16)):
        raise ValueError("interactions.yaml must list ONC pairs 1-15")
    for row in doc.get("pairs") or ():
        rid = row["id"]
        if rid in seen_ids:
            raise ValueError(f"duplicate interaction id {rid!r}")
        seen_ids.add(rid)
        for ref in (*row["a"], *row["b"]):
            try:
                vocabulary.check_ref(ref)
            except ValueError as exc:
                raise ValueError(f"interaction {rid!r}: {exc}") from None
        if not row.get("source") or not row.get("licence") or not row.get("advice"):
            raise ValueError(f"interaction {rid!r} needs advice, source and licence")
        rules.append(InteractionRule(
            id=rid, side_a=vocabulary.expand(row["a"]), side_b=vocabulary.expand(row["b"]),
            classes_a=_class_ids(row["a"]), classes_b=_class_ids(row["b"]),
            severity=_severity(row, rid), advice=row["advice"], source=row["source"],
            licence=row["licence"],
        ))
    return InteractionTable(rules, vocabulary)


def _read_onc_members(path: Path, vocabulary: DrugVocabulary) -> dict[tuple[int, str], frozenset[str]]:
    out: dict[tuple[int, str], set[str]] = defaultdict(set)
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            hit = vocabulary.resolve(row["drug"])
            if hit is None or hit.is_class:
                raise ValueError(f"ONC member drug {row['drug']!r} (pair {row['id']}) is not in drugs.yaml")
            out[(int(row["id"]), row["side"])].add(hit.id)
    return {k: frozenset(v) for k, v in out.items()}


def _class_ids(refs: Iterable[str]) -> frozenset[str]:
    return frozenset(r[6:] for r in refs if r.startswith("class:"))


def _severity(row: dict, rid: str) -> str:
    severity = row.get("severity")
    if severity not in SEVERITY_RANK:
        raise ValueError(f"interaction {rid!r}: severity must be one of {sorted(SEVERITY_RANK)}")
    return severity
