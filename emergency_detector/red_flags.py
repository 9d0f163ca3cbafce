"""Single findings that set a minimum level on their own (the red-flag table in rules.yaml)."""

from __future__ import annotations

from typing import Iterable, Mapping

from .outcome import Hit
from .rules import AgeRule, age_matches


def red_flag_hits(table: Mapping[str, tuple[AgeRule, ...]], tokens: Iterable[str],
                  age: float | None) -> list[Hit]:
    """One hit per token: its highest-level entry that applies at this age."""
    hits: list[Hit] = []
    for token in tokens:
        best: AgeRule | None = None
        for rule in table.get(token, ()):
            if age_matches(age, rule.min_age, rule.max_age) and (best is None or rule.level > best.level):
                best = rule
        if best is not None:
            hits.append(Hit(best.level, best.reason))
    return hits
