"""Sessions as append-only events in PostgreSQL (asyncpg), made durable first in a local outbox.

A diagnosis becomes one `sessions` row and its ordered events: request_received, one
agent_result per agent call (with timing), response_sent. Before the answer goes out the record
is appended and fsynced to the gateway's outbox (gateway/outbox.py); from there one writer task
copies records into PostgreSQL in outbox order, in small transactions, retrying while the
database is unreachable, and moves the outbox's committed offset. A slow or restarting
PostgreSQL therefore never fails an answer, and neither it nor a gateway crash loses a session
that was answered: after a restart the records past the committed offset are written again
(inserts are ON CONFLICT DO NOTHING, so a record written twice is stored once).

Sessions not yet in PostgreSQL are served from memory (GetSession, idempotent retries), so they
read the same during an outage as after it. Timestamps are those of the answer, not of the insert.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

import asyncpg
from google.protobuf import json_format
from prometheus_client import Counter, Gauge

from gateway.outbox import Outbox, OutboxClosed, Position
from healthmesh import jsontext
from healthmesh.errors import InvalidArgument, NotFound, NotReady
from healthmesh.v1 import diagnosis_pb2

log = logging.getLogger(__name__)

SESSION_WRITES = Counter("healthmesh_session_writes_total", "Session writes by outcome", ["outcome"])
OUTBOX_PENDING = Gauge("healthmesh_outbox_pending", "Sessions waiting to be written to PostgreSQL")
IDEMPOTENCY_LOOKUP_FAILURES = Counter(
    "healthmesh_idempotency_lookup_failures_total",
    "request_id lookups that PostgreSQL could not answer in time (answered as a new request)")

# Errors that mean "the database is not reachable right now": retry the same write later.
RETRYABLE = (OSError, asyncio.TimeoutError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError,
             asyncpg.InternalClientError, asyncpg.exceptions.OperatorInterventionError,
             asyncpg.exceptions.InsufficientResourcesError)
REJECTED_ATTEMPTS = 3  # a write PostgreSQL refuses this often for another reason goes to the dead letters
WRITE_BATCH = 64
WRITE_LINGER_SECONDS = 0.01
IDEMPOTENCY_LOOKUP_SECONDS = 0.25
LOOKUP_PAUSE_SECONDS = 1.0  # after a failed lookup, answer without asking PostgreSQL for this long


def _ts(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _scrub(value):
    """NUL as U+FFFD: PostgreSQL's jsonb and text refuse \\u0000, and a refused session is a lost one."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def payload_json(payload: dict) -> str:
    """An event's payload as JSON text: the outbox line and the PostgreSQL row share it."""
    return jsontext.dumps(payload)


def jsonb(payload: dict, text: str | None = None) -> str:
    text = text if text is not None else payload_json(payload)
    return payload_json(_scrub(payload)) if "\\u0000" in text else text


@lru_cache(maxsize=1024)
def answer_digest(body: str) -> str:
    """The key of an answer's body in the `answers` table (a cached answer's body is one string,
    so repeated answers are hashed once)."""
    return hashlib.sha256(body.encode()).hexdigest()


def answer_reference(digest: str, session_id: str, request_id: str) -> str:
    """A response_sent payload that points at its body: with the body merged back in
    (session_events_resolved) it is the jsonb of the whole answer, ids included as answer_json puts them."""
    ref = {"answer_digest": digest, "session_id": _scrub(session_id)}
    if request_id:
        ref["request_id"] = _scrub(request_id)
    return payload_json(ref)


async def _keep_session_state(conn: asyncpg.Connection) -> None:
    """The pool's release hook. asyncpg still rolls back an open transaction; its default would
    also send RESET ALL, UNLISTEN *, CLOSE ALL and an advisory unlock on every release: a round
    trip and server work per write batch, for session state this store never sets."""


