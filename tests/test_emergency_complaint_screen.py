"""The complaint screen: a logistic regression over the complaint's words that may raise urgency
to an emergency (emergency_detector/complaint_screen.py, train_screen.py)."""

from __future__ import annotations

import numpy as np
import pytest

from emergency_detector.complaint_screen import FEATURE_BITS, ComplaintScreen, load_screen, slot
from emergency_detector.train_screen import design_matrix, fit, load_cases, weighted_matrix
from emergency_detector.triage import RequestTriage
from healthmesh.clinical import Patient, Sex, Urgency, Vitals

ADULT = Patient(age_years=40, sex=Sex.FEMALE)


@pytest.fixture(scope="module")
def cases():
    return load_cases()


def test_the_screen_scores_as_the_trained_model_does(cases):
    train, held = cases[::2], cases[1::2][:60]
    screen, model, idf = fit(train)
    counts, _ = design_matrix(held)
    expected = model.predict_proba(weighted_matrix(counts, idf))[:, 1]
    got = [screen.probability(c.text, c.age_years, c.pregnant) for c in held]
    assert np.allclose(got, expected, atol=1e-9)


def test_saved_weights_score_as_before(cases, tmp_path):
    screen, _, _ = fit(cases[:200])
    screen.save(tmp_path, {"cases": 200})
    loaded = load_screen(tmp_path)
    assert loaded.trained_on == 200
    for c in cases[200:230]:
        assert loaded.probability(c.text, c.age_years) == pytest.approx(screen.probability(c.text, c.age_years), abs=1e-5)


def test_training_is_deterministic(cases):
    a, _, _ = fit(cases[:150])
    b, _, _ = fit(cases[:150])
    assert np.array_equal(a.weights, b.weights) and a.bias == b.bias


def test_missing_artifact_names_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_screen"):
        load_screen(tmp_path / "nowhere")


def _screen_for(word: str, weight: float) -> ComplaintScreen:
    """A screen that knows one word: P = sigmoid(weight * its tf-idf share - 2)."""
    idf = np.ones(1 << FEATURE_BITS)
    weights = np.zeros(1 << FEATURE_BITS)
    weights[slot(f"w:{word}")] = weight
    return ComplaintScreen(idf, weights, bias=-2.0, trained_on=1)


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


def test_the_built_screen_never_lowers_what_the_rules_say(kb, cases):
    with_screen = RequestTriage(kb)
    rules_only = RequestTriage(kb, with_screen=False)
    for c in cases[::5]:
        patient = Patient(age_years=c.age_years, pregnant=c.pregnant)
        screened = with_screen.assess_request(patient, Vitals(), text=c.text).level
        assert screened >= rules_only.assess_request(patient, Vitals(), text=c.text).level, c.id
