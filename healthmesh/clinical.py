"""Plain clinical types shared by every engine.

The engines (classifier, matcher, rules, treatments) take and return these, never protobuf
messages, so their logic can be tested and benchmarked in process. Each service's servicer converts
between these and the generated `healthmesh.v1` messages.

Enum values mirror the proto enums number for number, so conversion is `Enum(proto_value)`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Sex(enum.IntEnum):
    UNSPECIFIED = 0
    FEMALE = 1
    MALE = 2


class Presence(enum.IntEnum):
    UNSPECIFIED = 0  # treated as PRESENT when a client lists evidence without saying
    PRESENT = 1
    ABSENT = 2
    UNKNOWN = 3


class Consciousness(enum.IntEnum):
    """ACVPU. UNSPECIFIED means not recorded (not the same as alert)."""

    UNSPECIFIED = 0
    ALERT = 1
    CONFUSION = 2
    VOICE = 3
    PAIN = 4
    UNRESPONSIVE = 5


class Urgency(enum.IntEnum):
    """Five ordered levels; a larger value is more urgent."""

    UNSPECIFIED = 0
    SELF_CARE = 1
    CONSULTATION = 2
    CONSULTATION_24H = 3
    EMERGENCY = 4
    EMERGENCY_AMBULANCE = 5

    @property
    def three_level(self) -> str:
        """The three levels used by symptom-checker studies: emergent, non-emergent, self-care."""
        if self >= Urgency.EMERGENCY:
            return "emergent"
        if self >= Urgency.CONSULTATION:
            return "non-emergent"
        return "self-care"


class Temporality(enum.IntEnum):
    CURRENT = 0
    HISTORY = 1  # the patient had it before, not now
    FAMILY = 2  # a relative has it


PREGNANCY_WEEKS_RANGE = (0, 45)  # completed weeks a pregnancy can plausibly have reached, inclusive


@dataclass(frozen=True)
class Patient:
    age_years: float | None = None
    sex: Sex = Sex.UNSPECIFIED
    pregnant: bool = False
    history: tuple[str, ...] = ()
    medications: tuple[str, ...] = ()
    allergies: tuple[str, ...] = ()
    pregnancy_weeks: int | None = None  # completed weeks, when known (the rules read it only in pregnancy)


@dataclass(frozen=True)
class Vitals:
    """Vital signs; None means not measured."""

    heart_rate: float | None = None
    respiratory_rate: float | None = None
    systolic_bp: float | None = None
    diastolic_bp: float | None = None
    temperature_c: float | None = None
    spo2: float | None = None
    supplemental_oxygen: bool = False
    consciousness: Consciousness = Consciousness.UNSPECIFIED
    spo2_scale2: bool = False  # NEWS2 SpO2 scale 2 (target 88-92%, e.g. hypercapnic failure)

    def is_empty(self) -> bool:
        return all(
            v is None
            for v in (self.heart_rate, self.respiratory_rate, self.systolic_bp,
                      self.diastolic_bp, self.temperature_c, self.spo2)
        ) and self.consciousness == Consciousness.UNSPECIFIED


@dataclass(frozen=True)
class EvidenceInput:
    """A coded finding as a client sends it: `ddxplus:E_91`, `ddxplus:E_55_@_V_89`, `symptom:fever`."""

    code: str
    presence: Presence = Presence.PRESENT


@dataclass(frozen=True)
class Finding:
    """A normalised finding. `code` is canonical: `symptom:<id>` or a DDXPlus code `ddxplus:E_..`."""

    code: str
    name: str
    presence: Presence = Presence.PRESENT
    text: str = ""  # the words it came from; empty for coded evidence
    confidence: float = 1.0
    temporality: Temporality = Temporality.CURRENT
    onset: str = ""  # e.g. "sudden"
    duration_hours: float | None = None
    severity: str = ""  # "mild" | "moderate" | "severe" | "" ; or "8/10" kept in severity_score
    severity_score: float | None = None  # 0-10 when given as a number
    body_site: str = ""
    laterality: str = ""  # "left" | "right" | "bilateral" | ""

    @property
    def is_present_now(self) -> bool:
        return (
            self.presence in (Presence.PRESENT, Presence.UNSPECIFIED)
            and self.temporality == Temporality.CURRENT
        )


@dataclass(frozen=True)
class WeightedFinding:
    """A finding that moved a condition, with its likelihood ratio (>1 raised it, <1 lowered it)."""

    code: str
    name: str
    likelihood_ratio: float
    present: bool = True  # False: the finding was reported absent ("no fever")


@dataclass(frozen=True)
class ConditionScore:
    id: str
    name: str
    icd10: str
    probability: float
    supporting: tuple[WeightedFinding, ...] = ()
    conflicting: tuple[WeightedFinding, ...] = ()
    severity: int | None = None  # DDXPlus scale: 1 most severe .. 5 least
    must_not_miss: bool = False


@dataclass(frozen=True)
class UrgencyAssessment:
    level: Urgency
    reasons: tuple[str, ...] = ()
    recommended_action: str = ""
    news2: int | None = None
    qsofa: int | None = None


@dataclass(frozen=True)
class Treatment:
    condition_id: str
    name: str
    kind: str  # "self-care" | "over-the-counter" | "prescription" | "procedure" | "referral"
    line: int = 1
    warnings: tuple[str, ...] = ()
    source: str = ""
    confidence: str = "high"  # "low" for Wikidata-only alternatives


@dataclass(frozen=True)
class Interaction:
    drugs: tuple[str, str]
    severity: str  # "contraindicated" | "major" | "moderate"
    advice: str
    source: str


@dataclass(frozen=True)
class TreatmentPlan:
    treatments: tuple[Treatment, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    withheld: tuple[str, ...] = ()  # "amoxicillin withheld: penicillin allergy" and the like
    unknown_drugs: tuple[str, ...] = ()  # medication/allergy names the vocabulary did not know


@dataclass
class ClassifiedText:
    """What the classifier made of a request: findings plus facts read from the text."""

    findings: list[Finding] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    age_years: float | None = None
    sex: Sex = Sex.UNSPECIFIED
    pregnant: bool | None = None
    vitals: Vitals = field(default_factory=Vitals)
    pregnancy_weeks: int | None = None
