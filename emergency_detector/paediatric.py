"""Children: fever and low temperature in young infants, hypotension by age, infant minimum level."""

from __future__ import annotations

from healthmesh.clinical import Vitals

from .outcome import Hit
from .rules import PaediatricRules, age_matches


def paediatric_hits(rules: PaediatricRules, v: Vitals, age: float | None, fever: bool,
                    has_symptoms: bool) -> list[Hit]:
    if age is None:
        return []
    hits: list[Hit] = []
    t = v.temperature_c
    for rule in rules.fever_rules:
        if not age_matches(age, rule.min_age, rule.max_age):
            continue
        if rule.temperature_below is not None:
            fired = t is not None and t < rule.temperature_below
        elif rule.temperature_at_least is not None:
            fired = t is not None and t >= rule.temperature_at_least
        else:
            fired = fever
        if fired:
            hits.append(Hit(rule.level, rule.reason))
    if v.systolic_bp is not None:
        for band in rules.hypotension_bands:
            if band.min_age <= age < band.max_age:
                limit = band.systolic_below + band.per_year * age
                if v.systolic_bp < limit:
                    hits.append(Hit(rules.hypotension_level,
                                    f"low blood pressure for age: systolic {v.systolic_bp:g} < {limit:g} mmHg "
                                    f"[{rules.hypotension_cite}]"))
                break
    m = rules.infant_minimum
    if has_symptoms and age_matches(age, m.min_age, m.max_age):
        hits.append(Hit(m.level, m.reason))
    return hits
