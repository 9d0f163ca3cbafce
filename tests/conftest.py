from __future__ import annotations

import pytest

from tests.support.mesh import start_mesh, stop_mesh


@pytest.fixture(scope="session")
def mesh(tmp_path_factory):
    """The real mesh: embedded (or configured) PostgreSQL and Redis, four agents, gateway, Envoy."""
    state_dir = tmp_path_factory.mktemp("mesh")
    running = start_mesh(state_dir)
    yield running
    stop_mesh(running)


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
