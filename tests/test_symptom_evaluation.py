"""Measured understanding: the held-apart lay-phrase and negation sets (symptom_classifier.evaluate).

Floors sit a little under the figures measured when the threshold and vocabulary were last tuned
(on dev only), so a regression fails here; `python -m symptom_classifier.evaluate` prints the table.
"""

from __future__ import annotations

import json

import pytest

from healthmesh.clinical import Presence
from symptom_classifier.evaluate import LAY_PHRASES, NEGATION, evaluate, load_readers, load_rows
from symptom_classifier.lexicon import concept_phrases


@pytest.fixture(scope="module")
def readers():
    return load_readers()


@pytest.fixture(scope="module")
def report(readers):
    r = evaluate(readers)
    print("\n" + json.dumps({k: v for k, v in r.items() if k != "misses"}, indent=1))
    return r


def test_the_sets_are_big_enough_and_new(readers):
    lay = load_rows(LAY_PHRASES)
    neg = load_rows(NEGATION)
    assert len(lay) >= 300 and len(neg) >= 100
    assert sum(r["expected"] is None for r in lay) >= 30
    assert {r["split"] for r in lay} == {r["split"] for r in neg} == {"dev", "test"}
    assert min(sum(r["split"] == s for r in lay) for s in ("dev", "test")) >= 150
    ids = set(readers.kb.symptoms)
    for r in lay:
        assert r["expected"] is None or r["expected"] in ids, r
        assert set(r.get("accept", ())) <= ids, r
    for r in neg:
        assert set(r["expected"]) <= ids, r
        assert all(v.partition("@")[0] in Presence.__members__ for v in r["expected"].values()), r
    vocabulary = {p.text for p in concept_phrases(readers.kb)}
    copied = [r["text"] for r in lay if r["text"].lower() in vocabulary]
    assert copied == []  # phrases are written anew, not lifted from the vocabulary


def test_concept_accuracy_floors(report):
    c = report["concepts"]
    # floors for the served threshold (0.65, see symptom_classifier/embedding.py): it trades some
    # accuracy on isolated lay phrases for far fewer false findings in whole complaints
    assert c["combined"]["test"]["accuracy"] >= 0.75
    assert c["combined"]["dev"]["accuracy"] >= 0.82
    assert c["embedding"]["test"]["accuracy"] >= 0.78
    assert c["lexical"]["test"]["accuracy"] >= 0.45
    # the fallback must add to what the vocabulary reads, never take away (no fixed margin: the
    # broader lay vocabulary now reads most phrases itself, so the gap shrinks as it should)
    for split in ("dev", "test"):
        assert c["combined"][split]["accuracy"] > c["lexical"][split]["accuracy"]


def test_negation_and_hedging_floors(report):
    for reader in ("lexical", "combined"):
        for split in ("dev", "test"):
            s = report["presence"][reader][split]
            assert s["negation"]["f1"] >= 0.95, (reader, split, s)
            assert s["negation"]["precision"] >= 0.95 and s["negation"]["recall"] >= 0.95
            assert s["hedging"]["recall"] >= 0.9, (reader, split, s)
            assert s["presence_accuracy"] >= 0.95, (reader, split, s)


def test_junk_stays_unrecognised(readers):
    junk = [r["text"] for r in load_rows(LAY_PHRASES) if r["expected"] is None]
    with_findings = [t for t in junk if readers.combined.classify(t).findings]
    print(f"\n{len(with_findings)} of {len(junk)} junk phrases gave a finding: {with_findings}")
    assert len(with_findings) <= 0.3 * len(junk), with_findings
