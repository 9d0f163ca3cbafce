"""Agent faults on the real mesh under load: an agent SIGKILLed, an agent too slow.

Each test starts its own mesh (it breaks things). Targets: no failed request, urgency in every
answer, the breaker opens and closes again, full answers within 5 s of the agent's restart,
every answered session stored.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from bench.load import Load, RestTarget
from healthmesh.envoy_config import AGENT_SERVICES
from tests.support.faults import MetricsWatcher, missing_sessions, serving, wait_for
from tests.support.mesh import start_mesh, stop_mesh

pytestmark = pytest.mark.mesh

RECOVERY_TARGET_SECONDS = 5.0


@pytest.fixture(scope="module")
def own_mesh(tmp_path_factory):
    running = start_mesh(tmp_path_factory.mktemp("faults-agents"))
    yield running
    stop_mesh(running)


def test_agent_sigkill_under_load_degrades_then_recovers(own_mesh):
    agent = "condition_matcher"
    state = own_mesh.state()
    agent_port = state["ports"][agent]
    watcher = MetricsWatcher(state["ports"]["metrics"]["gateway"]).start()
    load = Load(RestTarget(own_mesh.url), concurrency=6, duration=30, mode="unique").start()
    try:
        time.sleep(1.5)
        old_pid = own_mesh.pid(agent)
        killed_at = time.monotonic() - load._started
        os.kill(old_pid, signal.SIGKILL)
        wait_for(lambda: any(s == 2 for _, s in watcher.states(agent)), 10, 0.05, "breaker open")
        wait_for(lambda: own_mesh.pid(agent) != old_pid, 15, 0.05, "supervisor restart")
        wait_for(lambda: serving(agent_port, AGENT_SERVICES[agent]), 30, 0.05, "restarted agent serving")
        serving_at = time.monotonic() - load._started

        def full_answers_again() -> bool:
            recent = [t for t, ok, degraded in load.result.timeline if t > serving_at and ok and not degraded]
            return len(recent) >= 5

        wait_for(full_answers_again, 15, 0.05, "full answers after the restart")
        wait_for(lambda: watcher.states(agent) and watcher.states(agent)[-1][1] == 0, 10, 0.05, "breaker closed")
        time.sleep(1.0)
    finally:
        result = load.stop()
        watcher.stop()

    first_full = min(t for t, ok, degraded in result.timeline if t > serving_at and ok and not degraded)
    # the watcher's clock started just before the load's: close enough for a report
    states = watcher.states(agent)
    opened = min((t for t, s in states if s == 2), default=None)
    closed = min((t for t, s in states if s == 0 and opened is not None and t > opened and t > serving_at - 0.5),
                 default=None)
    recovery = first_full - serving_at
    degraded_window = [t for t, ok, degraded in result.timeline if degraded]
    summary = result.summary()
    print(f"\nagent SIGKILL: {summary}\nkilled at {killed_at:.2f}s, serving again at {serving_at:.2f}s, "
          f"first full answer {recovery:.2f}s after; degraded answers {len(degraded_window)} "
          f"between {min(degraded_window, default=0):.2f}s and {max(degraded_window, default=0):.2f}s; "
          f"breaker open at {opened:.2f}s, closed again at {closed:.2f}s")
    assert result.failed == 0, summary
    assert result.without_urgency == 0, summary
    assert result.degraded > 0 and agent in result.degraded_by_agent, summary
    assert recovery <= RECOVERY_TARGET_SECONDS, recovery
    tail = result.timeline[-20:]
    assert all(ok and not degraded for _, ok, degraded in tail), (
        [entry for entry in tail if not entry[1] or entry[2]], f"serving again at {serving_at:.2f}s", summary)
    assert not missing_sessions(state["database_url"], result.answered)


def test_slow_agent_is_degraded_within_the_deadline(tmp_path):
    """The matcher answers in 2 s; the budget is 1 s: answers stay within it, matcher degraded."""
    mesh = start_mesh(tmp_path, process_env={"condition_matcher": {"HEALTHMESH_TEST_DELAY_MS": "2000"}})
    try:
        result = Load(RestTarget(mesh.url), concurrency=4, count=40, mode="unique").start().wait()
    finally:
        stop_mesh(mesh)
    summary = result.summary()
    print(f"\nslow agent: {summary}")
    assert result.failed == 0 and result.without_urgency == 0, summary
    assert result.degraded == result.ok == 40, summary
    assert set(result.degraded_by_agent) == {"condition_matcher"}, summary
    assert result.percentile(0.99) < 1.3, summary  # the 1 s budget plus transport, never the 2 s delay
