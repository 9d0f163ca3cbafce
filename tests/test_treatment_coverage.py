"""Care-table coverage: the 150 most prevalent conditions of the knowledge base must (>= 95%) get at
least one curated care option, i.e. something other than the low-confidence "see a clinician" fallback."""

from __future__ import annotations

import pytest

from healthmesh.clinical import ConditionScore, Patient
from knowledge.kb import load_kb
from treatment_retriever.engine import TreatmentRetriever

TOP_N = 150
MIN_SHARE = 0.95


@pytest.fixture(scope="module")
def retriever():
    return TreatmentRetriever()


def _top_conditions():
    return sorted(load_kb().conditions.values(), key=lambda c: -c.prevalence)[:TOP_N]


def _covered(retriever, condition) -> bool:
    score = ConditionScore(id=condition.id, name=condition.name, icd10=condition.icd10, probability=0.5)
    plan = retriever.recommend(Patient(age_years=40), [score])
    return any(t.confidence != "low" for t in plan.treatments)


def test_most_prevalent_conditions_have_a_care_option(retriever):
    top = _top_conditions()
    assert len(top) == TOP_N
    missing = [(c.name, c.icd10) for c in top if not _covered(retriever, c)]
    covered = TOP_N - len(missing)
    needed = -(-int(MIN_SHARE * 100) * TOP_N // 100)  # ceil(0.95 * 150) = 143
    assert covered >= needed, (
        f"only {covered}/{TOP_N} of the most prevalent conditions have a care option (need {needed}); "
        f"missing: " + "; ".join(f"{name} ({code})" for name, code in missing))


@pytest.mark.parametrize("code, expected", [
    ("Z33.1", "Pregnancy"), ("H26.9", "Cataract"), ("U07.1", "COVID-19"), ("G47.33", "Obstructive sleep apnoea"),
    ("H52.10", "Refractive error"), ("H52.209", "Refractive error"), ("D55.0", "G6PD deficiency"),
    ("T15.90", "Foreign body in the eye"), ("S05.00", "Corneal abrasion"), ("L89.90", "Pressure ulcer"),
    ("L98.499", "Chronic skin ulcer"), ("L98.9", "Skin disorder"), ("F14.10", "Drug misuse"),
    ("G89.18", "Acute pain after an operation"), ("N83.209", "Ovarian cyst"),
    # the new, shorter prefixes do not shadow the existing, more specific entries
    ("N83.51", "Testicular / ovarian torsion"), ("S43.0", "Sprain or strain"), ("F11.20", "Opioid dependence"),
])
def test_new_entries_are_found_by_prefix(code, expected):
    from treatment_retriever.data import default_treatment_data
    entry = default_treatment_data().care_table.lookup(code)
    assert entry is not None and entry.name.startswith(expected), (code, entry and entry.name)


def test_pregnancy_entry_gives_antenatal_care_to_a_pregnant_patient(retriever):
    plan = retriever.recommend(Patient(age_years=30, pregnant=True),
                               [ConditionScore(id="p", name="Pregnancy", icd10="Z33.1", probability=0.9)], 5)
    text = " | ".join(t.name.lower() for t in plan.treatments)
    assert "antenatal" in text and "folic acid" in text
