"""The gateway gRPC service (healthmesh.v1.Diagnosis): Diagnose, DiagnoseStream, GetSession."""

from __future__ import annotations

import argparse
import asyncio
import logging
import time
from pathlib import Path

import grpc
from google.api import httpbody_pb2

from emergency_detector.triage import RequestTriage
from gateway.agents import AgentClient
from gateway.breaker import CircuitBreaker
from gateway.cache import CACHE_LOOKUPS, ResponseCache, request_key
from gateway.coordinator import Coordinator
from gateway.memo import AnswerMemo, answer_body_json, answer_dict, answer_json, rest_answer_json, rest_body_json
from gateway.outbox import Outbox
from gateway.sessions import SessionRecord, SessionStore, message_json, new_session_id
from gateway.validation import validate_request
from healthmesh.convert import message_dict, message_dict_printed
from healthmesh.runtime.config import DEFAULT_PORTS, ServiceConfig, env
from healthmesh.runtime import tracing
from healthmesh.runtime.main import service_main
from healthmesh.runtime.metrics import DIAGNOSES, age_band, stage_timer
from healthmesh.runtime.server import AgentService
from healthmesh.storage.migrate import migrate
from healthmesh.v1 import (common_pb2, conditions_pb2_grpc, diagnosis_pb2, diagnosis_pb2_grpc, emergency_pb2_grpc,
                           symptoms_pb2_grpc, treatments_pb2_grpc)
from knowledge.kb import load_kb

log = logging.getLogger(__name__)

AGENT_STUBS = {
    "symptom_classifier": symptoms_pb2_grpc.SymptomClassifierStub,
    "emergency_detector": emergency_pb2_grpc.EmergencyDetectorStub,
    "condition_matcher": conditions_pb2_grpc.ConditionMatcherStub,
    "treatment_retriever": treatments_pb2_grpc.TreatmentRetrieverStub,
}


def model_version() -> str:
    """Part of the answer cache key: a new encoder must not serve answers cached under the old one."""
    try:
        from symptom_classifier.encoder import load_manifest

        return load_manifest().version
    except FileNotFoundError:
        return "lexical"


def add_gateway_flags(parser: argparse.ArgumentParser) -> None:
    for agent in AGENT_STUBS:
        parser.add_argument(f"--{agent.replace('_', '-')}-target",
                            default=env(f"{agent.upper()}_TARGET", f"127.0.0.1:{DEFAULT_PORTS[agent]}"),
                            help=f"host:port of {agent} (HEALTHMESH_{agent.upper()}_TARGET)")
    parser.add_argument("--database-url", default=env("DATABASE_URL"), help="PostgreSQL URL (HEALTHMESH_DATABASE_URL)")
    parser.add_argument("--redis-url", default=env("REDIS_URL"), help="Redis URL (HEALTHMESH_REDIS_URL)")
    parser.add_argument("--deadline-ms", type=int, default=int(env("DEADLINE_MS", "1000")),
                        help="default budget of a diagnosis (HEALTHMESH_DEADLINE_MS)")
    parser.add_argument("--breaker-failures", type=int, default=int(env("BREAKER_FAILURES", "3")))
    parser.add_argument("--breaker-reset-ms", type=int, default=int(env("BREAKER_RESET_MS", "1000")))
    parser.add_argument("--answer-memo-size", type=int, default=int(env("ANSWER_MEMO_SIZE", "512")),
                        help="answers kept in process in front of the Redis cache; 0: none (HEALTHMESH_ANSWER_MEMO_SIZE)")
    parser.add_argument("--agent-max-in-flight", type=int, default=int(env("AGENT_MAX_IN_FLIGHT", "1")),
                        help="RPCs outstanding per agent method before waiting calls are sent as batches "
                             "(one agent process answers one at a time, so 1 per replica); 0: no batching "
                             "(HEALTHMESH_AGENT_MAX_IN_FLIGHT)")
    parser.add_argument("--agent-max-batch", type=int, default=int(env("AGENT_MAX_BATCH", "16")),
                        help="most requests in one batch RPC (HEALTHMESH_AGENT_MAX_BATCH)")
    parser.add_argument("--warm-detector", default=env("WARM_DETECTOR", "1"),
                        help="1: when few diagnoses are in progress, let the emergency detector read the "
                             "complaint while the classifier does (lower latency); 0: never (HEALTHMESH_WARM_DETECTOR)")
    parser.add_argument("--outbox-dir", default=env("OUTBOX_DIR"),
                        help="local spool every session is fsynced to before the answer (HEALTHMESH_OUTBOX_DIR)")
    parser.add_argument("--outbox-fsync", default=env("OUTBOX_FSYNC", "1"),
                        help="1: fsync before answering (default); 0: page cache only (HEALTHMESH_OUTBOX_FSYNC)")


