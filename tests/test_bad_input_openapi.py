"""Schemathesis against docs/openapi.yaml through Envoy: generated bodies, valid and invalid.

HEALTHMESH_FUZZ_CASES sets the total (default 300; 5000 for the reported run), spread over every
operation, half schema-conforming and half not. Never a 5xx; every 400 from a service names the
field (`<field>: <reason>`).
"""

from __future__ import annotations

import math
import os
import re
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.support.mesh import ROOT

pytestmark = pytest.mark.mesh

CASES = int(os.environ.get("HEALTHMESH_FUZZ_CASES", "300"))
FIELD_MESSAGE = re.compile(r"^[a-z_][a-z0-9_]*(\[\d+\])?(\.[a-z_][a-z0-9_]*(\[\d+\])?)*: \S")


def operations():
    import schemathesis

    schema = schemathesis.openapi.from_path(ROOT / "docs" / "openapi.yaml")
    return [result.ok() for result in schema.get_all_operations()]


def test_schemathesis_through_envoy_never_5xx(mesh):
    from schemathesis import GenerationMode

    ops = operations()
    # A body can break the schema; a bare string path parameter cannot (nothing negative to generate).
    runs = [(op, mode) for op in ops for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
            if mode == GenerationMode.POSITIVE or op.body]
    per_run = max(2, math.ceil(CASES / len(runs)))
    statuses: Counter = Counter()
    problems: list[str] = []
    skipped: list[str] = []
    started = time.monotonic()

    for op, mode in runs:
        @settings(max_examples=per_run, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(case=op.as_strategy(generation_mode=mode))
        def run(case):
            response = case.call(base_url=mesh.url, timeout=15)
            statuses[(op.path, response.status_code)] += 1
            if response.status_code >= 500:
                problems.append(f"{response.status_code} {op.method.upper()} {op.path} {case.body!r:.300} "
                                f"-> {response.text[:200]}")
            elif response.status_code == 400 and response.headers.get("content-type", [""])[0].startswith(
                    "application/json"):
                message = response.json().get("message", "")
                if not FIELD_MESSAGE.match(message):
                    problems.append(f"400 without a field: {op.path} {message[:200]}")

        try:
            run()
        except Unsatisfiable:  # e.g. no schema-violating value for a string path parameter
            skipped.append(f"{mode.name} {op.method.upper()} {op.path}")

    total = sum(statuses.values())
    by_status = Counter()
    for (_, code), n in statuses.items():
        by_status[code] += n
    print(f"\nschemathesis: {total} cases over {len(ops)} operations in {time.monotonic() - started:.1f} s; "
          f"statuses {dict(sorted(by_status.items()))}; problems {len(problems)}; not generable: {skipped}")
    assert total >= CASES * 0.95
    assert not problems, "\n".join(problems[:10])
