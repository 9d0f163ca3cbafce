"""A small in-process LRU in front of the Redis answer cache (gateway/cache.py).

A repeated request is then answered without a Redis round trip, without parsing the cached
answer and without turning it into a session event again: the answer's dict (what the session
stores) and that dict's JSON without the per-request ids (`answer_json` adds this request's) are
kept beside it. The dict is the answer as REST prints it (every field without presence printed),
so the same JSON is the session's event and, with `rest_answer_json`, POST /v1/diagnose's body.
Keys are the Redis cache's keys, so they carry the knowledge-base and model versions; entries
expire after `ttl_seconds`, and Redis stays the cache that replicas share.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict

from prometheus_client import Counter

from healthmesh import jsontext
from healthmesh.convert import message_dict_printed
from healthmesh.v1 import diagnosis_pb2

MEMO_LOOKUPS = Counter("healthmesh_answer_memo_lookups_total", "In-process answer memo lookups by result",
                       ["result"])


class MemoEntry:
    """One remembered answer. `as_dict`: message_dict_printed of the response (the JSON REST
    prints); `body_json`: answer_body_json(as_dict)."""

    __slots__ = ("expires", "response", "as_dict", "body_json")

    def __init__(self, expires: float, response: diagnosis_pb2.DiagnoseResponse, as_dict: dict, body_json: str):
        self.expires = expires
        self.response = response
        self.as_dict = as_dict
        self.body_json = body_json


class AnswerMemo:
    def __init__(self, size: int = 512, ttl_seconds: float = 30.0):
        self.size = size
        self.ttl_seconds = ttl_seconds
        self._items: OrderedDict[str, MemoEntry] = OrderedDict()

    def get(self, key: str) -> MemoEntry | None:
        item = self._items.get(key)
        if item is None or item.expires < time.monotonic():
            if item is not None:
                del self._items[key]
            MEMO_LOOKUPS.labels("miss").inc()
            return None
        self._items.move_to_end(key)
        MEMO_LOOKUPS.labels("hit").inc()
        return item

    def put(self, key: str, response: diagnosis_pb2.DiagnoseResponse, as_dict: dict, body_json: str) -> None:
        """`body_json`: answer_body_json(as_dict)."""
        if self.size <= 0:
            return
        self._items[key] = MemoEntry(time.monotonic() + self.ttl_seconds, response, as_dict, body_json)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)


def answer_dict(cached: dict, session_id: str, request_id: str) -> dict:
    """A cached answer's dict with this request's session and idempotency key (shallow copy:
    the nested parts are shared, read-only, between the sessions that served the same answer)."""
    out = dict(cached)
    out["session_id"] = session_id
    if request_id:
        out["request_id"] = request_id
    else:
        out.pop("request_id", None)
    return out


def answer_body_json(as_dict: dict) -> str:
    """An answer's dict as JSON without its per-request ids, to be completed by `answer_json`."""
    return jsontext.dumps({k: v for k, v in as_dict.items() if k not in ("session_id", "request_id")})


def answer_json(body: str, session_id: str, request_id: str) -> str:
    """`answer_dict`'s JSON from the memo's JSON of the answer without its ids (no re-encoding)."""
    ids = f'"session_id":{json.dumps(session_id)}'
    if request_id:
        ids += f',"request_id":{json.dumps(request_id)}'
    return "{" + ids + ("," + body[1:] if body != "{}" else "}")


def rest_body_json(response: diagnosis_pb2.DiagnoseResponse) -> str:
    """`answer_body_json` of the answer as REST prints it (the JSON mapping of Envoy's transcoder)."""
    return answer_body_json(message_dict_printed(response))


def rest_answer_json(rest_body: str, session_id: str, request_id: str) -> bytes:
    """POST /v1/diagnose's body: `rest_body` (rest_body_json) with this request's ids, both
    always printed as the transcoder would."""
    ids = f'"session_id":{json.dumps(session_id)},"request_id":{json.dumps(request_id)}'
    return ("{" + ids + ("," + rest_body[1:] if rest_body != "{}" else "}")).encode("utf-8")
