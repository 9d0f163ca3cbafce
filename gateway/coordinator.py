"""The fan-out: classifier, then matcher, then treatments and the emergency detector at once.

Every call gets a deadline cut from the request's budget and goes through the agent's breaker.
The answer is built from whatever answered; `degraded` names the rest. Urgency is never missing:
if the emergency detector does not answer, the same rule library runs here in process over all the
data at hand; the assessment made once the differential is known stands, except that it may
lower only a routine consultation (see RequestTriage.final).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable

from prometheus_client import Counter

from emergency_detector.triage import RequestTriage, merge_text_facts
from gateway.agents import AgentClient, AgentUnavailable
from healthmesh import DISCLAIMER, clinical, convert
from healthmesh.runtime import tracing
from healthmesh.runtime.metrics import DEADLINE_EXCEEDED
from healthmesh.v1 import (common_pb2, conditions_pb2, diagnosis_pb2, emergency_pb2, symptoms_pb2,
                           treatments_pb2)

DEGRADED = Counter("healthmesh_degraded_total", "Answers that lacked an agent's part", ["agent"])
OUT_OF_TIME = {"deadline_exceeded", "no time left"}  # AgentUnavailable reasons that are deadline misses

CLASSIFIER, EMERGENCY, MATCHER, TREATMENTS = (
    "symptom_classifier", "emergency_detector", "condition_matcher", "treatment_retriever")
TREATED_CONDITIONS = 3
# At most this many diagnoses in progress (this one included) let the detector read a complaint
# early: latency matters and CPU is free; busier, the extra call would cost throughput.
WARM_WHEN_AT_MOST = 2
DEFAULT_MAX_CONDITIONS = 10

Emit = Callable[[diagnosis_pb2.DiagnoseStreamResponse], Awaitable[None]]


@dataclass
class Trace:
    """What happened during one diagnosis, for the session's events."""

    agent_results: list[dict] = field(default_factory=list)
    degraded: list[str] = field(default_factory=list)

    def ok(self, agent: str, seconds: float, attempts: int) -> None:
        self.agent_results.append({"agent": agent, "ok": True, "ms": round(seconds * 1000, 2),
                                   "attempts": attempts})

    def failed(self, agent: str, reason: str, seconds: float) -> None:
        self.agent_results.append({"agent": agent, "ok": False, "reason": reason,
                                   "ms": round(seconds * 1000, 2)})
        if agent not in self.degraded:
            self.degraded.append(agent)
            DEGRADED.labels(agent).inc()