@dataclass
class SessionRecord:
    session_id: str
    request_id: str
    kb_version: str
    events: list[tuple[str, dict, float]] = field(default_factory=list)  # (kind, payload, unix time)
    response: diagnosis_pb2.DiagnoseResponse | None = None
    created_at: float = field(default_factory=time.time)
    # The response_sent payload without its ids, as answer_body_json encodes it: stored once per
    # distinct answer (the `answers` table). Not kept in the outbox: a recovered record stores its
    # answer inline, which reads the same.
    answer_body: str | None = None
    _texts: list[str | None] | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, kind: str, payload: dict, text: str | None = None) -> None:
        """`text`: the payload's JSON when the caller has it already (a cached answer's)."""
        self.events.append((kind, payload, time.time()))
        if text is not None and self._texts is None:
            self._texts = [None] * (len(self.events) - 1)
        if self._texts is not None:
            self._texts.append(text)

    def to_dict(self) -> dict:
        return {"session_id": self.session_id, "request_id": self.request_id, "kb_version": self.kb_version,
                "created_at": self.created_at, "events": [list(e) for e in self.events]}

    def payload_texts(self) -> list[str]:
        """Each event's payload as JSON, encoded once for both the outbox and PostgreSQL."""
        texts = self._texts or [None] * len(self.events)
        self._texts = [text if text is not None else payload_json(payload)
                       for (_, payload, _), text in zip(self.events, texts)]
        return self._texts

    def to_json(self) -> bytes:
        """`to_dict()` as JSON (what the outbox stores), built around the already-encoded payloads."""
        head = jsontext.dumps({"session_id": self.session_id, "request_id": self.request_id,
                               "kb_version": self.kb_version, "created_at": self.created_at})
        events = ",".join(f"[{json.dumps(kind)},{text},{ts!r}]"
                          for (kind, _, ts), text in zip(self.events, self.payload_texts()))
        return f'{head[:-1]},"events":[{events}]}}'.encode()

    @classmethod
    def from_dict(cls, raw: dict) -> "SessionRecord":
        record = cls(raw["session_id"], raw.get("request_id", ""), raw["kb_version"],
                     [(kind, payload, float(ts)) for kind, payload, ts in raw["events"]],
                     created_at=float(raw["created_at"]))
        for kind, payload, _ in record.events:
            if kind == "response_sent":
                record.response = json_format.ParseDict(payload, diagnosis_pb2.DiagnoseResponse(),
                                                        ignore_unknown_fields=True)
        return record


def new_session_id() -> str:
    return str(uuid.uuid4())


def message_json(msg) -> dict:
    return json_format.MessageToDict(msg, preserving_proto_field_name=True)


RECENT_ANSWERS = 10_000  # idempotency keys answered from memory during a database outage

