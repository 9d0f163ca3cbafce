"""Gateway parts that need no processes: the breaker, request validation, the cache key."""

from __future__ import annotations

import json

import pytest

from gateway.breaker import CircuitBreaker, State
from gateway.cache import request_key
from emergency_detector.triage import highest
from gateway.validation import validate_request
from healthmesh import clinical
from healthmesh.errors import InvalidArgument
from healthmesh.v1 import common_pb2, diagnosis_pb2


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_breaker_opens_after_failures_and_probes_after_reset():
    clock = FakeClock()
    breaker = CircuitBreaker("x", failure_threshold=3, reset_seconds=1.0, clock=clock)
    for _ in range(3):
        assert breaker.allow()
        breaker.failure()
    assert breaker.state == State.OPEN and not breaker.allow()
    clock.now = 1.5
    assert breaker.state == State.HALF_OPEN
    assert breaker.allow() and not breaker.allow()  # one probe at a time
    breaker.success()
    assert breaker.state == State.CLOSED and breaker.allow()


def test_breaker_reopens_when_the_probe_fails():
    clock = FakeClock()
    breaker = CircuitBreaker("x", failure_threshold=1, reset_seconds=1.0, clock=clock)
    breaker.failure()
    clock.now = 2
    assert breaker.allow()
    breaker.failure()
    assert breaker.state == State.OPEN


def request(**kwargs) -> diagnosis_pb2.DiagnoseRequest:
    r = diagnosis_pb2.DiagnoseRequest(complaint=kwargs.pop("complaint", "cough"))
    for k, v in kwargs.items():
        obj, _, attr = k.partition("__")
        setattr(getattr(r, obj), attr, v)
    return r


@pytest.mark.parametrize("kwargs, field", [
    ({"patient__age_years": -1}, "patient.age_years"),
    ({"patient__age_years": float("nan")}, "patient.age_years"),
    ({"vitals__heart_rate": 900}, "vitals.heart_rate"),
    ({"vitals__temperature_c": 98.6}, "vitals.temperature_c"),
    ({"complaint": "x" * 10_001}, "complaint"),
    ({"complaint": ""}, "complaint"),
])
def test_validation_names_the_field(kb, kwargs, field):
    with pytest.raises(InvalidArgument) as err:
        validate_request(request(**kwargs), kb)
    assert err.value.field == field


def test_pregnant_male_is_rejected(kb):
    r = request()
    r.patient.sex = common_pb2.SEX_MALE
    r.patient.pregnant = True
    with pytest.raises(InvalidArgument) as err:
        validate_request(r, kb)
    assert err.value.field == "patient.pregnant"


@pytest.mark.parametrize("weeks, sex", [(46, common_pb2.SEX_FEMALE), (-1, common_pb2.SEX_UNSPECIFIED),
                                        (20, common_pb2.SEX_MALE)])
def test_bad_pregnancy_weeks_are_rejected(kb, weeks, sex):
    r = request()
    r.patient.sex = sex
    r.patient.pregnancy_weeks = weeks
    with pytest.raises(InvalidArgument) as err:
        validate_request(r, kb)
    assert err.value.field == "patient.pregnancy_weeks"


def test_unknown_evidence_code_is_rejected_with_its_index(kb):
    r = diagnosis_pb2.DiagnoseRequest()
    r.evidence.add(code="ddxplus:E_91")
    r.evidence.add(code="symptom:not-a-thing")
    with pytest.raises(InvalidArgument) as err:
        validate_request(r, kb)
    assert err.value.field == "evidence[1].code"


def test_cache_key_ignores_request_id_but_not_content_or_versions():
    a = request(complaint="cough")
    b = request(complaint="cough")
    b.request_id = "other"
    assert request_key(a, "kb1", "m1") == request_key(b, "kb1", "m1")
    assert request_key(a, "kb1", "m1") != request_key(a, "kb2", "m1")
    assert request_key(a, "kb1", "m1") != request_key(request(complaint="fever"), "kb1", "m1")


def test_highest_keeps_the_more_urgent_level_and_all_reasons():
    low = clinical.UrgencyAssessment(clinical.Urgency.CONSULTATION, ("a",), "see a doctor", news2=1)
    high = clinical.UrgencyAssessment(clinical.Urgency.EMERGENCY, ("b",), "go now")
    merged = highest(low, high)
    assert merged.level == clinical.Urgency.EMERGENCY
    assert merged.reasons == ("b", "a") and merged.news2 == 1


def test_a_memoised_answer_json_is_its_dict_with_this_requests_ids():
    from gateway.memo import AnswerMemo, answer_body_json, answer_dict, answer_json

    memo = AnswerMemo()
    as_dict = {"session_id": "first", "request_id": "r-1", "urgency": {"level": "URGENCY_CONSULTATION"},
               "explanation": "caf\u00e9 \"quoted\"\n"}
    memo.put("k", diagnosis_pb2.DiagnoseResponse(), as_dict, answer_body_json(as_dict))
    entry = memo.get("k")
    cached_dict, body = entry.as_dict, entry.body_json
    for request_id in ("", "r-\"2\""):
        assert json.loads(answer_json(body, "second", request_id)) == answer_dict(cached_dict, "second", request_id)
    assert json.loads(answer_json(answer_body_json({"session_id": "x"}), "y", "")) == {"session_id": "y"}


def test_an_answers_rest_json_is_the_transcoders_json_with_this_requests_ids():
    from google.protobuf import json_format

    from gateway.memo import rest_answer_json, rest_body_json

    response = diagnosis_pb2.DiagnoseResponse(session_id="first", request_id="r-1", explanation="caf\u00e9 \"q\"")
    response.urgency.level = common_pb2.URGENCY_CONSULTATION
    response.conditions.add(id="c", probability=0.25)
    body = rest_body_json(response)
    for request_id in ("", "r-\"2\""):
        expected = diagnosis_pb2.DiagnoseResponse()
        expected.CopyFrom(response)
        expected.session_id, expected.request_id = "second", request_id
        assert json.loads(rest_answer_json(body, "second", request_id)) == json_format.MessageToDict(
            expected, preserving_proto_field_name=True, always_print_fields_with_no_presence=True)


def test_a_session_records_outbox_json_is_its_dict_with_payloads_encoded_once():
    from gateway.sessions import SessionRecord

    record = SessionRecord("s", "r", "kb")
    record.add("request_received", {"request": {"complaint": "b\u0000c \u2603"}})
    record.add("response_sent", {"session_id": "s", "n": [1, 2.5, None, True]}, '{"session_id":"s","n":[1,2.5,null,true]}')
    record.add("timing", {"ms": 1.5})
    assert json.loads(record.to_json()) == json.loads(json.dumps(record.to_dict()))
    assert [json.loads(t) for t in record.payload_texts()] == [p for _, p, _ in record.events]
