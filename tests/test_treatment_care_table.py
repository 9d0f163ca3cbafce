"""Care table: ICD-10 prefix lookup, coverage, provenance, emergencies, PharmacotherapyDB options."""

from __future__ import annotations

import shutil

import pytest

from healthmesh.clinical import ConditionScore, Patient, Sex
from healthmesh.errors import InvalidArgument
from treatment_retriever.care_table import KINDS, split_codes
from treatment_retriever.data import KNOWLEDGE_DIR, TreatmentDataError, default_treatment_data, load_treatment_data
from treatment_retriever.engine import NO_ENTRY_SOURCE, TreatmentRetriever


@pytest.fixture(scope="module")
def retriever():
    return TreatmentRetriever()


@pytest.fixture(scope="module")
def table():
    return default_treatment_data().care_table


@pytest.mark.parametrize("code, expected", [
    ("J02.9", "Sore throat"), ("J02.0", "Sore throat"), ("j03.90", "Sore throat"), ("J029", "Sore throat"),
    ("I21.9", "Acute coronary syndrome"), ("I20.0", "Acute coronary syndrome"), ("I20.9", "Stable angina"),
    ("N39.0", "Urinary tract infection"), ("J17, J18", "Community-acquired pneumonia"),
    ("j18.9", "Community-acquired pneumonia"), ("T78.0", "Anaphylaxis"), ("J45.901", "Acute severe asthma"),
    ("J45.909", "Asthma"), ("A41.9", "Sepsis"), ("I26.99", "Pulmonary embolism"), ("G03.9", "Meningitis"),
    ("I63.9", "Stroke"), ("T39.1X1A", "Paracetamol overdose"), ("C34.90", "Suspected or known cancer"),
])
def test_icd10_prefix_lookup_takes_the_longest_match(table, code, expected):
    entry = table.lookup(code)
    assert entry is not None and entry.name.startswith(expected), (code, entry and entry.name)


def test_unknown_and_empty_codes(table):
    assert table.lookup("") is None
    assert table.lookup("Z99.99") is None
    assert split_codes(" j17, j18 ;K21.9") == ["J17", "J18", "K219"]


def test_coverage_of_icd10_categories(table):
    categories = {p[:3] for p in table.prefixes if len(p) >= 3}
    assert len(categories) >= 150
    assert len(table.entries) >= 150


def test_every_ddxplus_condition_has_an_entry(table):
    import json
    for c in json.loads((KNOWLEDGE_DIR / "sources" / "ddxplus" / "conditions.json").read_text()):
        assert table.lookup(c["icd10"]) is not None, c


def test_every_option_is_well_formed_with_provenance(table):
    vocab = default_treatment_data().vocabulary
    for entry in table.entries:
        assert entry.source and entry.licence
        for option in entry.options:
            assert option.kind in KINDS
            assert option.line in (1, 2)
            assert option.source and option.licence, (entry.name, option.name)
            assert all(d in vocab.drugs for d in option.drugs)
            if option.kind in ("prescription", "over-the-counter") and not option.drugs:
                pytest.fail(f"{entry.name}: drug option without a drug: {option.name}")


def test_first_option_of_each_slot_is_first_line(table):
    for entry in table.entries:
        seen: set[int] = set()
        for option in entry.options:
            if option.slot not in seen and option.confidence == "high":
                assert option.line == 1, (entry.name, option.name)
            seen.add(option.slot)


def plan(retriever, icd10, patient=None, k=3, name="Condition"):
    return retriever.recommend(patient or Patient(age_years=45, sex=Sex.MALE),
                               [ConditionScore("c1", name, icd10, 0.6)], max_per_condition=k)


@pytest.mark.parametrize("icd10, must_include", [
    ("I21.9", ["ambulance", "aspirin 300 mg chewed"]),
    ("T78.2", ["adrenaline auto-injector", "ambulance"]),
    ("I63.9", ["ambulance", "no aspirin until brain imaging"]),
    ("A41.9", ["ambulance"]), ("I26.99", ["emergency", "apixaban"]), ("G03.9", ["ambulance", "benzylpenicillin"]),
    ("J46", ["salbutamol", "ambulance"]), ("E16.2", ["glucose", "glucagon"]),
])
def test_emergencies(retriever, icd10, must_include):
    text = " | ".join(t.name for t in plan(retriever, icd10).treatments).lower()
    for item in must_include:
        assert item.lower() in text, (icd10, item, text)


def test_condition_id_is_passed_through_and_no_entry_falls_back_to_referral(retriever):
    p = retriever.recommend(Patient(), [ConditionScore("matcher-42", "Rare thing", "Q87.89", 0.1)])
    [t] = p.treatments
    assert t.condition_id == "matcher-42" and t.kind == "referral" and t.source == NO_ENTRY_SOURCE
    assert t.confidence == "low"


def test_max_per_condition(retriever):
    for k in (1, 2, 4):
        assert len(plan(retriever, "J02.9", k=k).treatments) == k
    assert len(plan(retriever, "J02.9", k=10).treatments) == 4  # the sore-throat entry has 4 slots
    with pytest.raises(InvalidArgument) as err:
        plan(retriever, "J02.9", k=0)
    assert err.value.field == "max_per_condition"


def test_pharmacotherapydb_options_are_line_2_with_their_own_source(table):
    hypertension = table.lookup("I10")
    extra = [o for o in hypertension.options if o.confidence == "medium"]
    assert extra, "PharmacotherapyDB adds disease-modifying options for hypertension"
    for o in extra:
        assert o.line == 2 and "PharmacotherapyDB" in o.source and "CC0" in o.licence
    curated = {d for o in hypertension.options if o.confidence == "high" for d in o.drugs}
    assert not curated & {d for o in extra for d in o.drugs}
    # the mapping is per prefix: the extra options do not leak to other codes of a shared entry
    assert all(o.confidence == "high" for o in table.lookup("I11.9").options)


def test_pharmacotherapydb_options_reach_patients_through_the_filters(retriever):
    # a pregnant patient never gets a PharmacotherapyDB ACE inhibitor/ARB either
    p = plan(retriever, "I10", Patient(age_years=30, sex=Sex.FEMALE, pregnant=True), k=10)
    offered = " ".join(t.name.lower() for t in p.treatments)
    for drug in ("ramipril", "losartan", "lisinopril", "candesartan", "valsartan"):
        assert drug not in offered


def test_bad_tables_fail_loudly(tmp_path):
    shutil.copytree(KNOWLEDGE_DIR / "curated", tmp_path / "curated")
    shutil.copytree(KNOWLEDGE_DIR / "sources" / "onc_high_priority_ddi", tmp_path / "sources" / "onc_high_priority_ddi")
    load_treatment_data(tmp_path)  # the copy loads
    path = tmp_path / "curated" / "treatments.yaml"
    path.write_text(path.read_text().replace("drug: nitrofurantoin}", "drug: nitrofurantion}", 1))
    with pytest.raises(TreatmentDataError, match="nitrofurantion"):
        load_treatment_data(tmp_path)


