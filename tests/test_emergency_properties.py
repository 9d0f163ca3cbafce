"""Property tests: urgency only goes up with more or worse information.

- adding a red-flag finding never lowers urgency;
- worsening any single vital sign (away from its normal value) never lowers urgency;
- removing findings or vital signs never raises it, i.e. the full picture is never judged lower than
  what any part of it implies (a finding said to be absent stays: it is reassurance an "unless"
  rule may need). Demographics and the condition list are held fixed: they change
  which rules apply rather than adding evidence.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings, strategies as st

from emergency_detector.engine import EmergencyDetector
from emergency_detector.rules import load_rules
from healthmesh.clinical import (
    ConditionScore, Consciousness, Finding, Patient, Presence, Sex, Temporality, Urgency, Vitals,
)

RULES = load_rules()
DETECTOR = EmergencyDetector(RULES)

SYMCAT_IDS = (
    "chest-pain sharp-chest-pain burning-chest-pain chest-tightness shortness-of-breath difficulty-breathing "
    "hurts-to-breath wheezing seizures fainting slurring-words difficulty-speaking focal-weakness hemoptysis "
    "vomiting-blood melena rectal-bleeding neck-stiffness-or-tightness headache frontal-headache fever sweating "
    "throat-feels-tight swollen-tongue lip-swelling pupils-unequal abnormal-color-of-lips pain-in-testicles "
    "spotting-or-bleeding-during-pregnancy vaginal-bleeding sharp-abdominal-pain abdominal-pain "
    "lower-abdominal-pain upper-abdominal-pain retention-of-urine incontinence-of-stool diminished-vision "
    "double-vision paresthesia loss-of-sensation vomiting sleepiness cough sore-throat coryza nasal-congestion "
    "sneezing skin-rash diarrhea nausea back-pain low-back-pain pain-during-pregnancy"
).split()
CURATED_IDS = (
    "worst-headache-of-life facial-droop unilateral-weakness confusion loss-of-consciousness severe-bleeding "
    "suicidal-thoughts saddle-anaesthesia non-blanching-rash photophobia head-injury major-trauma severe-burn "
    "hives pain-radiating-to-arm-or-jaw"
).split()
ALL_IDS = SYMCAT_IDS + CURATED_IDS
RED_FLAG_TOKENS = sorted(RULES.red_flags)
MINOR_IDS = sorted(set(ALL_IDS) - {t.split("@")[0] for t in RED_FLAG_TOKENS})

ages = st.one_of(st.none(), st.sampled_from([0.05, 0.1, 0.2, 0.3, 0.7, 2, 4, 8.5, 12, 15, 16, 30, 41, 58, 80]),
                 st.floats(0, 100))
patients = st.builds(
    Patient, age_years=ages, sex=st.sampled_from(list(Sex)), pregnant=st.booleans(),
    medications=st.sampled_from([(), ("warfarin",), ("paracetamol",)]),
)


def opt(strategy):
    return st.one_of(st.none(), strategy)


def vital(normal: tuple[float, float], wide: tuple[float, float]):
    """Mostly near-normal values (where one worsening step changes the level), some extreme, some
    missing; levels saturate at the top otherwise and the properties test little."""
    return st.one_of(st.none(), st.floats(*normal), st.floats(*normal), st.floats(*wide))


vitals_st = st.builds(
    Vitals,
    heart_rate=vital((45, 140), (20, 220)),
    respiratory_rate=vital((8, 30), (4, 60)),
    systolic_bp=vital((85, 140), (50, 250)),
    diastolic_bp=opt(st.floats(30, 140)),
    temperature_c=vital((35.5, 39.5), (31, 43)),
    spo2=vital((88, 100), (70, 100)),
    supplemental_oxygen=st.booleans(),
    consciousness=st.sampled_from([Consciousness.UNSPECIFIED] * 4 + [Consciousness.ALERT] * 4
                                  + list(Consciousness)),
    spo2_scale2=st.sampled_from([False, False, False, True]),
)

findings_st = st.builds(
    Finding,
    code=st.one_of(st.sampled_from(MINOR_IDS), st.sampled_from(ALL_IDS)).map(lambda s: f"symptom:{s}"),
    name=st.just("x"),
    presence=st.sampled_from([Presence.PRESENT, Presence.PRESENT, Presence.ABSENT, Presence.UNKNOWN,
                              Presence.UNSPECIFIED]),
    temporality=st.sampled_from([Temporality.CURRENT, Temporality.CURRENT, Temporality.HISTORY,
                                 Temporality.FAMILY]),
    onset=st.sampled_from(["", "", "sudden", "gradual"]),
    severity=st.sampled_from(["", "", "mild", "severe"]),
    severity_score=opt(st.floats(0, 10)),
)

CONDITION_POOL = [
    ConditionScore("urti", "URTI", "J06.9", 0.0, severity=5),
    ConditionScore("pharyngitis", "Viral pharyngitis", "J02.9", 0.0, severity=4),
    ConditionScore("pneumonia", "Pneumonia", "J18", 0.0, severity=3),
    ConditionScore("pe", "Pulmonary embolism", "I26", 0.0, severity=2, must_not_miss=True),
    ConditionScore("stemi", "Possible NSTEMI / STEMI", "I21", 0.0, severity=1, must_not_miss=True),
]
conditions_st = st.lists(
    st.tuples(st.sampled_from(CONDITION_POOL), st.floats(0, 1)).map(lambda t: replace(t[0], probability=t[1])),
    max_size=3,
)


def assess(patient, vitals, findings, conditions):
    return DETECTOR.assess(patient, vitals, findings, conditions)


@settings(max_examples=400, deadline=None)
@given(patients, vitals_st, st.lists(findings_st, max_size=4), conditions_st,
       st.sampled_from(RED_FLAG_TOKENS))
def test_adding_a_red_flag_never_lowers_urgency(patient, vitals, findings, conditions, token):
    before = assess(patient, vitals, findings, conditions)
    sid, _, modifier = token.partition("@")
    flag = Finding(code=f"symptom:{sid}", name=sid, onset="sudden" if modifier == "sudden" else "",
                   severity="severe" if modifier == "severe" else "")
    after = assess(patient, vitals, findings + [flag], conditions)
    assert after.level >= before.level


def _worse(value: float, centre: float, step: float) -> float:
    """Move value further from centre (on its own side) by step."""
    return value + step if value >= centre else value - step


# normal values each vital is worsened away from
CENTRES = {"heart_rate": 75.0, "respiratory_rate": 16.0, "systolic_bp": 130.0, "temperature_c": 37.0}
LIMITS = {"heart_rate": (20, 300), "respiratory_rate": (1, 100), "systolic_bp": (20, 300),
          "temperature_c": (25, 45), "spo2": (0, 100)}
CONSCIOUSNESS_ORDER = [Consciousness.UNSPECIFIED, Consciousness.ALERT, Consciousness.CONFUSION,
                       Consciousness.VOICE, Consciousness.PAIN, Consciousness.UNRESPONSIVE]


@settings(max_examples=600, deadline=None)
@given(patients, vitals_st, st.lists(findings_st, max_size=3), conditions_st,
       st.sampled_from(["heart_rate", "respiratory_rate", "systolic_bp", "temperature_c", "spo2",
                        "consciousness", "supplemental_oxygen"]),
       st.floats(0.1, 60))
def test_worsening_a_vital_sign_never_lowers_urgency(patient, vitals, findings, conditions, name, step):
    if name == "consciousness":
        i = CONSCIOUSNESS_ORDER.index(vitals.consciousness)
        worse = replace(vitals, consciousness=CONSCIOUSNESS_ORDER[min(i + 1 + int(step) % 3, 5)])
    elif name == "supplemental_oxygen":
        vitals = replace(vitals, supplemental_oxygen=False)
        worse = replace(vitals, supplemental_oxygen=True)
    else:
        value = getattr(vitals, name)
        if value is None:
            value = CENTRES.get(name, 98.0)
            vitals = replace(vitals, **{name: value})
        if name == "spo2":
            # lower is worse, except above a scale-2 target while on oxygen, where higher is worse
            centre = 90.0 if vitals.spo2_scale2 and vitals.supplemental_oxygen else 101.0
            new = _worse(value, centre, step)
        else:
            new = _worse(value, CENTRES[name], step)
        low, high = LIMITS[name]
        worse = replace(vitals, **{name: min(max(new, low), high)})
    before = assess(patient, vitals, findings, conditions)
    after = assess(patient, worse, findings, conditions)
    assert after.level >= before.level, (name, vitals, worse, before.reasons, after.reasons)


VITAL_FIELDS = ["heart_rate", "respiratory_rate", "systolic_bp", "diastolic_bp", "temperature_c", "spo2"]


@settings(max_examples=400, deadline=None)
@given(patients, vitals_st, st.lists(findings_st, max_size=6), conditions_st, st.data())
def test_removing_data_never_raises_urgency(patient, vitals, findings, conditions, data):
    # a finding said to be absent ("hasn't been sick") is kept: it is reassurance, and removing it may
    # by design raise urgency back to a red flag's own level (rules.yaml `explanations` with
    # `reassured_by`, tested in tests/test_triage_blind7_self_care.py)
    kept_findings = [f for f in findings if f.presence == Presence.ABSENT or data.draw(st.booleans())]
    dropped = {name: None for name in VITAL_FIELDS if data.draw(st.booleans())}
    if data.draw(st.booleans()):
        dropped["consciousness"] = Consciousness.UNSPECIFIED
    if data.draw(st.booleans()):
        dropped["supplemental_oxygen"] = False
    partial = replace(vitals, **dropped)
    full = assess(patient, vitals, findings, conditions)
    part = assess(patient, partial, kept_findings, conditions)
    assert full.level >= part.level, (part.reasons, full.reasons)


@settings(max_examples=300, deadline=None)
@given(patients, vitals_st, st.lists(findings_st, max_size=6), conditions_st)
def test_output_is_always_complete(patient, vitals, findings, conditions):
    result = assess(patient, vitals, findings, conditions)
    assert result.level != Urgency.UNSPECIFIED
    assert result.recommended_action == RULES.actions[result.level]
    assert result.reasons and all(r.endswith("]") and " [" in r for r in result.reasons)
    news2_measured = vitals.supplemental_oxygen or vitals.consciousness != Consciousness.UNSPECIFIED or any(
        getattr(vitals, f) is not None
        for f in ("heart_rate", "respiratory_rate", "systolic_bp", "temperature_c", "spo2"))
    child = patient.age_years is not None and patient.age_years < 16
    assert (result.news2 is None) == (not news2_measured or child)


SWEEP_AGES = [None, 0.05, 0.2, 0.4, 2, 5, 10, 15, 16, 45, 80]
BACKGROUNDS = {
    "normal": dict(heart_rate=75.0, respiratory_rate=16.0, systolic_bp=130.0, temperature_c=37.0, spo2=98.0),
    # NEWS2 already 4 (temperature 39.5, SBP 105, SpO2 95) with no ESI or qSOFA criterion met:
    # each band step of another vital changes the level
    # one adult ESI danger-zone value already exceeded (HR 105): a second one changes the level
    "tachycardic": dict(heart_rate=105.0, respiratory_rate=16.0, systolic_bp=130.0, temperature_c=37.0,
                        spo2=98.0),
    "borderline": dict(heart_rate=75.0, respiratory_rate=16.0, systolic_bp=105.0, temperature_c=39.5,
                       spo2=95.0),
}


def _sweep(name: str, start: float, stop: float, step: float) -> list[float]:
    values, v = [], start
    while (v <= stop) if step > 0 else (v >= stop):
        values.append(round(v, 2))
        v += step
    return values


SWEEPS = {
    "heart_rate": [(75, 300, 0.5), (75, 20, -0.5)],
    "respiratory_rate": [(16, 100, 0.5), (16, 1, -0.5)],
    "systolic_bp": [(130, 300, 0.5), (130, 20, -0.5)],
    "temperature_c": [(37.0, 45.0, 0.05), (37.0, 25.0, -0.05)],
    "spo2": [(100, 0, -0.5)],
}


def test_vital_sweeps_are_monotone():
    """Deterministic sweep of each vital away from normal, at many ages: the level never drops."""
    for background_name, background in BACKGROUNDS.items():
        for age in SWEEP_AGES:
            patient = Patient(age_years=age)
            for name, sweeps in SWEEPS.items():
                for start, stop, step in sweeps:
                    previous = Urgency.UNSPECIFIED
                    for value in _sweep(name, start, stop, step):
                        vitals = Vitals(**{**background, name: value}, consciousness=Consciousness.ALERT)
                        current = DETECTOR.assess(patient, vitals, []).level
                        assert current >= previous, (background_name, age, name, value)
                        previous = current
