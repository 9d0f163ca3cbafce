"""healthmesh/jsontext.py: compact JSON for answers and session events."""

from __future__ import annotations

import json

from healthmesh import jsontext


def test_compact_utf8_and_the_same_value_back():
    value = {"b": "é ✓", "a": [1, 2.5, 1e-07, True, None], "nested": {"x": "line\nbreak"}}
    text = jsontext.dumps(value)
    assert json.loads(text) == value
    assert " " not in text.replace("é ✓", "")  # compact
    assert "é ✓" in text and "\n" not in text  # UTF-8 as it is; a newline escaped (outbox lines)
    assert list(json.loads(text)) == ["b", "a", "nested"]  # the dict's order


def test_nul_is_escaped_so_the_session_store_can_scrub_it():
    assert "\\u0000" in jsontext.dumps({"text": "a\x00b"})


def test_what_orjson_refuses_still_encodes():
    for value in ({"big": 2**70}, {"lone": "\ud800"}):
        assert json.loads(jsontext.dumps(value)) == value
