"""TreatmentRetriever: conditions + patient -> safe first-line care and drug-interaction warnings.

For each condition the care table is looked up by ICD-10-CM code. Its options come in slots (a
first-line option and, in order, the alternatives that replace it). Each option is judged for this
patient (filters.assess); a withheld option is recorded in `TreatmentPlan.withheld` with its reason
and source, and the next safe alternative in its slot takes its place. A kept option with a caution
carries the caution in `warnings`. Up to `max_per_condition` slots are filled per condition.
Interactions are reported among current medications and between kept treatments and current
medications; names the vocabulary does not know are listed in `unknown_drugs`.
"""

from __future__ import annotations

from typing import Sequence

from healthmesh.clinical import ConditionScore, Interaction, Patient, Treatment, TreatmentPlan
from healthmesh.errors import InvalidArgument
from treatment_retriever.care_table import CareEntry, CareOption
from treatment_retriever.data import TreatmentData, default_treatment_data
from treatment_retriever.filters import PatientContext, Verdict, assess, build_context
from treatment_retriever.interactions import sort_interactions
from treatment_retriever.vocabulary import Resolved

NO_ENTRY_SOURCE = "healthmesh default (no care-table entry for this ICD-10 code)"


class TreatmentRetriever:
    def __init__(self, data: TreatmentData | None = None):
        self.data = data or default_treatment_data()

    def recommend(self, patient: Patient, conditions: Sequence[ConditionScore],
                  max_per_condition: int = 3) -> TreatmentPlan:
        if max_per_condition < 1:
            raise InvalidArgument("max_per_condition", "must be at least 1")
        ctx = build_context(patient, self.data.vocabulary, self.data.safety)
        treatments: list[Treatment] = []
        withheld: list[str] = []
        interactions: list[Interaction] = self.data.interactions.among(ctx.medications)
        for condition in conditions:
            entry = self.data.care_table.lookup(condition.icd10)
            if entry is None:
                treatments.append(_no_entry(condition))
                continue
            chosen, held, found = self._plan_condition(entry, condition, ctx, max_per_condition)
            treatments.extend(chosen)
            withheld.extend(w for w in held if w not in withheld)
            interactions.extend(found)
        return TreatmentPlan(
            treatments=tuple(treatments),
            interactions=tuple(sort_interactions(interactions)),
            withheld=tuple(withheld),
            unknown_drugs=tuple(ctx.unknown),
        )

    def check_interactions(self, drugs: Sequence[str]) -> list[Interaction]:
        """Interactions among a list of drug names (brands and synonyms accepted; unknown names ignored)."""
        resolved: list[Resolved] = []
        for name in drugs:
            resolved.extend(self.data.vocabulary.resolve_all(name) or ())
        return self.data.interactions.among(resolved)

    def unknown_names(self, names: Sequence[str]) -> list[str]:
        """The names in `names` the drug vocabulary does not know."""
        vocab = self.data.vocabulary
        return [n for n in names if not vocab.is_none_word(n) and vocab.resolve_all(n) is None]

    # ---------------------------------------------------------------------------------------

    def _plan_condition(self, entry: CareEntry, condition: ConditionScore, ctx: PatientContext,
                        limit: int) -> tuple[list[Treatment], list[str], list[Interaction]]:
        chosen: list[Treatment] = []
        withheld: list[str] = []
        found: list[Interaction] = []
        for slot in _slots(entry.options):
            if len(chosen) >= limit:
                break
            held_here: list[str] = []
            for option in slot:
                verdict = assess(option, ctx, self.data.vocabulary, self.data.safety, self.data.interactions)
                if not verdict.applicable:
                    continue
                if not verdict.kept:
                    held_here.append(_withheld_line(option, verdict, condition))
                    continue
                chosen.append(_treatment(option, verdict, condition))
                found.extend(verdict.interactions)
                if held_here:
                    held_here = [f"{line}; alternative offered: {option.name}" for line in held_here]
                break
            withheld.extend(held_here)
        return chosen, withheld, found


def _slots(options: Sequence[CareOption]) -> list[list[CareOption]]:
    slots: dict[int, list[CareOption]] = {}
    for option in options:
        slots.setdefault(option.slot, []).append(option)
    return [slots[k] for k in sorted(slots)]


def _treatment(option: CareOption, verdict: Verdict, condition: ConditionScore) -> Treatment:
    return Treatment(
        condition_id=condition.id, name=option.name, kind=option.kind, line=option.line,
        warnings=tuple(verdict.warnings), source=option.source, confidence=option.confidence,
    )


def _withheld_line(option: CareOption, verdict: Verdict, condition: ConditionScore) -> str:
    by_subject: dict[str, list[str]] = {}
    for subject, reason in verdict.withhold:
        by_subject.setdefault(subject, []).append(reason)
    parts = [f"{subject} withheld for {condition.name or condition.icd10}: {'; '.join(reasons)}"
             for subject, reasons in by_subject.items()]
    return " | ".join(parts)


def _no_entry(condition: ConditionScore) -> Treatment:
    return Treatment(
        condition_id=condition.id,
        name=f"See a clinician for assessment and treatment of {condition.name or condition.icd10}",
        kind="referral", line=1, source=NO_ENTRY_SOURCE, confidence="low",
    )
