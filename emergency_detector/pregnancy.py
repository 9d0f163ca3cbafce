"""Blood pressure rows: in pregnancy (NICE NG133: severe hypertension, and new high blood pressure)
and, outside pregnancy, in adults (NICE NG136: stage 2 and severe hypertension)."""

from __future__ import annotations

from collections.abc import Set

from healthmesh.clinical import Vitals

from .outcome import Hit
from .rules import AdultBloodPressureRules, BloodPressureRow, PregnancyRules


def pregnancy_hits(rules: PregnancyRules, v: Vitals, pregnant: bool, tokens: Set[str] = frozenset()) -> list[Hit]:
    """The most urgent blood-pressure row that either reading reaches; nothing when not pregnant."""
    if not pregnant:
        return []
    return _row_hits(rules.blood_pressure, rules.cite, v, tokens)


def adult_blood_pressure_hits(rules: AdultBloodPressureRules, v: Vitals, age: float | None,
                              pregnant: bool, tokens: Set[str] = frozenset()) -> list[Hit]:
    """The same outside pregnancy, for adults (an unknown age counts as an adult)."""
    if pregnant or (age is not None and age < rules.min_age):
        return []
    return _row_hits(rules.blood_pressure, rules.cite, v, tokens)


def _row_hits(rows: tuple[BloodPressureRow, ...], cite: str, v: Vitals,
              tokens: Set[str] = frozenset()) -> list[Hit]:
    """The most urgent row reached; a row with `with_any` also needs one of those findings."""
    if v.systolic_bp is None and v.diastolic_bp is None:
        return []
    for row in rows:
        if row.with_any and not row.with_any & tokens:
            continue
        over = []
        if v.systolic_bp is not None and v.systolic_bp >= row.systolic_at_least:
            over.append(f"systolic {v.systolic_bp:g} >= {row.systolic_at_least:g}")
        if v.diastolic_bp is not None and v.diastolic_bp >= row.diastolic_at_least:
            over.append(f"diastolic {v.diastolic_bp:g} >= {row.diastolic_at_least:g}")
        if over:
            return [Hit(row.level, f"{row.label}: {', '.join(over)} mmHg [{cite}]")]
    return []
