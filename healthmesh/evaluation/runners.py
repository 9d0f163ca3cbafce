"""Ways to get answers for request bodies: the REST API (a small thread pool) or in process.

Both return dicts shaped like the REST `DiagnoseResponse` (only the fields the metrics read:
`conditions[].{id, name, icd10, probability}` and `urgency.level`), or {"error": "..."}.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

DIAGNOSE_PATH = "/v1/diagnose"


class RestRunner:
    def __init__(self, url: str, concurrency: int = 4, timeout: float = 30.0):
        self.url = url.rstrip("/")
        self.concurrency = max(1, concurrency)
        self.timeout = timeout
        self.name = f"REST {self.url}"

    def one(self, body: dict) -> dict:
        request = urllib.request.Request(
            self.url + DIAGNOSE_PATH, data=json.dumps(body).encode(), method="POST",
            headers={"content-type": "application/json"})
        for attempt in range(3):
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as err:
                detail = err.read().decode(errors="replace")[:300]
                if err.code in (429, 503) and attempt < 2:  # rate limited / overloaded: back off
                    time.sleep(0.2 * (attempt + 1))
                    continue
                return {"error": f"HTTP {err.code}: {detail}"}
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                if attempt < 2:
                    time.sleep(0.2 * (attempt + 1))
                    continue
                return {"error": f"{type(err).__name__}: {err}"}
        return {"error": "no answer"}

    def run(self, bodies: Sequence[dict]) -> list[dict]:
        with ThreadPoolExecutor(self.concurrency) as pool:
            return list(pool.map(self.one, bodies))


class InProcessRunner:
    """The same engines without RPC (healthmesh/pipeline.py)."""

    name = "in-process"

    def __init__(self):
        try:
            from healthmesh.pipeline import InProcessPipeline
        except ImportError:  # a worktree without every engine yet: diagnose without treatments
            self.pipeline = _TriageAndMatch()
        else:
            self.pipeline = InProcessPipeline()

    def one(self, body: dict) -> dict:
        from healthmesh.errors import InvalidArgument

        patient, complaint, evidence, vitals, limit = request_from_body(body)
        try:
            answer = self.pipeline.diagnose(patient, complaint, evidence, vitals, max_conditions=limit)
        except InvalidArgument as err:
            return {"error": f"invalid argument: {err}"}
        return {
            "urgency": {"level": "URGENCY_" + answer.urgency.level.name},
            "conditions": [{"id": x.id, "name": x.name, "icd10": x.icd10, "probability": x.probability}
                           for x in answer.conditions],
        }

    def run(self, bodies: Sequence[dict]) -> list[dict]:
        return [self.one(b) for b in bodies]


def request_from_body(body: dict):
    """A REST DiagnoseRequest body -> the pipeline's plain arguments."""
    from healthmesh import clinical as c

    p = body.get("patient") or {}
    patient = c.Patient(
        age_years=p.get("age_years"), sex=c.Sex[p.get("sex", "SEX_UNSPECIFIED").removeprefix("SEX_")],
        pregnant=bool(p.get("pregnant", False)), history=tuple(p.get("history", ())),
        medications=tuple(p.get("medications", ())), allergies=tuple(p.get("allergies", ())))
    evidence = [c.EvidenceInput(code=e["code"], presence=c.Presence[e.get("presence", "PRESENCE_PRESENT")
                                                                   .removeprefix("PRESENCE_")])
                for e in body.get("evidence", ())]
    v = dict(body.get("vitals") or {})
    if "consciousness" in v:
        v["consciousness"] = c.Consciousness[str(v["consciousness"]).removeprefix("CONSCIOUSNESS_")]
    vitals = c.Vitals(**v)
    return patient, body.get("complaint", ""), evidence, vitals, int(body.get("max_conditions") or 10)


class _TriageAndMatch:
    """healthmesh/pipeline.py's order (triage, classify, match, re-triage) without treatments."""

    def __init__(self):
        from condition_matcher.engine import ConditionMatcher
        from emergency_detector.triage import RequestTriage
        from knowledge.kb import load_kb

        kb = load_kb()
        self.triage = RequestTriage(kb)
        self.classifier = self.triage.classifier
        self.matcher = ConditionMatcher(kb)

    def diagnose(self, patient, complaint="", evidence=(), vitals=None, max_conditions=10):
        from types import SimpleNamespace

        from emergency_detector.triage import highest, merge_text_facts
        from healthmesh import clinical as c

        vitals = vitals or c.Vitals()
        first = self.triage.assess_request(patient, vitals, text=complaint, evidence=evidence)
        read = self.classifier.classify(complaint, evidence)
        patient, vitals = merge_text_facts(patient, vitals, read)
        conditions = self.matcher.rank(patient, read.findings, max_conditions=max_conditions)
        second = self.triage.detector.assess(patient, vitals, read.findings, conditions)
        return SimpleNamespace(urgency=highest(first, second), findings=read.findings, conditions=conditions)
