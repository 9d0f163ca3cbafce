"""The real mesh end to end: Envoy REST and gRPC, the stream, sessions, bad input, degraded answers."""

from __future__ import annotations

import os
import signal
import time

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from healthmesh.v1 import common_pb2, diagnosis_pb2, diagnosis_pb2_grpc

pytestmark = pytest.mark.mesh

CHEST_PAIN = {
    "patient": {"age_years": 58, "sex": "SEX_MALE"},
    "complaint": "crushing chest pain and sweating for an hour, short of breath",
}
ACS_CODES = ("I20", "I21", "I22", "I24")


def test_rest_diagnose_chest_pain_is_an_emergency_with_acs_in_top_five(mesh):
    status, body = mesh.post("/v1/diagnose", CHEST_PAIN)
    assert status == 200, body
    assert body["urgency"]["level"] in ("URGENCY_EMERGENCY", "URGENCY_EMERGENCY_AMBULANCE")
    assert body["urgency"]["reasons"]
    top5 = body["conditions"][:5]
    acs = [c for c in top5 if c["icd10"].startswith(ACS_CODES)]
    assert acs, [(c["name"], c["icd10"]) for c in top5]
    assert acs[0]["supporting"], acs[0]
    assert body["degraded"] == []
    assert body["disclaimer"] and body["kb_version"] and body["session_id"]
    codes = {f["code"] for f in body["findings"]}
    assert "symptom:chest-pain" in codes or "symptom:sharp-chest-pain" in codes


def test_rest_prints_primitive_fields_and_enum_names(mesh):
    status, body = mesh.post("/v1/diagnose", {"complaint": "runny nose and sneezing"})
    assert status == 200, body
    for key in ("session_id", "urgency", "findings", "conditions", "treatments", "interactions",
                "next_steps", "explanation", "degraded", "kb_version", "disclaimer"):
        assert key in body, key
    assert body["urgency"]["level"].startswith("URGENCY_")


def test_rest_json_is_what_the_transcoder_prints_for_the_same_answer(mesh):
    """POST /v1/diagnose's JSON is built by the gateway (DiagnoseJson), not printed by Envoy: it
    must equal Envoy's own printing of that answer, which GET /v1/sessions/{id} returns as
    `response`, for a new answer, a cached one, one without a request_id and an idempotent retry."""
    request = dict(CHEST_PAIN, patient={"age_years": 58 + (time.time_ns() % 10_000) / 100_000, "sex": "SEX_MALE"})
    first_id = f"json-{time.time_ns()}"
    answers = [mesh.post("/v1/diagnose", dict(request, request_id=first_id)),  # computed
               mesh.post("/v1/diagnose", dict(request, request_id=first_id + "-b")),  # cached
               mesh.post("/v1/diagnose", request),  # cached, no request_id
               mesh.post("/v1/diagnose", dict(request, request_id=first_id))]  # the stored answer again
    for status, body in answers:
        assert status == 200, body
        status, session = mesh.get(f"/v1/sessions/{body['session_id']}")
        assert status == 200, session
        assert body == session["response"]
    assert answers[2][1]["request_id"] == ""
    assert answers[3][1] == answers[0][1]


def test_grpc_diagnose_through_envoy(mesh):
    with grpc.insecure_channel(mesh.grpc_target) as channel:
        stub = diagnosis_pb2_grpc.DiagnosisStub(channel)
        request = diagnosis_pb2.DiagnoseRequest(complaint="fever, stiff neck and a bad headache")
        request.patient.age_years = 19
        request.patient.sex = common_pb2.SEX_FEMALE
        reply = stub.Diagnose(request, timeout=5)
    assert reply.urgency.level >= common_pb2.URGENCY_EMERGENCY
    assert reply.conditions and all(c.icd10 for c in reply.conditions)


def test_reflection_lists_the_services(mesh):
    with grpc.insecure_channel(mesh.grpc_target) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        replies = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]),
                                            timeout=5)
        names = {s.name for r in replies for s in r.list_services_response.service}
    assert {"healthmesh.v1.Diagnosis", "healthmesh.v1.SymptomClassifier"} <= names


def test_stream_sends_urgency_first_then_the_rest(mesh):
    updates = mesh.stream("/v1/diagnose:stream", CHEST_PAIN)
    stages = [u["stage"] for u in updates]
    assert stages[0] == "urgency", stages
    assert stages[-1] == "complete"
    assert {"findings", "conditions", "treatments"} <= set(stages)
    assert updates[-1]["response"]["conditions"]


def test_session_is_stored_as_events(mesh):
    status, body = mesh.post("/v1/diagnose", CHEST_PAIN)
    assert status == 200
    status, session = mesh.get(f"/v1/sessions/{body['session_id']}")
    assert status == 200, session
    kinds = [e["kind"] for e in session["events"]]
    assert kinds[0] == "request_received" and kinds[-1] == "response_sent"
    assert session["response"]["urgency"]["level"] == body["urgency"]["level"]


def test_request_id_makes_a_retry_idempotent(mesh):
    request = dict(CHEST_PAIN, request_id=f"retry-{time.time_ns()}")
    _, first = mesh.post("/v1/diagnose", request)
    _, second = mesh.post("/v1/diagnose", request)
    assert first["session_id"] == second["session_id"]


@pytest.mark.parametrize("body, field", [
    ({"complaint": "cough", "patient": {"age_years": 400}}, "patient.age_years"),
    ({"complaint": "cough", "vitals": {"spo2": 180}}, "vitals.spo2"),
    ({"evidence": [{"code": "ddxplus:E_91"}, {"code": "ddxplus:NOPE"}]}, "evidence[1].code"),
    ({"complaint": "   "}, "complaint"),
    ({"complaint": "cough", "max_conditions": 99}, "max_conditions"),
])
def test_bad_input_is_400_naming_the_field(mesh, body, field):
    status, reply = mesh.post("/v1/diagnose", body)
    assert status == 400, reply
    assert field in str(reply), reply


def test_malformed_json_is_400(mesh):
    status, _ = mesh.post("/v1/diagnose", b'{"complaint": "cough",')
    assert status == 400


def test_unknown_session_is_404(mesh):
    status, _ = mesh.get("/v1/sessions/00000000-0000-4000-8000-000000000000")
    assert status == 404


def test_agent_rest_endpoint(mesh):
    status, body = mesh.post("/v1/symptoms:classify", {"text": "no fever but a bad cough"})
    assert status == 200, body
    presence = {f["code"]: f["presence"] for f in body["findings"]}
    assert presence.get("symptom:fever") == "PRESENCE_ABSENT"
    assert presence.get("symptom:cough") == "PRESENCE_PRESENT"


@pytest.mark.parametrize("agent", ["emergency_detector", "condition_matcher"])
def test_frozen_agent_gives_a_degraded_answer_with_urgency(mesh, agent):
    pid = mesh.pid(agent)
    os.kill(pid, signal.SIGSTOP)
    try:
        status, body = mesh.post("/v1/diagnose", dict(CHEST_PAIN, complaint=CHEST_PAIN["complaint"] + f" ({agent})"))
    finally:
        os.kill(pid, signal.SIGCONT)
    assert status == 200, body
    assert agent in body["degraded"]
    assert body["urgency"]["level"] in ("URGENCY_EMERGENCY", "URGENCY_EMERGENCY_AMBULANCE")
