"""EmergencyDetector: the triage rule library. No gRPC here; the servicer and the gateway's
in-process fallback both call `assess()`.

The level is the highest level any rule asks for. Rules only ever raise it, so more data (another
finding, a worse vital sign) never lowers it. The one exception to "highest rule wins" is the
routine-consultation default for unfamiliar symptoms, which a confident, benign condition picture
may replace with self-care when nothing else fired.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

from healthmesh.clinical import (
    ConditionScore, Finding, Patient, Sex, Urgency, UrgencyAssessment, Vitals,
)

from .combinations import combination_hits
from .consciousness import consciousness_hits
from .diagnosis_aware import benign_picture, condition_hits
from .esi import esi_hits
from .findings import FindingFacts, FindingReader
from .news2 import score_news2, news2_hits
from .outcome import Hit
from .paediatric import paediatric_hits
from .pregnancy import adult_blood_pressure_hits, pregnancy_hits
from .qsofa import qsofa_hits, score_qsofa
from .red_flags import red_flag_hits
from .rules import TriageRules, load_rules
from .validation import check_inputs

if TYPE_CHECKING:
    from knowledge.kb import KnowledgeBase


class EmergencyDetector:
    def __init__(self, rules: TriageRules | None = None,
                 evidence_symptoms: Mapping[str, Sequence[str]] | None = None):
        self.rules = rules if rules is not None else load_rules()
        self._reader = FindingReader(evidence_symptoms, self.rules.severe_score_at_least,
                                     self.rules.self_care_symptoms, self.rules.self_care_window,
                                     self.rules.acute_only_hours, self.rules.context_only,
                                     self.rules.companions)
        self._default_cite = self.rules.sources["healthmesh-default"]["cite"]

    @classmethod
    def from_kb(cls, kb: "KnowledgeBase", rules: TriageRules | None = None) -> "EmergencyDetector":
        """Map DDXPlus evidence to symptom ids from the knowledge base. Antecedents (history, risk
        factors) map to nothing: they are not current symptoms and must not raise a red flag."""
        mapping = {code: (() if e.antecedent else e.symptom_ids) for code, e in kb.evidences.items()}
        return cls(rules, mapping)

    def assess(self, patient: Patient, vitals: Vitals, findings: Sequence[Finding],
               conditions: Sequence[ConditionScore] = (), *, unread_complaint: bool = False,
               reads_as_self_care: float | None = None) -> UrgencyAssessment:
        """`unread_complaint`: the caller had free text but could read no finding from it at all. An
        unread complaint is not a reassuring one, so it is never self-care. `reads_as_self_care`:
        the complaint screen's P(self-care) when it reached its threshold; it counts only when no
        rule fired (_quiet_picture)."""
        r = self.rules
        check_inputs(patient, vitals)
        age = patient.age_years
        fever_measured = vitals.temperature_c is not None and vitals.temperature_c >= r.fever_temperature_c
        pregnant = patient.pregnant and patient.sex != Sex.MALE
        facts = self._reader.read(findings, fever_measured, pregnant)
        tokens = facts.tokens

        hits: list[Hit] = []
        news = qsofa = None
        if age is None or age >= r.adult_age_years:  # NEWS2 and qSOFA are adult scores
            news = score_news2(r.news2, vitals)
            if news is not None:
                hits += news2_hits(r.news2, news, pregnant)
            qsofa = score_qsofa(r.qsofa, vitals, "confusion" in tokens)
            hits += qsofa_hits(r.qsofa, qsofa)
        hits += consciousness_hits(r.consciousness, vitals.consciousness)
        hits += esi_hits(r.esi, vitals, age, tokens)
        infant_exempt = r.paediatric.infant_minimum_except
        counts_for_infant = facts.has_symptoms and not (
            infant_exempt and facts.present_ids is not None and facts.present_ids <= infant_exempt)
        hits += paediatric_hits(r.paediatric, vitals, age, "fever" in tokens, counts_for_infant)
        hits += pregnancy_hits(r.pregnancy, vitals, pregnant)
        hits += adult_blood_pressure_hits(r.adult_blood_pressure, vitals, age, pregnant)
        hits += red_flag_hits(r.red_flags, facts.ordered_tokens, age)
        medications = tuple(m.lower() for m in patient.medications)
        hits += combination_hits(r.combinations, tokens, patient, medications)
        hits += condition_hits(r.diagnosis, conditions, patient)
        hits += [Hit(Urgency.CONSULTATION, f"{name} for {days:.0f} days, longer than self-care covers "
                                           f"({limit:g} days) [{cite}]")
                 for name, days, limit, cite in facts.lingering]

        if unread_complaint and not facts.has_symptoms:
            hits.append(Hit(r.unread_complaint.level, r.unread_complaint.reason))
        if not hits:
            hits = self._quiet_picture(facts, conditions, reads_as_self_care)
        hits.sort(key=lambda h: -h.level)
        level = hits[0].level
        return UrgencyAssessment(
            level=level,
            reasons=tuple(dict.fromkeys(h.reason for h in hits)),
            recommended_action=r.actions[level],
            news2=news.total if news is not None else None,
            qsofa=qsofa,
        )

    def _quiet_picture(self, facts: FindingFacts, conditions: Sequence[ConditionScore],
                       reads_as_self_care: float | None = None) -> list[Hit]:
        """No rule fired: self-care for minor symptoms, a benign confident picture or a complaint
        the screen reads as self-care, else a routine consultation for symptoms the self-care list
        does not cover."""
        benign = benign_picture(self.rules.diagnosis, conditions, facts.review_codes)
        if facts.context_seen and not facts.has_symptoms:
            # only descriptors read ("woke up", "it hurts"): unread unless the picture is benign
            return [benign] if benign is not None else [Hit(self.rules.unread_complaint.level,
                                                            self.rules.unread_complaint.reason)]
        if facts.needs_review:
            if benign is not None:
                return [benign]
            if reads_as_self_care is not None:
                return [Hit(Urgency.SELF_CARE, f"No red flags or abnormal vital signs, and the complaint reads like "
                                               f"the self-care cases in healthmesh's written cases (complaint screen "
                                               f"{reads_as_self_care:.2f}; {', '.join(facts.needs_review)}) "
                                               f"[healthmesh complaint screen]")]
            return [Hit(Urgency.CONSULTATION, f"Symptoms worth a routine check: {', '.join(facts.needs_review)} "
                                              f"[{self._default_cite}]")]
        hits = []
        if facts.minor:
            hits.append(Hit(Urgency.SELF_CARE, f"Only minor symptoms ({', '.join(facts.minor)}); no red flags "
                                               f"or abnormal vital signs [{self.rules.self_care_cite}]"))
        if benign is not None:
            hits.append(benign)
        if not hits:
            hits.append(Hit(Urgency.SELF_CARE, "No red flags, abnormal vital signs or serious conditions "
                                               f"found [{self._default_cite}]"))
        return hits
