"""The classifier's patterns run only on sentences that hold one of the strings a match must start
with (matcher.leading_literals). The prefilter must never change what is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from symptom_classifier.matcher import PATTERNS, PatternMatcher, leading_literals, required_literals
from symptom_classifier.text import tokenize

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"


@pytest.mark.parametrize("pattern,expected", [
    (r"\bcough(?:ed|ing)?\s+up\b", {"cough"}),
    (r"(?<!not )\beating\s+and\s+drinking\b", {"eating"}),
    (r"\b(?:every|each|any)\s+bump\b", {"every", "each", "any"}),
    (r"\b(?:(?:yellow|green)\s+)?crust", {"yellow", "green", "crust"}),
    (r"\b\d+\s+days\b", None),        # a digit: no literal to look for
    (r"\b(?:a|the)\s+needle\b", None),  # a single letter filters nothing
    (r"(?:x)?", None),                 # may match nothing
])
def test_leading_literals(pattern, expected):
    found = leading_literals(pattern)
    assert (found if found is None else set(found)) == expected


@pytest.mark.parametrize("pattern,expected", [
    (r"\b(?:the\s+|my\s+)?baby\s+kicks\b", {"kicks"}),            # the longest required word
    (r"\b(?:a|the)\s+(?:needle|jab)\b", {"needle", "jab"}),         # past a single letter
    (r"\bcough(?:ed|ing)?\s+up\b", {"cough"}),                      # "up" is shorter
    (r"\b\d+\s+days\b", {"days"}),                                   # past a digit
    (r"(?:x)?", None),
])
def test_required_literals(pattern, expected):
    found = required_literals(pattern)
    assert (found if found is None else set(found)) == expected


def test_most_patterns_are_prefiltered():
    filtered = sum(leading_literals(p) is not None for p, _ in PATTERNS)
    assert filtered >= 0.8 * len(PATTERNS)


def test_the_prefilter_reads_every_eval_text_the_same():
    known = {cid for _, cid in PATTERNS}
    with_filter, without = PatternMatcher(known), PatternMatcher(known, prefilter=False)
    texts = [json.loads(line)["text"] for path in sorted(EVAL_DIR.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(texts) > 2000
    for text in texts:
        _, tokens = tokenize(text)
        usable = [True] * len(tokens)
        assert with_filter.match(tokens, usable) == without.match(tokens, usable), text


def test_no_pattern_spells_a_hyphen_the_token_text_never_holds():
    """Tokenising splits a hyphen off its words ("co-codamol" is the text "co - codamol"), so a
    pattern that writes a word's hyphen literally ("co-codamol") can never match; it must allow
    the spaces ("co\\s*-\\s*codamol"). Character classes ("[a-z'-]") are not words."""
    import re

    from symptom_classifier.matcher import PATTERNS

    hyphenated = re.compile(r"(?<![\\\[])(?<=[a-z])-(?=[a-z])")
    bad = []
    for pattern, cid in PATTERNS:
        outside_classes = re.sub(r"\[[^\]]*\]", "[]", pattern)
        bad += [(cid, outside_classes[max(0, m.start() - 10):m.end() + 10])
                for m in hyphenated.finditer(outside_classes)]
    assert not bad, bad


def test_co_codamol_is_read_where_written_with_its_hyphen(served_classifier):
    """The opioid said in the text (NHS morphine: drowsy with slow breathing on an opioid: 999)."""
    found = {f.code for f in served_classifier.classify("she takes co-codamol for her back").findings}
    assert "symptom:taking-opioid" in found


def test_few_patterns_run_on_every_sentence():
    """A pattern the prefilter finds no literal for runs on every sentence of every complaint. Four
    do (two for a potassium result written "k 6.8", a number and "fit", a blood test); an alternation whose
    branch starts with an optional word or a digit joins them unnoticed, so split it into one
    pattern per branch instead."""
    from symptom_classifier.matcher import PATTERNS, required_literals

    always = [(cid, pattern[:60]) for pattern, cid in PATTERNS if required_literals(pattern) is None]
    assert len(always) <= 4, always