class Coordinator:
    def __init__(self, agents: dict[str, AgentClient], triage: RequestTriage, kb_version: str,
                 warm_detector: bool = True):
        self.agents = agents
        self.triage = triage
        self.kb_version = kb_version
        self.warm_detector = warm_detector
        self.active = 0  # diagnoses in progress

    async def _call(self, trace: Trace, agent: str, method: str, request, deadline: float):
        start = time.monotonic()
        with tracing.span(f"call {agent}", **{"healthmesh.agent": agent, "rpc.method": method}) as span:
            try:
                call = await self.agents[agent].call(method, request, deadline)
            except AgentUnavailable as exc:
                trace.failed(agent, exc.reason, time.monotonic() - start)
                span.set_attribute("healthmesh.outcome", exc.reason)
                if exc.reason in OUT_OF_TIME:
                    DEADLINE_EXCEEDED.labels("gateway", agent).inc()
                return None
            span.set_attribute("healthmesh.outcome", "ok")
            span.set_attribute("healthmesh.attempts", call.attempts)
        trace.ok(agent, call.seconds, call.attempts)
        return call.result

    async def _warm_detector(self, request: diagnosis_pb2.DiagnoseRequest, deadline: float) -> None:
        with tracing.span(f"call {EMERGENCY}", **{"healthmesh.agent": EMERGENCY, "rpc.method": "Assess",
                                                   "healthmesh.early_read": True}):
            await self.agents[EMERGENCY].warm(
                "Assess", emergency_pb2.AssessRequest(patient=request.patient, vitals=request.vitals,
                                                      text=request.complaint, evidence=request.evidence),
                deadline)

    async def _first_urgency(self, trace: Trace, request: diagnosis_pb2.DiagnoseRequest, patient: clinical.Patient,
                             vitals: clinical.Vitals, evidence, deadline: float) -> clinical.UrgencyAssessment:
        """The complaint-alone assessment (no findings, no differential), in process if the detector fails."""
        reply = await self._call(
            trace, EMERGENCY, "Assess",
            emergency_pb2.AssessRequest(patient=request.patient, vitals=request.vitals,
                                        text=request.complaint, evidence=request.evidence), deadline)
        if reply is not None:
            return convert.urgency_from_pb(reply.urgency)
        return self.triage.assess_request(patient, vitals, text=request.complaint, evidence=evidence)

    async def diagnose(self, request: diagnosis_pb2.DiagnoseRequest, budget_seconds: float,
                       session_id: str, emit: Emit | None = None) -> tuple[diagnosis_pb2.DiagnoseResponse, Trace]:
        self.active += 1
        try:
            return await self._diagnose(request, budget_seconds, session_id, emit)
        finally:
            self.active -= 1

    async def _diagnose(self, request: diagnosis_pb2.DiagnoseRequest, budget_seconds: float,
                        session_id: str, emit: Emit | None) -> tuple[diagnosis_pb2.DiagnoseResponse, Trace]:
        start = time.monotonic()
        end = start + budget_seconds
        phase1_end = start + 0.4 * budget_seconds
        match_end = start + 0.7 * budget_seconds
        trace = Trace()
        patient = convert.patient_from_pb(request.patient)
        vitals = convert.vitals_from_pb(request.vitals)
        evidence = convert.evidence_from_pb(request.evidence)

        classify = asyncio.create_task(self._call(
            trace, CLASSIFIER, "Classify",
            symptoms_pb2.ClassifyRequest(text=request.complaint, evidence=request.evidence), phase1_end))
        warming = None
        if (not emit and self.warm_detector and request.complaint and self.active <= WARM_WHEN_AT_MOST
                and self.agents[EMERGENCY].idle("Assess")):
            # A quiet mesh lets the detector read the complaint while the classifier does (its
            # readings are remembered), so the one assessment after the matcher has less left to
            # do: about 1 ms off one client's answer (bench/README.md). Busier, no extra call.
            warming = asyncio.create_task(self._warm_detector(request, phase1_end))
        # A stream shows urgency first, so it asks for the complaint-alone assessment at once. A
        # unary answer needs only the one made with the differential, which the detector combines
        # with the complaint-alone one itself (RequestTriage.assess_with_differential): one call.
        first = None
        if emit:
            first = await self._first_urgency(trace, request, patient, vitals, evidence, phase1_end)
            await emit(diagnosis_pb2.DiagnoseStreamResponse(
                session_id=session_id, stage="urgency", urgency=convert.urgency_to_pb(first)))

        classified = await classify
        if classified is not None:
            findings_pb = list(classified.findings)
            read = clinical.ClassifiedText(
                age_years=classified.age_years if classified.HasField("age_years") else None,
                sex=clinical.Sex(classified.sex),
                pregnant=classified.pregnant if classified.HasField("pregnant") else None,
                pregnancy_weeks=classified.pregnancy_weeks if classified.HasField("pregnancy_weeks") else None,
                vitals=convert.vitals_from_pb(classified.vitals))
            unrecognised = list(classified.unrecognised)
        else:
            read = self.triage.classifier.classify(request.complaint, evidence)
            findings_pb = convert.findings_to_pb(read.findings)
            unrecognised = list(read.unrecognised)
        patient, vitals = merge_text_facts(patient, vitals, read)
        patient_pb, vitals_pb = convert.patient_to_pb(patient), convert.vitals_to_pb(vitals)
        if emit:
            await emit(diagnosis_pb2.DiagnoseStreamResponse(
                session_id=session_id, stage="findings", findings=findings_pb))

        matched = await self._call(
            trace, MATCHER, "Match",
            conditions_pb2.MatchRequest(patient=patient_pb, findings=findings_pb,
                                        max_conditions=request.max_conditions or DEFAULT_MAX_CONDITIONS),
            match_end)
        conditions_pb = list(matched.conditions) if matched is not None else []
        if emit:
            await emit(diagnosis_pb2.DiagnoseStreamResponse(
                session_id=session_id, stage="conditions", conditions=conditions_pb))

        top = [c for c in conditions_pb[:TREATED_CONDITIONS]]
        recommend = asyncio.create_task(self._call(
            trace, TREATMENTS, "Recommend",
            treatments_pb2.RecommendRequest(patient=patient_pb, conditions=top), end))
        assess = None
        # A stream's first assessment stands alone when nothing was read or found, and at the top
        # level nothing can change it (final() keeps the higher one): an ambulance call waits for
        # no second assessment.
        if first is None or ((conditions_pb or findings_pb) and first.level < clinical.Urgency.EMERGENCY_AMBULANCE):
            assess = asyncio.create_task(self._call(
                trace, EMERGENCY, "Assess",
                emergency_pb2.AssessRequest(patient=patient_pb, vitals=vitals_pb, findings=findings_pb,
                                            conditions=conditions_pb, text=request.complaint,
                                            evidence=request.evidence), end))
        plan = await recommend
        if warming is not None:
            await warming  # answered before the assessment, which the detector queued behind it
        urgency = first
        if assess is not None:
            reply = await assess
            if reply is not None:
                urgency = convert.urgency_from_pb(reply.urgency)
            else:
                urgency = self.triage.assess_with_differential(
                    patient, vitals, findings=[convert.finding_from_pb(f) for f in findings_pb],
                    text=request.complaint, evidence=evidence,
                    conditions=[convert.condition_from_pb(c) for c in conditions_pb])
            if first is not None:
                urgency = self.triage.final(first, urgency)

        response = diagnosis_pb2.DiagnoseResponse(
            session_id=session_id,
            urgency=convert.urgency_to_pb(urgency),
            findings=findings_pb,
            conditions=conditions_pb,
            next_steps=next_steps(urgency, conditions_pb),
            explanation=explanation(urgency, conditions_pb, matched.explanation if matched else ""),
            degraded=trace.degraded,
            kb_version=self.kb_version,
            disclaimer=DISCLAIMER,
            unrecognised=unrecognised,
            request_id=request.request_id,
        )
        if plan is not None:
            response.treatments.extend(plan.treatments)
            response.interactions.extend(plan.interactions)
            response.withheld.extend(plan.withheld)
            response.unknown_drugs.extend(plan.unknown_drugs)
        if emit:
            await emit(diagnosis_pb2.DiagnoseStreamResponse(
                session_id=session_id, stage="treatments", treatments=response.treatments,
                interactions=response.interactions))
        return response, trace


