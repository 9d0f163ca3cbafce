"""NEWS2 (RCP 2017, Chart 1): per-parameter points, aggregate, and the levels they map to.

Partial vitals score what is present; an unmeasured parameter scores nothing.
"""

from __future__ import annotations

from typing import NamedTuple

from healthmesh.clinical import Consciousness, Vitals

from .outcome import Hit
from .rules import News2Rules, band_points


class News2Score(NamedTuple):
    total: int
    parts: tuple[tuple[str, int], ...]  # (parameter description, points) for measured parameters


def spo2_points(rules: News2Rules, spo2: float, on_oxygen: bool, scale2: bool) -> int:
    if not scale2:
        return band_points(rules.spo2_scale1, spo2)
    if spo2 > rules.spo2_scale2_target_high:
        # above the 88-92% target only scores on oxygen (over-oxygenation risk)
        return band_points(rules.spo2_scale2_on_oxygen_above, spo2) if on_oxygen else 0
    return band_points(rules.spo2_scale2_below_target, spo2)


def score_news2(rules: News2Rules, v: Vitals) -> News2Score | None:
    """None when nothing NEWS2 scores was recorded."""
    parts: list[tuple[str, int]] = []
    if v.respiratory_rate is not None:
        parts.append((f"respiratory rate {v.respiratory_rate:g}/min",
                      band_points(rules.respiratory_rate, v.respiratory_rate)))
    if v.spo2 is not None:
        parts.append((f"SpO2 {v.spo2:g}%{' (scale 2)' if v.spo2_scale2 else ''}",
                      spo2_points(rules, v.spo2, v.supplemental_oxygen, v.spo2_scale2)))
    if v.supplemental_oxygen:
        parts.append(("supplemental oxygen", rules.oxygen_points))
    if v.systolic_bp is not None:
        parts.append((f"systolic BP {v.systolic_bp:g} mmHg", band_points(rules.systolic_bp, v.systolic_bp)))
    if v.heart_rate is not None:
        parts.append((f"heart rate {v.heart_rate:g}/min", band_points(rules.heart_rate, v.heart_rate)))
    if v.consciousness != Consciousness.UNSPECIFIED:
        points = 0 if v.consciousness == Consciousness.ALERT else rules.not_alert_points
        parts.append((f"consciousness {v.consciousness.name.lower()}", points))
    if v.temperature_c is not None:
        parts.append((f"temperature {v.temperature_c:g} C", band_points(rules.temperature_c, v.temperature_c)))
    if not parts:
        return None
    return News2Score(sum(p for _, p in parts), tuple(parts))


def news2_hits(rules: News2Rules, score: News2Score, pregnant: bool = False) -> list[Hit]:
    hits: list[Hit] = []
    for at_least, level, range_text, meaning in rules.aggregate_levels:
        if pregnant and score.total < rules.pregnancy_min_total:
            break
        if score.total >= at_least:
            hits.append(Hit(level, f"NEWS2 score {score.total} ({range_text}: {meaning}) [{rules.cite}]"))
            break
    for name, points in score.parts:
        if points >= 3:
            hits.append(Hit(rules.single_3_level,
                            f"NEWS2 single parameter scores 3: {name} [{rules.cite}]"))
    return hits

