"""Batched agent calls (gateway/batching.py and the agents' *Batch RPCs), against the real mesh's
agent processes: the same answers as one call each, each request's own error and deadline, and
the gateway batching a burst of concurrent diagnoses."""

from __future__ import annotations

import asyncio
import concurrent.futures
import re
import time
import urllib.request

import grpc
import pytest

from gateway.batching import BatchingCaller
from healthmesh.v1 import (common_pb2, conditions_pb2, conditions_pb2_grpc, emergency_pb2, emergency_pb2_grpc,
                           symptoms_pb2, symptoms_pb2_grpc)

pytestmark = pytest.mark.mesh

TEXTS = ["crushing chest pain and sweating", "runny nose and sneezing", "fever, stiff neck and headache",
         "itchy rash on both arms", "burning when passing urine", "sudden weakness of the left arm"]


def assess_requests() -> list[emergency_pb2.AssessRequest]:
    return [emergency_pb2.AssessRequest(text=t, patient=common_pb2.Patient(age_years=20 + 3 * i))
            for i, t in enumerate(TEXTS * 3)]


class Counting:
    """Counts the calls made through a stub method (our own client side), passing them on."""

    def __init__(self, method):
        self.method, self.sizes = method, []

    async def __call__(self, request, **kwargs):
        self.sizes.append(len(request.requests) if hasattr(request, "requests") else 1)
        return await self.method(request, **kwargs)


def run(coro):
    return asyncio.run(coro)


def detector(mesh, max_in_flight: int = 1, batch_method: str = "AssessBatch"):
    channel = grpc.aio.insecure_channel(f"127.0.0.1:{mesh.state()['ports']['emergency_detector']}")
    stub = emergency_pb2_grpc.EmergencyDetectorStub(channel)
    batch = Counting(channel.unary_unary(
        f"/healthmesh.v1.EmergencyDetector/{batch_method}",
        request_serializer=emergency_pb2.AssessBatchRequest.SerializeToString,
        response_deserializer=emergency_pb2.AssessBatchResponse.FromString))
    unary = Counting(stub.Assess)
    caller = BatchingCaller("emergency_detector", "Assess", unary, batch,
                            emergency_pb2.AssessBatchRequest, max_in_flight=max_in_flight, max_batch=8)
    caller.unary_calls = unary.sizes
    return channel, stub, caller, batch


def test_concurrent_calls_share_rpcs_and_get_their_own_answers(mesh):
    async def go():
        channel, stub, caller, batch = detector(mesh)
        async with channel:
            requests = assess_requests()
            alone = [await stub.Assess(r, timeout=5) for r in requests]
            together = await asyncio.gather(*(caller(r, timeout=5) for r in requests))
        return alone, together, batch.sizes, caller.unary_calls

    alone, together, sizes, unary_calls = run(go())
    assert together == alone
    assert sizes and max(sizes) > 1 and max(sizes) <= 8, sizes  # batches formed, none above max_batch
    assert sum(sizes) + len(unary_calls) == len(alone)  # each request sent once
    assert len(sizes) + len(unary_calls) < len(alone)  # in fewer RPCs


def test_a_bad_request_fails_alone_with_its_own_status(mesh):
    async def go():
        channel = grpc.aio.insecure_channel(f"127.0.0.1:{mesh.state()['ports']['condition_matcher']}")
        stub = conditions_pb2_grpc.ConditionMatcherStub(channel)
        caller = BatchingCaller("condition_matcher", "Match", stub.Match, stub.MatchBatch,
                                conditions_pb2.MatchBatchRequest, max_in_flight=1)
        finding = common_pb2.Finding(code="symptom:cough", presence=common_pb2.PRESENCE_PRESENT)
        good = conditions_pb2.MatchRequest(findings=[finding], max_conditions=5)
        bad = conditions_pb2.MatchRequest(findings=[finding], max_conditions=999)
        async with channel:
            results = await asyncio.gather(*(caller(r, timeout=5) for r in [good, good, bad, good]),
                                           return_exceptions=True)
        return results

    results = run(go())
    assert isinstance(results[2], grpc.aio.AioRpcError), results[2]
    assert results[2].code() == grpc.StatusCode.INVALID_ARGUMENT and "max_conditions" in results[2].details()
    for r in (results[0], results[1], results[3]):
        assert isinstance(r, conditions_pb2.MatchResponse) and r.conditions


