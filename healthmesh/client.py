"""A small gRPC client for the CLI: ask the mesh and print the answer for a person."""

from __future__ import annotations

import textwrap

import grpc
from google.protobuf import json_format

from healthmesh.v1 import common_pb2, diagnosis_pb2, diagnosis_pb2_grpc

SEXES = {"male": common_pb2.SEX_MALE, "female": common_pb2.SEX_FEMALE, None: common_pb2.SEX_UNSPECIFIED}
LEVEL_LABELS = {
    "URGENCY_SELF_CARE": "SELF-CARE",
    "URGENCY_CONSULTATION": "SEE A DOCTOR (days)",
    "URGENCY_CONSULTATION_24H": "SEE A DOCTOR WITHIN 24 HOURS",
    "URGENCY_EMERGENCY": "EMERGENCY DEPARTMENT NOW",
    "URGENCY_EMERGENCY_AMBULANCE": "CALL AN AMBULANCE NOW",
}


def build_request(complaint: str, *, age: float | None = None, sex: str | None = None, pregnant: bool = False,
                  medications=(), allergies=(), history=(), evidence=()) -> diagnosis_pb2.DiagnoseRequest:
    request = diagnosis_pb2.DiagnoseRequest(complaint=complaint)
    p = request.patient
    if age is not None:
        p.age_years = age
    p.sex = SEXES[sex]
    p.pregnant = pregnant
    p.medications.extend(medications)
    p.allergies.extend(allergies)
    p.history.extend(history)
    for code in evidence:
        request.evidence.add(code=code, presence=common_pb2.PRESENCE_PRESENT)
    return request


def diagnose(target: str, complaint: str, timeout: float = 5.0, **kwargs) -> dict:
    request = build_request(complaint, **kwargs)
    with grpc.insecure_channel(target) as channel:
        reply = diagnosis_pb2_grpc.DiagnosisStub(channel).Diagnose(request, timeout=timeout)
    return json_format.MessageToDict(reply, preserving_proto_field_name=True,
                                     always_print_fields_with_no_presence=True)


def describe_error(exc: Exception) -> str:
    if isinstance(exc, grpc.RpcError):
        code = exc.code()
        if code == grpc.StatusCode.UNAVAILABLE:
            return f"the mesh is not reachable ({exc.details()}); is `healthmesh up` running?"
        return f"{code.name}: {exc.details()}"
    return str(exc)


def render_answer(answer: dict) -> str:
    urgency = answer.get("urgency", {})
    lines = [f"URGENCY: {LEVEL_LABELS.get(urgency.get('level'), urgency.get('level'))}"]
    if urgency.get("recommended_action"):
        lines.append(f"  {urgency['recommended_action']}")
    for reason in urgency.get("reasons", [])[:5]:
        lines.append(f"  - {reason}")
    findings = answer.get("findings", [])
    if findings:
        lines.append("\nFINDINGS:")
        for f in findings:
            mark = {"PRESENCE_ABSENT": "no ", "PRESENCE_UNKNOWN": "maybe "}.get(f.get("presence"), "")
            lines.append(f"  - {mark}{f.get('name')}")
    conditions = answer.get("conditions", [])
    if conditions:
        lines.append("\nPOSSIBLE CONDITIONS:")
        for c in conditions[:5]:
            lines.append(f"  {c['probability']:6.1%}  {c['name']} ({c['icd10']})")
            for s in c.get("supporting", [])[:3]:
                lines.append(f"           + {s}")
            for s in c.get("conflicting", [])[:2]:
                lines.append(f"           - {s}")
    treatments = answer.get("treatments", [])
    if treatments:
        lines.append("\nCARE OPTIONS:")
        for t in treatments[:6]:
            warn = f"  [!] {'; '.join(t['warnings'])}" if t.get("warnings") else ""
            lines.append(f"  - {t['name']} ({t['kind']}){warn}")
    for i in answer.get("interactions", []):
        lines.append(f"\nINTERACTION ({i['severity']}): {' + '.join(i['drugs'])}: {i['advice']}")
    if answer.get("degraded"):
        lines.append(f"\nPartial answer: no reply in time from {', '.join(answer['degraded'])}.")
    if answer.get("explanation"):
        lines.append("\n" + textwrap.fill(answer["explanation"], 100))
    lines.append("\n" + textwrap.fill(answer.get("disclaimer", ""), 100))
    lines.append(f"session {answer.get('session_id')}  knowledge base {answer.get('kb_version')}")
    return "\n".join(lines)
