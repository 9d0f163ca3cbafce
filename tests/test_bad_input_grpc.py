"""Hypothesis-generated gRPC requests straight to the gateway (no Envoy in front to filter them).

Protobuf lets a gRPC caller send what JSON cannot: enum numbers outside the enum, NaN and
infinities, NUL characters, any length. HEALTHMESH_FUZZ_CASES sets the count (default 150 here;
5000 for the reported run). Every call ends OK with an urgency level, or INVALID_ARGUMENT whose
message names the field; never INTERNAL, UNKNOWN or a timeout.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter

import grpc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from healthmesh.v1 import common_pb2, diagnosis_pb2, diagnosis_pb2_grpc

pytestmark = pytest.mark.mesh

CASES = int(os.environ.get("HEALTHMESH_FUZZ_CASES", "150"))
FIELD_MESSAGE = re.compile(r"^[a-z_][a-z0-9_]*(\[\d+\])?(\.[a-z_][a-z0-9_]*(\[\d+\])?)*: \S")
CODES = ["symptom:cough", "symptom:fever", "symptom:chest-pain", "ddxplus:E_91", "ddxplus:E_55_@_V_89",
         "ddxplus:NOPE", "symptom:", "", "E_91", "symptom:cough\x00", "ddxplus:E_91 ", "💥"]



def mostly(valid, invalid):
    """Three draws in four valid, so requests get past validation often enough to reach the agents."""
    return st.integers(0, 3).flatmap(lambda i: invalid if i == 3 else valid)


numbers = mostly(st.floats(30, 100), st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-10, 400)))
texts = st.one_of(
    st.text(max_size=80),
    st.sampled_from(["chest pain", "  ", "\x00", "fièvre et toux", "胸痛", "боль в груди", "😷🤒 cough",
                     "'; DROP TABLE sessions; --", "<script>alert(1)</script>", "{{7*7}}", "${jndi:ldap://x}",
                     "no fever but a bad cough", "\u202e\u200b\ufeff"]),
    st.builds(lambda s, n: s * n, st.sampled_from(["a", "cough ", "😷", "\x00"]), st.integers(0, 12_000)),
)
items = st.lists(st.one_of(st.text(max_size=30), st.builds(lambda n: "x" * n, st.integers(150, 260))), max_size=55)


@st.composite
def requests(draw) -> diagnosis_pb2.DiagnoseRequest:
    r = diagnosis_pb2.DiagnoseRequest(complaint=draw(mostly(st.sampled_from(
        ["chest pain and sweating", "cough and fever", "headache", "rash on my arm"]), texts)))
    if draw(st.booleans()):
        r.patient.age_years = draw(numbers)
    r.patient.sex = draw(mostly(st.integers(0, 2), st.integers(-2, 6)))
    r.patient.pregnant = draw(mostly(st.just(False), st.booleans()))
    if draw(st.booleans()):
        r.patient.pregnancy_weeks = draw(mostly(st.integers(0, 45), st.integers(-2**31, 2**31 - 1)))
    r.patient.history.extend(draw(mostly(st.lists(st.text(max_size=30), max_size=3), items)))
    r.patient.medications.extend(draw(mostly(st.lists(st.sampled_from(["warfarin", "aspirin"]), max_size=2),
                                             st.lists(st.sampled_from(["", "x" * 201, "\x00", "💊"]), max_size=4))))
    for name in ("heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2"):
        if draw(st.booleans()):
            setattr(r.vitals, name, draw(numbers))
    r.vitals.consciousness = draw(mostly(st.integers(0, 5), st.integers(-1, 8)))
    for _ in range(draw(st.integers(0, 4))):
        r.evidence.add(code=draw(mostly(st.sampled_from(CODES[:5]),
                                        st.one_of(st.sampled_from(CODES), st.text(max_size=20)))),
                       presence=draw(mostly(st.integers(0, 3), st.integers(-1, 5))))
    r.max_conditions = draw(mostly(st.integers(0, 50), st.integers(-3, 60)))
    r.request_id = draw(mostly(st.just(""), st.text(max_size=140)))
    return r


def test_generated_grpc_requests_are_answered_or_rejected_by_field(mesh):
    target = f"127.0.0.1:{mesh.state()['ports']['gateway']}"
    codes: Counter = Counter()
    fields: Counter = Counter()
    problems: list[str] = []
    started = time.monotonic()
    with grpc.insecure_channel(target) as channel:
        stub = diagnosis_pb2_grpc.DiagnosisStub(channel)

        @settings(max_examples=CASES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(request=requests())
        def run(request):
            if request.request_id:  # unique, so an earlier answer is not replayed to a new request
                request.request_id = f"{request.request_id[:100]}-{time.time_ns()}"
            try:
                reply = stub.Diagnose(request, timeout=10)
            except grpc.RpcError as err:
                codes[err.code().name] += 1
                fields[(err.details() or "").split(":", 1)[0]] += 1
                if err.code() != grpc.StatusCode.INVALID_ARGUMENT:
                    problems.append(f"{err.code().name}: {err.details()} for {str(request)[:300]!r}")
                elif not FIELD_MESSAGE.match(err.details() or ""):
                    problems.append(f"no field in {err.details()!r}")
                return
            codes["OK"] += 1
            if reply.urgency.level == common_pb2.URGENCY_UNSPECIFIED:
                problems.append(f"no urgency for {str(request)[:300]!r}")

        run()
    print(f"\ngRPC fuzz: {sum(codes.values())} calls in {time.monotonic() - started:.1f} s: {dict(codes)}; "
          f"problems {len(problems)}; rejected fields {dict(fields.most_common(8))}")
    assert sum(codes.values()) >= CASES * 0.9
    assert not problems, "\n".join(problems[:10])


def test_generated_session_and_replay_calls_never_fail_internally(mesh):
    """GetSession and Replay with generated ids, instants, page sizes and tokens."""
    target = f"127.0.0.1:{mesh.state()['ports']['gateway']}"
    cases = max(20, CASES // 5)
    codes: Counter = Counter()
    problems: list[str] = []
    instants = st.one_of(st.text(max_size=40), st.sampled_from(
        ["2026-01-01", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00+25:00", "0", "-1", "9999-12-31T23:59:59Z",
         "2026-01-01T00:00:00\x00", "NaN"]))
    with grpc.insecure_channel(target) as channel:
        stub = diagnosis_pb2_grpc.DiagnosisStub(channel)

        @settings(max_examples=cases, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(session_id=st.one_of(st.text(max_size=40), st.uuids().map(str)),
               since=instants, until=st.one_of(st.just(""), instants), page_size=st.integers(-5, 600),
               token=st.one_of(st.just(""), st.text(max_size=60)))
        def run(session_id, since, until, page_size, token):
            calls = [("GetSession", lambda: stub.GetSession(diagnosis_pb2.GetSessionRequest(session_id=session_id),
                                                            timeout=10), {"INVALID_ARGUMENT", "NOT_FOUND"}),
                     ("Replay", lambda: stub.Replay(diagnosis_pb2.ReplayRequest(
                         since=since, until=until, page_size=min(page_size, 5) if page_size > 0 else page_size,
                         page_token=token), timeout=30), {"INVALID_ARGUMENT"})]
            for name, call, allowed in calls:
                try:
                    call()
                    codes[f"{name} OK"] += 1
                except grpc.RpcError as err:
                    codes[f"{name} {err.code().name}"] += 1
                    if err.code().name not in allowed:
                        problems.append(f"{name}: {err.code().name} {err.details()}")
                    elif err.code() == grpc.StatusCode.INVALID_ARGUMENT and not FIELD_MESSAGE.match(err.details()):
                        problems.append(f"{name}: no field in {err.details()!r}")

        run()
    print(f"\nGetSession/Replay fuzz: {dict(codes)}; problems {len(problems)}")
    assert not problems, "\n".join(problems[:10])