def test_the_batch_rpc_answers_in_order_with_per_request_errors(mesh):
    with grpc.insecure_channel(f"127.0.0.1:{mesh.state()['ports']['symptom_classifier']}") as channel:
        stub = symptoms_pb2_grpc.SymptomClassifierStub(channel)
        requests = [symptoms_pb2.ClassifyRequest(text=t) for t in TEXTS]
        requests.insert(2, symptoms_pb2.ClassifyRequest(
            evidence=[common_pb2.Evidence(code="ddxplus:NOPE", presence=common_pb2.PRESENCE_PRESENT)]))
        reply = stub.ClassifyBatch(symptoms_pb2.ClassifyBatchRequest(requests=requests), timeout=10)
        assert len(reply.answers) == len(requests)
        assert reply.answers[2].WhichOneof("result") == "error"
        assert reply.answers[2].error.code == grpc.StatusCode.INVALID_ARGUMENT.value[0]
        for request, answer in zip(requests[:2] + requests[3:], reply.answers[:2] + reply.answers[3:]):
            assert answer.response == stub.Classify(request, timeout=5)


def test_a_call_whose_deadline_passes_while_waiting_fails_alone(mesh):
    async def go():
        channel, stub, caller, _ = detector(mesh)
        async with channel:
            slow_first = asyncio.ensure_future(caller(assess_requests()[0], timeout=5))
            await asyncio.sleep(0)  # it holds the one slot
            late = caller(assess_requests()[1], timeout=0.000001)
            fine = caller(assess_requests()[2], timeout=5)
            return await asyncio.gather(slow_first, late, fine, return_exceptions=True)

    first, late, fine = run(go())
    assert isinstance(first, emergency_pb2.AssessResponse) and isinstance(fine, emergency_pb2.AssessResponse)
    assert isinstance(late, grpc.aio.AioRpcError) and late.code() == grpc.StatusCode.DEADLINE_EXCEEDED


def test_an_agent_without_the_batch_method_is_called_one_request_at_a_time(mesh):
    async def go():
        channel, stub, caller, batch = detector(mesh, batch_method="NoSuchBatch")
        async with channel:
            requests = assess_requests()
            alone = [await stub.Assess(r, timeout=5) for r in requests]
            together = await asyncio.gather(*(caller(r, timeout=5) for r in requests))
            again = await asyncio.gather(*(caller(r, timeout=5) for r in requests))
        return alone, together, again, batch.sizes, caller.batch_supported

    alone, together, again, sizes, supported = run(go())
    assert together == alone and again == alone
    assert not supported and len(sizes) == 1  # tried once (UNIMPLEMENTED), then never again


def test_the_gateway_batches_a_burst_of_concurrent_diagnoses(mesh):
    def batch_counts() -> tuple[float, float]:
        port = mesh.state()["ports"]["metrics"]["gateway"]
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        found = re.findall(r'healthmesh_agent_batch_size_(sum|count)\{agent="condition_matcher",method="Match"\} '
                           r'([0-9.e+]+)', text)
        values = dict(found)
        return float(values.get("sum", 0)), float(values.get("count", 0))

    sum_before, count_before = batch_counts()
    salt = time.time_ns() % 100_000
    bodies = [{"complaint": TEXTS[i % len(TEXTS)],
               "patient": {"age_years": 30 + (salt + i) / 100_000}} for i in range(48)]
    with concurrent.futures.ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(lambda b: mesh.post("/v1/diagnose", b, timeout=30), bodies))
    assert all(status == 200 for status, _ in answers), [a for a in answers if a[0] != 200][:2]
    assert all(body["degraded"] == [] and body["urgency"]["level"] for _, body in answers)
    sum_after, count_after = batch_counts()
    assert sum_after - sum_before == len(bodies)  # every diagnosis asked the matcher once
    assert count_after - count_before < len(bodies)  # in fewer RPCs: some went together
