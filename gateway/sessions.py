"""Sessions as append-only events in PostgreSQL (asyncpg).

A diagnosis becomes one `sessions` row and its ordered events: request_received, one
agent_result per agent call (with timing), response_sent. The gateway answers first and writes
after: records go to a queue that one writer task drains in order, retrying while the database is
unreachable, so a slow or restarting PostgreSQL never slows or fails an answer. Reads of a session
still pending in the queue wait for its write.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from dataclasses import dataclass, field

import asyncpg
from google.protobuf import json_format
from prometheus_client import Counter, Gauge

from healthmesh.errors import InvalidArgument, NotFound
from healthmesh.v1 import diagnosis_pb2

log = logging.getLogger(__name__)

SESSION_WRITES = Counter("healthmesh_session_writes_total", "Session writes by outcome", ["outcome"])
OUTBOX_PENDING = Gauge("healthmesh_outbox_pending", "Sessions waiting to be written to PostgreSQL")


@dataclass
class SessionRecord:
    session_id: str
    request_id: str
    kb_version: str
    events: list[tuple[str, dict]] = field(default_factory=list)  # (kind, payload)
    response: diagnosis_pb2.DiagnoseResponse | None = None

    def add(self, kind: str, payload: dict) -> None:
        self.events.append((kind, payload))


def new_session_id() -> str:
    return str(uuid.uuid4())


def message_json(msg) -> dict:
    return json_format.MessageToDict(msg, preserving_proto_field_name=True)


class SessionStore:
    def __init__(self, database_url: str, retry_seconds: float = 0.5):
        self.database_url = database_url
        self.retry_seconds = retry_seconds
        self.pool: asyncpg.Pool | None = None
        self._queue: asyncio.Queue[SessionRecord] = asyncio.Queue()
        self._pending: dict[str, SessionRecord] = {}
        self._pending_by_request: dict[str, SessionRecord] = {}
        self._written: dict[str, asyncio.Event] = {}
        self._writer: asyncio.Task | None = None

    async def start(self) -> None:
        self.pool = await asyncpg.create_pool(self.database_url, min_size=1, max_size=4,
                                              command_timeout=5)
        self._writer = asyncio.create_task(self._drain(), name="session-writer")

    async def close(self, flush_seconds: float = 5.0) -> None:
        if self._writer is not None:
            try:
                await asyncio.wait_for(self._queue.join(), flush_seconds)
            except asyncio.TimeoutError:
                log.error("sessions not written at shutdown", extra={"pending": self._queue.qsize()})
            self._writer.cancel()
        if self.pool is not None:
            await self.pool.close()

    # --- writes ---------------------------------------------------------------------------------

    def submit(self, record: SessionRecord) -> None:
        self._pending[record.session_id] = record
        if record.request_id:
            self._pending_by_request[record.request_id] = record
        self._written[record.session_id] = asyncio.Event()
        self._queue.put_nowait(record)
        OUTBOX_PENDING.set(len(self._pending))

    async def _drain(self) -> None:
        while True:
            record = await self._queue.get()
            while True:
                try:
                    await self._write(record)
                    SESSION_WRITES.labels("ok").inc()
                    break
                except (OSError, asyncpg.PostgresConnectionError, asyncpg.InterfaceError,
                        asyncpg.CannotConnectNowError, asyncio.TimeoutError) as exc:
                    SESSION_WRITES.labels("retry").inc()
                    log.warning("session write failed; will retry", extra={"error": type(exc).__name__})
                    await asyncio.sleep(self.retry_seconds)
                except Exception:
                    SESSION_WRITES.labels("failed").inc()
                    log.exception("session write rejected", extra={"session_id": record.session_id})
                    break
            self._pending.pop(record.session_id, None)
            if record.request_id:
                self._pending_by_request.pop(record.request_id, None)
            event = self._written.pop(record.session_id, None)
            if event:
                event.set()
            OUTBOX_PENDING.set(len(self._pending))
            self._queue.task_done()

    async def _write(self, record: SessionRecord) -> None:
        assert self.pool is not None
        async with self.pool.acquire() as conn, conn.transaction():
            inserted = await conn.fetchval(
                "INSERT INTO sessions (session_id, request_id, kb_version) VALUES ($1, $2, $3) "
                "ON CONFLICT DO NOTHING RETURNING session_id",
                uuid.UUID(record.session_id), record.request_id or None, record.kb_version,
            )
            if inserted is None:
                return  # written already (a replayed write) or a duplicate request id
            await conn.executemany(
                "INSERT INTO session_events (session_id, seq, kind, payload) VALUES ($1, $2, $3, $4)",
                [(uuid.UUID(record.session_id), seq, kind, json.dumps(payload))
                 for seq, (kind, payload) in enumerate(record.events, start=1)],
            )

    # --- reads ----------------------------------------------------------------------------------

    async def response_for_request(self, request_id: str) -> diagnosis_pb2.DiagnoseResponse | None:
        """The stored answer for an idempotency key, or None if this key is new."""
        pending = self._pending_by_request.get(request_id)
        if pending is not None:
            return pending.response
        assert self.pool is not None
        row = await self.pool.fetchrow(
            "SELECT e.payload FROM sessions s JOIN session_events e USING (session_id) "
            "WHERE s.request_id = $1 AND e.kind = 'response_sent'", request_id)
        if row is None:
            return None
        return json_format.ParseDict(json.loads(row["payload"]), diagnosis_pb2.DiagnoseResponse())

    async def get(self, session_id: str) -> diagnosis_pb2.Session:
        try:
            key = uuid.UUID(session_id)
        except ValueError:
            raise InvalidArgument("session_id", "must be a UUID") from None
        written = self._written.get(str(key))
        if written is not None:
            await asyncio.wait_for(written.wait(), 10)
        assert self.pool is not None
        async with self.pool.acquire() as conn:
            head = await conn.fetchrow("SELECT * FROM sessions WHERE session_id = $1", key)
            if head is None:
                raise NotFound("session", session_id)
            rows = await conn.fetch(
                "SELECT seq, kind, created_at, payload FROM session_events WHERE session_id = $1 ORDER BY seq", key)
        session = diagnosis_pb2.Session(session_id=str(key), created_at=head["created_at"].isoformat(),
                                        request_id=head["request_id"] or "")
        for row in rows:
            session.events.add(seq=row["seq"], kind=row["kind"], created_at=row["created_at"].isoformat(),
                               payload_json=row["payload"])
            if row["kind"] == "response_sent":
                json_format.ParseDict(json.loads(row["payload"]), session.response)
        return session
