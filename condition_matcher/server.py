"""The condition_matcher gRPC service: findings and patient to a ranked differential."""

from __future__ import annotations

import grpc

from condition_matcher.engine import ConditionMatcher
from healthmesh import convert
from healthmesh.errors import InvalidArgument
from healthmesh.runtime.main import service_main
from healthmesh.runtime.metrics import stage_timer
from healthmesh.runtime.server import AgentService
from healthmesh.v1 import conditions_pb2, conditions_pb2_grpc
from knowledge.kb import load_kb

MAX_CONDITIONS = 50
DEFAULT_CONDITIONS = 10
MAX_QUESTIONS = 20
DEFAULT_QUESTIONS = 5


class ConditionMatcherService(AgentService, conditions_pb2_grpc.ConditionMatcherServicer):
    grpc_service_name = "healthmesh.v1.ConditionMatcher"
    name = "condition_matcher"

    def load(self) -> None:
        self.kb = load_kb(self.config.kb_path)
        self.matcher = ConditionMatcher(self.kb)

    def register(self, server: grpc.aio.Server) -> None:
        conditions_pb2_grpc.add_ConditionMatcherServicer_to_server(self, server)

    async def Match(self, request: conditions_pb2.MatchRequest, context) -> conditions_pb2.MatchResponse:
        self.require_ready()
        await self.test_delay()
        return self.match(request)

    async def MatchBatch(self, request: conditions_pb2.MatchBatchRequest, context) -> conditions_pb2.MatchBatchResponse:
        return await self.answer_batch(request.requests, self.match, conditions_pb2.MatchBatchAnswer,
                                       conditions_pb2.MatchBatchResponse)

    def match(self, request: conditions_pb2.MatchRequest) -> conditions_pb2.MatchResponse:
        limit = request.max_conditions or DEFAULT_CONDITIONS
        if not 0 < limit <= MAX_CONDITIONS:
            raise InvalidArgument("max_conditions", f"must be between 1 and {MAX_CONDITIONS}")
        with stage_timer(self.name, "score"):
            ranked = self.matcher.rank(
                convert.patient_from_pb(request.patient),
                [convert.finding_from_pb(f) for f in request.findings],
                max_conditions=limit,
            )
        explanation = self.matcher.explain(ranked[0]) if ranked else ""
        return conditions_pb2.MatchResponse(
            conditions=[convert.condition_to_pb(x) for x in ranked], explanation=explanation,
            kb_version=self.kb.version,
        )

    async def Questions(self, request: conditions_pb2.QuestionsRequest, context) -> conditions_pb2.QuestionsResponse:
        self.require_ready()
        await self.test_delay()
        limit = request.limit or DEFAULT_QUESTIONS
        if not 0 < limit <= MAX_QUESTIONS:
            raise InvalidArgument("limit", f"must be between 1 and {MAX_QUESTIONS}")
        with stage_timer(self.name, "questions"):
            questions = self.matcher.next_questions(
                convert.patient_from_pb(request.patient),
                [convert.finding_from_pb(f) for f in request.findings],
                limit=limit,
            )
        return conditions_pb2.QuestionsResponse(
            questions=[conditions_pb2.Question(code=q.code, question=q.question, name=q.name,
                                               expected_information_gain=q.expected_information_gain)
                       for q in questions],
            kb_version=self.kb.version,
        )


def main(argv: list[str] | None = None) -> None:
    service_main("condition_matcher", ConditionMatcherService, argv)


if __name__ == "__main__":
    main()
