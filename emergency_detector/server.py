"""The emergency_detector gRPC service: urgency from vitals, red flags, risk and the differential."""

from __future__ import annotations

import grpc

from emergency_detector.triage import RequestTriage
from healthmesh import convert
from healthmesh.runtime.main import service_main
from healthmesh.runtime.metrics import stage_timer
from healthmesh.runtime.server import AgentService
from healthmesh.v1 import emergency_pb2, emergency_pb2_grpc
from knowledge.kb import load_kb


class EmergencyDetectorService(AgentService, emergency_pb2_grpc.EmergencyDetectorServicer):
    grpc_service_name = "healthmesh.v1.EmergencyDetector"
    name = "emergency_detector"

    def load(self) -> None:
        self.kb = load_kb(self.config.kb_path)
        self.triage = RequestTriage(self.kb)

    def register(self, server: grpc.aio.Server) -> None:
        emergency_pb2_grpc.add_EmergencyDetectorServicer_to_server(self, server)

    async def Assess(self, request: emergency_pb2.AssessRequest, context) -> emergency_pb2.AssessResponse:
        self.require_ready()
        await self.test_delay()
        return self.assess(request)

    async def AssessBatch(self, request: emergency_pb2.AssessBatchRequest, context) -> emergency_pb2.AssessBatchResponse:
        return await self.answer_batch(request.requests, self.assess, emergency_pb2.AssessBatchAnswer,
                                       emergency_pb2.AssessBatchResponse)

    def assess(self, request: emergency_pb2.AssessRequest) -> emergency_pb2.AssessResponse:
        with stage_timer(self.name, "assess"):
            urgency = self.triage.assess_with_differential(
                convert.patient_from_pb(request.patient),
                convert.vitals_from_pb(request.vitals),
                findings=[convert.finding_from_pb(f) for f in request.findings],
                text=request.text,
                evidence=convert.evidence_from_pb(request.evidence),
                conditions=[convert.condition_from_pb(x) for x in request.conditions],
            )
        return emergency_pb2.AssessResponse(urgency=convert.urgency_to_pb(urgency))


def main(argv: list[str] | None = None) -> None:
    service_main("emergency_detector", EmergencyDetectorService, argv)


if __name__ == "__main__":
    main()