async def emit_parts(response: diagnosis_pb2.DiagnoseResponse, emit) -> None:
    """A cached answer streamed in the same order as a computed one: urgency first."""
    sid = response.session_id
    await emit(diagnosis_pb2.DiagnoseStreamResponse(session_id=sid, stage="urgency", urgency=response.urgency))
    await emit(diagnosis_pb2.DiagnoseStreamResponse(session_id=sid, stage="findings", findings=response.findings))
    await emit(diagnosis_pb2.DiagnoseStreamResponse(session_id=sid, stage="conditions", conditions=response.conditions))
    await emit(diagnosis_pb2.DiagnoseStreamResponse(session_id=sid, stage="treatments", treatments=response.treatments,
                                                    interactions=response.interactions))


class GatewayService(AgentService, diagnosis_pb2_grpc.DiagnosisServicer):
    grpc_service_name = "healthmesh.v1.Diagnosis"
    name = "gateway"

    def __init__(self, config: ServiceConfig):
        super().__init__(config)
        extra = config.extra
        if not extra.get("database_url"):
            raise SystemExit("gateway: set --database-url or HEALTHMESH_DATABASE_URL")
        self.database_url = extra["database_url"]
        self.redis_url = extra.get("redis_url")
        self.deadline_seconds = int(extra.get("deadline_ms", 1000)) / 1000
        self.targets = {agent: extra[f"{agent}_target"] for agent in AGENT_STUBS}
        self.breaker_failures = int(extra.get("breaker_failures", 3))
        self.breaker_reset = int(extra.get("breaker_reset_ms", 1000)) / 1000

    def reflection_names(self) -> list[str]:
        # Envoy routes every healthmesh service on one port, so list them all for grpcurl.
        return [self.grpc_service_name, "healthmesh.v1.SymptomClassifier", "healthmesh.v1.EmergencyDetector",
                "healthmesh.v1.ConditionMatcher", "healthmesh.v1.TreatmentRetriever"]

    def load(self) -> None:
        self.kb = load_kb(self.config.kb_path)
        self.triage = RequestTriage(self.kb)
        self.model_version = model_version()

    async def start(self) -> None:
        await migrate(self.database_url, self.kb)
        outbox = None
        if self.config.extra.get("outbox_dir"):
            outbox = Outbox(self.config.extra["outbox_dir"], fsync=str(self.config.extra.get("outbox_fsync")) != "0")
        else:
            log.warning("no outbox directory (HEALTHMESH_OUTBOX_DIR): sessions wait in memory while "
                        "PostgreSQL is unreachable and a crash loses them")
        self.sessions = SessionStore(self.database_url, outbox)
        await self.sessions.start()
        self.cache = ResponseCache(self.redis_url)
        self.memo = AnswerMemo(int(self.config.extra.get("answer_memo_size", 512)))
        tls_dir: Path | None = self.config.tls_dir
        self.agents = {
            agent: AgentClient(agent, target, AGENT_STUBS[agent], tls_dir,
                               CircuitBreaker(agent, self.breaker_failures, self.breaker_reset),
                               max_in_flight=int(self.config.extra.get("agent_max_in_flight", 1)),
                               max_batch=int(self.config.extra.get("agent_max_batch", 16)))
            for agent, target in self.targets.items()
        }
        self.coordinator = Coordinator(self.agents, self.triage, self.kb.version,
                                       warm_detector=str(self.config.extra.get("warm_detector", "1")) != "0")

    async def close(self) -> None:
        await self.sessions.close()
        await self.cache.close()
        await asyncio.gather(*(a.close() for a in self.agents.values()))

    def register(self, server: grpc.aio.Server) -> None:
        diagnosis_pb2_grpc.add_DiagnosisServicer_to_server(self, server)

    def _budget(self, context: grpc.aio.ServicerContext) -> float:
        remaining = context.time_remaining()
        budget = self.deadline_seconds
        if remaining is not None:
            budget = min(budget, max(remaining - 0.02, 0.05))
        return budget

    async def _answer(self, request: diagnosis_pb2.DiagnoseRequest, context, emit=None,
                      rest: bool = False) -> diagnosis_pb2.DiagnoseResponse | bytes:
        """The answer to `request`, kept as a session; with `rest`, as POST /v1/diagnose's JSON."""
        self.require_ready()
        validate_request(request, self.kb)
        if request.request_id:
            stored = await self.sessions.response_for_request(request.request_id)
            if stored is not None:
                if rest:
                    return rest_answer_json(rest_body_json(stored), stored.session_id, stored.request_id)
                return stored
        session_id = new_session_id()
        shared = None  # a new answer for the shared cache
        record = SessionRecord(session_id, request.request_id, self.kb.version)
        record.add("request_received", {"request": message_dict(request)})
        key = request_key(request, self.kb.version, self.model_version)
        entry = self.memo.get(key)
        if entry is not None:
            cached, cached_dict, body_json = entry.response, entry.as_dict, entry.body_json
            CACHE_LOOKUPS.labels("hit").inc()
        else:
            with stage_timer("gateway", "cache_lookup"):
                cached, cached_dict = await self.cache.get(key), None
        if cached is not None:
            response = diagnosis_pb2.DiagnoseResponse()
            response.CopyFrom(cached)
            response.session_id = session_id
            response.request_id = request.request_id
            if cached_dict is None:
                cached_dict = message_dict_printed(cached)
                body_json = answer_body_json(cached_dict)
                self.memo.put(key, cached, cached_dict, body_json)
            response_dict = answer_dict(cached_dict, session_id, request.request_id)
            record.add("cache_hit", {"key": key})
            if emit:
                await emit_parts(response, emit)
        else:
            started = time.monotonic()
            with tracing.span("gateway diagnose") as span, stage_timer("gateway", "agents"):
                response, trace = await self.coordinator.diagnose(request, self._budget(context), session_id, emit)
                span.set_attribute("healthmesh.degraded", len(response.degraded))
            for result in trace.agent_results:
                record.add("agent_result", result)
            record.add("timing", {"ms": round((time.monotonic() - started) * 1000, 2)})
            # As REST prints it (primitive fields always printed): one JSON for the session and REST.
            with stage_timer("gateway", "answer_json"):
                response_dict = message_dict_printed(response)
                body_json = answer_body_json(response_dict)
            if not response.degraded:
                self.memo.put(key, response, response_dict, body_json)
                shared = response
        # Encoded once: the memo's JSON serves this session's outbox line and database row too.
        record.add("response_sent", response_dict, answer_json(body_json, session_id, request.request_id))
        record.answer_body = body_json
        # Analytics are anonymised: an age band and the urgency level, nothing finer.
        age = request.patient.age_years if request.patient.HasField("age_years") else None
        DIAGNOSES.labels(age_band(age), common_pb2.Urgency.Name(response.urgency.level)).inc()
        record.response = response
        # Shielded: once computed, the session is kept even if the caller went away meanwhile.
        with stage_timer("gateway", "session_write"):
            await asyncio.shield(self.sessions.submit(record))
        if shared is not None:
            # Best effort, and after the session is on disk: the Redis round trip and the answer's
            # serialisation must not delay this answer or the outbox write it waits for.
            self.cache.put_soon(key, shared)
        if rest:
            return rest_answer_json(body_json, session_id, request.request_id)
        return response

    async def Diagnose(self, request, context) -> diagnosis_pb2.DiagnoseResponse:
        return await self._answer(request, context)

    async def DiagnoseJson(self, request, context) -> httpbody_pb2.HttpBody:
        """REST's POST /v1/diagnose: Diagnose's answer as the JSON Envoy's transcoder would print,
        from the gateway's own copy (remembered per answer), so Envoy forwards bytes."""
        return httpbody_pb2.HttpBody(content_type="application/json",
                                     data=await self._answer(request, context, rest=True))

    async def DiagnoseStream(self, request, context):
        queue: asyncio.Queue = asyncio.Queue()

        async def emit(update: diagnosis_pb2.DiagnoseStreamResponse) -> None:
            await queue.put(update)

        task = asyncio.create_task(self._answer(request, context, emit))
        task.add_done_callback(lambda _: queue.put_nowait(None))
        while True:
            update = await queue.get()
            if update is None:
                break
            yield update
        response = task.result()  # re-raises a validation error as the stream's status
        yield diagnosis_pb2.DiagnoseStreamResponse(
            session_id=response.session_id, stage="complete", urgency=response.urgency,
            degraded=response.degraded, response=response)

    async def GetSession(self, request: diagnosis_pb2.GetSessionRequest, context) -> diagnosis_pb2.Session:
        self.require_ready()
        return await self.sessions.get(request.session_id)

    async def Replay(self, request: diagnosis_pb2.ReplayRequest, context) -> diagnosis_pb2.ReplayResponse:
        """Stored sessions re-run through the coordinator (not stored, cache not used); see gateway/replay.py."""
        from gateway.replay import replay_page

        self.require_ready()

        async def run(stored: diagnosis_pb2.DiagnoseRequest) -> dict:
            validate_request(stored, self.kb)
            response, _ = await self.coordinator.diagnose(stored, self.deadline_seconds, "replay")
            return message_json(response)

        from gateway.sessions import RETRYABLE
        from healthmesh.errors import NotReady

        try:
            return await replay_page(self.sessions.pool, request, run, kb_version=self.kb.version,
                                     model_version=self.model_version)
        except RETRYABLE:
            raise NotReady("the session store is unreachable; try again shortly") from None

    async def NextQuestions(self, request, context) -> diagnosis_pb2.NextQuestionsResponse:
        """The questions that would most sharpen this request's differential (the matcher's Questions).

        Findings come from the classifier (or its in-process fallback), as in Diagnose;
        `max_conditions`, when set, caps the number of questions (at most 20, default 5).
        """
        from emergency_detector.triage import merge_text_facts
        from gateway.agents import AgentUnavailable
        from healthmesh import DISCLAIMER, clinical, convert
        from healthmesh.errors import NotReady
        from healthmesh.v1 import conditions_pb2, symptoms_pb2

        self.require_ready()
        validate_request(request, self.kb)
        start = time.monotonic()
        deadline = start + self._budget(context)
        try:
            classified = (await self.agents["symptom_classifier"].call(
                "Classify", symptoms_pb2.ClassifyRequest(text=request.complaint, evidence=request.evidence),
                start + 0.5 * (deadline - start))).result
            findings = list(classified.findings)
            read = clinical.ClassifiedText(
                age_years=classified.age_years if classified.HasField("age_years") else None,
                sex=clinical.Sex(classified.sex),
                pregnant=classified.pregnant if classified.HasField("pregnant") else None,
                pregnancy_weeks=classified.pregnancy_weeks if classified.HasField("pregnancy_weeks") else None)
        except AgentUnavailable:
            read = self.triage.classifier.classify(request.complaint, convert.evidence_from_pb(request.evidence))
            findings = convert.findings_to_pb(read.findings)
        patient, _ = merge_text_facts(convert.patient_from_pb(request.patient), clinical.Vitals(), read)
        try:
            reply = (await self.agents["condition_matcher"].call(
                "Questions", conditions_pb2.QuestionsRequest(
                    patient=convert.patient_to_pb(patient), findings=findings,
                    limit=min(request.max_conditions, 20)), deadline)).result
        except AgentUnavailable as exc:
            raise NotReady(f"condition_matcher did not answer: {exc.reason}") from exc
        return diagnosis_pb2.NextQuestionsResponse(
            questions=reply.questions, findings=findings, kb_version=self.kb.version, disclaimer=DISCLAIMER)


def main(argv: list[str] | None = None) -> None:
    service_main("gateway", GatewayService, argv, add_flags=add_gateway_flags)


if __name__ == "__main__":
    main()
