"""Replay: re-run stored sessions against the current knowledge base and models, report changes.

A stored session holds its request (`request_received`) and the answer that was sent
(`response_sent`). Replaying re-asks the request and compares what matters for safety and
quality: the urgency level and the top-3 conditions. The gateway's Replay RPC runs requests
through its coordinator (the real agents); `healthmesh replay --in-process` runs them through
the same engines in one process. Replayed runs are never stored as sessions.

Sessions are read in (created_at, session_id) order, a page at a time; the page token is the key
of the last session of the previous page, so a long replay can be resumed and never repeats.
"""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Awaitable, Callable

from google.protobuf import json_format

from healthmesh.errors import InvalidArgument
from healthmesh.v1 import common_pb2, diagnosis_pb2

DEFAULT_PAGE = 100
MAX_PAGE = 500
TOP = 3

# One replayed answer, as a DiagnoseResponse-shaped dict (or {"error": "..."}).
Runner = Callable[[diagnosis_pb2.DiagnoseRequest], Awaitable[dict]]


@dataclass
class StoredSession:
    session_id: str
    created_at: datetime
    kb_version: str
    request: dict
    response: dict


def parse_instant(field: str, value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise InvalidArgument(field, f"not an ISO 8601 instant: {value[:40]!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def encode_token(created_at: datetime, session_id: str) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{session_id}".encode()).decode()


def decode_token(token: str) -> tuple[datetime, uuid.UUID]:
    try:
        when, _, sid = base64.urlsafe_b64decode(token.encode()).decode().partition("|")
        return datetime.fromisoformat(when), uuid.UUID(sid)
    except (ValueError, UnicodeDecodeError):
        raise InvalidArgument("page_token", "not a token this service issued") from None


@dataclass
class Window:
    since: datetime
    until: datetime
    after: tuple[datetime, uuid.UUID] | None
    page_size: int


def window(request: diagnosis_pb2.ReplayRequest) -> Window:
    if not request.since.strip():
        raise InvalidArgument("since", "required: the start of the replay window (ISO 8601)")
    since = parse_instant("since", request.since)
    until = parse_instant("until", request.until) if request.until.strip() else datetime.now(timezone.utc)
    if until <= since:
        raise InvalidArgument("until", "must be after since")
    if not 0 <= request.page_size <= MAX_PAGE:
        raise InvalidArgument("page_size", f"must be between 1 and {MAX_PAGE} (0 for {DEFAULT_PAGE})")
    after = decode_token(request.page_token) if request.page_token else None
    return Window(since, until, after, request.page_size or DEFAULT_PAGE)


PAGE_QUERY = """
SELECT s.session_id, s.created_at, s.kb_version, req.payload AS request, resp.payload AS response
FROM sessions s
JOIN session_events_resolved req ON req.session_id = s.session_id AND req.kind = 'request_received'
JOIN session_events_resolved resp ON resp.session_id = s.session_id AND resp.kind = 'response_sent'
WHERE s.created_at >= $1 AND s.created_at < $2 AND (s.created_at, s.session_id) > ($3, $4)
ORDER BY s.created_at, s.session_id
LIMIT $5
"""
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


async def load_page(conn, w: Window) -> list[StoredSession]:
    """One page of stored sessions (`conn`: an asyncpg connection or pool)."""
    after_at, after_id = w.after or (EPOCH, uuid.UUID(int=0))
    rows = await conn.fetch(PAGE_QUERY, w.since, w.until, after_at, after_id, w.page_size)
    return [StoredSession(str(r["session_id"]), r["created_at"], r["kb_version"],
                          json.loads(r["request"]).get("request", {}), json.loads(r["response"]))
            for r in rows]


def stored_request(session: StoredSession) -> diagnosis_pb2.DiagnoseRequest:
    request = json_format.ParseDict(session.request, diagnosis_pb2.DiagnoseRequest(), ignore_unknown_fields=True)
    request.request_id = ""  # a replay is not a retry of the original
    return request


def _level(response: dict) -> int:
    name = (response.get("urgency") or {}).get("level", "URGENCY_UNSPECIFIED")
    try:
        return common_pb2.Urgency.Value(name)
    except ValueError:
        return common_pb2.URGENCY_UNSPECIFIED


def _top(response: dict) -> list[str]:
    return [c.get("id", "") for c in (response.get("conditions") or [])[:TOP]]


def compare(session: StoredSession, after: dict) -> diagnosis_pb2.ReplayResult:
    result = diagnosis_pb2.ReplayResult(
        session_id=session.session_id, created_at=session.created_at.isoformat(),
        kb_version_before=session.kb_version, urgency_before=_level(session.response),
        top_conditions_before=_top(session.response))
    if "error" in after:
        result.error = str(after["error"])[:300]
        return result
    result.urgency_after = _level(after)
    result.top_conditions_after.extend(_top(after))
    result.degraded.extend(after.get("degraded") or [])
    result.urgency_changed = result.urgency_after != result.urgency_before
    result.top_conditions_changed = list(result.top_conditions_after) != list(result.top_conditions_before)
    return result


async def replay_page(conn, request: diagnosis_pb2.ReplayRequest, run: Runner, concurrency: int = 4,
                      kb_version: str = "", model_version: str = "") -> diagnosis_pb2.ReplayResponse:
    w = window(request)
    sessions = await load_page(conn, w)
    gate = asyncio.Semaphore(concurrency)

    async def one(session: StoredSession) -> diagnosis_pb2.ReplayResult:
        async with gate:
            try:
                after = await run(stored_request(session))
            except InvalidArgument as exc:
                after = {"error": f"no longer valid: {exc}"}
            except json_format.ParseError as exc:
                after = {"error": f"stored request unreadable: {exc}"}
        return compare(session, after)

    results = await asyncio.gather(*(one(s) for s in sessions))
    reply = diagnosis_pb2.ReplayResponse(kb_version=kb_version, model_version=model_version,
                                         replayed=len(results))
    for r in results:
        changed = r.urgency_changed or r.top_conditions_changed
        reply.changed += int(changed)
        if changed or not request.changed_only:
            reply.results.append(r)
    if len(sessions) == w.page_size:
        reply.next_page_token = encode_token(sessions[-1].created_at, sessions[-1].session_id)
    return reply


def result_rows(results) -> list[dict]:
    """ReplayResult messages (or their JSON dicts) as flat rows for a table or JSON output."""
    rows = []
    for r in results:
        if not isinstance(r, dict):
            r = json_format.MessageToDict(r, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)
        rows.append({
            "session_id": r.get("session_id", ""), "created_at": r.get("created_at", ""),
            "urgency_before": r.get("urgency_before", ""), "urgency_after": r.get("urgency_after", ""),
            "top_before": list(r.get("top_conditions_before", [])), "top_after": list(r.get("top_conditions_after", [])),
            "urgency_changed": bool(r.get("urgency_changed")), "top_changed": bool(r.get("top_conditions_changed")),
            "degraded": list(r.get("degraded", [])), "error": r.get("error", ""),
        })
    return rows
