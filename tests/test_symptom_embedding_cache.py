"""EmbeddingCache against a real Redis: shared across processes, keyed by model checksum, and
bypassed without an error when Redis is down.

Redis: the `redis_url` fixture (tests/conftest.py), the machine's or an embedded one.
"""

from __future__ import annotations

import time
import uuid

import numpy as np
import pytest
import redis

from symptom_classifier.embedding import EmbeddingCache, EmbeddingMatcher
from symptom_classifier.encoder import load_manifest
from tests.support.redis_server import free_port, start_redis, stop_redis


@pytest.fixture()
def version(redis_url):
    """A model version of our own, so a shared Redis is left as it was found."""
    v = f"test-{uuid.uuid4().hex[:12]}"
    yield v
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"healthmesh:emb:{v}:*"))
    if keys:
        client.delete(*keys)


def _vectors(n: int, dim: int = 8) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(7)
    return {f"phrase {i}": rng.standard_normal(dim).astype(np.float32) for i in range(n)}


def test_vectors_survive_in_redis_for_another_process(redis_url, version):
    items = _vectors(5)
    EmbeddingCache(version, redis_url).put_many(items)
    fresh = EmbeddingCache(version, redis_url)  # empty in-process LRU: only Redis can answer
    got = fresh.get_many(list(items) + ["never stored"])
    assert set(got) == set(items)
    for phrase, vec in items.items():
        assert np.array_equal(got[phrase], vec)


def test_keys_carry_the_model_checksum_and_a_ttl(redis_url, version):
    EmbeddingCache(version, redis_url, ttl_seconds=600).put_many(_vectors(2))
    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(f"healthmesh:emb:{version}:*"))
    assert len(keys) == 2
    assert all(0 < client.ttl(k) <= 600 for k in keys)
    assert EmbeddingCache(f"{version}-other-model", redis_url).get_many(list(_vectors(2))) == {}


def test_matcher_encodes_each_phrase_once_across_processes(redis_url, version):
    encoder = load_manifest().encoder("int8", threads=1)
    calls: list[list[str]] = []

    def encode(phrases: list[str]) -> np.ndarray:
        calls.append(list(phrases))
        return encoder.encode(phrases)

    phrases = ["my tummy hurts", "head is pounding", "my tummy hurts"]
    first = EmbeddingMatcher(None, encode, EmbeddingCache(version, redis_url)).embed(phrases)
    assert calls == [["my tummy hurts", "head is pounding"]]  # one batch, duplicates once
    second = EmbeddingMatcher(None, encode, EmbeddingCache(version, redis_url)).embed(phrases)
    assert len(calls) == 1  # the second "process" read them from Redis
    assert np.allclose(first, second)


def test_redis_down_means_bypass_without_error(tmp_path, version):
    port = free_port()
    proc = start_redis(tmp_path / "redis", port)
    url = f"redis://127.0.0.1:{port}/0"
    cache = EmbeddingCache(version, url, retry_after_seconds=0.0)
    items = _vectors(3)
    cache.put_many(items)
    assert set(EmbeddingCache(version, url).get_many(list(items))) == set(items)
    stop_redis(proc)

    started = time.perf_counter()
    cache.put_many(_vectors(4))  # no error
    assert set(cache.get_many(list(_vectors(4)))) == set(_vectors(4))  # the in-process LRU still answers
    cold = EmbeddingCache(version, url)
    assert cold.get_many(["phrase 0", "phrase 9"]) == {}  # Redis gone: a miss, not an error
    assert time.perf_counter() - started < 5

    # a matcher over a dead Redis still embeds
    calls = []
    matcher = EmbeddingMatcher(None, lambda p: calls.append(p) or np.ones((len(p), 8), np.float32), cold)
    assert matcher.embed(["anything at all"]).shape == (1, 8)
    assert calls == [["anything at all"]]


def test_no_redis_configured_is_an_lru():
    cache = EmbeddingCache("v", None, size=2)
    items = _vectors(3)
    cache.put_many(items)
    assert set(cache.get_many(list(items))) == {"phrase 1", "phrase 2"}  # the oldest was evicted
