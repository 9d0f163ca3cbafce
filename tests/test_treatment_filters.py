"""Patient filters, one rule family at a time; each withheld option must be replaced by a safe one."""

from __future__ import annotations

import pytest

from healthmesh.clinical import ConditionScore, Patient, Sex
from treatment_retriever.care_table import CareOption
from treatment_retriever.data import default_treatment_data
from treatment_retriever.engine import TreatmentRetriever
from treatment_retriever.filters import assess, build_context


@pytest.fixture(scope="module")
def retriever():
    return TreatmentRetriever()


def plan_for(retriever, patient, icd10, name="Condition", k=3):
    return retriever.recommend(patient, [ConditionScore("c1", name, icd10, 0.5)], max_per_condition=k)


def verdict(patient, *drugs, **option):
    data = default_treatment_data()
    opt = CareOption(name="test option", kind="prescription", line=1, slot=0, drugs=drugs,
                     source="test source", licence="test", **option)
    ctx = build_context(patient, data.vocabulary, data.safety)
    return assess(opt, ctx, data.vocabulary, data.safety, data.interactions)


def names(plan):
    return " | ".join(t.name for t in plan.treatments).lower()


# ---- allergies --------------------------------------------------------------------------------

@pytest.mark.parametrize("allergy", ["penicillin", "Penicillin V", "amoxicillin", "Augmentin", "PCN"])
@pytest.mark.parametrize("drug", ["amoxicillin", "ampicillin", "co-amoxiclav", "flucloxacillin"])
def test_penicillin_allergy_removes_every_penicillin(allergy, drug):
    v = verdict(Patient(allergies=(allergy,)), drug)
    assert not v.kept and v.withhold


@pytest.mark.parametrize("drug", ["cefalexin", "ceftriaxone", "meropenem"])
def test_penicillin_allergy_keeps_cephalosporins_and_carbapenems_with_a_caution(drug):
    v = verdict(Patient(allergies=("penicillin",)), drug)
    assert v.kept
    assert any("cross-reactivity" in w for w in v.warnings)


def test_sulfonamide_allergy_removes_co_trimoxazole_but_not_trimethoprim():
    assert not verdict(Patient(allergies=("sulfa",)), "co-trimoxazole").kept
    assert not verdict(Patient(allergies=("Bactrim",)), "sulfasalazine").kept
    assert verdict(Patient(allergies=("sulfa",)), "trimethoprim").kept


@pytest.mark.parametrize("allergy", ["NSAIDs", "aspirin", "ibuprofen", "Advil"])
@pytest.mark.parametrize("drug", ["ibuprofen", "naproxen", "diclofenac", "celecoxib", "aspirin", "topical ibuprofen"])
def test_nsaid_or_aspirin_allergy_removes_all_nsaids_and_aspirin(allergy, drug):
    assert not verdict(Patient(age_years=40, allergies=(allergy,)), drug).kept


def test_nsaid_allergy_leaves_paracetamol():
    assert verdict(Patient(allergies=("NSAIDs", "aspirin")), "paracetamol").kept


def test_allergy_to_a_component_removes_the_combination():
    assert not verdict(Patient(allergies=("codeine",)), "co-codamol").kept


def test_allergy_replacement_offered(retriever):
    plan = plan_for(retriever, Patient(age_years=30, allergies=("penicillin",)), "H66.90", "Otitis media")
    assert any(w.startswith("amoxicillin withheld for Otitis media: penicillin allergy") for w in plan.withheld)
    assert "alternative offered: Penicillin allergy: clarithromycin" in plan.withheld[0]
    assert "clarithromycin" in names(plan)


# ---- pregnancy ---------------------------------------------------------------------------------

@pytest.mark.parametrize("drug", ["ramipril", "losartan", "warfarin", "doxycycline", "ciprofloxacin",
                                  "isotretinoin", "methotrexate", "ibuprofen", "naproxen", "simvastatin",
                                  "sodium valproate", "apixaban", "fluconazole"])
