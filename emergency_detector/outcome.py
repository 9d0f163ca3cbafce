"""What a rule returns when it fires: the level it asks for and the reason it gives."""

from __future__ import annotations

from typing import NamedTuple

from healthmesh.clinical import Urgency


class Hit(NamedTuple):
    level: Urgency
    reason: str  # "<what fired> [<source>]"