class SessionStore:
    def __init__(self, database_url: str, outbox: Outbox | None = None, retry_seconds: float = 0.5):
        self.database_url = database_url
        self.outbox = outbox
        self.retry_seconds = retry_seconds
        self.pool: asyncpg.Pool | None = None
        self._queue: asyncio.Queue[tuple[SessionRecord, Position | None]] = asyncio.Queue()
        self._pending: dict[str, SessionRecord] = {}
        self._pending_by_request: dict[str, SessionRecord] = {}
        # Answers to recent idempotency keys, kept after their write, so a retry is still
        # answered from the stored answer while PostgreSQL cannot be asked.
        self._recent_by_request: OrderedDict[str, diagnosis_pb2.DiagnoseResponse] = OrderedDict()
        self._writer: asyncio.Task | None = None
        self._lookups_paused_until = 0.0

    async def start(self) -> None:
        if self.outbox is not None:
            for payload, position in self.outbox.open(self._durable):
                try:
                    record = SessionRecord.from_dict(payload)
                except (KeyError, TypeError, ValueError, json_format.ParseError):
                    self.outbox.dead_letter(payload, "unreadable record")
                    continue
                self._track(record)
                self._queue.put_nowait((record, position))
        self.pool = await asyncpg.create_pool(self.database_url, min_size=1, max_size=4, command_timeout=5,
                                              reset=_keep_session_state)
        self._writer = asyncio.create_task(self._drain(), name="session-writer")

    async def close(self, flush_seconds: float = 5.0) -> None:
        if self._writer is not None:
            try:
                await asyncio.wait_for(self._queue.join(), flush_seconds)
            except asyncio.TimeoutError:
                # Not lost: they stay in the outbox and are written after the next start.
                log.error("sessions not written at shutdown", extra={"pending": self._queue.qsize()})
            self._writer.cancel()
        if self.outbox is not None:
            await self.outbox.close()
        if self.pool is not None:
            await self.pool.close()

    # --- writes ---------------------------------------------------------------------------------

    def _track(self, record: SessionRecord) -> None:
        self._pending[record.session_id] = record
        if record.request_id:
            self._pending_by_request[record.request_id] = record
        OUTBOX_PENDING.set(len(self._pending))

    def _durable(self, record: SessionRecord, position: Position) -> None:
        """Called by the outbox, in file order, once the record is on disk."""
        self._queue.put_nowait((record, position))

    async def submit(self, record: SessionRecord) -> None:
        """Keep `record`: returns once it is on local disk (or, if the disk failed, queued in memory)."""
        self._track(record)
        if self.outbox is None:
            self._queue.put_nowait((record, None))
            return
        try:
            await self.outbox.append(record.to_json(), record)  # _durable queues it for PostgreSQL
        except (OSError, TypeError, ValueError, OutboxClosed) as exc:
            # Counted in healthmesh_outbox_write_failures_total; still written from memory.
            log.error("session kept in memory only", extra={"error": type(exc).__name__})
            self._queue.put_nowait((record, None))

    async def _drain(self) -> None:
        while True:
            batch = [await self._queue.get()]
            if self._queue.qsize() < WRITE_BATCH - 1:
                # The records are durable in the outbox and served from memory meanwhile, so
                # PostgreSQL can wait: each statement costs the gateway about 0.25 ms of CPU
                # whatever its size, and waiting lets several outbox fsyncs share one.
                await asyncio.sleep(WRITE_LINGER_SECONDS)
            while len(batch) < WRITE_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            await self._write_with_retries(batch)
            positions = [p for _, p in batch if p is not None]
            if self.outbox is not None and positions:
                try:
                    self.outbox.commit(max(positions))
                except OSError as exc:  # a stale offset only re-inserts, harmlessly
                    log.warning("outbox commit failed", extra={"error": repr(exc)})
            for record, _ in batch:
                self._pending.pop(record.session_id, None)
                if record.request_id and self._pending_by_request.get(record.request_id) is record:
                    self._pending_by_request.pop(record.request_id, None)
                    if record.response is not None:
                        self._remember_answer(record.request_id, record.response)
                self._queue.task_done()
            OUTBOX_PENDING.set(len(self._pending))

    async def _write_with_retries(self, batch: list[tuple[SessionRecord, Position | None]]) -> None:
        records = [r for r, _ in batch]
        rejected = 0
        while True:
            try:
                await self._write(records)
                SESSION_WRITES.labels("ok").inc(len(records))
                return
            except RETRYABLE as exc:
                SESSION_WRITES.labels("retry").inc()
                log.warning("session write failed; will retry", extra={"error": type(exc).__name__})
                await asyncio.sleep(self.retry_seconds)
            except Exception as exc:  # noqa: BLE001 - PostgreSQL refused it for another reason
                rejected += 1
                if len(records) > 1:  # find the one it refuses; write the others
                    for record in records:
                        await self._write_with_retries([(record, None)])
                    return
                if rejected < REJECTED_ATTEMPTS:
                    await asyncio.sleep(self.retry_seconds)
                    continue
                SESSION_WRITES.labels("failed").inc()
                log.error("session write rejected", extra={"session_id": records[0].session_id,
                                                           "error": type(exc).__name__})
                if self.outbox is not None:
                    self.outbox.dead_letter(records[0].to_dict(), f"{type(exc).__name__}: {exc}"[:500])
                return

    async def _write(self, records: list[SessionRecord]) -> None:
        """The whole batch in one statement (sessions, then the events of those inserted), each row
        set passed as arrays: one round trip per batch, atomic without BEGIN/COMMIT (bench/README.md)."""
        assert self.pool is not None
        keys = [uuid.UUID(r.session_id) for r in records]
        answers: dict[str, str] = {}
        # A session not inserted was written already (a replayed write) or repeats a request id:
        # its events are left out by the join.
        events = []
        for record, key in zip(records, keys):
            body = record.answer_body
            by_reference = body is not None and "\\u0000" not in body
            for seq, ((kind, payload, ts), text) in enumerate(zip(record.events, record.payload_texts()), start=1):
                if kind == "response_sent" and by_reference:
                    digest = answer_digest(body)
                    answers[digest] = body
                    text = answer_reference(digest, record.session_id, record.request_id)
                events.append((key, seq, kind, jsonb(payload, text), _ts(ts)))
        async with self.pool.acquire() as conn:
            # An answer already stored is neither parsed nor written again: for a cached answer
            # the session costs PostgreSQL its ids, not the 10 kB body (bench/README.md).
            await conn.execute(
                "WITH stored_answers AS ("
                " INSERT INTO answers (digest, payload)"
                " SELECT a.d, a.p::jsonb FROM unnest($10::text[], $11::text[]) AS a(d, p)"
                " WHERE NOT EXISTS (SELECT 1 FROM answers x WHERE x.digest = a.d)"
                " ON CONFLICT DO NOTHING), "
                "inserted AS ("
                " INSERT INTO sessions (session_id, request_id, kb_version, created_at)"
                " SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])"
                " ON CONFLICT DO NOTHING RETURNING session_id) "
                "INSERT INTO session_events (session_id, seq, kind, payload, created_at) "
                "SELECT t.s, t.q, t.k, t.p::jsonb, t.c FROM unnest($5::uuid[], $6::int[], $7::text[], $8::text[], "
                "$9::timestamptz[]) AS t(s, q, k, p, c) JOIN inserted ON inserted.session_id = t.s "
                "ON CONFLICT DO NOTHING",
                keys, [_scrub(r.request_id) or None for r in records], [_scrub(r.kb_version) for r in records],
                [_ts(r.created_at) for r in records],
                *(map(list, zip(*events)) if events else ([], [], [], [], [])),
                list(answers), list(answers.values()),
            )

    # --- reads ----------------------------------------------------------------------------------

    def _remember_answer(self, request_id: str, response: diagnosis_pb2.DiagnoseResponse) -> None:
        self._recent_by_request[request_id] = response
        self._recent_by_request.move_to_end(request_id)
        while len(self._recent_by_request) > RECENT_ANSWERS:
            self._recent_by_request.popitem(last=False)

    async def response_for_request(self, request_id: str) -> diagnosis_pb2.DiagnoseResponse | None:
        """The stored answer for an idempotency key, or None if this key is new.

        If PostgreSQL cannot say in time, the request is answered as new (availability first) and
        lookups pause for a second, so an outage costs one slow answer, not one per request; a
        duplicate's session then loses the insert race on the unique request_id.
        """
        pending = self._pending_by_request.get(request_id)
        if pending is not None:
            return pending.response
        recent = self._recent_by_request.get(request_id)
        if recent is not None:
            return recent
        assert self.pool is not None
        if time.monotonic() < self._lookups_paused_until:  # PostgreSQL just failed us: do not wait on it
            IDEMPOTENCY_LOOKUP_FAILURES.inc()
            return None
        try:
            # asyncpg's own timeouts (not a cancellation from outside, which can leave a pooled
            # connection mid-operation); the outer bound only covers a connect that hangs.
            async with asyncio.timeout(IDEMPOTENCY_LOOKUP_SECONDS * 2):
                async with self.pool.acquire(timeout=IDEMPOTENCY_LOOKUP_SECONDS) as conn:
                    row = await conn.fetchrow(
                        "SELECT e.payload FROM sessions s JOIN session_events_resolved e USING (session_id) "
                        "WHERE s.request_id = $1 AND e.kind = 'response_sent'", _scrub(request_id),
                        timeout=IDEMPOTENCY_LOOKUP_SECONDS)
        except Exception as exc:  # noqa: BLE001 - any failure to look up means "answer it as new"
            IDEMPOTENCY_LOOKUP_FAILURES.inc()
            self._lookups_paused_until = time.monotonic() + LOOKUP_PAUSE_SECONDS
            log.warning("idempotency lookup failed", extra={"error": type(exc).__name__})
            return None
        if row is None:
            return None
        return json_format.ParseDict(json.loads(row["payload"]), diagnosis_pb2.DiagnoseResponse(),
                                     ignore_unknown_fields=True)

    def _pending_session(self, record: SessionRecord) -> diagnosis_pb2.Session:
        session = diagnosis_pb2.Session(session_id=record.session_id, created_at=_ts(record.created_at).isoformat(),
                                        request_id=record.request_id)
        for seq, ((kind, _, ts), text) in enumerate(zip(record.events, record.payload_texts()), start=1):
            session.events.add(seq=seq, kind=kind, created_at=_ts(ts).isoformat(), payload_json=text)
        if record.response is not None:
            session.response.CopyFrom(record.response)
        return session

    async def get(self, session_id: str) -> diagnosis_pb2.Session:
        try:
            key = uuid.UUID(session_id)
        except ValueError:
            raise InvalidArgument("session_id", "must be a UUID") from None
        pending = self._pending.get(str(key))
        if pending is not None:
            return self._pending_session(pending)
        assert self.pool is not None
        try:
            async with self.pool.acquire() as conn:
                head = await conn.fetchrow("SELECT * FROM sessions WHERE session_id = $1", key)
                rows = await conn.fetch(
                    "SELECT seq, kind, created_at, payload FROM session_events_resolved WHERE session_id = $1 "
                    "ORDER BY seq",
                    key)
        except RETRYABLE:
            raise NotReady("the session store is unreachable; try again shortly") from None
        if head is None:
            raise NotFound("session", session_id)
        session = diagnosis_pb2.Session(session_id=str(key), created_at=head["created_at"].isoformat(),
                                        request_id=head["request_id"] or "")
        for row in rows:
            session.events.add(seq=row["seq"], kind=row["kind"], created_at=row["created_at"].isoformat(),
                               payload_json=row["payload"])
            if row["kind"] == "response_sent":
                json_format.ParseDict(json.loads(row["payload"]), session.response, ignore_unknown_fields=True)
        return session
