"""The treatment_retriever gRPC service: safe first-line care and drug interactions."""

from __future__ import annotations

import grpc

from healthmesh import convert
from healthmesh.errors import InvalidArgument
from healthmesh.runtime.main import service_main
from healthmesh.runtime.metrics import stage_timer
from healthmesh.runtime.server import AgentService
from healthmesh.v1 import treatments_pb2, treatments_pb2_grpc
from treatment_retriever.engine import TreatmentRetriever

MAX_PER_CONDITION = 10


class TreatmentRetrieverService(AgentService, treatments_pb2_grpc.TreatmentRetrieverServicer):
    grpc_service_name = "healthmesh.v1.TreatmentRetriever"
    name = "treatment_retriever"

    def load(self) -> None:
        self.retriever = TreatmentRetriever()

    def register(self, server: grpc.aio.Server) -> None:
        treatments_pb2_grpc.add_TreatmentRetrieverServicer_to_server(self, server)

    async def Recommend(self, request: treatments_pb2.RecommendRequest, context) -> treatments_pb2.RecommendResponse:
        self.require_ready()
        await self.test_delay()
        return self.recommend(request)

    async def RecommendBatch(self, request: treatments_pb2.RecommendBatchRequest,
                             context) -> treatments_pb2.RecommendBatchResponse:
        return await self.answer_batch(request.requests, self.recommend, treatments_pb2.RecommendBatchAnswer,
                                       treatments_pb2.RecommendBatchResponse)

    def recommend(self, request: treatments_pb2.RecommendRequest) -> treatments_pb2.RecommendResponse:
        per_condition = request.max_per_condition or 3
        if not 0 < per_condition <= MAX_PER_CONDITION:
            raise InvalidArgument("max_per_condition", f"must be between 1 and {MAX_PER_CONDITION}")
        with stage_timer(self.name, "recommend"):
            plan = self.retriever.recommend(
                convert.patient_from_pb(request.patient),
                [convert.condition_from_pb(x) for x in request.conditions],
                max_per_condition=per_condition,
            )
        return treatments_pb2.RecommendResponse(
            treatments=[convert.treatment_to_pb(t) for t in plan.treatments],
            interactions=[convert.interaction_to_pb(i) for i in plan.interactions],
            withheld=plan.withheld, unknown_drugs=plan.unknown_drugs,
        )


def main(argv: list[str] | None = None) -> None:
    service_main("treatment_retriever", TreatmentRetrieverService, argv)


if __name__ == "__main__":
    main()
