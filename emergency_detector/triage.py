"""Urgency for a raw request: the one entry point both callers use.

The emergency_detector service and the gateway's in-process fallback both call `assess_request`,
so they cannot disagree. Findings come from the request's coded evidence and, when the caller has
no classified findings yet, from the lexical reading of the free text. The complaint screen
(complaint_screen.py) then reads the whole text once more and may raise the answer to an emergency.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Sequence

from emergency_detector import complaint_screen
from emergency_detector.complaint_screen import ComplaintScreen, Reading, load_screen
from emergency_detector.engine import EmergencyDetector
from healthmesh import clinical as c
from knowledge.kb import KnowledgeBase
from symptom_classifier.engine import SymptomClassifier


class RequestTriage:
    #: reads kept: a request is assessed twice (before and after the differential) on the same text
    READS_KEPT = 256

    def __init__(self, kb: KnowledgeBase, screen: ComplaintScreen | None = None, *, with_screen: bool = True):
        """`screen`: the complaint screen to use, else the built one (build/screen or
        $HEALTHMESH_SCREEN_DIR); `with_screen=False` runs the rule library alone."""
        self.classifier = SymptomClassifier(kb)
        self._reads: OrderedDict[tuple, c.ClassifiedText] = OrderedDict()
        # from_kb maps history (antecedent) evidences to nothing: "had a stroke" is not a stroke now.
        self.detector = EmergencyDetector.from_kb(kb)
        self.screen = screen if screen is not None else load_screen() if with_screen else None
        self._screen_reads: OrderedDict[tuple, Reading] = OrderedDict()

    def assess_request(
        self,
        patient: c.Patient,
        vitals: c.Vitals,
        *,
        findings: Sequence[c.Finding] = (),
        text: str = "",
        evidence: Sequence[c.EvidenceInput] = (),
        conditions: Sequence[c.ConditionScore] = (),
    ) -> c.UrgencyAssessment:
        """Urgency from everything the request holds.

        Findings given by the caller (the classifier's) are joined by this library's own reading
        of the text and codes, so a red flag either reading finds counts. Text from which nothing
        at all could be read is not taken as "nothing wrong" (the unread-complaint rule).
        """
        findings = list(findings)
        unread = False
        if text.strip() or evidence:
            read = self._read(text, evidence)
            known = {f.code for f in findings}
            findings += [f for f in read.findings if f.code not in known]
            patient, vitals = merge_text_facts(patient, vitals, read)
            unread = bool(text.strip()) and not findings
        pregnant = patient.pregnant and patient.sex != c.Sex.MALE
        reading = None
        if self.screen is not None and text.strip():
            reading = self._screen_read(text, patient.age_years, pregnant)
        assessment = self.detector.assess(patient, vitals, findings, conditions, unread_complaint=unread,
                                          reads_as_self_care=self.screen.calm(reading) if reading else None)
        if reading is not None and assessment.level < c.Urgency.EMERGENCY:
            screened = self.screen.screen(text, patient.age_years, pregnant, reading)
            if screened.flagged and (assessment.level > c.Urgency.SELF_CARE
                                     or screened.probability >= complaint_screen.RAISE_SELF_CARE_THRESHOLD):
                raised = self._screen_assessment(screened)
                # a self-care answer's reasons ("no red flags") are no longer true once raised
                assessment = raised if assessment.level == c.Urgency.SELF_CARE else highest(assessment, raised)
        return assessment

    def assess_with_differential(
        self,
        patient: c.Patient,
        vitals: c.Vitals,
        *,
        findings: Sequence[c.Finding] = (),
        text: str = "",
        evidence: Sequence[c.EvidenceInput] = (),
        conditions: Sequence[c.ConditionScore] = (),
    ) -> c.UrgencyAssessment:
        """Urgency once the differential is known, guarded by the complaint alone (`final`).

        The complaint-alone assessment (this library's reading of the text, codes and vitals, with
        no caller findings and no differential) is what a first, early assessment answers; the
        differential may lower it only from a routine consultation. Both share the remembered
        readings, so the guard costs one rule pass.
        """
        alone = self.assess_request(patient, vitals, text=text, evidence=evidence)
        # nothing was added to the complaint, or it is at the top level, which nothing lowers
        if not (findings or conditions) or alone.level >= c.Urgency.EMERGENCY_AMBULANCE:
            return alone
        full = self.assess_request(patient, vitals, findings=findings, text=text, evidence=evidence,
                                   conditions=conditions)
        return self.final(alone, full)

    def _screen_read(self, text: str, age_years: float | None, pregnant: bool) -> Reading:
        """The screen's reading, remembered like the lexical one for the request's second assessment."""
        return self._remembered(self._screen_reads, (text, age_years, pregnant),
                                lambda: self.screen.read(text, age_years, pregnant))

    def forget(self) -> None:
        """Drop the remembered readings (to time a request's first assessment)."""
        self._reads.clear()
        self._screen_reads.clear()

    def _remembered(self, kept: OrderedDict, key: tuple, compute):
        """kept[key], computed on a miss; the oldest of more than READS_KEPT entries is dropped."""
        value = kept.get(key)
        if value is None:
            value = kept[key] = compute()
            if len(kept) > self.READS_KEPT:
                kept.popitem(last=False)
        return value

    def _screen_assessment(self, screened) -> c.UrgencyAssessment:
        words = ", ".join(f"'{w}'" for w in screened.strongest)
        reason = (f"The complaint reads like the emergencies in healthmesh's written cases (complaint screen "
                  f"{screened.probability:.2f}{'; words that weighed most: ' + words if words else ''}) "
                  f"[healthmesh complaint screen, trained on {self.screen.trained_on} written cases]")
        level = c.Urgency.EMERGENCY
        return c.UrgencyAssessment(level=level, reasons=(reason,),
                                   recommended_action=self.detector.rules.actions[level])

    def final(self, first: c.UrgencyAssessment, second: c.UrgencyAssessment | None) -> c.UrgencyAssessment:
        """Combine the fast first assessment with the one made once the differential is known.

        The second saw all the first saw plus the differential, so it stands, with one guard: it
        may lower only a routine consultation (a confident benign picture can mean self-care),
        never a level some rule raised above that.
        """
        if second is None:
            return first
        if first.level <= c.Urgency.CONSULTATION:
            return second
        return highest(first, second)

    def _read(self, text: str, evidence: Sequence[c.EvidenceInput]) -> c.ClassifiedText:
        """The lexical reading of a text and its codes, remembered for the second assessment of
        the same request (nearly half the time of the two assessments). Callers only read it."""
        return self._remembered(self._reads, (text, tuple(evidence)), lambda: self.classifier.classify(text, evidence))


def merge_text_facts(patient: c.Patient, vitals: c.Vitals, read: c.ClassifiedText) -> tuple[c.Patient, c.Vitals]:
    """Facts written in the text fill only what the structured request left empty."""
    if patient.age_years is None and read.age_years is not None:
        patient = replace(patient, age_years=read.age_years)
    if patient.sex == c.Sex.UNSPECIFIED and read.sex != c.Sex.UNSPECIFIED:
        patient = replace(patient, sex=read.sex)
    if not patient.pregnant and read.pregnant:
        patient = replace(patient, pregnant=True)
    if patient.pregnancy_weeks is None and read.pregnancy_weeks is not None and patient.pregnant:
        patient = replace(patient, pregnancy_weeks=read.pregnancy_weeks)
    updates = {}
    for name in ("heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2"):
        if getattr(vitals, name) is None and getattr(read.vitals, name) is not None:
            updates[name] = getattr(read.vitals, name)
    # the text's "that's my usual" (NEWS2 scale 2) belongs to the text's own reading
    if (read.vitals.spo2_scale2 and not vitals.spo2_scale2 and not vitals.supplemental_oxygen
            and updates.get("spo2", vitals.spo2) == read.vitals.spo2):
        updates["spo2_scale2"] = True
    if vitals.consciousness == c.Consciousness.UNSPECIFIED and read.vitals.consciousness != c.Consciousness.UNSPECIFIED:
        updates["consciousness"] = read.vitals.consciousness
    if updates:
        vitals = replace(vitals, **updates)
    return patient, vitals


def highest(a: c.UrgencyAssessment, b: c.UrgencyAssessment) -> c.UrgencyAssessment:
    """The more urgent assessment, with the reasons of both (the first one's first)."""
    first, second = (a, b) if a.level >= b.level else (b, a)
    reasons = list(first.reasons) + [r for r in second.reasons if r not in first.reasons]
    return c.UrgencyAssessment(
        level=first.level, reasons=tuple(reasons), recommended_action=first.recommended_action,
        news2=first.news2 if first.news2 is not None else second.news2,
        qsofa=first.qsofa if first.qsofa is not None else second.qsofa,
    )