LEVEL_WORDS = {
    clinical.Urgency.SELF_CARE: "Self-care looks appropriate",
    clinical.Urgency.CONSULTATION: "See a doctor in the next few days",
    clinical.Urgency.CONSULTATION_24H: "See a doctor within 24 hours",
    clinical.Urgency.EMERGENCY: "Go to an emergency department now",
    clinical.Urgency.EMERGENCY_AMBULANCE: "Call an ambulance now",
}


def next_steps(urgency: clinical.UrgencyAssessment, conditions: list[common_pb2.Condition]) -> list[str]:
    steps = [urgency.recommended_action or LEVEL_WORDS.get(urgency.level, "")]
    dangerous = [c.name for c in conditions[:5] if c.must_not_miss and c.probability >= 0.05]
    if dangerous:
        steps.append("Tell the clinician that these serious conditions need to be ruled out: "
                     + ", ".join(dangerous) + ".")
    steps.append("If symptoms get worse or new ones appear, seek care sooner.")
    return [s for s in steps if s]


def explanation(urgency: clinical.UrgencyAssessment, conditions: list[common_pb2.Condition],
                matcher_explanation: str) -> str:
    parts = [f"{LEVEL_WORDS.get(urgency.level, 'Urgency assessed')}"
             + (f": {urgency.reasons[0]}." if urgency.reasons else ".")]
    if conditions:
        top = conditions[0]
        parts.append(f"The most likely condition is {top.name} ({top.probability:.0%}).")
    if matcher_explanation:
        parts.append(matcher_explanation)
    return " ".join(parts)
