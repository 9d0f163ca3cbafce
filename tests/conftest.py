from __future__ import annotations

import os

import pytest

from tests.support.mesh import start_mesh, stop_mesh
from tests.support.redis_server import free_port, start_redis, stop_redis


@pytest.fixture(scope="session")
def mesh(tmp_path_factory):
    """The real mesh: embedded (or configured) PostgreSQL and Redis, four agents, gateway, Envoy."""
    state_dir = tmp_path_factory.mktemp("mesh")
    running = start_mesh(state_dir)
    yield running
    stop_mesh(running)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis: the machine's when HEALTHMESH_TEST_REDIS_URL is set, else an embedded one."""
    configured = os.environ.get("HEALTHMESH_TEST_REDIS_URL")
    if configured:
        yield configured
        return
    proc = start_redis(tmp_path_factory.mktemp("redis"), port := free_port())
    yield f"redis://127.0.0.1:{port}/0"
    stop_redis(proc)


@pytest.fixture(scope="session")
def kb():
    from knowledge.kb import load_kb

    return load_kb()


@pytest.fixture(scope="session")
def detector():
    """The emergency detector with the shipped rules."""
    from emergency_detector.engine import EmergencyDetector

    return EmergencyDetector()


@pytest.fixture(scope="session")
def served_classifier(kb):
    """The symptom classifier as the service builds it (lexical + encoder fallback)."""
    from symptom_classifier.factory import build_classifier

    return build_classifier(kb)


@pytest.fixture(scope="session")
def served(served_classifier):
    """The served classifier under the short name the triage family tests use."""
    return served_classifier
