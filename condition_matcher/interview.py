"""The next questions to ask: findings whose answers most reduce the differential's uncertainty.

For a candidate finding f and the current (tempered) posterior q over conditions,

    P(yes)       = sum_c q_c P(f | c)                        the model's predicted answer
    q | yes      ∝ q_c P(f | c)^(1/T)                        what rank() would show after "yes"
    q | no       ∝ q_c (1 - P(f | c))^(1/T)                  ... and after "no"
    EIG(f)       = H(q) - [P(yes) H(q | yes) + P(no) H(q | no)]     in bits

T is the engine's softmax temperature, so the updates are exactly the posteriors the engine would
report. Only the conditions holding nearly all the posterior mass (SUPPORT_MASS, at most
MAX_SUPPORT) are scored: the rest cannot move the entropy measurably, and it keeps a call well
under a millisecond.

Candidates are the KB's symptom concepts, plus DDXPlus binary evidences when the caller already
speaks DDXPlus codes. A finding already answered is never asked again, nor one whose symptom
concept was answered in the other vocabulary, and two returned questions never ask about the same
concept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from healthmesh.clinical import Finding, Patient
from healthmesh.errors import InvalidArgument

if TYPE_CHECKING:  # engine imports this module
    from .engine import ConditionMatcher

SUPPORT_MASS = 0.9999
MAX_SUPPORT = 120
MAX_QUESTIONS = 20
MIN_GAIN_BITS = 1e-4  # below this a question tells nothing worth asking
SYMPTOM_PREFIX = "symptom:"
DDXPLUS_PREFIX = "ddxplus:"
GENERIC_PAIN = "pain"  # answered by any specific pain ("chest pain" means "in pain")
PAIN_WORDS = ("pain", "ache", "cramp", "sore")


@dataclass(frozen=True)
class Question:
    code: str  # "symptom:<id>" or "ddxplus:<code>"
    question: str
    expected_information_gain: float  # bits
    name: str = ""


@dataclass(frozen=True)
class _Candidates:
    codes: list[str]
    rows: np.ndarray  # rows of the likelihood tables
    concepts: list[frozenset[str]]  # symptom ids each candidate is about
    questions: list[str]
    names: list[str]
    is_ddxplus: np.ndarray  # bool


class Interviewer:
    """Built once per matcher; `next_questions` is then a few small matrix operations."""

    def __init__(self, matcher: ConditionMatcher):
        self.matcher = matcher
        self.candidates = self._candidates()

    def _candidates(self) -> _Candidates:
        kb, index = self.matcher.kb, self.matcher.tables.finding_index
        codes, rows, concepts, questions, names, ddx = [], [], [], [], [], []
        for symptom in sorted(kb.symptoms.values(), key=lambda s: s.id):
            if symptom.code not in index:
                continue
            codes.append(symptom.code)
            rows.append(index[symptom.code])
            concepts.append(frozenset({symptom.id}))
            questions.append(symptom.question or f"Do you have {_lower_first(symptom.name)}?")
            names.append(symptom.name)
            ddx.append(False)
        for evidence in sorted(kb.evidences.values(), key=lambda e: e.code):
            if evidence.kind != "binary" or evidence.code not in index:
                continue
            codes.append(evidence.code)
            rows.append(index[evidence.code])
            concepts.append(frozenset(evidence.symptom_ids) or frozenset({evidence.code}))
            questions.append(_evidence_question(evidence.name, evidence.antecedent))
            names.append(evidence.name)
            ddx.append(True)
        return _Candidates(codes, np.array(rows, dtype=int), concepts, questions, names, np.array(ddx, dtype=bool))

    def next_questions(self, patient: Patient, findings: Sequence[Finding], limit: int = 5) -> list[Question]:
        if not 0 < limit <= MAX_QUESTIONS:
            raise InvalidArgument("limit", f"must be between 1 and {MAX_QUESTIONS}")
        m = self.matcher
        scores = m.log_scores(patient, findings) / m.temperature
        posterior = np.exp(scores - scores.max())
        posterior /= posterior.sum()
        support = _support(posterior)
        q = posterior[support] / posterior[support].sum()

        cand = self.candidates
        asked_rows, asked_concepts = self._answered(findings)
        speaks_ddxplus = any(f.code.startswith(DDXPLUS_PREFIX) for f in findings)
        usable = np.array([
            (speaks_ddxplus or not is_ddx) and row not in asked_rows and not (concepts & asked_concepts)
            for row, concepts, is_ddx in zip(cand.rows, cand.concepts, cand.is_ddxplus)
        ], dtype=bool)
        if not usable.any():
            return []
        idx = np.flatnonzero(usable)
        gains = expected_information_gain(q, m.tables.p[np.ix_(cand.rows[idx], support)], m.temperature)

        out: list[Question] = []
        taken: set[str] = set()
        for j in np.argsort(-gains, kind="stable"):
            gain = float(gains[j])
            if gain < MIN_GAIN_BITS or len(out) >= limit:
                break
            i = int(idx[j])
            if cand.concepts[i] & taken:
                continue
            taken |= cand.concepts[i]
            out.append(Question(code=cand.codes[i], question=cand.questions[i],
                                expected_information_gain=round(gain, 4), name=cand.names[i]))
        return out

    def _answered(self, findings: Sequence[Finding]) -> tuple[set[int], set[str]]:
        """Rows and symptom concepts already answered, whatever the answer (or its tense)."""
        kb, index = self.matcher.kb, self.matcher.tables.finding_index
        rows: set[int] = set()
        concepts: set[str] = set()
        for finding in findings:
            code = finding.code
            if code in index:
                rows.add(index[code])
            if code.startswith(SYMPTOM_PREFIX):
                concepts.add(code[len(SYMPTOM_PREFIX):])
            else:
                evidence = kb.evidences.get(code)
                if evidence is not None:
                    concepts.update(evidence.symptom_ids)
        if any(f.is_present_now and any(w in c for w in PAIN_WORDS) for f in findings for c in [f.code]):
            concepts.add(GENERIC_PAIN)
        return rows, concepts


def expected_information_gain(q: np.ndarray, p: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """EIG in bits of each row of p (findings x conditions, P(f | c)) under the posterior q."""
    log_q = np.log(np.clip(q, 1e-300, None))
    h_now = _entropy_bits(q[None, :])[0]
    p_yes = p @ q
    after = []
    for likelihood in (p, 1.0 - p):
        log_w = log_q[None, :] + np.log(np.clip(likelihood, 1e-300, None)) / temperature
        log_w -= log_w.max(axis=1, keepdims=True)
        w = np.exp(log_w)
        after.append(_entropy_bits(w / w.sum(axis=1, keepdims=True)))
    expected = p_yes * after[0] + (1.0 - p_yes) * after[1]
    return np.maximum(h_now - expected, 0.0)


def _entropy_bits(dist: np.ndarray) -> np.ndarray:
    safe = np.where(dist > 0, dist, 1.0)
    return -(dist * np.log2(safe)).sum(axis=1)


def _support(posterior: np.ndarray) -> np.ndarray:
    order = np.argsort(-posterior, kind="stable")
    cumulative = np.cumsum(posterior[order])
    k = int(np.searchsorted(cumulative, SUPPORT_MASS)) + 1
    return order[: max(2, min(k, MAX_SUPPORT))]


def _evidence_question(name: str, antecedent: bool) -> str:
    if antecedent:
        return f"Does this apply to you: {_lower_first(name)}?"
    return f"Do you have {_lower_first(name)}?"


def _lower_first(name: str) -> str:
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name
