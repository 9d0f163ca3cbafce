"""qSOFA (Sepsis-3): one point each for systolic BP <=100, respiratory rate >=22, altered mentation.

Computed when at least one criterion was measured; an unmeasured criterion counts as not met, as
bedside practice does, so the score is a lower bound.
"""

from __future__ import annotations

from healthmesh.clinical import Consciousness, Vitals

from .outcome import Hit
from .rules import QsofaRules


def score_qsofa(rules: QsofaRules, v: Vitals, confusion_reported: bool) -> int | None:
    measured = (v.systolic_bp is not None or v.respiratory_rate is not None
                or v.consciousness != Consciousness.UNSPECIFIED)
    if not measured:
        return None
    score = 0
    if v.systolic_bp is not None and v.systolic_bp <= rules.systolic_at_or_below:
        score += 1
    if v.respiratory_rate is not None and v.respiratory_rate >= rules.rr_at_or_above:
        score += 1
    if v.consciousness not in (Consciousness.UNSPECIFIED, Consciousness.ALERT) or confusion_reported:
        score += 1
    return score


def qsofa_hits(rules: QsofaRules, score: int | None) -> list[Hit]:
    if score is None or score < rules.positive_at_or_above:
        return []
    return [Hit(rules.positive_level,
                f"qSOFA {score} (>={rules.positive_at_or_above}: possible sepsis; systolic "
                f"<={rules.systolic_at_or_below:g}, RR >={rules.rr_at_or_above:g}, altered mentation) "
                f"[{rules.cite}]")]
