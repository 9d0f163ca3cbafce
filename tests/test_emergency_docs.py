"""docs/triage.md is generated from rules.yaml and must not drift from it."""

from __future__ import annotations

from pathlib import Path

import yaml

from emergency_detector.rules import RULES_PATH, load_rules
from emergency_detector.rules_doc import render

DOC = Path(__file__).resolve().parent.parent / "docs" / "triage.md"


def test_triage_doc_is_generated_from_the_rules():
    expected = render(yaml.safe_load(RULES_PATH.read_text()))
    assert DOC.read_text() == expected, "run: python -m emergency_detector.rules_doc > docs/triage.md"


def test_triage_doc_lists_every_rule_and_source():
    text = DOC.read_text()
    rules = load_rules()
    for token in rules.red_flags:
        assert f"`{token}`" in text, token
    for combo in rules.combinations:
        assert f"| {combo.id} |" in text, combo.id
    for key, source in rules.sources.items():
        assert f"`{key}`" in text and source["cite"] in text, key
    for level, action in rules.actions.items():
        assert f"`URGENCY_{level.name}`" in text and action in text
