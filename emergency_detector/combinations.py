"""Triage tuples: sets of findings (plus age, sex, medicines, history, weeks of pregnancy) that together mean
more than alone."""

from __future__ import annotations

from collections.abc import Sequence

from healthmesh.clinical import Patient

from .outcome import Hit
from .rules import Combination, age_matches


class CombinationIndex:
    """The combinations by the findings of their first group: a request's tokens name the few that
    can fire, so the rest (most of some 150) are never looked at. Order is the rules file's."""

    def __init__(self, combos: Sequence[Combination]):
        self.combos = tuple(combos)
        self._by_token: dict[str, list[int]] = {}
        self._always: list[int] = []  # no finding groups: patient facts alone
        for n, combo in enumerate(self.combos):
            if not combo.groups:
                self._always.append(n)
            for token in combo.groups[0] if combo.groups else ():
                self._by_token.setdefault(token, []).append(n)

    def candidates(self, tokens: frozenset[str]) -> list[Combination]:
        found = set(self._always)
        for token in tokens:
            found.update(self._by_token.get(token, ()))
        return [self.combos[n] for n in sorted(found)]


def combination_hits(index: CombinationIndex, tokens: frozenset[str], patient: Patient,
                     medications_lower: tuple[str, ...]) -> list[Hit]:
    hits: list[Hit] = []
    for combo in index.candidates(tokens):
        if not all(tokens & group for group in combo.groups):
            continue
        rule = combo.rule
        if not age_matches(patient.age_years, rule.min_age, rule.max_age):
            continue
        if combo.not_sex is not None and patient.sex == combo.not_sex:
            continue
        if combo.medications_any and not any(
            drug in med for drug in combo.medications_any for med in medications_lower
        ):
            continue
        if combo.min_pregnancy_weeks is not None and (
                patient.pregnancy_weeks is None or patient.pregnancy_weeks < combo.min_pregnancy_weeks):
            continue
        if combo.max_pregnancy_weeks is not None and (
                patient.pregnancy_weeks is None or patient.pregnancy_weeks >= combo.max_pregnancy_weeks):
            continue
        if combo.history_any and not any(
            word in item.lower() for word in combo.history_any for item in patient.history
        ):
            continue
        hits.append(Hit(rule.level, rule.reason))
    return hits
