"""Traces, metrics and logs of the real mesh, and that none of them carries patient data.

The mesh exports spans over OTLP to a collector this test runs (the real OTLP/gRPC exporter, the
real W3C propagation through gRPC metadata); a second test builds the gateway's coordinator in
process with an in-memory span exporter against the mesh's agents.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.request
import uuid
from concurrent import futures

import grpc
import pytest

from tests.support.mesh import free_port_block, start_mesh, stop_mesh

pytestmark = pytest.mark.mesh

AGENTS = ("symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever")
# A patient whose details are easy to find anywhere they should not be.
AGE = 87.75
# Unique per run: a shared Redis (CI's second pass) must not answer it from an earlier run's cache,
# or no agent would be called and there would be nothing to trace.
COMPLAINT = ("crushing chest pain radiating to my left jaw since breakfast, sweaty and breathless, "
             f"visit {uuid.uuid4().hex[:10]}")
MEDICATIONS = ["warfarin", "sertraline"]
PATIENT_REQUEST = {
    "patient": {"age_years": AGE, "sex": "SEX_MALE", "medications": MEDICATIONS,
                "history": ["atrial fibrillation"]},
    "complaint": COMPLAINT,
    "vitals": {"heart_rate": 117, "systolic_bp": 93},
}
SECRETS = [COMPLAINT, "left jaw", "since breakfast", "breathless", *MEDICATIONS, str(AGE)]


class Collector:
    """An OTLP/gRPC trace collector that keeps every span it is sent."""

    def __init__(self):
        from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc

        collector = self

        class Servicer(trace_service_pb2_grpc.TraceServiceServicer):
            def Export(self, request, context):
                collector.add(request)
                return trace_service_pb2.ExportTraceServiceResponse()

        self.spans: list[dict] = []
        self.lock = threading.Lock()
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        trace_service_pb2_grpc.add_TraceServiceServicer_to_server(Servicer(), self.server)
        self.port = self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()

    def add(self, request) -> None:
        from google.protobuf.json_format import MessageToDict

        rows = []
        for resource_spans in request.resource_spans:
            service = next(a.value.string_value for a in resource_spans.resource.attributes
                           if a.key == "service.name")
            for scope in resource_spans.scope_spans:
                for span in scope.spans:
                    rows.append({"service": service, "name": span.name, "trace_id": span.trace_id.hex(),
                                 "span_id": span.span_id.hex(), "parent": span.parent_span_id.hex(),
                                 "kind": span.kind, "raw": json.dumps(MessageToDict(span))})
        with self.lock:
            self.spans.extend(rows)


@pytest.fixture(scope="module")
def observed(tmp_path_factory):
    collector = Collector()
    state = tmp_path_factory.mktemp("observed-mesh")
    env = {"HEALTHMESH_OTLP_ENDPOINT": f"http://127.0.0.1:{collector.port}", "OTEL_BSP_SCHEDULE_DELAY": "100"}
    mesh = start_mesh(state, extra_env=env)
    try:
        status, body = mesh.post("/v1/diagnose", PATIENT_REQUEST)
        assert status == 200, body
        bad = dict(PATIENT_REQUEST, evidence=[{"code": "ddxplus:NOPE", "presence": "PRESENCE_PRESENT"}])
        assert mesh.post("/v1/diagnose", bad)[0] == 400
        yield mesh, collector, body
    finally:
        stop_mesh(mesh)
        collector.server.stop(0)


def wait_for(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def metrics_text(mesh, service: str) -> str:
    port = mesh.state()["ports"]["metrics"][service]
    return urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()


def test_one_trace_spans_the_gateway_and_every_agent(observed):
    mesh, collector, body = observed

    def diagnose_span():
        with collector.lock:
            return next((s for s in collector.spans if s["name"] == "gateway diagnose"), None)

    root = wait_for(diagnose_span)
    assert root, [s["name"] for s in collector.spans]
    assert root["service"] == "healthmesh-gateway"

    def by_trace():
        with collector.lock:
            spans = [s for s in collector.spans if s["trace_id"] == root["trace_id"]]
        served = {s["service"] for s in spans if s["kind"] == 2}  # SERVER
        # every agent's server span, and the gateway's own server span (exported after the
        # diagnose span it encloses, so it may arrive a batch later)
        parent_seen = any(s["span_id"] == root["parent"] for s in spans)
        return spans if served >= {f"healthmesh-{a}" for a in AGENTS} and parent_seen else None

    spans = wait_for(by_trace)
    assert spans, sorted({(s["service"], s["name"]) for s in collector.spans})
    ids = {s["span_id"]: s for s in spans}
    # the gateway's server span for the REST request's method is the diagnose span's parent
    assert ids[root["parent"]]["name"] == "healthmesh.v1.Diagnosis/DiagnoseJson"
    calls = [s for s in spans if s["name"].startswith("call ") and s["parent"] == root["span_id"]]
    assert {c["name"] for c in calls} == {f"call {a}" for a in AGENTS}
    # each agent's server span hangs under a gateway client span under one of those calls
    for agent_span in (s for s in spans if s["kind"] == 2 and s["service"] != "healthmesh-gateway"):
        client = ids[agent_span["parent"]]
        assert client["service"] == "healthmesh-gateway" and client["kind"] == 3  # CLIENT
        assert ids[client["parent"]]["name"].startswith("call ")


def test_no_patient_data_in_any_log_line_span_or_metric(observed):
    mesh, collector, body = observed
    logs = {path.name: path.read_text(errors="replace") for path in (mesh.state_dir / "logs").glob("*.log")}
    logs["up.log"] = (mesh.state_dir / "up.log").read_text(errors="replace")
    assert {f"{s}.log" for s in (*AGENTS, "gateway", "envoy")} <= set(logs)
    assert '"event": "ready"' in logs["gateway.log"]  # the logs were captured
    lines = [(name, line) for name, text in logs.items() for line in text.splitlines()]
    assert len(lines) > 10
    for name, line in lines:
        lowered = line.lower()
        for secret in SECRETS:
            assert secret.lower() not in lowered, f"{name}: {line[:300]}"
        assert not re.search(r"age[_ a-z\"':=]{0,16}87", lowered), f"{name}: {line[:300]}"
    with collector.lock:
        raw_spans = [s["raw"].lower() for s in collector.spans]
    assert raw_spans
    for raw in raw_spans:
        for secret in SECRETS:
            assert secret.lower() not in raw, raw[:500]
    for service in ("gateway", *AGENTS):
        text = metrics_text(mesh, service).lower()
        for secret in SECRETS:
            assert secret.lower() not in text, service


def test_analytics_count_age_bands_and_urgency_not_ages(observed):
    mesh, _, body = observed
    text = metrics_text(mesh, "gateway")
    band = re.findall(r'healthmesh_diagnoses_total\{age_band="([^"]+)",urgency="([^"]+)"\} ([0-9.]+)', text)
    assert ("80+", body["urgency"]["level"], "1.0") in band, band
    assert all(b in {"0-1", "1-4", "5-17", "18-39", "40-64", "65-79", "80+", "unknown"} for b, _, _ in band)


def test_per_rpc_per_stage_and_breaker_metrics_are_exported(observed):
    mesh, _, _ = observed
    gateway = metrics_text(mesh, "gateway")
    # POST /v1/diagnose is served by DiagnoseJson (Diagnose's answer as REST's JSON)
    assert re.search(r'healthmesh_rpc_requests_total\{code="OK",method="DiagnoseJson",service="gateway"\} [1-9]',
                     gateway), gateway[:2000]
    assert 'healthmesh_rpc_requests_total{code="INVALID_ARGUMENT",method="DiagnoseJson",service="gateway"}' in gateway
    for agent in AGENTS:
        assert f'healthmesh_breaker_state{{agent="{agent}"}} 0.0' in gateway
    assert "healthmesh_cache_lookups_total" in gateway
    # the gateway's own stages of an answer computed anew
    for stage in ("cache_lookup", "agents", "answer_json", "session_write"):
        assert re.search(rf'healthmesh_stage_latency_seconds_count\{{service="gateway",stage="{stage}"\}} [1-9]', gateway), stage
    assert 'healthmesh_stage_latency_seconds_count{service="symptom_classifier",stage="classify"}' in \
        metrics_text(mesh, "symptom_classifier")
    assert 'healthmesh_stage_latency_seconds_count{service="condition_matcher",stage="score"}' in \
        metrics_text(mesh, "condition_matcher")


async def test_in_process_diagnose_makes_a_gateway_span_with_a_child_per_agent_call(observed, kb):
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from emergency_detector.triage import RequestTriage
    from gateway.agents import AgentClient
    from gateway.coordinator import Coordinator
    from gateway.server import AGENT_STUBS
    from healthmesh.runtime import tracing
    from healthmesh.v1 import common_pb2, diagnosis_pb2

    mesh, _, _ = observed
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use_provider(provider)
    try:
        ports = mesh.state()["ports"]
        agents = {a: AgentClient(a, f"127.0.0.1:{ports[a]}", AGENT_STUBS[a]) for a in AGENTS}
        coordinator = Coordinator(agents, RequestTriage(kb), kb.version)
        request = diagnosis_pb2.DiagnoseRequest(complaint="fever and a cough for three days")
        request.patient.sex = common_pb2.SEX_FEMALE
        with tracing.span("gateway diagnose"):
            response, _ = await coordinator.diagnose(request, 2.0, "in-process")
        for client in agents.values():
            await client.close()
    finally:
        tracing.use_provider(None)
    assert response.degraded == []
    spans = exporter.get_finished_spans()
    root = next(s for s in spans if s.name == "gateway diagnose")
    children = [s for s in spans if s.parent is not None and s.parent.span_id == root.context.span_id]
    # a unary answer asks the detector once, with the differential (a stream also asks early)
    assert sorted(c.name for c in children) == sorted(
        ["call symptom_classifier", "call condition_matcher", "call treatment_retriever",
         "call emergency_detector"])
    assert all(s.context.trace_id == root.context.trace_id for s in spans)
    grandchildren = [s for s in spans if s.kind.name == "CLIENT"]
    assert len(grandchildren) >= len(children)
