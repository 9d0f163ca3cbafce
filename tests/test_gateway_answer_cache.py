"""The gateway's answer cache (gateway/cache.py) against a real Redis: concurrent lookups share
round trips and each gets its own answer; queued writes all land; a dead Redis is a miss."""

from __future__ import annotations

import asyncio
import uuid

import redis

from gateway.cache import ResponseCache
from healthmesh.v1 import diagnosis_pb2
from tests.support.redis_server import free_port


def _answer(n: int) -> diagnosis_pb2.DiagnoseResponse:
    return diagnosis_pb2.DiagnoseResponse(session_id=f"s{n}", explanation=f"answer {n}")


def _commands(url: str, name: str) -> int:
    stats = redis.Redis.from_url(url).info("commandstats")
    return int(stats.get(f"cmdstat_{name}", {}).get("calls", 0))


def test_concurrent_lookups_share_reads_and_each_gets_its_own_answer(redis_url):
    prefix = f"healthmesh:test:{uuid.uuid4().hex}"
    keys = [f"{prefix}:{n}" for n in range(12)]

    async def run():
        cache = ResponseCache(redis_url)
        try:
            for n, key in enumerate(keys[:6]):  # half the keys hold an answer
                cache.put_soon(key, _answer(n))
            await cache.flush()
            gets, mgets = _commands(redis_url, "get"), _commands(redis_url, "mget")
            found = await asyncio.gather(*(cache.get(key) for key in keys))
            return found, _commands(redis_url, "get") - gets, _commands(redis_url, "mget") - mgets
        finally:
            await cache.close()
            redis.Redis.from_url(redis_url).delete(*keys)

    found, gets, mgets = asyncio.run(run())
    assert [a.explanation if a else None for a in found] == [f"answer {n}" for n in range(6)] + [None] * 6
    # the first lookup goes alone; the eleven queued behind it leave together
    assert gets >= 1 and mgets >= 1 and gets + mgets < len(keys)


def test_queued_writes_land_with_their_ttl(redis_url):
    prefix = f"healthmesh:test:{uuid.uuid4().hex}"
    keys = [f"{prefix}:{n}" for n in range(20)]

    async def run():
        cache = ResponseCache(redis_url, ttl_seconds=600)
        for n, key in enumerate(keys):
            cache.put_soon(key, _answer(n))
        await cache.close()

    asyncio.run(run())
    client = redis.Redis.from_url(redis_url)
    try:
        for n, key in enumerate(keys):
            assert diagnosis_pb2.DiagnoseResponse.FromString(client.get(key)).explanation == f"answer {n}"
            assert 0 < client.ttl(key) <= 600
    finally:
        client.delete(*keys)


def test_a_dead_redis_is_a_miss_not_an_error():
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there

    async def run():
        cache = ResponseCache(url)
        cache.put_soon("k0", _answer(0))
        found = await asyncio.gather(*(cache.get(f"k{n}") for n in range(5)))
        await cache.close()
        return found

    assert asyncio.run(run()) == [None] * 5
