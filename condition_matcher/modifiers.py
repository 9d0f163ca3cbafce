"""Onset and duration of the complaint as graded evidence: per-condition log likelihood-ratio shifts.

The symptom classifier reads, per finding, its onset ("sudden" / "gradual") and its duration in
hours. The complaint is read as a whole (the modifiers describe the illness, not one finding):

- onset: the onsets said of the present, current findings; when both are said ("gradual
  breathlessness, then sudden chest pain") neither is used;
- duration: the longest duration said of a present, current finding.

Each matching rule of the curated table (modifier_lrs.yaml, every rule with its source) adds
log(lr) to the conditions it names. Only coded-evidence-free text findings carry modifiers, so
DDXPlus patients (coded evidence) are unaffected.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from healthmesh.clinical import Finding

TABLE_PATH = Path(__file__).with_name("modifier_lrs.yaml")
ONSETS = ("sudden", "gradual")


@dataclass(frozen=True)
class DurationRule:
    rows: np.ndarray
    log_lr: float
    min_hours: float
    max_hours: float
    source: str


class ModifierTable:
    def __init__(self, condition_ids: list[str], aliases: dict[str, str], path: Path = TABLE_PATH):
        """`aliases` maps a source alias (e.g. "symcat:pneumothorax") to a condition id."""
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources = raw.get("sources", {})
        index = {cid: i for i, cid in enumerate(condition_ids)}
        self.n = len(condition_ids)

        def rows_of(rule: dict) -> np.ndarray:
            if rule["source"] not in sources:
                raise ValueError(f"modifier rule cites unknown source {rule['source']!r}")
            ids = {aliases.get(a) for a in rule["conditions"]}
            return np.array(sorted(index[c] for c in ids if c in index), dtype=int)

        self.onset: dict[str, np.ndarray] = {}
        for onset, rules in (raw.get("onset") or {}).items():
            shift = np.zeros(self.n)
            for rule in rules:
                rows = rows_of(rule)
                shift[rows] += math.log(float(rule["lr"]))
            self.onset[onset] = shift
        self.duration = [
            DurationRule(rows_of(rule), math.log(float(rule["lr"])), float(rule.get("min_hours", 0.0)),
                         float(rule.get("max_hours", math.inf)), rule["source"])
            for rule in raw.get("duration") or ()
        ]

    def log_lr(self, findings: Sequence[Finding]) -> np.ndarray | None:
        """Per-condition log LR of the complaint's onset and duration; None when neither is said."""
        current = [f for f in findings if f.is_present_now]
        onsets = {f.onset for f in current if f.onset in ONSETS}
        durations = [f.duration_hours for f in current if f.duration_hours is not None and f.duration_hours > 0]
        shift = None
        if len(onsets) == 1:
            onset_shift = self.onset.get(next(iter(onsets)))
            if onset_shift is not None:
                shift = onset_shift.copy()
        if durations:
            hours = max(durations)
            for rule in self.duration:
                if rule.min_hours <= hours < rule.max_hours and rule.rows.size:
                    if shift is None:
                        shift = np.zeros(self.n)
                    shift[rule.rows] += rule.log_lr
        return shift
