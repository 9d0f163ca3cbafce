"""How the served encoder and concept index are set up: thread counts and the index kind."""

from __future__ import annotations

import pytest

from knowledge.kb import load_kb
from symptom_classifier.embedding import HNSW_EF_SEARCH, load_or_build_index
from symptom_classifier.encoder import default_threads, load_manifest


def test_encoder_threads_default_to_one_and_follow_the_environment(monkeypatch):
    monkeypatch.delenv("HEALTHMESH_ENCODER_THREADS", raising=False)
    assert default_threads() == 1
    monkeypatch.setenv("HEALTHMESH_ENCODER_THREADS", "3")
    assert default_threads() == 3
    monkeypatch.setenv("HEALTHMESH_ENCODER_THREADS", "many")
    with pytest.raises(ValueError, match="HEALTHMESH_ENCODER_THREADS"):
        default_threads()


def test_the_concept_index_is_a_graph_that_finds_a_phrase_itself():
    kb = load_kb()
    manifest = load_manifest()
    encoder = manifest.encoder("int8", threads=1)
    index = load_or_build_index(kb, manifest, encoder.encode)
    assert index.index.hnsw.efSearch == HNSW_EF_SEARCH
    phrases = ["pins and needles", "the runs", "can't catch my breath"]
    sims, ids = index.search(encoder.encode(phrases), 1, phrases)
    assert [index.phrases[i[0]] for i in ids] == phrases
    assert all(s[0] > 0.99 for s in sims)
