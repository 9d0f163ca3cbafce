"""The session store against a real PostgreSQL: outbox recovery after a crash, no duplicates,
answer-time timestamps, NUL in free text, rejected records kept as dead letters.

Uses HEALTHMESH_TEST_DATABASE_URL when set, else an embedded PostgreSQL of its own.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import time
import uuid

import asyncpg
import pytest

from gateway.outbox import Outbox
from gateway.sessions import SessionRecord, SessionStore
from healthmesh.storage.migrate import migrate
from healthmesh.v1 import common_pb2, diagnosis_pb2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    url = os.environ.get("HEALTHMESH_TEST_DATABASE_URL")
    if url:
        asyncio.run(migrate(url))
        yield url
        return
    from healthmesh.local.servers import EmbeddedPostgres

    pg = EmbeddedPostgres(tmp_path_factory.mktemp("pg") / "data", _free_port())
    pg.prepare()
    proc = subprocess.Popen(pg.command(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **pg.popen_kwargs())
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                asyncio.run(migrate(pg.url))
                break
            except (OSError, asyncpg.PostgresError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield pg.url
    finally:
        proc.terminate()
        proc.wait(20)


def record(n: int, text: str = "cough", request_id: str = "") -> SessionRecord:
    r = SessionRecord(str(uuid.uuid4()), request_id, "kb-test", created_at=time.time() - 3600 + n)
    r.add("request_received", {"request": {"complaint": f"{text} {n}"}})
    response = diagnosis_pb2.DiagnoseResponse(session_id=r.session_id, request_id=request_id)
    response.urgency.level = common_pb2.URGENCY_CONSULTATION
    r.add("response_sent", {"session_id": r.session_id, "urgency": {"level": "URGENCY_CONSULTATION"}})
    r.response = response
    return r


async def stored(url: str, ids: list[str]) -> dict[str, asyncpg.Record]:
    conn = await asyncpg.connect(url)
    try:
        rows = await conn.fetch("SELECT s.session_id, s.created_at, count(e.*) AS events FROM sessions s "
                                "JOIN session_events e USING (session_id) WHERE s.session_id = ANY($1::uuid[]) "
                                "GROUP BY s.session_id, s.created_at", [uuid.UUID(i) for i in ids])
    finally:
        await conn.close()
    return {str(r["session_id"]): r for r in rows}


async def test_records_kept_only_in_the_outbox_are_written_after_a_restart(database_url, tmp_path):
    # A gateway that answered, fsynced to its outbox, and died before writing to PostgreSQL.
    crashed = SessionStore(database_url, Outbox(tmp_path))
    crashed.outbox.open(crashed._durable)
    answered = [record(i) for i in range(20)]
    for r in answered:
        await crashed.submit(r)
    pending = await crashed.get(answered[3].session_id)  # served from memory before it is stored
    assert pending.response.urgency.level == common_pb2.URGENCY_CONSULTATION and len(pending.events) == 2
    await crashed.outbox.close()  # the process is gone; nothing reached PostgreSQL

    restarted = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await restarted.start()
    await asyncio.wait_for(restarted._queue.join(), 10)
    rows = await stored(database_url, [r.session_id for r in answered])
    assert len(rows) == 20 and all(row["events"] == 2 for row in rows.values())
    # the answer's time, not the insert's
    first = rows[answered[0].session_id]["created_at"].timestamp()
    assert abs(first - answered[0].created_at) < 0.01
    session = await restarted.get(answered[5].session_id)
    assert [e.kind for e in session.events] == ["request_received", "response_sent"]
    await restarted.close()
    committed = json.loads((tmp_path / "committed.json").read_text())
    assert committed["offset"] > 0


async def test_a_stale_offset_writes_nothing_twice(database_url, tmp_path):
    store = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await store.start()
    answered = [record(i, request_id=f"stale-{uuid.uuid4()}") for i in range(5)]
    for r in answered:
        await store.submit(r)
    await store.close()
    (tmp_path / "committed.json").unlink()  # as if the offset write was lost in a crash
    again = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await again.start()
    await asyncio.wait_for(again._queue.join(), 10)
    rows = await stored(database_url, [r.session_id for r in answered])
    assert len(rows) == 5 and all(row["events"] == 2 for row in rows.values())
    reply = await again.response_for_request(answered[2].request_id)
    assert reply is not None and reply.session_id == answered[2].session_id
    await again.close()


async def test_nul_in_free_text_is_stored(database_url, tmp_path):
    store = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await store.start()
    r = record(0, text="cough\u0000and fever")
    await store.submit(r)
    await asyncio.wait_for(store._queue.join(), 10)
    session = await store.get(r.session_id)
    assert "\ufffd" in session.events[0].payload_json or "\\ufffd" in session.events[0].payload_json
    await store.close()


async def test_a_record_postgresql_refuses_goes_to_dead_letters_and_the_rest_are_written(database_url, tmp_path):
    store = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.01)
    await store.start()
    good = [record(i) for i in range(3)]
    bad = record(9)
    bad.kb_version = None  # NOT NULL: PostgreSQL refuses it every time
    await store.submit(good[0])
    await store.submit(bad)
    await store.submit(good[1])
    await store.submit(good[2])
    await asyncio.wait_for(store._queue.join(), 10)
    rows = await stored(database_url, [r.session_id for r in good + [bad]])
    assert set(rows) == {r.session_id for r in good}
    letters = (tmp_path / "dead-letter.log").read_bytes().splitlines()
    assert len(letters) == 1 and bad.session_id.encode() in letters[0]
    await store.close()


async def test_a_retry_is_answered_from_memory_while_postgresql_cannot_be_asked(database_url, tmp_path):
    store = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await store.start()
    first = record(0, request_id=f"outage-{uuid.uuid4()}")
    await store.submit(first)
    await asyncio.wait_for(store._queue.join(), 10)  # written: no longer pending
    await store.pool.close()  # the database is gone for this store
    reply = await store.response_for_request(first.request_id)
    assert reply is not None and reply.session_id == first.session_id
    assert await store.response_for_request(f"unknown-{uuid.uuid4()}") is None  # new keys: answered as new
    store.pool = None
    store._writer.cancel()


def served_answer(n: int, body: dict, request_id: str = "") -> SessionRecord:
    """A session as the gateway records it: the answer's JSON built from its body (answer_json)."""
    from gateway.memo import answer_body_json, answer_json

    r = SessionRecord(str(uuid.uuid4()), request_id, "kb-test")
    r.add("request_received", {"request": {"complaint": f"cough {n}"}})
    as_dict = {"session_id": r.session_id, **({"request_id": request_id} if request_id else {}), **body}
    r.answer_body = answer_body_json(as_dict)
    r.add("response_sent", as_dict, answer_json(r.answer_body, r.session_id, request_id))
    r.response = diagnosis_pb2.DiagnoseResponse(session_id=r.session_id, request_id=request_id)
    return r


