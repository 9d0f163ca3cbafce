"""Replay on the real mesh: the Replay RPC over REST, `healthmesh replay` (remote and in process)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone

import asyncpg
import pytest

from tests.support.mesh import ROOT

pytestmark = pytest.mark.mesh

REQUESTS = [
    {"patient": {"age_years": 58, "sex": "SEX_MALE"}, "complaint": "crushing chest pain and sweating (replay test)"},
    {"patient": {"age_years": 31, "sex": "SEX_FEMALE"}, "complaint": "sneezing and a runny nose (replay test)"},
]


def _db(mesh, query: str, *params):
    async def run():
        conn = await asyncpg.connect(mesh.state()["database_url"])
        try:
            return await conn.fetch(query, *params)
        finally:
            await conn.close()

    return asyncio.run(run())


def _insert_old_answer(mesh, since: datetime) -> str:
    """A session as an older knowledge base might have answered it: chest pain as self-care."""
    sid = uuid.uuid4()
    request = {"request": {"patient": {"age_years": 60, "sex": "SEX_MALE"},
                           "complaint": "crushing chest pain for an hour (replay test, old answer)"}}
    response = {"session_id": str(sid), "urgency": {"level": "URGENCY_SELF_CARE"},
                "conditions": [{"id": "old-condition-a"}, {"id": "old-condition-b"}]}
    when = since + timedelta(seconds=1)
    _db(mesh, "INSERT INTO sessions (session_id, kb_version, created_at) VALUES ($1, 'kb-old', $2)", sid, when)
    for seq, (kind, payload) in enumerate([("request_received", request), ("response_sent", response)], start=1):
        _db(mesh, "INSERT INTO session_events (session_id, seq, kind, payload, created_at) VALUES ($1, $2, $3, $4, $5)",
            sid, seq, kind, json.dumps(payload), when)
    return str(sid)


@pytest.fixture(scope="module")
def window(mesh):
    since = datetime.now(timezone.utc)  # sessions of other tests stay out of the window
    ids = []
    for body in REQUESTS:
        status, reply = mesh.post("/v1/diagnose", body)
        assert status == 200, reply
        ids.append(reply["session_id"])
    old = _insert_old_answer(mesh, since)
    for sid in ids:  # written (the outbox drains in the background)
        deadline = time.monotonic() + 10
        while not _db(mesh, "SELECT 1 FROM sessions WHERE session_id = $1", uuid.UUID(sid)):
            assert time.monotonic() < deadline
            time.sleep(0.1)
    until = datetime.now(timezone.utc) + timedelta(seconds=1)
    return {"since": since.isoformat(), "until": until.isoformat(), "ids": ids, "old": old}


def test_replay_rpc_reports_unchanged_and_changed_sessions(mesh, window):
    before = _db(mesh, "SELECT count(*) AS n FROM sessions")[0]["n"]
    status, reply = mesh.post("/v1/sessions:replay", {"since": window["since"], "until": window["until"]})
    assert status == 200, reply
    by_id = {r["session_id"]: r for r in reply["results"]}
    assert set(window["ids"]) | {window["old"]} <= set(by_id), reply
    for sid in window["ids"]:  # same knowledge base, same models: the same answer
        r = by_id[sid]
        assert r["urgency_before"] == r["urgency_after"] and r["urgency_before"] != "URGENCY_UNSPECIFIED", r
        assert r["top_conditions_before"] == r["top_conditions_after"] and len(r["top_conditions_after"]) == 3, r
        assert not r["urgency_changed"] and not r["top_conditions_changed"] and not r["error"], r
    old = by_id[window["old"]]
    assert old["urgency_changed"] and old["urgency_before"] == "URGENCY_SELF_CARE", old
    assert old["urgency_after"] in ("URGENCY_EMERGENCY", "URGENCY_EMERGENCY_AMBULANCE"), old
    assert old["top_conditions_changed"] and old["kb_version_before"] == "kb-old", old
    assert reply["changed"] >= 1 and reply["kb_version"]
    after = _db(mesh, "SELECT count(*) AS n FROM sessions")[0]["n"]
    assert after == before, "a replay must not store new sessions"


def test_replay_pages_with_a_token(mesh, window):
    seen, token = [], ""
    for _ in range(20):
        status, reply = mesh.post("/v1/sessions:replay", {"since": window["since"], "until": window["until"],
                                                          "page_size": 1, "page_token": token})
        assert status == 200, reply
        seen += [r["session_id"] for r in reply["results"]]
        token = reply["next_page_token"]
        if not token:
            break
    assert len(seen) == len(set(seen)) and set(window["ids"]) | {window["old"]} <= set(seen)


@pytest.mark.parametrize("body, field", [
    ({}, "since"),
    ({"since": "yesterday"}, "since"),
    ({"since": "2026-01-02T00:00:00Z", "until": "2026-01-01T00:00:00Z"}, "until"),
    ({"since": "2026-01-01T00:00:00Z", "page_size": 100000}, "page_size"),
    ({"since": "2026-01-01T00:00:00Z", "page_token": "not-a-token"}, "page_token"),
])
def test_replay_bad_input_is_400_naming_the_field(mesh, body, field):
    status, reply = mesh.post("/v1/sessions:replay", body)
    assert status == 400, reply
    assert field in str(reply), reply


def _cli(*args: str) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "healthmesh.cli", "replay", *args, "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.parametrize("where", ["rest", "grpc", "in-process"])
def test_replay_cli(mesh, window, where):
    target = {"rest": ["--url", mesh.url], "grpc": ["--url", mesh.grpc_target],
              "in-process": ["--in-process", "--database-url", mesh.state()["database_url"]]}[where]
    code, out = _cli("--since", window["since"], "--until", window["until"], *target)
    rows = {r["session_id"]: r for r in out["sessions"]}
    assert code == 1 and out["summary"]["changed"] >= 1  # the planted old answer
    assert rows[window["old"]]["urgency_changed"]
    for sid in window["ids"]:
        assert not rows[sid]["urgency_changed"] and not rows[sid]["top_changed"], rows[sid]
