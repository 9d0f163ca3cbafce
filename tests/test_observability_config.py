"""Monitoring as code: the ServiceMonitor, PrometheusRule and Grafana dashboard are structurally
sound and speak only of metrics the services really export; tracing is a no-op unless configured;
stage timers and analytics bands behave."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MONITORING = ROOT / "k8s" / "monitoring"
sys.path.insert(0, str(ROOT / "scripts"))

import kustomize_lite  # noqa: E402

METRIC_DEFINITION = re.compile(r'(?:Counter|Gauge|Histogram|Summary)\(\s*"(healthmesh_[a-z0-9_]+)"')
PROMQL_WORDS = {"sum", "by", "rate", "increase", "histogram_quantile", "max", "min", "avg", "without",
                "le", "on", "ignoring", "and", "or", "unless", "count", "bool", "offset"}


def exported_metrics() -> set[str]:
    """Every metric family the code defines, with the series names Prometheus derives from them."""
    names: set[str] = set()
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        for name in METRIC_DEFINITION.findall(path.read_text(errors="replace")):
            names |= {name, f"{name}_bucket", f"{name}_count", f"{name}_sum"}
    return names


def metric_names(expr: str) -> set[str]:
    without_strings = re.sub(r'"[^"]*"', '""', expr)
    without_labels = re.sub(r"\{[^}]*\}", "", without_strings)
    return {w for w in re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", without_labels)
            if w.startswith("healthmesh")}


def balanced(expr: str) -> bool:
    depth = 0
    for char in re.sub(r'"[^"]*"', "", expr):
        depth += {"(": 1, ")": -1, "{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.fixture(scope="module")
def monitoring():
    return {(d["kind"], d["metadata"]["name"]): d for d in kustomize_lite.build(MONITORING)}


def test_the_code_defines_the_metrics_the_alerts_need():
    needed = {"healthmesh_rpc_requests_total", "healthmesh_rpc_latency_seconds", "healthmesh_breaker_state",
              "healthmesh_degraded_total", "healthmesh_session_writes_total", "healthmesh_outbox_pending",
              "healthmesh_cache_lookups_total", "healthmesh_stage_latency_seconds",
              "healthmesh_deadline_exceeded_total", "healthmesh_diagnoses_total"}
    assert needed <= exported_metrics()


def test_service_monitor_scrapes_every_service_metrics_port(monitoring):
    monitor = monitoring[("ServiceMonitor", "healthmesh")]
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    selector = monitor["spec"]["selector"]["matchLabels"]
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] == "metrics" and endpoint["honorLabels"] is True
    assert re.fullmatch(r"\d+s", endpoint["interval"])
    services = [d for d in kustomize_lite.build(ROOT / "k8s" / "overlays" / "prod") if d["kind"] == "Service"]
    scraped = {s["metadata"]["name"] for s in services if selector.items() <= s["metadata"]["labels"].items()}
    assert scraped == {"gateway", "symptom-classifier", "emergency-detector", "condition-matcher",
                       "treatment-retriever"}
    for service in services:
        if service["metadata"]["name"] in scraped:
            assert "metrics" in {p["name"] for p in service["spec"]["ports"]}


def test_prometheus_rule_is_sound_and_covers_the_failure_modes(monitoring):
    rule = monitoring[("PrometheusRule", "healthmesh")]
    assert rule["apiVersion"] == "monitoring.coreos.com/v1"
    known = exported_metrics()
    alerts = {}
    records = set()
    for group in rule["spec"]["groups"]:
        assert set(group) <= {"name", "rules", "interval"}
        for entry in group["rules"]:
            assert ("alert" in entry) != ("record" in entry), entry
            expr = entry["expr"]
            assert balanced(expr), expr
            names = metric_names(expr)
            assert names, expr
            unknown = {n for n in names if n not in known and n not in records}
            assert not unknown, f"{entry.get('alert') or entry.get('record')}: unknown metrics {unknown}"
            if "record" in entry:
                assert re.fullmatch(r"[a-z_]+:[a-z_0-9]+:[a-z0-9_]+", entry["record"])
                records.add(entry["record"])
                continue
            assert set(entry) <= {"alert", "expr", "for", "labels", "annotations", "keep_firing_for"}
            assert entry["labels"]["severity"] in {"page", "warn"}
            assert entry["annotations"]["summary"] and entry["annotations"]["description"]
            if "for" in entry:
                assert re.fullmatch(r"\d+[smh]", entry["for"])
            alerts[entry["alert"]] = expr
    assert "healthmesh_rpc_requests_total" in alerts["HealthmeshHighErrorRate"]
    assert "healthmesh_rpc_latency_seconds_bucket" in alerts["HealthmeshHighLatency"]
    assert re.search(r"healthmesh_breaker_state\)?\s*==\s*2", alerts["HealthmeshBreakerOpen"])
    assert 'outcome="failed"' in alerts["HealthmeshSessionWritesLost"]
    assert "healthmesh_outbox_pending" in alerts["HealthmeshOutboxBacklog"]


def test_grafana_dashboard_is_valid_and_uses_known_metrics(monitoring):
    config_map = monitoring[("ConfigMap", "healthmesh-grafana-dashboard")]
    assert config_map["metadata"]["labels"]["grafana_dashboard"] == "1"
    dashboard = json.loads(config_map["data"]["healthmesh-dashboard.json"])
    assert dashboard["uid"] and dashboard["title"] and dashboard["schemaVersion"] >= 30
    panels = dashboard["panels"]
    assert len({p["id"] for p in panels}) == len(panels) >= 10
    known = exported_metrics()
    shown = set()
    for panel in panels:
        assert {"h", "w", "x", "y"} <= set(panel["gridPos"]) and panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24
        for target in panel["targets"]:
            assert balanced(target["expr"]), target["expr"]
            names = metric_names(target["expr"])
            assert names and names <= known, (panel["title"], names - known)
            shown |= names
    for family in ("healthmesh_rpc_requests_total", "healthmesh_breaker_state", "healthmesh_stage_latency_seconds_bucket",
                   "healthmesh_cache_lookups_total", "healthmesh_degraded_total", "healthmesh_diagnoses_total"):
        assert family in shown, family


# --- runtime pieces ------------------------------------------------------------------------------------


def test_age_bands_never_reveal_an_age():
    from healthmesh.runtime.metrics import age_band

    assert [age_band(a) for a in (None, 0.5, 3, 12, 25, 58, 70, 87.75)] == \
        ["unknown", "0-1", "1-4", "5-17", "18-39", "40-64", "65-79", "80+"]


def test_stage_timers_record_named_stages():
    from prometheus_client import REGISTRY

    from healthmesh.runtime.metrics import TimedMethods, timed

    class Tokenizer:
        def encode_batch(self, phrases):
            return [p.split() for p in phrases]

        vocabulary = 3

    def count(stage: str) -> float:
        return REGISTRY.get_sample_value("healthmesh_stage_latency_seconds_count",
                                         {"service": "unit", "stage": stage}) or 0.0

    before = count("tokenise"), count("search")
    proxy = TimedMethods(Tokenizer(), "unit", {"encode_batch": "tokenise"})
    assert proxy.encode_batch(["a b"]) == [["a", "b"]] and proxy.vocabulary == 3
    assert timed("unit", "search", lambda x: x + 1)(1) == 2
    assert (count("tokenise"), count("search")) == (before[0] + 1, before[1] + 1)


def test_tracing_is_a_no_op_unless_configured(monkeypatch):
    from healthmesh.runtime import tracing

    monkeypatch.delenv("HEALTHMESH_OTLP_ENDPOINT", raising=False)
    assert tracing.configure("unit") is False
    assert not tracing.enabled()
    assert tracing.server_interceptors() == [] and tracing.client_interceptors() == []
    with tracing.span("nothing", agent="x") as span:
        span.set_attribute("k", 1)  # accepted and dropped


async def test_trace_context_travels_in_grpc_metadata():
    """A client span's context reaches the server through `traceparent`; the server span is its child."""
    import grpc
    from grpc_health.v1 import health, health_pb2, health_pb2_grpc
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    from healthmesh.runtime import tls, tracing

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use_provider(provider)
    seen: list[str] = []
    original = tracing.TRACED_PREFIX
    try:
        tracing.TRACED_PREFIX = "/grpc.health."  # trace the health service for this test

        class Recording(health.aio.HealthServicer):
            async def Check(self, request, context):
                seen.append(dict(context.invocation_metadata()).get("traceparent", ""))
                return await super().Check(request, context)

        server = grpc.aio.server(interceptors=tracing.server_interceptors())
        servicer = Recording()
        health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
        port = server.add_insecure_port("127.0.0.1:0")
        await server.start()
        channel = tls.aio_channel(f"127.0.0.1:{port}", None)
        with tracing.span("caller") as caller:
            await health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
        await channel.close()
        await server.stop(0)
    finally:
        tracing.TRACED_PREFIX = original
        tracing.use_provider(None)
    spans = {s.name: s for s in exporter.get_finished_spans()}
    trace_id = f"{caller.get_span_context().trace_id:032x}"
    assert seen and seen[0].split("-")[1] == trace_id
    client = [s for s in exporter.get_finished_spans() if s.kind.name == "CLIENT"][0]
    server_span = [s for s in exporter.get_finished_spans() if s.kind.name == "SERVER"][0]
    assert client.parent.span_id == spans["caller"].context.span_id
    assert server_span.parent.span_id == client.context.span_id
    assert server_span.attributes["rpc.method"] == "Check"
