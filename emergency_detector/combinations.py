"""Triage tuples: sets of findings (plus age, sex, medicines, history, weeks of pregnancy) that together mean
more than alone."""

from __future__ import annotations

from healthmesh.clinical import Patient

from .outcome import Hit
from .rules import Combination, age_matches


def combination_hits(combos: tuple[Combination, ...], tokens: frozenset[str], patient: Patient,
                     medications_lower: tuple[str, ...]) -> list[Hit]:
    hits: list[Hit] = []
    for combo in combos:
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
        if combo.history_any and not any(
            word in item.lower() for word in combo.history_any for item in patient.history
        ):
            continue
        hits.append(Hit(rule.level, rule.reason))
    return hits
