"""The interview: next questions by expected information gain over the current posterior."""

from __future__ import annotations

import numpy as np
import pytest

from condition_matcher.engine import ConditionMatcher
from condition_matcher.interview import expected_information_gain
from healthmesh.clinical import Finding, Patient, Presence, Sex
from healthmesh.errors import InvalidArgument


@pytest.fixture(scope="module")
def matcher(kb):
    return ConditionMatcher(kb)


def present(code: str) -> Finding:
    return Finding(code=code, name=code)


CHEST_PAIN = [present("symptom:chest-pain")]
MAN = Patient(age_years=58, sex=Sex.MALE)
# Findings that tell acute coronary syndrome, angina, reflux and pulmonary embolism apart.
SEPARATING = {"symptom:pain-radiating-to-arm-or-jaw", "symptom:shortness-of-breath", "symptom:sharp-chest-pain",
              "symptom:heartburn", "symptom:sweating", "symptom:cough", "symptom:hurts-to-breath",
              "symptom:burning-chest-pain", "symptom:chest-tightness", "symptom:leg-swelling",
              "symptom:palpitations", "symptom:regurgitation", "symptom:back-pain"}


def test_gain_is_one_bit_for_a_perfect_split_of_two_equal_conditions():
    q = np.array([0.5, 0.5])
    p = np.array([[0.999999, 0.000001], [0.3, 0.3]])
    gains = expected_information_gain(q, p, temperature=1.0)
    assert gains[0] == pytest.approx(1.0, abs=1e-3)
    assert gains[1] == pytest.approx(0.0, abs=1e-9)  # the same answer under every condition tells nothing


def test_gain_never_exceeds_the_current_entropy():
    rng = np.random.default_rng(0)
    q = rng.dirichlet(np.ones(30))
    p = rng.uniform(0.01, 0.99, size=(50, 30))
    entropy = -(q * np.log2(q)).sum()
    gains = expected_information_gain(q, p, temperature=1.0)
    assert (gains >= 0).all() and (gains <= entropy + 1e-9).all()


def test_chest_pain_asks_questions_that_separate_mi_angina_reflux_and_pe(matcher):
    questions = matcher.next_questions(MAN, CHEST_PAIN, limit=5)
    assert len(questions) == 5
    codes = {q.code for q in questions}
    assert len(codes & SEPARATING) >= 2, codes
    assert "symptom:chest-pain" not in codes and "symptom:pain" not in codes  # already answered
    gains = [q.expected_information_gain for q in questions]
    assert gains == sorted(gains, reverse=True) and gains[0] > 0.1
    assert all(q.question.endswith("?") for q in questions)


def test_answering_the_best_question_sharpens_the_differential(matcher):
    def entropy(findings):
        post = matcher.posterior(MAN, findings)
        post = post[post > 0]
        return float(-(post * np.log2(post)).sum())

    best = matcher.next_questions(MAN, CHEST_PAIN, limit=1)[0]
    prior_p = matcher.posterior(MAN, CHEST_PAIN)
    p_yes = float(matcher.tables.p[matcher.tables.finding_index[best.code]] @ prior_p)
    after = (p_yes * entropy(CHEST_PAIN + [present(best.code)])
             + (1 - p_yes) * entropy(CHEST_PAIN + [Finding(best.code, best.code, presence=Presence.ABSENT)]))
    assert after < entropy(CHEST_PAIN)


def test_answered_findings_are_not_asked_again_in_either_vocabulary(matcher):
    first = matcher.next_questions(MAN, CHEST_PAIN, limit=3)
    answered = CHEST_PAIN + [Finding(q.code, q.code, presence=Presence.ABSENT) for q in first]
    again = {q.code for q in matcher.next_questions(MAN, answered, limit=10)}
    assert not again & {q.code for q in first}
    ddxplus = [present("ddxplus:E_53"), present("ddxplus:E_91")]  # pain; fever
    codes = {q.code for q in matcher.next_questions(MAN, ddxplus, limit=10)}
    assert "symptom:fever" not in codes and "ddxplus:E_91" not in codes


def test_ddxplus_questions_only_for_callers_using_ddxplus_codes(matcher):
    assert all(q.code.startswith("symptom:") for q in matcher.next_questions(MAN, CHEST_PAIN, limit=10))
    mixed = matcher.next_questions(MAN, [present("ddxplus:E_53"), present("ddxplus:E_55_@_V_29")], limit=10)
    assert any(q.code.startswith("ddxplus:") for q in mixed)


def test_limit_is_checked(matcher):
    with pytest.raises(InvalidArgument):
        matcher.next_questions(MAN, CHEST_PAIN, limit=0)
    with pytest.raises(InvalidArgument):
        matcher.next_questions(MAN, CHEST_PAIN, limit=21)
