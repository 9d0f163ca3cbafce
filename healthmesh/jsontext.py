"""Compact JSON text for answers and session events, the gateway's hottest encoding.

orjson writes a diagnosis answer (about 10 kB) in a tenth of the standard library's time
(bench/README.md, session 19). It writes UTF-8 rather than \\u escapes, as the transcoder does.
What it refuses (integers beyond 64 bits, strings with lone surrogates) goes to the standard
library with ASCII escapes, so every value `json.dumps` could encode is still encoded.
"""

from __future__ import annotations

import json

import orjson


def dumps(value) -> str:
    """`value` as compact JSON text (no spaces), keys in the dict's order."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value, separators=(",", ":"))
