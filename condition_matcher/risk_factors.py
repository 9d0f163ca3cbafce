"""Risk factors and history read from `Patient.history` / `Patient.medications` -> prior log-odds shifts.

The KB's curated table (knowledge/curated/risk_factors.yaml) lists, per risk factor, the words that
name it and the odds factor it applies to some conditions. A term counts when it appears as whole
words in one item of a list the risk factor reads, and is not negated within that item ("non-smoker",
"never smoked", "ex-smoker", "no diabetes", "stopped warfarin").

Factors of several risk factors multiply (treated as independent, as the studies adjust for one
another), and the product per condition is clipped to [1/MAX_COMBINED, MAX_COMBINED] so a long
history cannot swamp the findings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from healthmesh.clinical import Patient
from knowledge.kb import RiskFactor

MAX_COMBINED = 100.0
NEGATION = re.compile(r"(?:\b(?:no|non|not|never|ex|former|denies|denied|quit|stopped|without)\b[\s-]*(?:\w+[\s-]+){0,2})$")


@dataclass(frozen=True)
class _Compiled:
    factor: RiskFactor
    pattern: re.Pattern[str]
    rows: np.ndarray  # condition indices
    log_factors: np.ndarray


class RiskFactorTable:
    def __init__(self, risk_factors: list[RiskFactor], condition_ids: list[str]):
        index = {cid: i for i, cid in enumerate(condition_ids)}
        self.n_conditions = len(condition_ids)
        self.compiled: list[_Compiled] = []
        for rf in risk_factors:
            pairs = [(index[c], math.log(f)) for c, f in rf.multipliers.items() if c in index and f > 0]
            if not pairs or not rf.terms:
                continue
            words = sorted(rf.terms, key=len, reverse=True)
            pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")
            rows, logs = zip(*pairs)
            self.compiled.append(_Compiled(rf, pattern, np.array(rows), np.array(logs)))

    def matched(self, patient: Patient) -> list[RiskFactor]:
        """The risk factors this patient's history/medications name (not negated)."""
        lists = {"history": patient.history, "medications": patient.medications}
        out = []
        for c in self.compiled:
            items = [item.lower() for field in c.factor.fields for item in lists.get(field, ())]
            if any(_affirmed(c.pattern, item) for item in items):
                out.append(c.factor)
        return out

    def log_odds(self, patient: Patient) -> np.ndarray | None:
        """Per-condition log odds shift, or None when no risk factor applies."""
        if not (patient.history or patient.medications):
            return None
        shift = None
        hits = {rf.id for rf in self.matched(patient)}
        for c in self.compiled:
            if c.factor.id not in hits:
                continue
            if shift is None:
                shift = np.zeros(self.n_conditions)
            np.add.at(shift, c.rows, c.log_factors)
        if shift is None:
            return None
        limit = math.log(MAX_COMBINED)
        return np.clip(shift, -limit, limit)


def _affirmed(pattern: re.Pattern[str], text: str) -> bool:
    for m in pattern.finditer(text):
        if not NEGATION.search(text[: m.start()]):
            return True
    return False
