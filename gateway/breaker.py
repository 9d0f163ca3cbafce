"""A circuit breaker per agent: stop calling an agent that keeps failing, probe it again later.

closed -> (failure_threshold consecutive failures) -> open -> (reset_seconds) -> half-open:
one probe call is let through; success closes the breaker, failure opens it again.
"""

from __future__ import annotations

import enum
import time

from prometheus_client import Gauge

BREAKER_STATE = Gauge("healthmesh_breaker_state", "Circuit breaker state: 0 closed, 1 half-open, 2 open", ["agent"])


class State(enum.IntEnum):
    CLOSED = 0
    HALF_OPEN = 1
    OPEN = 2


class CircuitBreaker:
    def __init__(self, agent: str, failure_threshold: int = 3, reset_seconds: float = 1.0,
                 clock=time.monotonic):
        self.agent = agent
        self.failure_threshold = failure_threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at = 0.0
        self._probe_in_flight = False
        self._state = State.CLOSED
        BREAKER_STATE.labels(agent).set(0)

    @property
    def state(self) -> State:
        if self._state == State.OPEN and self._clock() - self._opened_at >= self.reset_seconds:
            self._set(State.HALF_OPEN)
        return self._state

    def allow(self) -> bool:
        state = self.state
        if state == State.CLOSED:
            return True
        if state == State.HALF_OPEN and not self._probe_in_flight:
            self._probe_in_flight = True
            return True
        return False

    def success(self) -> None:
        self._failures = 0
        self._probe_in_flight = False
        self._set(State.CLOSED)

    def failure(self) -> None:
        self._probe_in_flight = False
        self._failures += 1
        if self._state == State.HALF_OPEN or self._failures >= self.failure_threshold:
            self._opened_at = self._clock()
            self._set(State.OPEN)

    def _set(self, state: State) -> None:
        self._state = state
        BREAKER_STATE.labels(self.agent).set(int(state))
