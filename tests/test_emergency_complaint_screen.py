"""The complaint screen: a logistic regression over the complaint's words that may raise urgency
to an emergency (emergency_detector/complaint_screen.py, train_screen.py)."""

from __future__ import annotations

import numpy as np
import pytest

from emergency_detector.complaint_screen import FEATURE_BITS, ComplaintScreen, Head, load_screen, slot
from emergency_detector.train_screen import design_matrix, fit, load_cases, weighted_matrix
from emergency_detector.triage import RequestTriage
from healthmesh.clinical import Patient, Sex, Urgency, Vitals

ADULT = Patient(age_years=40, sex=Sex.FEMALE)


@pytest.fixture(scope="module")
def cases():
    return load_cases()


def test_the_screen_scores_as_the_trained_models_do(cases):
    train, held = cases[::2], cases[1::2][:60]
    screen, emergent, self_care, idf = fit(train)
    counts, _ = design_matrix(held)
    x = weighted_matrix(counts, idf)
    got = [screen.probability(c.text, c.age_years, c.pregnant) for c in held]
    assert np.allclose(got, emergent.predict_proba(x)[:, 1], atol=1e-9)
    got = [screen.self_care_probability(c.text, c.age_years, c.pregnant) for c in held]
    assert np.allclose(got, self_care.predict_proba(x)[:, 1], atol=1e-9)


def test_saved_weights_score_as_before(cases, tmp_path):
    screen = fit(cases[:200])[0]
    screen.save(tmp_path, {"cases": 200})
    loaded = load_screen(tmp_path)
    assert loaded.trained_on == 200
    for c in cases[200:230]:
        assert loaded.probability(c.text, c.age_years) == pytest.approx(screen.probability(c.text, c.age_years), abs=1e-5)
        assert loaded.self_care_probability(c.text) == pytest.approx(screen.self_care_probability(c.text), abs=1e-5)


def test_training_is_deterministic(cases):
    a, b = fit(cases[:150])[0], fit(cases[:150])[0]
    assert np.array_equal(a.emergent.weights, b.emergent.weights) and a.emergent.bias == b.emergent.bias
    assert np.array_equal(a.self_care.weights, b.self_care.weights)


def test_missing_artifact_names_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_screen"):
        load_screen(tmp_path / "nowhere")


def _one_word(word: str, weight: float) -> np.ndarray:
    weights = np.zeros(1 << FEATURE_BITS)
    weights[slot(f"w:{word}")] = weight
    return weights


def _screen_for(word: str, weight: float, calm_word: str = "") -> ComplaintScreen:
    """A screen that knows one word per head: P = sigmoid(weight * its tf-idf share - 2)."""
    idf = np.ones(1 << FEATURE_BITS)
    self_care = Head(_one_word(calm_word, weight), -2.0, 0.95) if calm_word else None
    return ComplaintScreen(idf, _one_word(word, weight), bias=-2.0, trained_on=1, self_care=self_care)


def test_a_flagged_complaint_becomes_an_emergency_naming_the_screen_and_its_words(kb):
    triage = RequestTriage(kb, _screen_for("zorblax", 400.0))
    urgency = triage.assess_request(ADULT, Vitals(), text="mild zorblax since tuesday")
    assert urgency.level == Urgency.EMERGENCY
    assert any("complaint screen" in r and "'zorblax'" in r for r in urgency.reasons)


def test_an_unflagged_complaint_is_left_to_the_rules(kb):
    rules_only = RequestTriage(kb, with_screen=False)
    quiet = RequestTriage(kb, _screen_for("zorblax", 400.0))
    text = "a runny nose and a bit of a sore throat for two days"
    assert quiet.assess_request(ADULT, Vitals(), text=text) == rules_only.assess_request(ADULT, Vitals(), text=text)


