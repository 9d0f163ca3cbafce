"""Calls to one agent: a reused channel, a deadline cut from the request's budget, a breaker."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable

import grpc
from prometheus_client import Counter, Histogram

from gateway.batching import BATCH_METHODS, BatchingCaller
from gateway.breaker import CircuitBreaker, State
from healthmesh.runtime.metrics import LATENCY_BUCKETS
from healthmesh.runtime.tls import aio_channel

log = logging.getLogger(__name__)

AGENT_CALLS = Counter("healthmesh_agent_calls_total", "Gateway calls to agents by outcome", ["agent", "outcome"])
AGENT_LATENCY = Histogram("healthmesh_agent_latency_seconds", "Gateway-observed agent latency", ["agent"],
                          buckets=LATENCY_BUCKETS)
RETRYABLE = {grpc.StatusCode.UNAVAILABLE}
MIN_ATTEMPT_SECONDS = 0.02


class AgentUnavailable(Exception):
    """The agent did not answer usefully in time: breaker open, deadline, or transport error."""

    def __init__(self, agent: str, reason: str):
        self.agent = agent
        self.reason = reason
        super().__init__(f"{agent}: {reason}")


@dataclass
class AgentCall:
    result: Any
    seconds: float
    attempts: int


class AgentClient:
    def __init__(self, agent: str, target: str, stub_factory: Callable[[grpc.aio.Channel], Any],
                 tls_dir: Path | None = None, breaker: CircuitBreaker | None = None,
                 max_in_flight: int = 0, max_batch: int = 16):
        """`max_in_flight` > 0: the agent's batchable methods (gateway/batching.py) keep at most
        that many RPCs outstanding and send the calls that wait meanwhile as batches."""
        self.agent = agent
        self.target = target
        self.channel = aio_channel(target, tls_dir)
        self.stub = stub_factory(self.channel)
        self.breaker = breaker or CircuitBreaker(agent)
        self.max_in_flight, self.max_batch = max_in_flight, max_batch
        self._rpcs: dict[str, Callable[..., Awaitable]] = {}  # method -> its stub method or BatchingCaller

    def _rpc(self, method: str) -> Callable[..., Awaitable]:
        """How `method` is called: its stub method, or, when batching, a BatchingCaller around it
        (made on first use and kept, so its count of outstanding RPCs spans every call)."""
        rpc = self._rpcs.get(method)
        if rpc is None:
            rpc = getattr(self.stub, method)
            if self.max_in_flight > 0 and method in BATCH_METHODS:
                batch_method, batch_request = BATCH_METHODS[method]
                rpc = BatchingCaller(self.agent, method, rpc, getattr(self.stub, batch_method), batch_request,
                                     self.max_in_flight, self.max_batch)
            self._rpcs[method] = rpc
        return rpc

    async def call(self, method: str, request, deadline: float) -> AgentCall:
        """Call `method` before the absolute monotonic `deadline`; one retry if time allows.

        INVALID_ARGUMENT is the caller's fault and is re-raised as is; every other failure
        counts against the breaker and surfaces as AgentUnavailable.
        """
        start = time.monotonic()
        attempts = 0
        last_reason = "no time left"
        while True:
            remaining = deadline - time.monotonic()
            if remaining < MIN_ATTEMPT_SECONDS:
                break
            if not self.breaker.allow():
                AGENT_CALLS.labels(self.agent, "breaker_open").inc()
                raise AgentUnavailable(self.agent, "circuit open")
            attempts += 1
            rpc = self._rpc(method)
            try:
                result = await rpc(request, timeout=remaining, wait_for_ready=False)
            except grpc.aio.AioRpcError as err:
                if err.code() == grpc.StatusCode.INVALID_ARGUMENT:
                    self.breaker.success()
                    raise
                self.breaker.failure()
                last_reason = err.code().name.lower()
                AGENT_CALLS.labels(self.agent, last_reason).inc()
                if err.code() in RETRYABLE and attempts < 2:
                    continue
                break
            else:
                self.breaker.success()
                seconds = time.monotonic() - start
                AGENT_CALLS.labels(self.agent, "ok").inc()
                AGENT_LATENCY.labels(self.agent).observe(seconds)
                return AgentCall(result, seconds, attempts)
        raise AgentUnavailable(self.agent, last_reason)

    def idle(self, method: str) -> bool:
        """Nothing of `method` is outstanding (known only for batched methods; else False)."""
        rpc = self._rpc(method)
        return isinstance(rpc, BatchingCaller) and rpc.in_flight == 0 and not rpc.waiting

    async def warm(self, method: str, request, deadline: float) -> None:
        """Best effort, for the agent's remembered readings: no retry, no breaker, errors dropped."""
        remaining = deadline - time.monotonic()
        if remaining < MIN_ATTEMPT_SECONDS or self.breaker.state != State.CLOSED:
            return
        try:
            await self._rpc(method)(request, timeout=remaining)
        except grpc.aio.AioRpcError:
            pass

    async def close(self) -> None:
        await self.channel.close()
