"""The classifier with its embedding fallback (as served): one encoder batch per request, broad
words refined by the words around them, context still applied to what the encoder reads."""

from __future__ import annotations

import pytest

from healthmesh.clinical import Presence
from knowledge.kb import load_kb
from symptom_classifier.embedding import EmbeddingCache, EmbeddingMatcher, load_or_build_index
from symptom_classifier.encoder import load_manifest
from symptom_classifier.engine import SymptomClassifier


class CountingEncoder:
    def __init__(self, encode):
        self._encode = encode
        self.batches: list[list[str]] = []

    def __call__(self, phrases: list[str]):
        self.batches.append(list(phrases))
        return self._encode(phrases)


@pytest.fixture(scope="module")
def parts():
    kb = load_kb()
    manifest = load_manifest()
    encoder = manifest.encoder("int8")
    index = load_or_build_index(kb, manifest, encoder.encode)
    return kb, manifest, index, encoder


@pytest.fixture()
def setup(parts):
    kb, manifest, index, encoder = parts
    counting = CountingEncoder(encoder.encode)
    matcher = EmbeddingMatcher(index, counting, EmbeddingCache(manifest.version))
    return SymptomClassifier(kb, fallback=matcher), counting


def _by_id(result):
    return {f.code.removeprefix("symptom:"): f for f in result.findings}


def test_one_encoder_batch_per_request_across_sentences(setup):
    classifier, counting = setup
    text = "my noggin is throbbing. I feel shattered and worn. no fever. my wee looks like cola!"
    result = classifier.classify(text)
    assert len(counting.batches) == 1
    assert len(counting.batches[0]) >= 2  # runs of several sentences in the one batch
    assert _by_id(result)["fever"].presence == Presence.ABSENT
    classifier.classify(text)
    assert len(counting.batches) == 1  # the same runs again: from the cache


def test_nothing_to_embed_means_no_encoder_call(setup):
    classifier, counting = setup
    classifier.classify("crushing chest pain for an hour, sweating, no fever")
    assert counting.batches == []


@pytest.mark.parametrize("text, cid", [
    ("pain in the middle of my chest", "chest-pain"),
    ("ache in my groin", "groin-pain"),
    ("my face has puffed up", "facial-swelling"),
])
def test_broad_words_are_refined_by_their_run(setup, text, cid):
    classifier, _ = setup
    found = _by_id(classifier.classify(text))
    assert cid in found and "pain" not in found and "swelling" not in found


def test_context_applies_to_what_the_encoder_read(setup):
    classifier, _ = setup
    found = _by_id(classifier.classify("no spinning feeling in my head, but I feel shattered"))
    assert found["fatigue"].presence == Presence.PRESENT
    assert all(f.presence == Presence.ABSENT for cid, f in found.items() if cid != "fatigue")


def test_junk_is_reported_not_forced_onto_a_concept(setup):
    classifier, _ = setup
    result = classifier.classify("fever and the quick brown fox jumps")
    assert set(_by_id(result)) == {"fever"}
    assert result.unrecognised == ["the quick brown fox jumps"] or "quick brown fox jumps" in result.unrecognised[0]


def test_whole_run_meaning_beats_a_partial_lexical_match(setup):
    classifier, counting = setup
    result = classifier.classify("streaks of blood in what I cough up")
    found = _by_id(result)
    assert "hemoptysis" in found and "cough" not in found
    assert len(counting.batches) <= 1  # the contest shares the request's one encoder batch


def test_whole_run_never_spans_a_conjunction(setup):
    classifier, _ = setup
    found = _by_id(classifier.classify("my head is throbbing and I feel shattered"))
    assert "fatigue" in found and "headache" in found


@pytest.mark.parametrize("text, concept", [
    ("I'm unable to wee", "retention-of-urine"),  # "unable to" is part of the meaning
    ("I just can't seem to get my breath back", "shortness-of-breath"),  # "can't" is not a negation here
    ("pain at the bottom of my back", "low-back-pain"),  # the broad word joins the site words
])
def test_words_beside_a_run_join_it_when_they_carry_its_meaning(setup, text, concept):
    classifier, _ = setup
    found = _by_id(classifier.classify(text))
    assert concept in found and found[concept].presence == Presence.PRESENT


def test_a_negation_beside_a_run_still_negates_it(setup):
    classifier, _ = setup
    found = _by_id(classifier.classify("runny poo since yesterday, no blood, drinking and playing"))
    assert not any(f.presence == Presence.PRESENT and "bleeding" in cid for cid, f in found.items())
    found = _by_id(classifier.classify("not drunk now, no thoughts of harming myself"))
    assert found["suicidal-thoughts"].presence == Presence.ABSENT


def test_a_function_said_to_be_fine_is_negated_but_a_fine_rash_is_a_rash(setup):
    classifier, _ = setup
    found = _by_id(classifier.classify("he is playing as normal and breathing fine"))
    assert all(f.presence != Presence.PRESENT for f in found.values())
    found = _by_id(classifier.classify("fever and a fine red rash on his chest"))
    assert found["skin-rash"].presence == Presence.PRESENT and found["fever"].presence == Presence.PRESENT
