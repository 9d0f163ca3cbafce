"""What the classifier as served reads from a text, for vocabulary tests."""

from __future__ import annotations

from healthmesh.clinical import Presence


def present(classifier, text: str) -> set[str]:
    """Concept ids read as present or suspected."""
    return {f.code.removeprefix("symptom:") for f in classifier.classify(text).findings
            if f.presence in (Presence.PRESENT, Presence.UNKNOWN)}


def assert_reads(classifier, text: str, expected: str | None, not_expected: set[str]) -> None:
    """`text` is read as `expected` (None: nothing required) and as none of `not_expected`."""
    found = present(classifier, text)
    assert expected is None or expected in found, (text, found)
    assert not (found & not_expected), (text, found)
