"""Urgency from the condition posterior: serious conditions raise it; a benign, confident picture
with nothing else concerning may keep it at self-care."""

from __future__ import annotations

from typing import Sequence

from healthmesh.clinical import ConditionScore, Patient, Sex, Urgency

from .outcome import Hit
from .rules import BenignSpared, DiagnosisRules, SelfCareRules


def is_serious(rules: DiagnosisRules, c: ConditionScore) -> bool:
    return c.must_not_miss or (c.severity is not None and c.severity <= rules.serious_max_severity)


def is_benign(rules: SelfCareRules, c: ConditionScore) -> bool:
    if c.must_not_miss:
        return False
    if c.severity is not None and c.severity >= rules.benign_min_severity:
        return True
    code = c.icd10.upper()
    return any(code.startswith(prefix) for prefix in rules.benign_icd10_prefixes)


def spared(rule: BenignSpared | None, patient: Patient | None) -> bool:
    """The patient is outside the groups who see a doctor for a benign condition (BenignSpared)."""
    if rule is None or patient is None or patient.age_years is None:
        return False
    pregnant = patient.pregnant and patient.sex != Sex.MALE
    return (rule.min_age <= patient.age_years < rule.max_age and not pregnant
            and not patient.history and not patient.medications)


def condition_hits(rules: DiagnosisRules, conditions: Sequence[ConditionScore],
                   patient: Patient | None = None) -> list[Hit]:
    hits: list[Hit] = []
    spare = spared(rules.benign_spared, patient)
    for c in conditions:
        for tier in rules.tiers:
            if c.probability < tier.min_probability:
                continue
            if spare and tier.level <= rules.benign_spared.up_to_level and is_benign(rules.self_care, c):
                continue
            matched = (tier.must_not_miss and c.must_not_miss) or (
                tier.max_severity is not None and c.severity is not None and c.severity <= tier.max_severity
            )
            if matched:
                kind = "must-not-miss" if c.must_not_miss else f"severity {c.severity}"
                level, cite = tier.level, rules.cite
                judged = rules.signs_judged
                if (judged is not None and level > judged.up_to_level
                        and any(c.icd10.upper().startswith(prefix) for prefix in judged.icd10_prefixes)):
                    level, cite = judged.up_to_level, f"{rules.cite}; {judged.cite}"
                hits.append(Hit(level, f"Possible {c.name} (probability {c.probability:.2f}, {kind}) [{cite}]"))
                break
    return hits


def benign_picture(rules: DiagnosisRules, conditions: Sequence[ConditionScore],
                   to_explain: frozenset[str] = frozenset()) -> Hit | None:
    """A self-care reason when the posterior is confidently benign and nothing serious is plausible.

    `to_explain`: codes of the findings that need review (outside the self-care list). A benign
    picture speaks for them only if the benign condition does not argue against any: a finding
    that lowers it (a swollen eyelid beside a cold) is one the cold does not explain."""
    if not conditions:
        return None
    sc = rules.self_care
    top = max(conditions, key=lambda c: c.probability)
    if not is_benign(sc, top):
        return None
    if any(w.present and w.code in to_explain for w in top.conflicting):
        return None
    benign_mass = 0.0
    for c in conditions:
        if is_serious(rules, c) and c.probability > sc.max_serious_probability:
            return None
        if is_benign(sc, c):
            benign_mass += c.probability
    if benign_mass < sc.min_benign_probability:
        return None
    return Hit(Urgency.SELF_CARE, f"Likely {top.name} (probability {top.probability:.2f}), a self-limiting "
                                  f"condition; no red flags and normal vital signs [{sc.cite}]")
