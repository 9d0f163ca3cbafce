"""EmergencyDetector: the triage rule library. No gRPC here; the servicer and the gateway's
in-process fallback both call `assess()`.

The level is the highest level any rule asks for. Rules only ever raise it, so more data (another
finding, a worse vital sign) never lowers it. The exceptions to "highest rule wins" are the
routine-consultation default for unfamiliar symptoms, which a confident, benign condition picture
may replace with self-care when nothing else fired; and the "unless" rules (rules.yaml
`explanations`), which read a warning-sign finding as the harmless picture an NHS page names only
when no other red flag, warning sign or rule is present.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, Sequence

from healthmesh.clinical import (
    ConditionScore, Finding, Patient, Sex, Urgency, UrgencyAssessment, Vitals,
)

from .combinations import CombinationIndex, combination_hits
from .consciousness import consciousness_hits
from .diagnosis_aware import benign_picture, condition_hits, is_serious
from .esi import esi_hits
from .findings import FindingFacts, FindingReader, counts_for_triage
from .news2 import score_news2, news2_hits
from .outcome import Hit
from .paediatric import paediatric_hits
from .pregnancy import adult_blood_pressure_hits, pregnancy_hits
from .qsofa import qsofa_hits, score_qsofa
from .red_flags import red_flag_hits
from .rules import Explanation, TriageRules, age_matches, load_rules
from .validation import check_inputs

if TYPE_CHECKING:
    from knowledge.kb import KnowledgeBase


class EmergencyDetector:
    def __init__(self, rules: TriageRules | None = None,
                 evidence_symptoms: Mapping[str, Sequence[str]] | None = None):
        self.rules = rules if rules is not None else load_rules()
        doubtful = self.rules.low_confidence_red_flag
        self._reader = FindingReader(evidence_symptoms, self.rules.severe_score_at_least,
                                     self.rules.self_care_symptoms, self.rules.self_care_window,
                                     self.rules.acute_only_hours, self.rules.context_only,
                                     self.rules.companions,
                                     doubtful_below=doubtful.below_confidence if doubtful else 0.0)
        self._emergency_flags: dict[float | None, frozenset[str]] = {}  # age -> red flags at EMERGENCY+
        self._default_cite = self.rules.sources["healthmesh-default"]["cite"]
        self._red_flag_ids = frozenset(t.split("@", 1)[0] for t in self.rules.red_flags)
        self._combinations = CombinationIndex(self.rules.combinations)

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
        fever_measured = vitals.temperature_c is not None and vitals.temperature_c >= r.fever_temperature_c
        pregnant = patient.pregnant and patient.sex != Sex.MALE
        doubtful = self._emergency_red_flags(patient.age_years) if r.low_confidence_red_flag else frozenset()
        facts = self._reader.read(findings, fever_measured, pregnant, doubtful_ids=doubtful)
        hits, news, qsofa = self._rule_hits(patient, vitals, facts, conditions, unread_complaint)
        explained = self._explained(patient, facts, findings) if r.explanations else {}
        if explained:
            # an "unless" rule: read again with the explained findings as their harmless picture;
            # it holds only when nothing else fires on that picture, or nothing above its own level
            facts_e = self._reader.read(findings, fever_measured, pregnant, explained, doubtful)
            hits_e, _, _ = self._rule_hits(patient, vitals, facts_e, conditions, unread_complaint)
            because = list(dict.fromkeys(explained.values()))
            own = [Hit(e.rule.level, e.rule.reason) for e in because if e.rule.level > Urgency.SELF_CARE]
            if not hits_e or self._within_explanation(own, hits_e, patient, conditions):
                hits = own + hits_e if own else self._quiet_picture(facts_e, conditions, reads_as_self_care)
                if max(h.level for h in hits) == Urgency.SELF_CARE:
                    hits += [Hit(Urgency.SELF_CARE, e.rule.reason) for e in because]
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

    def _emergency_red_flags(self, age: float | None) -> frozenset[str]:
        """Symptom ids that are an emergency red flag on their own at this age (not only when
        severe or sudden): the ones a low-confidence reading must not set off (rules.yaml
        findings.low_confidence_red_flag)."""
        ids = self._emergency_flags.get(age)
        if ids is None:
            ids = frozenset(token for token, entries in self.rules.red_flags.items()
                            if "@" not in token and any(e.level >= Urgency.EMERGENCY
                                                        and age_matches(age, e.min_age, e.max_age) for e in entries))
            if len(self._emergency_flags) < 512:  # ages are few; a caller sending many does not grow it
                self._emergency_flags[age] = ids
        return ids

    def _rule_hits(self, patient: Patient, vitals: Vitals, facts: FindingFacts,
                   conditions: Sequence[ConditionScore], unread_complaint: bool):
        """Every rule that fires on these findings (empty: the quiet picture decides)."""
        r = self.rules
        age = patient.age_years
        pregnant = patient.pregnant and patient.sex != Sex.MALE
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
        hits += pregnancy_hits(r.pregnancy, vitals, pregnant, tokens)
        hits += adult_blood_pressure_hits(r.adult_blood_pressure, vitals, age, pregnant, tokens)
        clear = (facts.ordered_tokens if not facts.doubtful_ids else
                 tuple(t for t in facts.ordered_tokens if t.split("@", 1)[0] not in facts.doubtful_ids))
        hits += red_flag_hits(r.red_flags, clear, age)
        if facts.doubtful and r.low_confidence_red_flag is not None:
            hits.append(Hit(r.low_confidence_red_flag.level, r.low_confidence_red_flag.reason(facts.doubtful)))
        medications = tuple(m.lower() for m in patient.medications)
        hits += combination_hits(self._combinations, tokens, patient, medications)
        hits += condition_hits(r.diagnosis, conditions, patient)
        hits += [Hit(Urgency.CONSULTATION, f"{name} for {days:.0f} days, longer than self-care covers "
                                           f"({limit:g} days) [{cite}]")
                 for name, days, limit, cite in facts.lingering]

        if unread_complaint and not facts.has_symptoms:
            hits.append(Hit(r.unread_complaint.level, r.unread_complaint.reason))
        return hits, news, qsofa

    def _within_explanation(self, own: list[Hit], hits_e: list[Hit], patient: Patient,
                            conditions: Sequence[ConditionScore]) -> bool:
        """An explanation that sends the picture to a doctor (`own`) still holds when what else fires
        on the explained picture asks for no more than it does (a NEWS2 of 3 beside a chest
        infection's 24 hours) and no serious condition is plausible: each keeps its reason."""
        if not own or max(h.level for h in hits_e) > max(h.level for h in own):
            return False
        serious = [c for c in conditions if is_serious(self.rules.diagnosis, c)]
        return not condition_hits(self.rules.diagnosis, serious, patient)

    def _explained(self, patient: Patient, facts: FindingFacts,
                   findings: Sequence[Finding]) -> dict[str, Explanation]:
        """Symptom id -> the explanation ("unless" rule, rules.yaml `explanations`) that reads it as
        a harmless picture here. Blocked by any red-flag finding besides the explained one, by any
        of the rule's `unless` findings, by a severe or sudden explained finding, and outside the
        rule's patients; a rule with `reassured_by` also needs one of those said to be absent."""
        tokens = facts.tokens
        base = {t.split("@", 1)[0] for t in tokens}
        absent: frozenset[str] | None = None
        medications = tuple(m.lower() for m in patient.medications)
        out: dict[str, Explanation] = {}
        for e in self.rules.explanations:
            present = e.findings & base
            if not present or not all(tokens & group for group in e.groups):
                continue
            if base & e.unless or (base - e.findings) & self._red_flag_ids:
                continue
            if any(f"{sid}@{m}" in tokens for sid in present for m in ("severe", "sudden")):
                continue
            if not age_matches(patient.age_years, e.rule.min_age, e.rule.max_age):
                continue
            if e.no_history and patient.history:
                continue
            if e.unless_history and any(w in h.lower() for w in e.unless_history for h in patient.history):
                continue
            if e.with_history and not any(w in h.lower() for w in e.with_history for h in patient.history):
                continue
            if e.unless_medications and any(d in med for d in e.unless_medications for med in medications):
                continue
            if e.min_days is not None and not self._lasted(findings, present, e.min_days):
                continue
            if e.reassured_by:
                if absent is None:
                    absent = self._reader.absent_ids(findings)
                if not absent & e.reassured_by:
                    continue
            for sid in present:
                out.setdefault(sid, e)
        return out

    def _lasted(self, findings: Sequence[Finding], ids: set[str], days: float) -> bool:
        """Every current finding of these ids is said to have lasted at least `days`."""
        durations = [f.duration_hours for f in findings if counts_for_triage(f)
                     and set(self._reader.symptom_ids(f.code) or ()) & ids]
        return bool(durations) and all(d is not None and d >= days * 24 for d in durations)

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