async def test_an_answer_served_to_many_sessions_is_stored_once_and_reads_whole(database_url, tmp_path):
    store = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await store.start()
    body = {"urgency": {"level": "URGENCY_SELF_CARE", "reasons": [f"only minor symptoms {uuid.uuid4()}"]},
            "conditions": [{"condition_id": "common-cold", "probability": 0.8}]}
    key = f"repeat-{uuid.uuid4()}"
    served = [served_answer(n, body, request_id=key if n == 0 else "") for n in range(5)]
    inline = record(99)  # an answer kept whole (an outbox recovery, or a row older than the answers table)
    for r in served + [inline]:
        await store.submit(r)
    await asyncio.wait_for(store._queue.join(), 10)
    conn = await asyncpg.connect(database_url)
    try:
        digest = json.loads(await conn.fetchval(
            "SELECT payload FROM session_events WHERE session_id = $1 AND kind = 'response_sent'",
            uuid.UUID(served[1].session_id)))["answer_digest"]
        assert await conn.fetchval("SELECT count(*) FROM answers WHERE digest = $1", digest) == 1
        assert await conn.fetchval("SELECT count(*) FROM session_events WHERE payload->>'answer_digest' = $1",
                                   digest) == 5
        with pytest.raises(asyncpg.RaiseError, match="append-only"):
            await conn.execute("UPDATE answers SET payload = '{}' WHERE digest = $1", digest)
    finally:
        await conn.close()
    store._recent_by_request.clear()  # written: ask PostgreSQL, not memory
    for r in served:
        session = await store.get(r.session_id)
        answer = json.loads(session.events[-1].payload_json)
        assert answer == json.loads(r.payload_texts()[-1]) and "answer_digest" not in answer
        assert session.response.session_id == r.session_id
        assert session.response.urgency.level == common_pb2.URGENCY_SELF_CARE
    retried = await store.response_for_request(key)
    assert retried is not None and retried.session_id == served[0].session_id and retried.request_id == key
    assert (await store.get(inline.session_id)).response.urgency.level == common_pb2.URGENCY_CONSULTATION
    await store.close()


async def test_records_answered_one_after_another_share_a_database_write(database_url, tmp_path, monkeypatch):
    # Each statement costs the gateway about the same CPU whatever its size (bench/README.md), so
    # the writer waits briefly for more records instead of writing each outbox fsync on its own.
    monkeypatch.setattr("gateway.sessions.WRITE_LINGER_SECONDS", 0.2)
    store = SessionStore(database_url, Outbox(tmp_path), retry_seconds=0.05)
    await store.start()
    batches = []
    write = store._write

    async def counting(records):
        batches.append(len(records))
        await write(records)

    store._write = counting
    answered = [record(i) for i in range(4)]
    for r in answered:
        await store.submit(r)  # one at a time: each is its own outbox fsync
    await asyncio.wait_for(store._queue.join(), 10)
    assert batches == [4]
    rows = await stored(database_url, [r.session_id for r in answered])
    assert len(rows) == 4 and all(row["events"] == 2 for row in rows.values())
    await store.close()