def test_the_built_screen_lowers_only_a_routine_check_no_rule_asked_for(kb, cases):
    with_screen = RequestTriage(kb)
    rules_only = RequestTriage(kb, with_screen=False)
    for c in cases[::5]:
        patient = Patient(age_years=c.age_years, pregnant=c.pregnant)
        screened = with_screen.assess_request(patient, Vitals(), text=c.text)
        rules = rules_only.assess_request(patient, Vitals(), text=c.text)
        if screened.level < rules.level:
            assert rules.level == Urgency.CONSULTATION and screened.level == Urgency.SELF_CARE, c.id
            assert all(r.startswith("Symptoms worth a routine check") for r in rules.reasons), c.id


def test_a_complaint_read_as_self_care_stays_self_care_only_when_no_rule_fired(kb):
    rules_only = RequestTriage(kb, with_screen=False)
    calm = RequestTriage(kb, _screen_for("zorblax", 400.0, calm_word="mildly"))
    quiet = "I have been mildly pale for a week"
    assert rules_only.assess_request(ADULT, Vitals(), text=quiet).level == Urgency.CONSULTATION
    urgency = calm.assess_request(ADULT, Vitals(), text=quiet)
    assert urgency.level == Urgency.SELF_CARE
    assert any("complaint screen" in r for r in urgency.reasons)
    # a rule that fires (here a red flag) is never undone by the self-care reading
    loud = "I have been mildly pale for a week and now I coughed up blood"
    assert calm.assess_request(ADULT, Vitals(), text=loud) == rules_only.assess_request(ADULT, Vitals(), text=loud)


def test_term_counts_hash_exactly_the_listed_terms(cases):
    from collections import Counter

    from emergency_detector.complaint_screen import term_counts, terms

    for c in cases[:40]:
        expected = Counter(slot(t) for t in terms(c.text, c.age_years, c.pregnant))
        assert term_counts(c.text, c.age_years, c.pregnant) == dict(expected), c.id


def test_slot_counts_are_term_counts_as_arrays(cases):
    from emergency_detector.complaint_screen import slot_counts, term_counts

    for c in cases[:80]:
        slots, counts = slot_counts(c.text, c.age_years, c.pregnant)
        assert list(slots) == sorted(slots)
        assert dict(zip(slots.tolist(), counts.tolist())) == term_counts(c.text, c.age_years, c.pregnant), c.id


def test_a_raised_self_care_answer_keeps_no_self_care_reason(kb):
    triage = RequestTriage(kb, _screen_for("zorblax", 400.0))
    rules_only = RequestTriage(kb, with_screen=False)
    text = "a runny nose and zorblax"
    assert rules_only.assess_request(ADULT, Vitals(), text=text).level == Urgency.SELF_CARE
    urgency = triage.assess_request(ADULT, Vitals(), text=text)
    assert urgency.level == Urgency.EMERGENCY
    assert len(urgency.reasons) == 1 and "complaint screen" in urgency.reasons[0]


def test_a_self_care_answer_needs_a_more_confident_screen_than_a_routine_one(kb):
    from emergency_detector.complaint_screen import RAISE_SELF_CARE_THRESHOLD, THRESHOLD

    rules_only = RequestTriage(kb, with_screen=False)
    minor, routine = "a runny nose and zorblax", "a lump on my arm and zorblax"
    assert rules_only.assess_request(ADULT, Vitals(), text=minor).level == Urgency.SELF_CARE
    assert rules_only.assess_request(ADULT, Vitals(), text=routine).level == Urgency.CONSULTATION
    # a weight that flags both, the minor complaint below the self-care bar
    weight = next(w for w in np.arange(1.0, 400.0, 0.5)
                  if _screen_for("zorblax", w).screen(routine).flagged
                  and THRESHOLD < _screen_for("zorblax", w).screen(minor).probability < RAISE_SELF_CARE_THRESHOLD)
    screen = _screen_for("zorblax", weight)
    triage = RequestTriage(kb, screen)
    assert triage.assess_request(ADULT, Vitals(), text=minor).level == Urgency.SELF_CARE
    assert triage.assess_request(ADULT, Vitals(), text=routine).level == Urgency.EMERGENCY
