"""Patient safety filters: allergies (with cross-reactivity), pregnancy, age, conditions found in the
patient's history (kidney and liver disease, asthma, peptic ulcer, ...), interactions with current
medications and duplicate therapy.

`assess()` judges one care option for one patient and returns a Verdict: reasons to withhold it
(each with its source), warnings to attach if it is kept, and the interactions it would add.
The rules themselves are data in `knowledge/curated/drugs.yaml` (`allergy_rules`, `comorbidities`,
`rules`); this module only applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from healthmesh.clinical import Interaction, Patient
from treatment_retriever.care_table import CareOption
from treatment_retriever.interactions import InteractionTable
from treatment_retriever.vocabulary import DrugVocabulary, Resolved

ACTIONS = frozenset({"withhold", "warn"})
# History items saying the patient does NOT have something, or that it concerns a relative.
_NEGATED = re.compile(
    r"^\s*(no|not|denies|denied|without|negative for|ruled out|excluded|never had)\b|"
    r"\b(family history|fh of|mother|father|sister|brother|parent)\b", re.I)


@dataclass(frozen=True)
class PatientRule:
    id: str
    targets: frozenset[str]  # canonical drug names
    when: str  # "pregnant" | "age_below" | "age_at_least" | "comorbidity"
    value: object
    action: str
    reason: str
    source: str
    licence: str


@dataclass(frozen=True)
class AllergyRule:
    triggers: tuple[str, ...]  # refs: `class:<id>` or drug names
    withhold: frozenset[str]
    warn: frozenset[str]
    withhold_reason: str
    warn_reason: str
    source: str
    licence: str


@dataclass(frozen=True)
class Comorbidity:
    id: str
    label: str
    pattern: re.Pattern


@dataclass(frozen=True)
class SafetyRules:
    rules: tuple[PatientRule, ...]
    allergy_rules: tuple[AllergyRule, ...]
    comorbidities: tuple[Comorbidity, ...]


@dataclass
class PatientContext:
    """A patient as the filters see it: names resolved, history read for known conditions."""

    age: float | None
    pregnant: bool
    comorbidities: dict[str, str]  # id -> the history text that matched
    medications: list[Resolved]
    allergies: list[Resolved]
    unknown: list[str]


@dataclass
class Verdict:
    withhold: list[tuple[str, str]] = field(default_factory=list)  # (subject, "reason [source]")
    warnings: list[str] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    applicable: bool = True

    @property
    def kept(self) -> bool:
        return self.applicable and not self.withhold


def build_context(patient: Patient, vocabulary: DrugVocabulary, safety: SafetyRules) -> PatientContext:
    unknown: list[str] = []
    medications = _resolve_names(patient.medications, vocabulary, unknown, allergies=False)
    allergies = _resolve_names(patient.allergies, vocabulary, unknown, allergies=True)
    found: dict[str, str] = {}
    for item in patient.history:
        if not item or _NEGATED.search(item):
            continue
        for c in safety.comorbidities:
            if c.id not in found and c.pattern.search(item.lower()):
                found[c.id] = item
    return PatientContext(age=patient.age_years, pregnant=bool(patient.pregnant), comorbidities=found,
                          medications=medications, allergies=allergies, unknown=unknown)


def _resolve_names(names: Sequence[str], vocabulary: DrugVocabulary, unknown: list[str],
                   allergies: bool) -> list[Resolved]:
    out: list[Resolved] = []
    for name in names:
        if vocabulary.is_none_word(name) or (allergies and vocabulary.is_non_drug_allergen(name)):
            continue
        hits = vocabulary.resolve_all(name)
        if hits is None:
            if name not in unknown:
                unknown.append(name)
        else:
            out.extend(h for h in hits if h not in out)
    return out


def assess(option: CareOption, ctx: PatientContext, vocabulary: DrugVocabulary, safety: SafetyRules,
           interactions: InteractionTable) -> Verdict:
    v = Verdict()
    # --- applicability (silently skipped, not withheld)
    if option.pregnancy == "only" and not ctx.pregnant:
        v.applicable = False
        return v
    if option.pregnancy == "non-pregnant" and ctx.pregnant:
        v.applicable = False
        return v
    if option.max_age is not None and ctx.age is not None and ctx.age > option.max_age:
        v.applicable = False
        return v
    subject = option.drugs[0] if option.drugs else option.name
    # --- option-level limits
    if option.min_age is not None:
        if ctx.age is None:
            v.warnings.append(f"age not given: only for age {option.min_age:g}+")
        elif ctx.age < option.min_age:
            v.withhold.append((subject, f"only for age {option.min_age:g}+ [{option.source}]"))
    if ctx.pregnant and option.pregnancy == "avoid":
        v.withhold.append((subject, f"not recommended in pregnancy [{option.source}]"))
    if ctx.pregnant and option.pregnancy == "caution":
        v.warnings.append("pregnancy: use only after clinician/midwife advice")
    if option.caution:
        v.warnings.append(option.caution)
    for drug in option.drugs:
        _allergies(drug, ctx, vocabulary, safety, v)
        _patient_rules(drug, ctx, vocabulary, safety, v)
        _interactions_and_duplicates(drug, option, ctx, vocabulary, interactions, v)
    v.warnings = list(dict.fromkeys(v.warnings))
    v.withhold = list(dict.fromkeys(v.withhold))
    return v


def _allergies(drug: str, ctx: PatientContext, vocabulary: DrugVocabulary, safety: SafetyRules,
               v: Verdict) -> None:
    atoms, classes = vocabulary.atoms(drug), vocabulary.classes_of(drug)
    for allergy in ctx.allergies:
        by_rule = False
        for rule in safety.allergy_rules:
            if not _allergy_triggers(allergy, rule, vocabulary):
                continue
            if atoms & rule.withhold:
                v.withhold.append((drug, f"{rule.withhold_reason} [{rule.source}]"))
                by_rule = True
            elif atoms & rule.warn:
                v.warnings.append(f"{rule.warn_reason} [{rule.source}]")
        if by_rule:
            continue
        label = vocabulary.label(allergy)
        if allergy.is_class:
            if allergy.id in classes:
                v.withhold.append((drug, f"allergy to {label} [NICE CG183 Drug allergy]"))
            continue
        if atoms & vocabulary.atoms(allergy.id):
            v.withhold.append((drug, f"allergy to {allergy.id} [NICE CG183 Drug allergy]"))
            continue
        groups = {c for c in vocabulary.classes_of(allergy.id) if vocabulary.classes[c].allergy_group} & classes
        if groups:
            names = ", ".join(sorted(vocabulary.classes[c].name for c in groups))
            v.withhold.append((drug, f"{label} allergy, cross-reactive class ({names}) [NICE CG183 Drug allergy]"))


def _allergy_triggers(allergy: Resolved, rule: AllergyRule, vocabulary: DrugVocabulary) -> bool:
    for ref in rule.triggers:
        if ref.startswith("class:"):
            cls = ref[6:]
            if (allergy.is_class and cls in vocabulary.class_ancestors(allergy.id)) or (
                    not allergy.is_class and cls in vocabulary.classes_of(allergy.id)):
                return True
        elif not allergy.is_class and ref in vocabulary.atoms(allergy.id):
            return True
    return False


def _patient_rules(drug: str, ctx: PatientContext, vocabulary: DrugVocabulary, safety: SafetyRules,
                   v: Verdict) -> None:
    atoms = vocabulary.atoms(drug)
    for rule in safety.rules:
        if not atoms & rule.targets:
            continue
        cited = f"{rule.reason} [{rule.source}]"
        if rule.when == "pregnant":
            hit = ctx.pregnant
        elif rule.when == "age_below":
            if ctx.age is None:
                if rule.action == "withhold":  # unknown age: keep, but say so
                    v.warnings.append(f"age not given - if under {rule.value:g}: {cited}")
                continue
            hit = ctx.age < rule.value  # type: ignore[operator]
        elif rule.when == "age_at_least":
            hit = ctx.age is not None and ctx.age >= rule.value  # type: ignore[operator]
        else:
            hit = rule.value in ctx.comorbidities
            if hit:
                cited = f"{rule.reason} (history: {ctx.comorbidities[rule.value]}) [{rule.source}]"  # type: ignore[index]
        if not hit:
            continue
        if rule.action == "withhold":
            v.withhold.append((drug, cited))
        else:
            v.warnings.append(cited)


def _interactions_and_duplicates(drug: str, option: CareOption, ctx: PatientContext,
                                 vocabulary: DrugVocabulary, interactions: InteractionTable,
                                 v: Verdict) -> None:
    proposed = Resolved("drug", drug)
    atoms, classes = vocabulary.atoms(drug), vocabulary.classes_of(drug)
    for med in ctx.medications:
        label = vocabulary.label(med)
        if med == proposed:
            v.warnings.append(f"already taking {label}: do not double the dose")
            continue
        if not med.is_class and atoms & vocabulary.atoms(med.id):
            shared = ", ".join(sorted(atoms & vocabulary.atoms(med.id)))
            v.warnings.append(f"already taking {label}, which contains {shared}: do not double up")
        med_classes = vocabulary.class_ancestors(med.id) if med.is_class else vocabulary.classes_of(med.id)
        dup = sorted(vocabulary.classes[c].name for c in (classes & med_classes) if vocabulary.classes[c].duplicate)
        if dup:
            v.warnings.append(f"already taking {label} (same class: {', '.join(dup)}): avoid duplicate therapy")
        hit = interactions.between(proposed, med)
        if hit is None:
            continue
        text = f"interaction with {label} ({hit.severity}): {hit.advice} [{hit.source}]"
        if hit.severity == "contraindicated" or (hit.severity == "major" and not option.critical):
            v.withhold.append((drug, text))
        else:
            v.warnings.append(text)
            v.interactions.append(hit)


def load_safety_rules(doc: dict, vocabulary: DrugVocabulary) -> SafetyRules:
    comorbidities = []
    for cid, row in (doc.get("comorbidities") or {}).items():
        terms = sorted({t.lower() for t in row["terms"]}, key=len, reverse=True)
        pattern = re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(t) for t in terms) + r")(?![a-z0-9])")
        comorbidities.append(Comorbidity(id=cid, label=row.get("label", cid), pattern=pattern))
    known = {c.id for c in comorbidities}
    rules = []
    seen: set[str] = set()
    for row in doc.get("rules") or ():
        rid = row["id"]
        if rid in seen:
            raise ValueError(f"duplicate safety rule id {rid!r}")
        seen.add(rid)
        for ref in (*row["drugs"], *(row.get("except") or ())):
            try:
                vocabulary.check_ref(ref)
            except ValueError as exc:
                raise ValueError(f"safety rule {rid!r}: {exc}") from None
        (when, value), = row["when"].items()
        if when not in ("pregnant", "age_below", "age_at_least", "comorbidity"):
            raise ValueError(f"safety rule {rid!r}: unknown condition {when!r}")
        if when == "comorbidity" and value not in known:
            raise ValueError(f"safety rule {rid!r}: unknown comorbidity {value!r}")
        if row["action"] not in ACTIONS:
            raise ValueError(f"safety rule {rid!r}: action must be withhold or warn")
        if not row.get("reason") or not row.get("source") or not row.get("licence"):
            raise ValueError(f"safety rule {rid!r} needs reason, source and licence")
        targets = vocabulary.expand(row["drugs"]) - vocabulary.expand(row.get("except") or ())
        rules.append(PatientRule(id=rid, targets=targets, when=when, value=value, action=row["action"],
                                 reason=row["reason"], source=row["source"], licence=row["licence"]))
    allergy_rules = []
    for row in doc.get("allergy_rules") or ():
        for ref in (*row["if_allergic_to"], *row["withhold"], *row["warn"]):
            vocabulary.check_ref(ref)
        if not row.get("source") or not row.get("licence"):
            raise ValueError("every allergy rule needs a source and licence")
        allergy_rules.append(AllergyRule(
            triggers=tuple(row["if_allergic_to"]), withhold=vocabulary.expand(row["withhold"]),
            warn=vocabulary.expand(row["warn"]), withhold_reason=row.get("withhold_reason", ""),
            warn_reason=row.get("warn_reason", ""), source=row["source"], licence=row["licence"],
        ))
    return SafetyRules(rules=tuple(rules), allergy_rules=tuple(allergy_rules), comorbidities=tuple(comorbidities))
