"""The symptom_classifier gRPC service: free text and coded evidence to normalised findings."""

from __future__ import annotations

import grpc

from healthmesh import clinical, convert
from healthmesh.runtime.config import env
from healthmesh.runtime.main import service_main
from healthmesh.runtime.metrics import TimedMethods, stage_timer, timed
from healthmesh.runtime.server import AgentService
from healthmesh.v1 import symptoms_pb2, symptoms_pb2_grpc
from knowledge.kb import load_kb
from symptom_classifier.factory import build_classifier


def add_classifier_flags(parser) -> None:
    parser.add_argument("--model-dir", default=env("MODEL_DIR"), help="exported encoder (default build/model)")
    parser.add_argument("--model-variant", choices=("int8", "fp32"), default=env("MODEL_VARIANT", "int8"))
    parser.add_argument("--redis-url", default=env("REDIS_URL"), help="phrase-embedding cache (optional)")
    parser.add_argument("--lexical-only", action="store_true", default=env("LEXICAL_ONLY") == "1",
                        help="no encoder: names, synonyms and lay terms only")


def classified_to_pb(read: clinical.ClassifiedText) -> symptoms_pb2.ClassifyResponse:
    msg = symptoms_pb2.ClassifyResponse(
        findings=convert.findings_to_pb(read.findings), unrecognised=read.unrecognised,
        sex=int(read.sex), vitals=convert.vitals_to_pb(read.vitals),
    )
    if read.age_years is not None:
        msg.age_years = read.age_years
    if read.pregnant is not None:
        msg.pregnant = read.pregnant
    if read.pregnancy_weeks is not None:
        msg.pregnancy_weeks = read.pregnancy_weeks
    return msg


class SymptomClassifierService(AgentService, symptoms_pb2_grpc.SymptomClassifierServicer):
    grpc_service_name = "healthmesh.v1.SymptomClassifier"
    name = "symptom_classifier"

    def load(self) -> None:
        self.kb = load_kb(self.config.kb_path)
        extra = self.config.extra
        self.classifier = build_classifier(
            self.kb, model_dir=extra.get("model_dir"), variant=extra.get("model_variant", "int8"),
            redis_url=extra.get("redis_url"), lexical_only=bool(extra.get("lexical_only")),
            instrument=self._time_stages)

    def _time_stages(self, encoder, index) -> None:
        """Per-stage latency (healthmesh_stage_latency_seconds): tokenise, encode, search."""
        encoder.tokenizer = TimedMethods(encoder.tokenizer, self.name, {"encode_batch": "tokenise"})
        encoder.session = TimedMethods(encoder.session, self.name, {"run": "encode"})
        index.search = timed(self.name, "search", index.search)

    def register(self, server: grpc.aio.Server) -> None:
        symptoms_pb2_grpc.add_SymptomClassifierServicer_to_server(self, server)

    async def Classify(self, request: symptoms_pb2.ClassifyRequest, context) -> symptoms_pb2.ClassifyResponse:
        self.require_ready()
        await self.test_delay()
        return self.classify(request)

    async def ClassifyBatch(self, request: symptoms_pb2.ClassifyBatchRequest, context) -> symptoms_pb2.ClassifyBatchResponse:
        return await self.answer_batch(request.requests, self.classify, symptoms_pb2.ClassifyBatchAnswer,
                                       symptoms_pb2.ClassifyBatchResponse)

    def classify(self, request: symptoms_pb2.ClassifyRequest) -> symptoms_pb2.ClassifyResponse:
        with stage_timer(self.name, "classify"):
            read = self.classifier.classify(request.text, convert.evidence_from_pb(request.evidence))
        return classified_to_pb(read)


def main(argv: list[str] | None = None) -> None:
    service_main("symptom_classifier", SymptomClassifierService, argv, add_flags=add_classifier_flags)


if __name__ == "__main__":
    main()
