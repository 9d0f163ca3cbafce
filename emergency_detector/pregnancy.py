"""Blood pressure in pregnancy (NICE NG133): severe hypertension, and new high blood pressure."""

from __future__ import annotations

from healthmesh.clinical import Vitals

from .outcome import Hit
from .rules import PregnancyRules


def pregnancy_hits(rules: PregnancyRules, v: Vitals, pregnant: bool) -> list[Hit]:
    """The most urgent blood-pressure row that either reading reaches; nothing when not pregnant."""
    if not pregnant or (v.systolic_bp is None and v.diastolic_bp is None):
        return []
    for row in rules.blood_pressure:
        over = []
        if v.systolic_bp is not None and v.systolic_bp >= row.systolic_at_least:
            over.append(f"systolic {v.systolic_bp:g} >= {row.systolic_at_least:g}")
        if v.diastolic_bp is not None and v.diastolic_bp >= row.diastolic_at_least:
            over.append(f"diastolic {v.diastolic_bp:g} >= {row.diastolic_at_least:g}")
        if over:
            return [Hit(row.level, f"{row.label}: {', '.join(over)} mmHg [{rules.cite}]")]
    return []
