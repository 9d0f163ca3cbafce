"""ESI v4 danger-zone vital signs by age band (decision point D) and SpO2 below 92%."""

from __future__ import annotations

from healthmesh.clinical import Vitals

from .outcome import Hit
from .rules import EsiRules, age_matches


def danger_zone_band(rules: EsiRules, age: float | None):
    """The band for this age; an unknown age uses the adult (last) band."""
    if age is None:
        return rules.danger_zone[-1]
    for band in rules.danger_zone:
        if age_matches(age, band.min_age, band.max_age):
            return band
    return rules.danger_zone[-1]


def esi_hits(rules: EsiRules, v: Vitals, age: float | None, tokens: frozenset[str]) -> list[Hit]:
    hits: list[Hit] = []
    band = danger_zone_band(rules, age)
    over: list[str] = []
    if v.heart_rate is not None and v.heart_rate > band.hr_above:
        over.append(f"heart rate {v.heart_rate:g} > {band.hr_above:g}")
    if v.respiratory_rate is not None and v.respiratory_rate > band.rr_above:
        over.append(f"respiratory rate {v.respiratory_rate:g} > {band.rr_above:g}")
    if over:
        level = band.both_level if len(over) == 2 else band.level
        hits.append(Hit(level, f"ESI danger-zone vital sign, age {band.band}: {', '.join(over)} "
                               f"[{rules.cite}]"))
    if v.spo2 is not None:
        limit = rules.spo2_below_scale2 if v.spo2_scale2 else rules.spo2_below
        if v.spo2 < limit:
            hits.append(Hit(rules.spo2_level, f"SpO2 {v.spo2:g}% < {limit:g}% [{rules.cite}]"))
            symptoms = tokens & rules.hypoxia_symptoms
            if symptoms:
                hits.append(Hit(rules.hypoxia_with_symptoms_level,
                                f"SpO2 {v.spo2:g}% < {limit:g}% with {', '.join(sorted(symptoms))} "
                                f"[{rules.cite}]"))
    return hits
