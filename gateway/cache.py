"""Whole-answer cache in Redis, keyed by a canonical hash of the request and the versions.

The key covers everything that changes the answer (the request minus its idempotency key, the
knowledge-base version, the model version), so a new knowledge base never serves an old answer.
Redis being down or slow means the cache is bypassed, never an error.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging

import redis.asyncio as aioredis
from prometheus_client import Counter

from healthmesh.v1 import diagnosis_pb2

log = logging.getLogger(__name__)

CACHE_LOOKUPS = Counter("healthmesh_cache_lookups_total", "Response cache lookups by result", ["result"])
DEFAULT_TTL_SECONDS = 3600
MAX_PENDING_PUTS = 1024  # answers waiting for Redis beyond this are not cached (Redis is slow or down)


def request_key(request: diagnosis_pb2.DiagnoseRequest, kb_version: str, model_version: str) -> str:
    canonical = diagnosis_pb2.DiagnoseRequest()
    canonical.CopyFrom(request)
    canonical.request_id = ""
    body = canonical.SerializeToString(deterministic=True)
    digest = hashlib.sha256(body + b"\0" + kb_version.encode() + b"\0" + model_version.encode()).hexdigest()
    return f"healthmesh:answer:v1:{digest}"


class ResponseCache:
    def __init__(self, redis_url: str | None, ttl_seconds: int = DEFAULT_TTL_SECONDS, timeout: float = 0.05):
        self.ttl_seconds = ttl_seconds
        self._pending: list[tuple[str, diagnosis_pb2.DiagnoseResponse]] = []
        self._writer: asyncio.Task | None = None
        self._reading = False  # a read is on its way; lookups queue in _lookups meanwhile
        self._lookups: list[tuple[str, asyncio.Future]] = []
        self._reader_tasks: set[asyncio.Task] = set()
        self.client = (
            aioredis.from_url(redis_url, socket_timeout=timeout, socket_connect_timeout=timeout,
                              retry_on_timeout=False)
            if redis_url else None
        )

    async def get(self, key: str) -> diagnosis_pb2.DiagnoseResponse | None:
        """The cached answer to `key`, or None (a miss, or Redis failing: the cache is bypassed).

        One read is on its way at a time; the lookups that arrive meanwhile leave together as one
        MGET when it is back, so a busy gateway pays redis-py's per-command cost once per group
        (bench/README.md, session 19). A lone lookup goes at once, as a GET.
        """
        if self.client is None:
            return None
        if self._reading:
            future = asyncio.get_running_loop().create_future()
            self._lookups.append((key, future))
            raw = await future
        else:
            self._reading = True
            try:
                raw = (await self._read([key]))[0]
            finally:
                self._read_queued()
        if raw is None:
            return None
        return diagnosis_pb2.DiagnoseResponse.FromString(raw)

    async def _read(self, keys: list[str]) -> list[bytes | None]:
        try:
            found = [await self.client.get(keys[0])] if len(keys) == 1 else await self.client.mget(keys)
        except Exception as exc:  # noqa: BLE001 - any Redis failure means "bypass"
            CACHE_LOOKUPS.labels("error").inc(len(keys))
            log.debug("cache get bypassed", extra={"error": type(exc).__name__, "keys": len(keys)})
            return [None] * len(keys)
        hits = sum(raw is not None for raw in found)
        if hits:
            CACHE_LOOKUPS.labels("hit").inc(hits)
        if hits < len(keys):
            CACHE_LOOKUPS.labels("miss").inc(len(keys) - hits)
        return found

    def _read_queued(self) -> None:
        """The read on its way is back: send the lookups queued meanwhile, or stop reading."""
        lookups = [(key, future) for key, future in self._lookups if not future.done()]
        self._lookups.clear()
        if not lookups:
            self._reading = False
            return
        task = asyncio.ensure_future(self._answer_lookups(lookups))
        self._reader_tasks.add(task)  # a reference until it is done (the loop holds only weak ones)
        task.add_done_callback(self._reader_tasks.discard)

    async def _answer_lookups(self, lookups: list[tuple[str, asyncio.Future]]) -> None:
        try:
            found = await self._read([key for key, _ in lookups])
            for (_, future), raw in zip(lookups, found):
                if not future.done():
                    future.set_result(raw)
        finally:
            for _, future in lookups:
                if not future.done():
                    future.set_result(None)
            self._read_queued()

    def put_soon(self, key: str, response: diagnosis_pb2.DiagnoseResponse) -> None:
        """Store `response` in the background, best effort. The answers queued while one write is
        on its way leave together in one pipelined round trip: a busy gateway pays redis-py's
        per-command cost once per group (bench/README.md, session 19)."""
        if self.client is None or len(self._pending) >= MAX_PENDING_PUTS:
            return
        self._pending.append((key, response))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending())

    async def _write_pending(self) -> None:
        while self._pending:
            batch, self._pending = self._pending, []
            try:
                async with self.client.pipeline(transaction=False) as pipe:
                    for key, response in batch:
                        pipe.set(key, response.SerializeToString(), ex=self.ttl_seconds)
                    await pipe.execute()
            except Exception as exc:  # noqa: BLE001
                log.debug("cache put bypassed", extra={"error": type(exc).__name__, "answers": len(batch)})

    async def flush(self) -> None:
        """Wait until the answers queued by put_soon are written (or given up on)."""
        if self._writer is not None:
            await asyncio.gather(self._writer, return_exceptions=True)

    async def close(self) -> None:
        await self.flush()
        if self.client is not None:
            try:
                await self.client.aclose()
            except Exception:  # noqa: BLE001
                pass
