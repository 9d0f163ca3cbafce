"""The whole diagnosis in one process, without RPC: the same engines in the same order as the
gateway's fan-out. Used by evaluation, by benchmarks as the floor the mesh is compared with, and
by replay when no mesh is running.
"""

from __future__ import annotations

from dataclasses import dataclass

from condition_matcher.engine import ConditionMatcher
from emergency_detector.triage import RequestTriage, merge_text_facts
from healthmesh import clinical as c
from knowledge.kb import KnowledgeBase, load_kb
from symptom_classifier.engine import SymptomClassifier
from symptom_classifier.factory import build_classifier
from treatment_retriever.engine import TreatmentRetriever

TREATED_CONDITIONS = 3


@dataclass
class PipelineAnswer:
    urgency: c.UrgencyAssessment
    findings: list[c.Finding]
    conditions: list[c.ConditionScore]
    plan: c.TreatmentPlan
    patient: c.Patient
    vitals: c.Vitals


class InProcessPipeline:
    def __init__(self, kb: KnowledgeBase | None = None, classifier: SymptomClassifier | None = None,
                 lexical_only: bool = False):
        """The classifier is built as the service builds it (with the encoder fallback) unless one
        is given, `lexical_only` is set, or no model has been exported."""
        self.kb = kb or load_kb()
        if classifier is None:
            try:
                classifier = build_classifier(self.kb, lexical_only=lexical_only)
            except FileNotFoundError:
                classifier = SymptomClassifier(self.kb)
        self.classifier = classifier
        self.triage = RequestTriage(self.kb)
        self.matcher = ConditionMatcher(self.kb)
        self.treatments = TreatmentRetriever()

    def diagnose(self, patient: c.Patient, complaint: str = "", evidence: list[c.EvidenceInput] = (),
                 vitals: c.Vitals | None = None, max_conditions: int = 10) -> PipelineAnswer:
        vitals = vitals or c.Vitals()
        read = self.classifier.classify(complaint, evidence)
        patient, vitals = merge_text_facts(patient, vitals, read)
        conditions = self.matcher.rank(patient, read.findings, max_conditions=max_conditions)
        plan = self.treatments.recommend(patient, conditions[:TREATED_CONDITIONS])
        # as the emergency detector answers the gateway's one Assess of a unary request
        urgency = self.triage.assess_with_differential(patient, vitals, findings=read.findings, text=complaint,
                                                       evidence=evidence, conditions=conditions)
        return PipelineAnswer(urgency, read.findings, conditions, plan, patient, vitals)
