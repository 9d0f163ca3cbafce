"""The benchmark suite's code paths on tiny durations against a real mesh. No timing is asserted:
speed is measured by `python -m bench.run`, not judged by tests."""

from __future__ import annotations

import json

import pytest

from bench import grammar
from bench.clients import FloorPool, grpc_payloads, run_processes, run_rest
from bench.run import main

pytestmark = pytest.mark.mesh


def test_grammar_makes_distinct_requests_of_the_asked_size():
    bodies = grammar.varied_bodies(500, seed=3)
    assert len({json.dumps(b, sort_keys=True) for b in bodies}) == 500
    assert all(len(b["complaint"].split()) == 20 for b in grammar.sized_bodies(20, seed=4, words=20))
    coded = grammar.sized_bodies(5, seed=5, words=10, evidence_codes=["ddxplus:E_91", "ddxplus:E_53"], findings=2)
    assert all(len(b["evidence"]) == 2 for b in coded)


def test_the_floor_answers_each_request_once():
    # The mesh's varied points answer each request once; a floor that cycled through its bodies
    # would measure the detector's remembered readings instead of the work.
    pool = FloorPool(1)
    try:
        point = pool.run(grammar.varied_bodies(5, seed=7), duration=2.0)
    finally:
        pool.close()
    assert point.requests == 5 and point.ran_out


def test_python_clients_answer_without_errors(mesh):
    bodies = grammar.varied_bodies(20, seed=6)
    rest = run_rest(mesh.url, "/v1/diagnose", bodies, 2, 0.5, force_python=True)
    grpc_point = run_processes("grpc", mesh.grpc_target, grpc_payloads(bodies), 2, 0.5)
    for point in (rest, grpc_point):
        assert point.requests > 0 and point.errors == 0, point.statuses


def test_suite_runs_end_to_end_and_writes_its_report(mesh, tmp_path):
    assert main(["--state-dir", str(mesh.state_dir), "--quick", "--out", str(tmp_path), "--duration", "0.5",
                 "--concurrency", "2", "--words", "5", "--findings", "2"]) == 0
    results = json.loads((tmp_path / "mesh.json").read_text())
    assert {r["transport"] for r in results["throughput"]["mesh"]} == {"rest-envoy", "grpc-envoy", "grpc-direct"}
    assert all(r["errors"] == 0 and r["gateway"]["not_ok"] == 0 for r in results["throughput"]["mesh"])
    assert results["throughput"]["floor"] and results["cost"]["words"] and results["cost"]["findings"]
    assert set(results["agents"]) == {"symptom_classifier", "emergency_detector", "condition_matcher",
                                      "treatment_retriever"}
    assert results["rss"]["gateway"]["peak_rss_mb"] > 0
    assert "## Targets" in (tmp_path / "mesh.md").read_text()
    assert all(r["cpu_ms_per_request"]["mesh_total"] > 0 for r in results["throughput"]["mesh"])
