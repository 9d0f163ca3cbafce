"""The cached concept index is keyed by the phrases it holds, not only the knowledge base's version:
the classifier's own word lists (symptom_classifier/lexicon.py) add phrases too."""

from __future__ import annotations

from symptom_classifier import lexicon
from symptom_classifier.embedding import indexed_phrases, phrases_digest


def test_a_phrase_added_by_the_word_lists_changes_the_index_key(kb, monkeypatch):
    before = phrases_digest(kb)
    concept = next(iter(kb.symptoms))
    extra = {**lexicon.GENERATED_LAY_TERMS, concept: [*lexicon.GENERATED_LAY_TERMS.get(concept, []), "zorblax twinge"]}
    monkeypatch.setattr(lexicon, "GENERATED_LAY_TERMS", extra)
    assert indexed_phrases(kb)["zorblax twinge"] == concept
    assert phrases_digest(kb) != before


def test_the_key_is_stable_for_the_same_phrases(kb):
    assert phrases_digest(kb) == phrases_digest(kb)
