"""The differential-diagnosis engine: findings + patient -> ranked conditions with their evidence.

A naive-Bayes model with a leak (see model.py for how P(f | c) is resolved):

    score(c) = log prior(c)                                   (priors.py)
             + log LR(onset, duration | c)                     (modifiers.py)
             + sum_{f present}  log P(f | c)
             + sum_{f absent}   log(1 - P(f | c))             (unknown findings are ignored)
    P(c | findings) = softmax_c(score(c) / TEMPERATURE)

TEMPERATURE is a calibration constant fitted on the DDXPlus dev patients with five-fold
cross-validation (`python -m condition_matcher.evaluate_ddxplus --fit-temperature`): naive Bayes
double-counts correlated findings and is overconfident, so the scores are flattened.

Each returned condition is explained by likelihood ratios against the other conditions,
    LR = P(f | c) / P(f | not c)                  (present finding)
    LR = (1 - P(f | c)) / (1 - P(f | not c))      (absent finding)
with P(f | not c) the prevalence-weighted mean of P(f | c') over every c' != c.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from healthmesh.clinical import ConditionScore, Finding, Patient, Presence, Temporality, WeightedFinding
from healthmesh.errors import InvalidArgument
from knowledge.ddxplus_likelihoods import VALUE_SEP
from knowledge.kb import KnowledgeBase

from .explain import explain_score
from .interview import Interviewer, Question
from .model import LikelihoodTables, build_tables, generic_families
from .modifiers import ModifierTable
from .priors import PriorTable, load_presentation_factors

TEMPERATURE = 1.4  # 5-fold CV NLL optimum on the DDXPlus dev set with the 815-condition KB: 1.40
MAX_EXPLAINED = 8  # findings listed per side (supporting / conflicting)
LR_NEUTRAL_BAND = 0.02  # |log LR| below this is noise, not evidence


class ConditionMatcher:
    def __init__(self, kb: KnowledgeBase, temperature: float = TEMPERATURE):
        self.kb = kb
        self.temperature = temperature
        self.tables: LikelihoodTables = build_tables(kb)
        self._generic_family = {g: frozenset(f) for g, f in generic_families(self.tables.finding_index).items()}
        self.conditions = [kb.conditions[cid] for cid in self.tables.condition_ids]
        self.priors = PriorTable(self.conditions, kb.risk_factors, load_presentation_factors())
        aliases = {alias: c.id for c in self.conditions for alias in c.aliases}
        self.modifiers = ModifierTable(self.tables.condition_ids, aliases)
        self._interviewer: Interviewer | None = None

    # -- scoring -----------------------------------------------------------------------------------

    def finding_rows(self, findings: Sequence[Finding]) -> tuple[list[int], list[int], list[Finding], list[Finding]]:
        """Rows of the present and absent findings (deduplicated; present wins over absent)."""
        present: dict[int, Finding] = {}
        absent: dict[int, Finding] = {}
        for i, finding in enumerate(findings):
            polarity = self._polarity(finding)
            if polarity is None:
                continue
            row = self._row(finding.code, i)
            if polarity:
                present.setdefault(row, finding)
                absent.pop(row, None)
            elif row not in present:
                absent.setdefault(row, finding)
        # "headache, not throbbing" reads as headache present and pain absent: a generic finding
        # denied beside one of its own specific forms describes a quality of that finding, not its
        # absence, so it is dropped (log(1 - P(pain | c)) would otherwise rule out every cause of
        # headache).
        for row in [r for r in absent if r in self._generic_family and present.keys() & self._generic_family[r]]:
            del absent[row]
        return list(present), list(absent), list(present.values()), list(absent.values())

    def log_scores(self, patient: Patient, findings: Sequence[Finding]) -> np.ndarray:
        present_rows, absent_rows, _, _ = self.finding_rows(findings)
        return self._scores(patient, present_rows, absent_rows, findings)

    def posterior(self, patient: Patient, findings: Sequence[Finding]) -> np.ndarray:
        return self._softmax(self.log_scores(patient, findings))

    def rank(self, patient: Patient, findings: Sequence[Finding], max_conditions: int = 10) -> list[ConditionScore]:
        if max_conditions <= 0:
            raise InvalidArgument("max_conditions", "must be positive")
        present_rows, absent_rows, present, absent = self.finding_rows(findings)
        probabilities = self._softmax(self._scores(patient, present_rows, absent_rows, findings))
        k = min(max_conditions, int(np.count_nonzero(probabilities > 0.0)))
        if k == 0:
            return []
        top = np.argpartition(-probabilities, k - 1)[:k]
        top = top[np.argsort(-probabilities[top], kind="stable")]
        return [
            self._condition_score(int(c), float(probabilities[c]), present_rows, absent_rows, present, absent)
            for c in top
        ]

    def explain(self, score: ConditionScore) -> str:
        return explain_score(score)

    def next_questions(self, patient: Patient, findings: Sequence[Finding], limit: int = 5) -> list[Question]:
        """The questions whose answers most reduce the differential's entropy (interview.py)."""
        if self._interviewer is None:
            self._interviewer = Interviewer(self)
        return self._interviewer.next_questions(patient, findings, limit)

    def _scores(self, patient: Patient, present_rows: list[int], absent_rows: list[int],
                findings: Sequence[Finding] = ()) -> np.ndarray:
        scores = self.priors.log_prior(patient)
        timing = self.modifiers.log_lr(findings)  # onset and duration (modifiers.py)
        if timing is not None:
            scores = scores + timing
        if present_rows:
            scores = scores + self.tables.log_present[present_rows].sum(axis=0)
        if absent_rows:
            scores = scores + self.tables.log_absent[absent_rows].sum(axis=0)
        return scores

    def _softmax(self, scores: np.ndarray) -> np.ndarray:
        top = scores.max()
        if not np.isfinite(top):
            raise InvalidArgument("patient", "no condition in the knowledge base fits this patient")
        weights = np.exp((scores - top) / self.temperature)
        return weights / weights.sum()

    @staticmethod
    def _polarity(finding: Finding) -> bool | None:
        """True present now, False absent, None ignored (unknown, past or family findings)."""
        if finding.is_present_now:
            return True
        if finding.presence == Presence.ABSENT and finding.temporality == Temporality.CURRENT:
            return False
        return None

    def _row(self, code: str, position: int) -> int:
        index = self.tables.finding_index
        row = index.get(code)
        if row is None and code.startswith("ddxplus:") and VALUE_SEP in code:
            # A value the KB has no row for: its bare code ("some value given") stands in.
            row = index.get(code.split(VALUE_SEP, 1)[0])
        if row is None:
            raise InvalidArgument(f"findings[{position}].code", f"unknown finding code {code!r}")
        return row

    # -- explanation -------------------------------------------------------------------------------

    def _condition_score(self, c: int, probability: float, present_rows: list[int], absent_rows: list[int],
                         present: list[Finding], absent: list[Finding]) -> ConditionScore:
        condition = self.conditions[c]
        supporting: list[WeightedFinding] = []
        conflicting: list[WeightedFinding] = []
        for rows, findings, is_present in ((present_rows, present, True), (absent_rows, absent, False)):
            if not rows:
                continue
            ratios = self._likelihood_ratios(c, rows, is_present)
            for finding, ratio in zip(findings, ratios):
                log_ratio = float(np.log(ratio))
                weighted = WeightedFinding(
                    code=finding.code, name=self._name(finding), likelihood_ratio=round(float(ratio), 3),
                    present=is_present,
                )
                if is_present and log_ratio > LR_NEUTRAL_BAND:
                    supporting.append(weighted)
                elif log_ratio < -LR_NEUTRAL_BAND:
                    conflicting.append(weighted)
        supporting.sort(key=lambda w: -w.likelihood_ratio)
        conflicting.sort(key=lambda w: w.likelihood_ratio)
        return ConditionScore(
            id=condition.id, name=condition.name, icd10=condition.icd10, probability=probability,
            supporting=tuple(supporting[:MAX_EXPLAINED]), conflicting=tuple(conflicting[:MAX_EXPLAINED]),
            severity=condition.severity, must_not_miss=condition.must_not_miss,
        )

    def _likelihood_ratios(self, c: int, rows: list[int], is_present: bool) -> np.ndarray:
        t = self.tables
        p_c = t.p[rows, c]
        w_c = t.prior_weight[c]
        p_not_c = (t.background[rows] - w_c * p_c) / max(1.0 - w_c, 1e-12)
        p_not_c = np.clip(p_not_c, 1e-9, 1.0 - 1e-9)
        if is_present:
            return p_c / p_not_c
        return (1.0 - p_c) / (1.0 - p_not_c)

    def _name(self, finding: Finding) -> str:
        return self.kb.finding_name(finding.code) or finding.name or finding.code
