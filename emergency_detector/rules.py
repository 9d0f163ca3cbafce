"""The triage rule data (rules.yaml) compiled into lookup structures the engine uses per call.

Everything here is built once, in `TriageRules.from_dict`; `assess()` only reads it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from knowledge.strict_yaml import load_strict

from healthmesh.clinical import Consciousness, Sex, Urgency

RULES_PATH = Path(__file__).resolve().parent / "rules.yaml"

# a band table: ((upper bound inclusive, points), ...) ascending; the last bound is +inf
Bands = tuple[tuple[float, int], ...]


class RulesError(ValueError):
    """The rule data file is malformed."""


def _level(name: str, where: str) -> Urgency:
    try:
        level = Urgency[name]
    except KeyError:
        raise RulesError(f"{where}: unknown level {name!r}") from None
    if level == Urgency.UNSPECIFIED:
        raise RulesError(f"{where}: level must not be UNSPECIFIED")
    return level


def _bands(rows: list, where: str) -> Bands:
    """[[low, high, points], ...] (null = open) -> ((high, points), ...), checked for gaps."""
    out: list[tuple[float, int]] = []
    previous_high: float | None = None
    for low, high, points in rows:
        if previous_high is not None and (low is None or low <= previous_high):
            raise RulesError(f"{where}: band {low}-{high} overlaps the one before")
        out.append((math.inf if high is None else float(high), int(points)))
        previous_high = math.inf if high is None else float(high)
    if out and out[-1][0] != math.inf:
        out.append((math.inf, 0))
    return tuple(out)


def band_points(bands: Bands, value: float) -> int:
    for high, points in bands:
        if value <= high:
            return points
    return 0


def age_matches(age: float | None, min_age: float | None, max_age: float | None) -> bool:
    """min_age inclusive and satisfied by an unknown age; max_age exclusive and needs a known age."""
    if max_age is not None and (age is None or age >= max_age):
        return False
    if min_age is not None and age is not None and age < min_age:
        return False
    return True


@dataclass(frozen=True)
class News2Rules:
    cite: str
    respiratory_rate: Bands
    spo2_scale1: Bands
    spo2_scale2_below_target: Bands  # for values under the target range
    spo2_scale2_target_high: float
    spo2_scale2_on_oxygen_above: Bands  # for values above the target range, on oxygen
    oxygen_points: int
    systolic_bp: Bands
    heart_rate: Bands
    temperature_c: Bands
    not_alert_points: int
    aggregate_levels: tuple[tuple[int, Urgency, str, str], ...]  # (at_least, level, range text, meaning)
    single_3_level: Urgency
    pregnancy_min_total: int  # in pregnancy, lower aggregates raise nothing (NEWS2 is not validated there)


@dataclass(frozen=True)
class QsofaRules:
    cite: str
    systolic_at_or_below: float
    rr_at_or_above: float
    positive_at_or_above: int
    positive_level: Urgency


@dataclass(frozen=True)
class DangerZoneBand:
    band: str
    min_age: float
    max_age: float | None
    hr_above: float
    rr_above: float
    level: Urgency
    both_level: Urgency


@dataclass(frozen=True)
class EsiRules:
    cite: str
    spo2_below: float
    spo2_below_scale2: float
    spo2_level: Urgency
    hypoxia_with_symptoms_level: Urgency
    hypoxia_symptoms: frozenset[str]
    danger_zone: tuple[DangerZoneBand, ...]


@dataclass(frozen=True)
class AgeRule:
    """A rule limited to an age range, carrying its level and finished reason text."""

    level: Urgency
    reason: str
    min_age: float | None = None
    max_age: float | None = None


@dataclass(frozen=True)
class TemperatureRule(AgeRule):
    temperature_at_least: float | None = None  # None with temperature_below None: the fever token
    temperature_below: float | None = None


@dataclass(frozen=True)
class HypotensionBand:
    min_age: float
    max_age: float
    systolic_below: float
    per_year: float = 0.0  # limit = systolic_below + per_year * age


@dataclass(frozen=True)
class PaediatricRules:
    fever_rules: tuple[TemperatureRule, ...]
    hypotension_bands: tuple[HypotensionBand, ...]
    hypotension_level: Urgency
    hypotension_cite: str
    infant_minimum: AgeRule
    infant_minimum_except: frozenset[str] = frozenset()  # findings that alone do not count


@dataclass(frozen=True)
class Combination:
    id: str
    groups: tuple[frozenset[str], ...]
    rule: AgeRule
    not_sex: Sex | None = None
    medications_any: tuple[str, ...] = ()
    history_any: tuple[str, ...] = ()  # lower-case words, any found in a Patient.history entry
    min_pregnancy_weeks: float | None = None  # Patient.pregnancy_weeks at least this (known)
    max_pregnancy_weeks: float | None = None  # Patient.pregnancy_weeks below this (known)


@dataclass(frozen=True)
class ConditionTier:
    must_not_miss: bool
    max_severity: int | None
    min_probability: float
    level: Urgency


@dataclass(frozen=True)
class SelfCareRules:
    cite: str
    min_benign_probability: float
    max_serious_probability: float
    benign_min_severity: int
    benign_icd10_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class BenignSpared:
    """Who a benign condition's low tiers (up to `up_to_level`) do not apply to: age known and in
    [min_age, max_age), not pregnant, nothing in history or medications."""

    up_to_level: Urgency
    min_age: float
    max_age: float
    cite: str


@dataclass(frozen=True)
class SignsJudged:
    """Conditions whose urgency their signs decide (the rules' red flags), not their name: the
    posterior raises them at most to `up_to_level`."""

    icd10_prefixes: tuple[str, ...]
    up_to_level: Urgency
    cite: str


@dataclass(frozen=True)
class DiagnosisRules:
    cite: str
    tiers: tuple[ConditionTier, ...]
    serious_max_severity: int  # severity at or below this (or must-not-miss) counts as serious
    self_care: SelfCareRules
    benign_spared: BenignSpared | None = None
    signs_judged: SignsJudged | None = None


@dataclass(frozen=True)
class BloodPressureRow:
    systolic_at_least: float
    diastolic_at_least: float
    level: Urgency
    label: str
    with_any: frozenset[str] = frozenset()  # when given, the row needs one of these findings too


@dataclass(frozen=True)
class PregnancyRules:
    cite: str
    blood_pressure: tuple[BloodPressureRow, ...]  # most urgent first


@dataclass(frozen=True)
class AdultBloodPressureRules:
    """Outside pregnancy, from min_age years: a reading high enough to need a doctor."""

    cite: str
    min_age: float
    blood_pressure: tuple[BloodPressureRow, ...]  # most urgent first


@dataclass(frozen=True)
class SelfCareWindow:
    """How long a self-care symptom may last before it needs a routine consultation."""

    max_days: Mapping[str, float]  # symptom id -> days
    default_max_days: float
    cite: str
    default_cite: str

    def limit(self, sid: str) -> tuple[float, str]:
        if sid in self.max_days:
            return self.max_days[sid], self.cite
        return self.default_max_days, self.default_cite


ANY_SELF_CARE = "any"  # companions.with: any finding on the self-care list
# The most an explanation may leave an explained finding at: it lowers, never raises.
EXPLANATION_LEVELS = (Urgency.SELF_CARE, Urgency.CONSULTATION, Urgency.CONSULTATION_24H)


@dataclass(frozen=True)
class Explanation:
    """An "unless" rule: a finding that is a warning sign in its own words (`findings`), said in
    the picture an NHS page names as a common, harmless one (every group of `groups` present:
    heartburn beside a burning chest in pregnancy), is read as that picture instead, at
    `rule.level`: SELF_CARE counts the finding as a minor symptom (for `max_days`), a higher level
    replaces the finding's own rules with that level. It holds only when none of `unless` and no
    other red-flag finding is present, the explained finding is not severe or sudden, the patient
    is in the age range and takes none of `unless_medications` (and has no history on record when
    `no_history`, none naming one of `unless_history`, and one naming one of `with_history` when given),
    at least one of `reassured_by` is said to be absent (when given), the explained
    finding is said to have lasted at least `min_days` (when given), and no other rule fires on the
    explained picture (engine.py)."""

    id: str
    findings: frozenset[str]
    groups: tuple[frozenset[str], ...]
    unless: frozenset[str]
    rule: AgeRule
    reassured_by: frozenset[str] = frozenset()
    unless_medications: tuple[str, ...] = ()
    no_history: bool = False
    unless_history: tuple[str, ...] = ()  # words: a history item containing one keeps the finding's reading
    with_history: tuple[str, ...] = ()  # words: a history item containing one is needed (a known BPPV)
    max_days: float | None = None
    min_days: float | None = None  # the explained finding must be said to have lasted this long


@dataclass(frozen=True)
class LowConfidenceRedFlag:
    """An emergency-level red flag read by the phrase encoder alone at a similarity below
    `below_confidence` sets `level` (a review) instead of its own rules (engine.py)."""

    below_confidence: float
    level: Urgency
    label: str
    cite: str

    def reason(self, names: Sequence[str]) -> str:
        return f"{self.label}: {', '.join(names)} [{self.cite}]"


@dataclass(frozen=True)
class Companion:
    """Findings (`covers`) that a self-care complaint's NHS page names as part of it: beside one of
    `anchors` (or, with `any_self_care`, beside any self-care finding) they count as minor."""

    covers: frozenset[str]
    anchors: frozenset[str]
    any_self_care: bool
    cite: str


@dataclass(frozen=True)
class TriageRules:
    version: int
    sources: Mapping[str, Mapping[str, str]]
    actions: Mapping[Urgency, str]
    severe_score_at_least: float
    fever_temperature_c: float
    adult_age_years: float
    news2: News2Rules
    qsofa: QsofaRules
    consciousness: Mapping[Consciousness, tuple[Urgency, str]]
    esi: EsiRules
    paediatric: PaediatricRules
    pregnancy: PregnancyRules
    adult_blood_pressure: AdultBloodPressureRules
    red_flags: Mapping[str, tuple[AgeRule, ...]]  # finding token -> rules
    combinations: tuple[Combination, ...]
    diagnosis: DiagnosisRules
    self_care_symptoms: frozenset[str]
    self_care_cite: str
    self_care_window: SelfCareWindow
    unread_complaint: AgeRule
    acute_only_hours: Mapping[str, float] = None  # symptom id -> hours after which it is @chronic
    context_only: frozenset[str] = frozenset()  # descriptors that are not symptoms by themselves
    companions: tuple[Companion, ...] = ()  # findings a present self-care complaint covers
    explanations: tuple[Explanation, ...] = ()  # "unless" rules (Explanation)
    low_confidence_red_flag: LowConfidenceRedFlag | None = None  # None: every reading counts as read

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TriageRules":
        return _compile(data)

    def all_tokens(self) -> set[str]:
        """Every symptom id the rules mention (without @sudden/@severe), for vocabulary checks."""
        tokens = (set(self.red_flags) | set(self.esi.hypoxia_symptoms) | set(self.self_care_symptoms)
                  | set(self.paediatric.infant_minimum_except) | set(self.context_only))
        for companion in self.companions:
            tokens |= companion.covers | companion.anchors
        for combo in self.combinations:
            for group in combo.groups:
                tokens |= group
        for row in self.adult_blood_pressure.blood_pressure + self.pregnancy.blood_pressure:
            tokens |= row.with_any
        for e in self.explanations:
            tokens |= e.findings | e.unless | e.reassured_by
            for group in e.groups:
                tokens |= group
        return {t.split("@", 1)[0] for t in tokens} - {"pregnant"}


def _benign_spared(b: Mapping[str, Any] | None, cite) -> BenignSpared | None:
    if not b:
        return None
    return BenignSpared(up_to_level=_level(b["up_to_level"], "diagnosis_aware.benign_spared"),
                        min_age=float(b["min_age"]), max_age=float(b["max_age"]),
                        cite=cite(b["source"], b.get("cite"), "diagnosis_aware.benign_spared"))


def _signs_judged(j: Mapping[str, Any] | None, cite) -> SignsJudged | None:
    if not j:
        return None
    return SignsJudged(icd10_prefixes=tuple(x.upper() for x in j["icd10_prefixes"]),
                       up_to_level=_level(j["up_to_level"], "diagnosis_aware.signs_judged"),
                       cite=cite(j["source"], j.get("cite"), "diagnosis_aware.signs_judged"))


def load_rules(path: str | Path | None = None) -> TriageRules:
    return TriageRules.from_dict(load_strict(path or RULES_PATH))


def _low_confidence_red_flag(spec: Mapping[str, Any] | None, cite) -> LowConfidenceRedFlag | None:
    if not spec:
        return None
    where = "findings.low_confidence_red_flag"
    level = _level(spec["level"], where)
    if level >= Urgency.EMERGENCY:
        raise RulesError(f"{where}: the level of a doubtful reading must be below EMERGENCY, got {level.name}")
    below = float(spec["below_confidence"])
    if not 0.0 < below <= 1.0:
        raise RulesError(f"{where}: below_confidence must be in (0, 1], got {below}")
    return LowConfidenceRedFlag(below, level, spec["label"], cite(spec["source"], spec.get("cite"), where))


def _compile(data: Mapping[str, Any]) -> TriageRules:
    sources = data["sources"]

    def cite(source: str, override: str | None, where: str) -> str:
        if source not in sources:
            raise RulesError(f"{where}: unknown source {source!r}")
        return override or sources[source]["cite"]

    actions = {_level(k, "actions"): v for k, v in data["actions"].items()}
    missing = set(Urgency) - {Urgency.UNSPECIFIED} - set(actions)
    if missing:
        raise RulesError(f"actions: missing {sorted(m.name for m in missing)}")

    f = data["findings"]
    if f.get("acute_only_hours"):
        cite(f["acute_only_source"], None, "findings.acute_only_source")
    n = data["news2"]
    s2 = n["spo2_scale2"]
    aggregate = sorted(n["aggregate_levels"], key=lambda r: -r["at_least"])
    agg_rows = []
    upper: int | None = None
    for row in aggregate:
        at_least = int(row["at_least"])
        text = f">={at_least}" if upper is None else (
            str(at_least) if upper - 1 == at_least else f"{at_least}-{upper - 1}")
        agg_rows.append((at_least, _level(row["level"], "news2"), text, row["meaning"]))
        upper = at_least
    news2 = News2Rules(
        cite=cite(n["source"], None, "news2"),
        respiratory_rate=_bands(n["respiratory_rate"], "news2.respiratory_rate"),
        spo2_scale1=_bands(n["spo2_scale1"], "news2.spo2_scale1"),
        spo2_scale2_below_target=_bands(s2["below_target"], "news2.spo2_scale2"),
        spo2_scale2_target_high=float(s2["target"][1]),
        spo2_scale2_on_oxygen_above=_bands(s2["on_oxygen_above_target"], "news2.spo2_scale2"),
        oxygen_points=int(n["supplemental_oxygen_points"]),
        systolic_bp=_bands(n["systolic_bp"], "news2.systolic_bp"),
        heart_rate=_bands(n["heart_rate"], "news2.heart_rate"),
        temperature_c=_bands(n["temperature_c"], "news2.temperature_c"),
        not_alert_points=int(n["consciousness_not_alert_points"]),
        aggregate_levels=tuple(agg_rows),
        single_3_level=_level(n["single_parameter_3_level"], "news2"),
        pregnancy_min_total=int(n["pregnancy_min_total"]),
    )

    q = data["qsofa"]
    qsofa = QsofaRules(
        cite=cite(q["source"], None, "qsofa"),
        systolic_at_or_below=float(q["systolic_bp_at_or_below"]),
        rr_at_or_above=float(q["respiratory_rate_at_or_above"]),
        positive_at_or_above=int(q["positive_at_or_above"]),
        positive_level=_level(q["positive_level"], "qsofa"),
    )

    consciousness = {}
    for row in data["consciousness"]:
        state = Consciousness[row["state"]]
        reason = f"Consciousness: {row['label']} [{cite(row['source'], row.get('cite'), 'consciousness')}]"
        consciousness[state] = (_level(row["level"], "consciousness"), reason)

    e = data["esi"]
    esi = EsiRules(
        cite=cite(e["source"], None, "esi"),
        spo2_below=float(e["spo2_below"]),
        spo2_below_scale2=float(e["spo2_below_on_scale2"]),
        spo2_level=_level(e["spo2_level"], "esi"),
        hypoxia_with_symptoms_level=_level(e["hypoxia_with_symptoms_level"], "esi"),
        hypoxia_symptoms=frozenset(e["hypoxia_symptoms"]),
        danger_zone=tuple(
            DangerZoneBand(
                band=b["band"], min_age=float(b["min_age"]),
                max_age=None if b["max_age"] is None else float(b["max_age"]),
                hr_above=float(b["hr_above"]), rr_above=float(b["rr_above"]),
                level=_level(b["level"], "esi.danger_zone"),
                both_level=_level(b.get("both_level", b["level"]), "esi.danger_zone"),
            )
            for b in e["danger_zone"]
        ),
    )

    p = data["paediatric"]
    fever_rules = tuple(
        TemperatureRule(
            level=_level(r["level"], r["id"]),
            reason=f"{r['label']} [{cite(r['source'], r.get('cite'), r['id'])}]",
            min_age=r.get("min_age"), max_age=r.get("max_age"),
            temperature_at_least=r.get("temperature_at_least"),
            temperature_below=r.get("temperature_below"),
        )
        for r in p["fever_rules"]
    )
    hyp = p["hypotension"]
    bands = []
    for b in hyp["bands"]:
        if "systolic_below_base" in b:
            bands.append(HypotensionBand(b["min_age"], b["max_age"], b["systolic_below_base"],
                                         b["per_year"]))
        else:
            bands.append(HypotensionBand(b["min_age"], b["max_age"], b["systolic_below"]))
    im = p["infant_minimum"]
    paediatric = PaediatricRules(
        fever_rules=fever_rules,
        hypotension_bands=tuple(bands),
        hypotension_level=_level(hyp["level"], "paediatric.hypotension"),
        hypotension_cite=cite(hyp["source"], None, "paediatric.hypotension"),
        infant_minimum=AgeRule(
            level=_level(im["level"], "infant_minimum"),
            reason=f"{im['label']} [{cite(im['source'], im.get('cite'), 'infant_minimum')}]",
            max_age=im["max_age"],
        ),
        infant_minimum_except=frozenset(im.get("except") or ()),
    )
    if im.get("except"):
        cite(im["except_source"], im.get("except_cite"), "infant_minimum.except")

    def bp_rows(section: dict, where: str) -> tuple[BloodPressureRow, ...]:
        return tuple(sorted(
            (BloodPressureRow(float(r["systolic_at_least"]), float(r["diastolic_at_least"]),
                              _level(r["level"], f"{where}.blood_pressure"), r["label"],
                              frozenset(r.get("with_any") or ()))
             for r in section["blood_pressure"]),
            key=lambda r: -r.level))

    pg = data["pregnancy"]
    pregnancy = PregnancyRules(cite=cite(pg["source"], pg.get("cite"), "pregnancy"),
                               blood_pressure=bp_rows(pg, "pregnancy"))
    ab = data["adult_blood_pressure"]
    adult_blood_pressure = AdultBloodPressureRules(
        cite=cite(ab["source"], ab.get("cite"), "adult_blood_pressure"), min_age=float(ab["min_age"]),
        blood_pressure=bp_rows(ab, "adult_blood_pressure"))

    red_flags: dict[str, list[AgeRule]] = {}
    for r in data["red_flags"]:
        where = f"red_flags[{r['token']}]"
        rule = AgeRule(
            level=_level(r["level"], where),
            reason=(f"{'Red flag' if _level(r['level'], where) >= Urgency.EMERGENCY else 'Warning sign'}: "
                    f"{r['label']} [{cite(r['source'], r.get('cite'), where)}]"),
            min_age=r.get("min_age"), max_age=r.get("max_age"),
        )
        red_flags.setdefault(r["token"], []).append(rule)

    combinations = tuple(
        Combination(
            id=c["id"],
            groups=tuple(frozenset(g) for g in c["all_of"]),
            rule=AgeRule(
                level=_level(c["level"], c["id"]),
                reason=f"{c['label']} [{cite(c['source'], c.get('cite'), c['id'])}]",
                min_age=c.get("min_age"), max_age=c.get("max_age"),
            ),
            not_sex=Sex[c["not_sex"]] if c.get("not_sex") else None,
            medications_any=tuple(m.lower() for m in c.get("medications_any", ())),
            history_any=tuple(h.lower() for h in c.get("history_any", ())),
            min_pregnancy_weeks=c.get("min_pregnancy_weeks"),
            max_pregnancy_weeks=c.get("max_pregnancy_weeks"),
        )
        for c in data["combinations"]
    )

    d = data["diagnosis_aware"]
    tiers = tuple(
        ConditionTier(
            must_not_miss=bool(t.get("must_not_miss")), max_severity=t.get("max_severity"),
            min_probability=float(t["min_probability"]), level=_level(t["level"], "diagnosis_aware"),
        )
        for t in d["tiers"]
    )
    sc = d["self_care"]
    diagnosis = DiagnosisRules(
        cite=cite(d["source"], None, "diagnosis_aware"),
        tiers=tiers,
        serious_max_severity=int(d["serious_max_severity"]),
        self_care=SelfCareRules(
            cite=cite(sc["source"], sc.get("cite"), "diagnosis_aware.self_care"),
            min_benign_probability=float(sc["min_benign_probability"]),
            max_serious_probability=float(sc["max_serious_probability"]),
            benign_min_severity=int(sc["benign_min_severity"]),
            benign_icd10_prefixes=tuple(x.upper() for x in sc["benign_icd10_prefixes"]),
        ),
        benign_spared=_benign_spared(d.get("benign_spared"), cite),
        signs_judged=_signs_judged(d.get("signs_judged"), cite),
    )

    scs = data["self_care_symptoms"]
    unknown = set(scs.get("max_days", {})) - set(scs["ids"])
    if unknown:
        raise RulesError(f"self_care_symptoms.max_days: not self-care symptoms: {sorted(unknown)}")
    companions = []
    for n, c in enumerate(scs.get("companions") or ()):
        where = f"self_care_symptoms.companions[{n}]"
        anchors = c["with"]
        any_self_care = anchors == ANY_SELF_CARE
        anchors = frozenset() if any_self_care else frozenset(anchors)
        if not any_self_care and (not anchors or not anchors <= set(scs["ids"])):
            raise RulesError(f"{where}: `with` must be {ANY_SELF_CARE!r} or self-care symptoms, got {c['with']!r}")
        covers = frozenset(c["covers"])
        if not covers or covers & set(scs["ids"]):
            raise RulesError(f"{where}: `covers` must name findings not already on the self-care list")
        companions.append(Companion(covers=covers, anchors=anchors, any_self_care=any_self_care,
                                    cite=cite(c["source"], c.get("cite"), where)))
    explanations = []
    for n, e in enumerate(data.get("explanations") or ()):
        where = f"explanations[{e.get('id', n)}]"
        level = _level(e["level"], where)
        if level not in EXPLANATION_LEVELS:
            raise RulesError(f"{where}: an explanation lowers a finding's level; {level.name} is not one of "
                             f"{[x.name for x in EXPLANATION_LEVELS]}")
        findings_ = frozenset(e["findings"])
        groups = tuple(frozenset(g) for g in e.get("with") or ())
        if not findings_ or not all(groups) or not (groups or e.get("reassured_by")):
            raise RulesError(f"{where}: needs `findings`, and a `with` group or `reassured_by` (never unconditional)")
        if level != Urgency.SELF_CARE and e.get("max_days") is not None:
            raise RulesError(f"{where}: max_days applies to a SELF_CARE explanation only")
        explanations.append(Explanation(
            id=e["id"], findings=findings_, groups=groups, unless=frozenset(e.get("unless") or ()),
            rule=AgeRule(level=level, reason=f"{e['label']} [{cite(e['source'], e.get('cite'), where)}]",
                         min_age=e.get("min_age"), max_age=e.get("max_age")),
            reassured_by=frozenset(e.get("reassured_by") or ()),
            unless_medications=tuple(m.lower() for m in e.get("unless_medications") or ()),
            no_history=bool(e.get("no_history")),
            unless_history=tuple(h.lower() for h in e.get("unless_history") or ()),
            with_history=tuple(h.lower() for h in e.get("with_history") or ()),
            max_days=None if e.get("max_days") is None else float(e["max_days"]),
            min_days=None if e.get("min_days") is None else float(e["min_days"]),
        ))
    window = SelfCareWindow(
        # null: no duration makes this symptom need a doctor (NHS acne: the treatment's failure does)
        max_days={k: math.inf if v is None else float(v) for k, v in scs.get("max_days", {}).items()},
        default_max_days=float(scs["default_max_days"]),
        cite=cite(scs["source"], scs.get("cite"), "self_care_symptoms"),
        default_cite=cite(scs["default_source"], None, "self_care_symptoms.default_source"),
    )
    return TriageRules(
        version=int(data["version"]),
        sources=sources,
        actions=actions,
        acute_only_hours={k: float(v) for k, v in (f.get("acute_only_hours") or {}).items()},
        context_only=frozenset(f.get("context_only") or ()),
        low_confidence_red_flag=_low_confidence_red_flag(f.get("low_confidence_red_flag"), cite),
        severe_score_at_least=float(f["severe_score_at_least"]),
        fever_temperature_c=float(f["fever_temperature_c"]),
        adult_age_years=float(f["adult_age_years"]),
        news2=news2,
        qsofa=qsofa,
        consciousness=consciousness,
        esi=esi,
        paediatric=paediatric,
        pregnancy=pregnancy,
        adult_blood_pressure=adult_blood_pressure,
        red_flags={k: tuple(v) for k, v in red_flags.items()},
        combinations=combinations,
        diagnosis=diagnosis,
        self_care_symptoms=frozenset(scs["ids"]),
        self_care_cite=cite(scs["source"], scs.get("cite"), "self_care_symptoms"),
        self_care_window=window,
        companions=tuple(companions),
        explanations=tuple(explanations),
        unread_complaint=AgeRule(
            level=_level(data["unread_complaint"]["level"], "unread_complaint"),
            reason=f"{data['unread_complaint']['label']} "
                   f"[{cite(data['unread_complaint']['source'], None, 'unread_complaint')}]"),
    )