def test_pregnancy_withholds_harmful_drugs(drug):
    assert not verdict(Patient(age_years=30, sex=Sex.FEMALE, pregnant=True), drug).kept
    assert verdict(Patient(age_years=30, sex=Sex.FEMALE, pregnant=False), drug).kept


@pytest.mark.parametrize("drug, text", [("trimethoprim", "first trimester"), ("nitrofurantoin", "term"),
                                        ("topical ibuprofen", "third trimester")])
def test_pregnancy_cautions(drug, text):
    v = verdict(Patient(age_years=30, pregnant=True), drug)
    assert v.kept and any(text in w for w in v.warnings)


def test_pregnancy_replacement_offered(retriever):
    plan = plan_for(retriever, Patient(age_years=30, sex=Sex.FEMALE, pregnant=True), "I10", "Hypertension")
    assert any(w.startswith("ramipril withheld for Hypertension: ACE inhibitors in pregnancy") for w in plan.withheld)
    assert "labetalol" in names(plan)


def test_pregnancy_specific_options_only_in_pregnancy(retriever):
    plan = plan_for(retriever, Patient(age_years=50, sex=Sex.MALE), "I10", "Hypertension")
    assert "labetalol" not in names(plan) and "ramipril" in names(plan)


# ---- age -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("drug, age, allowed_from", [("aspirin", 15, 16), ("doxycycline", 7, 8),
                                                     ("ciprofloxacin", 17, 18), ("codeine", 11, 12)])
def test_age_limits(drug, age, allowed_from):
    assert not verdict(Patient(age_years=age), drug).kept
    assert verdict(Patient(age_years=allowed_from + 10), drug).kept


def test_unknown_age_keeps_age_limited_drugs_with_a_warning():
    v = verdict(Patient(), "aspirin")
    assert v.kept and any("age not given" in w and "16" in w for w in v.warnings)


def test_option_minimum_age_is_withheld_with_reason(retriever):
    plan = plan_for(retriever, Patient(age_years=6), "R05", "Cough")
    assert any(w.startswith("dextromethorphan withheld for Cough") and "12+" in w for w in plan.withheld)


def test_age_replacement_offered(retriever):
    plan = plan_for(retriever, Patient(age_years=7), "A69.2", "Lyme disease")
    assert any(w.startswith("doxycycline withheld for Lyme disease") and "under 8" in w for w in plan.withheld)
    assert "amoxicillin" in names(plan)


def test_paediatric_only_options_are_skipped_for_adults(retriever):
    plan = plan_for(retriever, Patient(age_years=40), "J05.0", "Croup")
    assert "dexamethasone" not in names(plan) and plan.withheld == ()
    child = plan_for(retriever, Patient(age_years=2), "J05.0", "Croup")
    assert "dexamethasone" in names(child)


# ---- kidney and liver disease, conditions from history ----------------------------------------

@pytest.mark.parametrize("history", ["CKD stage 4", "chronic kidney disease", "on haemodialysis",
                                     "Renal failure", "kidney disease (eGFR 25)"])
def test_kidney_disease_is_read_from_history(history):
    for drug in ("ibuprofen", "metformin", "nitrofurantoin"):
        assert not verdict(Patient(age_years=60, history=(history,)), drug).kept, (history, drug)


@pytest.mark.parametrize("history", ["no kidney disease", "family history of CKD", "kidney stones"])
def test_negated_or_unrelated_history_does_not_trigger(history):
    assert verdict(Patient(age_years=60, history=(history,)), "ibuprofen").kept


def test_kidney_replacement_offered(retriever):
    plan = plan_for(retriever, Patient(age_years=70, history=("CKD",)), "E11.9", "Type 2 diabetes")
    assert any(w.startswith("metformin withheld for Type 2 diabetes") and "kidney" in w for w in plan.withheld)
    assert "linagliptin" in names(plan)


