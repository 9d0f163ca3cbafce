"""Concurrent calls of one agent method share RPCs when the mesh is busy.

A Python gRPC call costs the gateway and the agent about as much CPU as the agent's own work
(bench/README.md), so under load the calls waiting for an agent leave together as one batch RPC
(`AssessBatch` and the like), paying that overhead once for many diagnoses.

At most `max_in_flight` RPCs per agent method are outstanding. A call that finds a free slot goes
out at once, alone, as the plain unary RPC: an idle mesh behaves exactly as it would without
batching and no call waits for a timer. Calls that arrive while every slot is busy wait; when a
slot frees, up to `max_batch` of them leave in one batch RPC. Each call keeps its own deadline
(a call whose deadline passes while it waits fails alone with DEADLINE_EXCEEDED) and gets its
own answer or its own status, exactly as its unary call would have, so AgentClient's breaker
and retry treat both the same. An agent that does not know the batch RPC (UNIMPLEMENTED, e.g.
an older version during a rolling update) is then called one request at a time.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

import grpc
from prometheus_client import Histogram

from healthmesh.v1 import conditions_pb2, emergency_pb2, symptoms_pb2, treatments_pb2

log = logging.getLogger(__name__)

BATCH_SIZE = Histogram("healthmesh_agent_batch_size", "Requests per RPC the gateway sent to an agent method",
                       ["agent", "method"], buckets=(1, 2, 4, 8, 16, 32, 64))

#: agent method -> (its batch method, the batch request message)
BATCH_METHODS: dict[str, tuple[str, type]] = {
    "Classify": ("ClassifyBatch", symptoms_pb2.ClassifyBatchRequest),
    "Match": ("MatchBatch", conditions_pb2.MatchBatchRequest),
    "Assess": ("AssessBatch", emergency_pb2.AssessBatchRequest),
    "Recommend": ("RecommendBatch", treatments_pb2.RecommendBatchRequest),
}


def rpc_error(code: grpc.StatusCode, details: str) -> grpc.aio.AioRpcError:
    return grpc.aio.AioRpcError(code, grpc.aio.Metadata(), grpc.aio.Metadata(), details)


STATUS_BY_NUMBER = {code.value[0]: code for code in grpc.StatusCode}


@dataclass
class Waiting:
    request: Any
    future: asyncio.Future
    deadline: float  # the loop's clock


class BatchingCaller:
    """Call one agent method like its stub method (`await caller(request, timeout=...)`)."""

    def __init__(self, agent: str, method: str, unary: Callable[..., Awaitable], batch: Callable[..., Awaitable],
                 batch_request: type, max_in_flight: int = 2, max_batch: int = 16):
        if max_in_flight < 1 or max_batch < 1:
            raise ValueError("max_in_flight and max_batch must be at least 1")
        self.agent, self.method = agent, method
        self.unary, self.batch, self.batch_request = unary, batch, batch_request
        self.max_in_flight, self.max_batch = max_in_flight, max_batch
        self.batch_supported = True
        self.in_flight = 0
        self.waiting: deque[Waiting] = deque()
        self._tasks: set[asyncio.Task] = set()

    async def __call__(self, request, timeout: float, wait_for_ready: bool = False):
        if self.in_flight < self.max_in_flight and not self.waiting:
            self.in_flight += 1
            try:
                BATCH_SIZE.labels(self.agent, self.method).observe(1)
                return await self.unary(request, timeout=timeout, wait_for_ready=wait_for_ready)
            finally:
                self._slot_freed()
        loop = asyncio.get_running_loop()
        waiting = Waiting(request, loop.create_future(), loop.time() + timeout)
        self.waiting.append(waiting)
        try:
            return await asyncio.wait_for(waiting.future, timeout)
        except asyncio.TimeoutError:
            raise rpc_error(grpc.StatusCode.DEADLINE_EXCEEDED, "deadline passed waiting for a batch") from None

    def _slot_freed(self) -> None:
        self.in_flight -= 1
        while self.waiting and self.in_flight < self.max_in_flight:
            batch: list[Waiting] = []
            while self.waiting and len(batch) < self.max_batch:
                waiting = self.waiting.popleft()
                if not waiting.future.done():  # done: its caller's deadline already passed
                    batch.append(waiting)
            if not batch:
                return
            self.in_flight += 1
            task = asyncio.ensure_future(self._send(batch))
            self._tasks.add(task)  # a reference until it is done (the loop holds only weak ones)
            task.add_done_callback(self._tasks.discard)

    async def _send(self, batch: list[Waiting]) -> None:
        try:
            timeout = max(w.deadline for w in batch) - asyncio.get_running_loop().time()
            if timeout <= 0:
                _fail(batch, rpc_error(grpc.StatusCode.DEADLINE_EXCEEDED, "deadline passed waiting for a batch"))
            elif len(batch) == 1 or not self.batch_supported:
                await asyncio.gather(*(self._send_one(w, timeout) for w in batch))
            else:
                await self._send_batch(batch, timeout)
        except Exception as exc:  # noqa: BLE001 - never leave a caller waiting
            log.exception("batch call failed", extra={"agent": self.agent, "method": self.method})
            _fail(batch, rpc_error(grpc.StatusCode.INTERNAL, f"batch call failed: {type(exc).__name__}"))
        finally:
            self._slot_freed()

    async def _send_one(self, waiting: Waiting, timeout: float) -> None:
        BATCH_SIZE.labels(self.agent, self.method).observe(1)
        try:
            result = await self.unary(waiting.request, timeout=timeout, wait_for_ready=False)
        except grpc.aio.AioRpcError as err:
            _fail([waiting], err)
        else:
            if not waiting.future.done():
                waiting.future.set_result(result)

    async def _send_batch(self, batch: list[Waiting], timeout: float) -> None:
        BATCH_SIZE.labels(self.agent, self.method).observe(len(batch))
        try:
            reply = await self.batch(self.batch_request(requests=[w.request for w in batch]),
                                     timeout=timeout, wait_for_ready=False)
        except grpc.aio.AioRpcError as err:
            if err.code() != grpc.StatusCode.UNIMPLEMENTED:
                _fail(batch, err)
                return
            log.warning("agent has no batch method; calling it one request at a time",
                        extra={"agent": self.agent, "method": self.method})
            self.batch_supported = False
            await asyncio.gather(*(self._send_one(w, timeout) for w in batch))
            return
        if len(reply.answers) != len(batch):
            _fail(batch, rpc_error(grpc.StatusCode.INTERNAL,
                                   f"{len(reply.answers)} answers to a batch of {len(batch)}"))
            return
        for waiting, answer in zip(batch, reply.answers):
            if waiting.future.done():
                continue
            if answer.HasField("response"):
                waiting.future.set_result(answer.response)
            else:
                code = STATUS_BY_NUMBER.get(answer.error.code, grpc.StatusCode.UNKNOWN)
                waiting.future.set_exception(rpc_error(code, answer.error.message))


def _fail(batch: list[Waiting], error: grpc.aio.AioRpcError) -> None:
    for waiting in batch:
        if not waiting.future.done():
            waiting.future.set_exception(error)
