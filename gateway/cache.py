"""Whole-answer cache in Redis, keyed by a canonical hash of the request and the versions.

The key covers everything that changes the answer (the request minus its idempotency key, the
knowledge-base version, the model version), so a new knowledge base never serves an old answer.
Redis being down or slow means the cache is bypassed, never an error.
"""

from __future__ import annotations

import hashlib
import logging

import redis.asyncio as aioredis
from prometheus_client import Counter

from healthmesh.v1 import diagnosis_pb2

log = logging.getLogger(__name__)

CACHE_LOOKUPS = Counter("healthmesh_cache_lookups_total", "Response cache lookups by result", ["result"])
DEFAULT_TTL_SECONDS = 3600


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
        self.client = (
            aioredis.from_url(redis_url, socket_timeout=timeout, socket_connect_timeout=timeout,
                              retry_on_timeout=False)
            if redis_url else None
        )

    async def get(self, key: str) -> diagnosis_pb2.DiagnoseResponse | None:
        if self.client is None:
            return None
        try:
            raw = await self.client.get(key)
        except Exception as exc:  # noqa: BLE001 - any Redis failure means "bypass"
            CACHE_LOOKUPS.labels("error").inc()
            log.debug("cache get bypassed", extra={"error": type(exc).__name__})
            return None
        if raw is None:
            CACHE_LOOKUPS.labels("miss").inc()
            return None
        CACHE_LOOKUPS.labels("hit").inc()
        return diagnosis_pb2.DiagnoseResponse.FromString(raw)

    async def put(self, key: str, response: diagnosis_pb2.DiagnoseResponse) -> None:
        if self.client is None:
            return
        try:
            await self.client.set(key, response.SerializeToString(), ex=self.ttl_seconds)
        except Exception as exc:  # noqa: BLE001
            log.debug("cache put bypassed", extra={"error": type(exc).__name__})

    async def close(self) -> None:
        if self.client is not None:
            try:
                await self.client.aclose()
            except Exception:  # noqa: BLE001
                pass