def test_liver_disease(retriever):
    assert not verdict(Patient(history=("cirrhosis",)), "naproxen").kept
    v = verdict(Patient(history=("liver cirrhosis",)), "paracetamol")
    assert v.kept and any("reduced maximum dose" in w for w in v.warnings)
    plan = plan_for(retriever, Patient(age_years=50, history=("cirrhosis",)), "M10.9", "Gout")
    assert "colchicine" in names(plan)


@pytest.mark.parametrize("history, drug", [
    ("asthma", "bisoprolol"), ("asthma", "propranolol"), ("peptic ulcer", "ibuprofen"),
    ("heart failure", "naproxen"), ("previous MI", "sumatriptan"), ("epilepsy", "tramadol"),
    ("long QT syndrome", "clarithromycin"), ("G6PD deficiency", "nitrofurantoin"),
    ("Parkinson's disease", "metoclopramide"), ("myasthenia gravis", "ciprofloxacin"),
    ("haemophilia", "aspirin"), ("complete heart block", "verapamil"), ("breastfeeding", "codeine"),
])
def test_condition_drug_contraindications_from_history(history, drug):
    v = verdict(Patient(age_years=50, history=(history,)), drug)
    assert not v.kept, (history, drug)
    assert any("history:" in reason for _, reason in v.withhold)


def test_condition_replacement_offered(retriever):
    plan = plan_for(retriever, Patient(age_years=70, history=("asthma",)), "I48.91", "Atrial fibrillation")
    assert any(w.startswith("bisoprolol withheld for Atrial fibrillation") for w in plan.withheld)
    assert "diltiazem" in names(plan)


# ---- interactions, duplicates, emergencies ---------------------------------------------------------

def test_contraindicated_interaction_with_current_medication_withholds():
    v = verdict(Patient(medications=("simvastatin",)), "clarithromycin")
    assert not v.kept and "contraindicated" in v.withhold[0][1]


def test_major_interaction_withholds_ordinary_option_but_only_warns_on_critical_one():
    assert not verdict(Patient(medications=("warfarin",)), "aspirin").kept
    v = verdict(Patient(age_years=60, medications=("warfarin",)), "aspirin", critical=True)
    assert v.kept and any("warfarin" in w for w in v.warnings)
    assert v.interactions and v.interactions[0].severity == "major"


def test_moderate_interaction_is_a_warning():
    v = verdict(Patient(medications=("sertraline",)), "sumatriptan")
    assert v.kept and any("serotonin" in w.lower() for w in v.warnings)


def test_duplicate_therapy_is_flagged():
    v = verdict(Patient(medications=("Solpadeine",)), "paracetamol")
    assert v.kept and any("co-codamol" in w for w in v.warnings)
    v = verdict(Patient(medications=("citalopram",)), "sertraline")
    assert any("duplicate" in w for w in v.warnings)


def test_critical_option_still_withheld_for_allergy(retriever):
    plan = plan_for(retriever, Patient(age_years=60, allergies=("aspirin",)), "I21.4", "NSTEMI")
    assert "aspirin" not in names(plan)
    assert any(w.startswith("aspirin withheld for NSTEMI") for w in plan.withheld)
    assert "ambulance" in names(plan)


def test_no_kept_option_carries_a_withhold_reason_silently(retriever):
    """Across every care entry, a kept option for a high-risk patient is either clean or warned."""
    data = default_treatment_data()
    patient = Patient(age_years=80, pregnant=False, history=("CKD", "asthma", "heart failure", "cirrhosis"),
                      medications=("warfarin", "simvastatin", "methotrexate", "sertraline"),
                      allergies=("penicillin", "sulfa", "NSAIDs"))
    ctx = build_context(patient, data.vocabulary, data.safety)
    for entry in data.care_table.entries:
        plan = retriever.recommend(patient, [ConditionScore("c", entry.name, entry.icd10[0], 0.5)], 10)
        kept = {t.name for t in plan.treatments}
        for option in entry.options:
            if option.name in kept:
                v = assess(option, ctx, data.vocabulary, data.safety, data.interactions)
                assert v.kept, (entry.name, option.name, v.withhold)
