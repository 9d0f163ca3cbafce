"""compile_word_regex moves a leading \\b behind the pattern's first character so the regex engine
can skip ahead; every pattern must match exactly what re.compile's does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from symptom_classifier import engine, facts, lexicon, matcher, modifiers
from symptom_classifier.text import tokenize
from symptom_classifier.word_regex import compile_word_regex

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"


def _matches(regex: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups(), m.groupdict()) for m in regex.finditer(text)]


@pytest.mark.parametrize("pattern,text", [
    (r"\bmy\s+back", "my back, tummy back, xmy back, (my back, _my back, émy back, 9my back"),
    (r"\b(?:my|his|her)\s+back\b", "her back; other back; his backs; this back; my back"),
    (r"\b(?:can|could)\b", "scan could can't, arcane can"),
    (r"\bcough\w*|\bchesty\b|\bphlegm\b", "coughing, hiccough, chesty, unchesty, phlegmy phlegm"),
    (r"\b(?P<n>\d+)\s+days", "3 days, x3 days, 10 days"),  # a digit: compiled as written
    (r"\bit", "it, bit, it's, 'it, -it"),
])
def test_same_matches_as_re_compile(pattern, text):
    assert _matches(compile_word_regex(pattern), text) == _matches(re.compile(pattern), text)


def test_reshaped_patterns_keep_their_text_flags_and_groups():
    pattern = r"\b(?:left|right)\s+(?P<site>arm|leg)\b"
    reshaped, plain = compile_word_regex(pattern), re.compile(pattern)
    assert reshaped.pattern == pattern
    assert (reshaped.flags, reshaped.groups, reshaped.groupindex) == (plain.flags, plain.groups, plain.groupindex)


def test_a_case_insensitive_pattern_is_compiled_as_written():
    assert compile_word_regex(r"\bmy back", re.IGNORECASE).search("MY BACK")


def _module_regexes() -> list[re.Pattern[str]]:
    """Every regular expression the classifier's text readers compile at import."""
    found: list[re.Pattern[str]] = []

    def collect(value, depth=0):
        if isinstance(value, re.Pattern):
            found.append(value)
        elif isinstance(value, (tuple, list)) and depth < 2:
            for item in value:
                collect(item, depth + 1)

    for module in (engine, facts, lexicon, modifiers):
        for value in vars(module).values():
            collect(value)
    return found


def test_every_reshaped_classifier_regex_reads_eval_texts_the_same():
    texts = [tokenize(json.loads(line)["text"])[0] for path in sorted(EVAL_DIR.glob("*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    # every third complaint, one per line of one text, keeps this to one scan of ~300 kB per pattern
    corpus = "\n".join(texts[::3])
    assert len(texts) > 2000
    regexes = [compile_word_regex(p) for p, _ in matcher.PATTERNS] + _module_regexes()
    pairs = [(regex, re.compile(regex.pattern, regex.flags)) for regex in regexes]
    reshaped = [(regex, plain) for regex, plain in pairs if regex != plain]  # same code: nothing to check
    assert len(reshaped) > 300
    for regex, plain in reshaped:
        assert _matches(regex, corpus) == _matches(plain, corpus), regex.pattern


def test_most_classifier_patterns_are_reshaped():
    """Guards the speed-up itself: a Python whose regex internals differ compiles them as written."""
    reshaped = sum(compile_word_regex(p) != re.compile(p) for p, _ in matcher.PATTERNS)
    assert reshaped >= 0.6 * len(matcher.PATTERNS)
