"""Plain findings and patients for tests of the emergency detector's rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from healthmesh.clinical import Finding, Patient, Urgency, UrgencyAssessment, Vitals


def symptom(sid: str, **kw) -> Finding:
    """A present finding of one symptom concept, as the classifier would hand it on."""
    return Finding(code=f"symptom:{sid}", name=sid.replace("-", " "), **kw)


def assessor(default_patient: Patient) -> Callable[..., UrgencyAssessment]:
    """`assess(detector, findings, patient=default_patient, vitals=Vitals(), **kw)` for one test module."""
    def assess(detector, findings: Sequence[Finding], patient: Patient = default_patient,
               vitals: Vitals = Vitals(), **kw) -> UrgencyAssessment:
        return detector.assess(patient, vitals, findings, **kw)
    return assess


def level_of(served, detector, text: str, patient: Patient, vitals: Vitals = Vitals()) -> Urgency:
    """The rules' level on the classifier's reading of `text` (no differential, no screen)."""
    return detector.assess(patient, vitals, served.classify(text).findings).level


def meets(got: Urgency, level: Urgency) -> bool:
    """An expected emergency may be answered with an ambulance; a level below must be met exactly."""
    return got >= level if level >= Urgency.EMERGENCY else got == level
