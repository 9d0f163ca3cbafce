"""Storage faults on the real mesh under load: Redis hung and killed, PostgreSQL killed, the gateway
SIGKILLed while PostgreSQL is frozen.

One mesh for this module (its own: these tests break things). Targets: no failed request while
the mesh has a gateway, urgency in every answer, every answered session in PostgreSQL afterwards.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from bench.load import Load, RestTarget
from tests.support.faults import missing_sessions, outbox_pending, signal_tree, wait_for
from tests.support.mesh import start_mesh, stop_mesh

pytestmark = pytest.mark.mesh
EMBEDDED = not (os.environ.get("HEALTHMESH_TEST_DATABASE_URL") or os.environ.get("HEALTHMESH_TEST_REDIS_URL"))


@pytest.fixture(scope="module")
def own_mesh(tmp_path_factory):
    running = start_mesh(tmp_path_factory.mktemp("faults-storage"))
    yield running
    stop_mesh(running)


def _check(result, database_url: str, label: str) -> None:
    summary = result.summary()
    missing = missing_sessions(database_url, result.answered)
    print(f"\n{label}: {summary}; sessions answered {len(result.answered)}, missing {len(missing)}")
    assert result.failed == 0, summary
    assert result.without_urgency == 0, summary
    assert result.ok == len(result.answered)
    assert not missing, sorted(missing)[:5]


@pytest.mark.skipif(not EMBEDDED, reason="needs the mesh's own Redis process")
def test_redis_hung_then_killed_under_load(own_mesh):
    state = own_mesh.state()
    load = Load(RestTarget(own_mesh.url), concurrency=6, duration=6, mode="varied").start()
    pid = own_mesh.pid("redis")
    time.sleep(1.0)
    os.kill(pid, signal.SIGSTOP)  # hung: every cache call times out (50 ms) and is bypassed
    time.sleep(1.5)
    os.kill(pid, signal.SIGCONT)
    os.kill(pid, signal.SIGKILL)  # gone: connection refused until the supervisor restarts it
    wait_for(lambda: own_mesh.pid("redis") != pid, 10, 0.05, "redis restarted")
    _check(load.wait(), state["database_url"], "redis hung + killed")


@pytest.mark.skipif(not EMBEDDED, reason="needs the mesh's own PostgreSQL process")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT-fast-shutdown"])
def test_postgres_stopped_under_load_loses_no_session(own_mesh, sig):
    state = own_mesh.state()
    load = Load(RestTarget(own_mesh.url), concurrency=6, duration=6, mode="unique").start()
    pid = own_mesh.pid("postgres")
    time.sleep(1.5)
    os.kill(pid, sig)
    wait_for(lambda: own_mesh.pid("postgres") != pid, 15, 0.05, "postgres restarted")
    result = load.wait()
    wait_for(lambda: outbox_pending(state["ports"]["metrics"]["gateway"]) == 0, 30, 0.2, "outbox drained")
    _check(result, state["database_url"], f"postgres {sig.name}")


@pytest.mark.skipif(not EMBEDDED, reason="needs the mesh's own PostgreSQL process")
def test_gateway_sigkill_keeps_answered_sessions_while_postgres_is_frozen(own_mesh):
    """Answers given while PostgreSQL hangs exist only in the outbox when the gateway dies."""
    state = own_mesh.state()
    pg = own_mesh.pid("postgres")
    gateway = own_mesh.pid("gateway")
    signal_tree(pg, signal.SIGSTOP)  # the postmaster and every backend: PostgreSQL hangs
    try:
        load = Load(RestTarget(own_mesh.url), concurrency=6, duration=2.5, mode="unique").start()
        result = load.wait()
        pending = outbox_pending(state["ports"]["metrics"]["gateway"])
        os.kill(gateway, signal.SIGKILL)
    finally:
        signal_tree(pg, signal.SIGCONT)
    wait_for(lambda: own_mesh.pid("gateway") != gateway, 15, 0.05, "gateway restarted")
    print(f"\nsessions only in the outbox at the kill: {pending:.0f} of {result.ok} answered")
    assert pending >= 0.9 * result.ok > 50  # the test did exercise the outbox: the answers were only there
    _check(result, state["database_url"], "gateway SIGKILL, postgres frozen")
