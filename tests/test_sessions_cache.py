"""The answer cache on the real mesh: a hit is still a session; the hit rate shows in the metrics."""

from __future__ import annotations

import time

import pytest

from bench.load import Load, RestTarget, cache_hit_rate, metric, read_metrics

pytestmark = pytest.mark.mesh


def _gateway_metrics(mesh):
    return read_metrics(mesh.state()["ports"]["metrics"]["gateway"])


def test_a_cache_hit_is_recorded_as_its_own_session(mesh):
    body = {"patient": {"age_years": 44, "sex": "SEX_FEMALE"}, "complaint": f"sore throat and fever {time.time_ns()}"}
    before = _gateway_metrics(mesh)
    status, first = mesh.post("/v1/diagnose", body)
    assert status == 200
    status, second = mesh.post("/v1/diagnose", body)
    assert status == 200
    after = _gateway_metrics(mesh)
    assert second["session_id"] != first["session_id"]
    assert second["urgency"] == first["urgency"] and second["conditions"] == first["conditions"]
    hits = metric(after, "healthmesh_cache_lookups_total", result="hit") - metric(
        before, "healthmesh_cache_lookups_total", result="hit")
    assert hits >= 1

    status, session = mesh.get(f"/v1/sessions/{second['session_id']}")
    assert status == 200, session
    kinds = [e["kind"] for e in session["events"]]
    assert kinds == ["request_received", "cache_hit", "response_sent"], kinds
    assert session["response"]["session_id"] == second["session_id"]
    status, original = mesh.get(f"/v1/sessions/{first['session_id']}")
    assert "cache_hit" not in [e["kind"] for e in original["events"]]


def test_cached_stream_still_sends_urgency_first(mesh):
    body = {"complaint": f"itchy eyes and sneezing {time.time_ns()}"}
    mesh.post("/v1/diagnose", body)
    updates = mesh.stream("/v1/diagnose:stream", body)
    assert [u["stage"] for u in updates][0] == "urgency" and updates[-1]["stage"] == "complete"
    status, session = mesh.get(f"/v1/sessions/{updates[-1]['session_id']}")
    assert "cache_hit" in [e["kind"] for e in session["events"]]


def test_repeated_load_is_served_by_the_cache(mesh):
    """A repeated request under load: the hit rate over the run is high, every answer a session."""
    before = _gateway_metrics(mesh)
    result = Load(RestTarget(mesh.url), concurrency=4, count=60, mode="repeat").start().wait()
    after = _gateway_metrics(mesh)
    assert result.failed == 0 and result.without_urgency == 0
    delta = {k: after.get(k, 0) - before.get(k, 0) for k in after if k[0] == "healthmesh_cache_lookups_total"}
    rate = cache_hit_rate(delta)
    print(f"\ncache hit rate over a repeated run: {rate:.2%}; p50 {result.summary()['p50_ms']} ms")
    assert rate is not None and rate >= 0.9
    assert len(set(result.answered.values())) == 60  # 60 answers, 60 sessions
