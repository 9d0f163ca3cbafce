"""What the classifier as served reads from a text, for vocabulary tests."""

from __future__ import annotations

from healthmesh.clinical import Presence


def present(classifier, text: str) -> set[str]:
    """Concept ids read as present or suspected."""
    return {f.code.removeprefix("symptom:") for f in classifier.classify(text).findings
            if f.presence in (Presence.PRESENT, Presence.UNKNOWN)}
