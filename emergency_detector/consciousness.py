"""ACVPU level of consciousness, at any age: anything but alert is an emergency on its own."""

from __future__ import annotations

from typing import Mapping

from healthmesh.clinical import Consciousness, Urgency

from .outcome import Hit


def consciousness_hits(rules: Mapping[Consciousness, tuple[Urgency, str]],
                       state: Consciousness) -> list[Hit]:
    rule = rules.get(state)
    return [Hit(*rule)] if rule else []
