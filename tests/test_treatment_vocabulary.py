"""Drug vocabulary: brand/synonym normalisation, classes, combinations and unknown names."""

from __future__ import annotations

import pytest

from healthmesh.clinical import ConditionScore, Patient
from treatment_retriever.data import default_treatment_data
from treatment_retriever.engine import TreatmentRetriever
from treatment_retriever.vocabulary import Resolved


@pytest.fixture(scope="module")
def vocab():
    return default_treatment_data().vocabulary


@pytest.mark.parametrize("name, canonical", [
    ("Coumadin", "warfarin"), ("coumadin", "warfarin"), ("Marevan", "warfarin"),
    ("Tylenol", "paracetamol"), ("acetaminophen", "paracetamol"), ("Panadol", "paracetamol"),
    ("Advil", "ibuprofen"), ("Motrin", "ibuprofen"), ("NUROFEN", "ibuprofen"),
    ("Zithromax", "azithromycin"), ("Z-Pak", "azithromycin"), ("Augmentin", "co-amoxiclav"),
    ("amoxicillin-clavulanate", "co-amoxiclav"), ("co amoxiclav", "co-amoxiclav"),
    ("Bactrim", "co-trimoxazole"), ("TMP-SMX", "co-trimoxazole"), ("Lipitor", "atorvastatin"),
    ("Zocor", "simvastatin"), ("Plavix", "clopidogrel"), ("Viagra", "sildenafil"),
    ("nitroglycerin", "glyceryl trinitrate"), ("GTN", "glyceryl trinitrate"),
    ("EpiPen", "adrenaline"), ("epinephrine", "adrenaline"), ("albuterol", "salbutamol"),
    ("Ventolin", "salbutamol"), ("rifampin", "rifampicin"), ("meperidine", "pethidine"),
    ("dextroamphetamine", "dexamfetamine"), ("Prozac", "fluoxetine"), ("Zoloft", "sertraline"),
    ("Glucophage", "metformin"), ("Synthroid", "levothyroxine"), ("Aldactone", "spironolactone"),
    ("St. John's Wort", "st john's wort"), ("Eliquis", "apixaban"), ("Xarelto", "rivaroxaban"),
    ("Tylenol with Codeine", "co-codamol"), ("Keflex", "cefalexin"), ("cephalexin", "cefalexin"),
])
def test_brand_and_synonym_names_normalise(vocab, name, canonical):
    assert vocab.resolve(name) == Resolved("drug", canonical)


@pytest.mark.parametrize("name, canonical", [
    ("  Warfarin   5 mg tablets ", "warfarin"), ("amoxicillin 500mg capsules", "amoxicillin"),
    ("Ramipril 5 mg OD", "ramipril"), ("metformin XR 500", "metformin"),
    ("Tylenol Extra Strength", "paracetamol"), ("co-codamol 30/500", "co-codamol"),
    ("BISOPROLOL fumarate 2.5mg", "bisoprolol"),
])
def test_doses_forms_case_and_spacing_are_ignored(vocab, name, canonical):
    assert vocab.resolve(name) == Resolved("drug", canonical)


@pytest.mark.parametrize("name, class_id", [
    ("penicillin", "penicillin"), ("Penicillins", "penicillin"), ("sulfa", "sulfonamide_antibiotic"),
    ("sulpha drugs", "sulfonamide_antibiotic"), ("NSAIDs", "nsaid"), ("nsaid", "nsaid"),
    ("ACE inhibitors", "ace_inhibitor"), ("beta blockers", "beta_blocker"), ("statins", "statin"),
    ("MAOIs", "maoi"), ("cephalosporins", "cephalosporin"), ("macrolides", "macrolide"),
])
def test_class_names_resolve_to_classes(vocab, name, class_id):
    assert vocab.resolve(name) == Resolved("class", class_id)


def test_several_drugs_in_one_entry(vocab):
    assert vocab.resolve_all("ibuprofen + paracetamol") == [Resolved("drug", "ibuprofen"),
                                                            Resolved("drug", "paracetamol")]
    assert vocab.resolve_all("aspirin and clopidogrel") == [Resolved("drug", "aspirin"),
                                                            Resolved("drug", "clopidogrel")]
    assert vocab.resolve_all("aspirin and unobtainium") is None


@pytest.mark.parametrize("name", ["unobtainium", "xyzzy 10 mg", "", "   "])
def test_unknown_names_do_not_resolve(vocab, name):
    assert vocab.resolve_all(name) is None


@pytest.mark.parametrize("class_id, members, non_members", [
    ("penicillin", {"amoxicillin", "flucloxacillin", "phenoxymethylpenicillin", "co-amoxiclav", "ampicillin"},
     {"cefalexin", "clarithromycin"}),
    ("cephalosporin", {"cefalexin", "ceftriaxone", "cefuroxime"}, {"amoxicillin"}),
    ("sulfonamide_antibiotic", {"co-trimoxazole", "sulfamethoxazole", "sulfasalazine"}, {"trimethoprim"}),
    ("nsaid", {"ibuprofen", "naproxen", "diclofenac", "celecoxib"}, {"aspirin", "paracetamol"}),
    ("macrolide", {"clarithromycin", "erythromycin", "azithromycin"}, set()),
    ("fluoroquinolone", {"ciprofloxacin", "levofloxacin", "moxifloxacin"}, set()),
    ("tetracycline_class", {"doxycycline", "lymecycline", "minocycline"}, set()),
    ("ace_inhibitor", {"ramipril", "lisinopril"}, {"losartan"}), ("arb", {"losartan", "candesartan"}, set()),
    ("beta_blocker", {"bisoprolol", "propranolol", "atenolol"}, set()),
    ("statin", {"simvastatin", "atorvastatin"}, set()), ("ssri", {"sertraline", "fluoxetine"}, {"venlafaxine"}),
    ("snri", {"venlafaxine", "duloxetine"}, set()), ("tca", {"amitriptyline", "nortriptyline"}, set()),
    ("maoi", {"phenelzine", "tranylcypromine", "selegiline"}, set()), ("triptan", {"sumatriptan"}, set()),
    ("pde5_inhibitor", {"sildenafil", "tadalafil"}, set()), ("nitrate", {"glyceryl trinitrate", "isosorbide mononitrate"}, set()),
    ("opioid", {"codeine", "co-codamol", "tramadol", "morphine"}, {"paracetamol"}),
    ("anticoagulant", {"warfarin", "apixaban", "enoxaparin"}, {"aspirin"}),
    ("antiplatelet", {"aspirin", "clopidogrel", "ticagrelor"}, set()), ("ppi", {"omeprazole", "lansoprazole"}, set()),
    ("strong_cyp3a4_inhibitor", {"clarithromycin", "ketoconazole", "ritonavir"}, set()),
    ("strong_cyp3a4_inducer", {"rifampicin", "carbamazepine", "st john's wort"}, set()),
    ("cyp1a2_inhibitor", {"ciprofloxacin", "fluvoxamine"}, set()),
    ("potassium_sparing_diuretic", {"spironolactone", "amiloride", "eplerenone"}, set()),
    ("qt_prolonging", {"amiodarone", "methadone", "citalopram", "haloperidol"}, set()),
])
def test_class_membership(vocab, class_id, members, non_members):
    assert members <= vocab.members(class_id)
    assert not (non_members & vocab.members(class_id))


def test_combination_products_carry_their_components(vocab):
    assert vocab.atoms("co-trimoxazole") == {"co-trimoxazole", "trimethoprim", "sulfamethoxazole"}
    assert "opioid" in vocab.classes_of("co-codamol")
    assert "penicillin" in vocab.classes_of("co-amoxiclav")


def test_unknown_medications_and_allergies_are_reported_not_dropped():
    retriever = TreatmentRetriever()
    patient = Patient(age_years=40, medications=("warfarin", "Zorblatin 20 mg"),
                      allergies=("penicillin", "Frobnicillin", "peanuts", "latex", "NKDA"))
    plan = retriever.recommend(patient, [ConditionScore("c1", "Sore throat", "J02.9", 0.6)])
    assert set(plan.unknown_drugs) == {"Zorblatin 20 mg", "Frobnicillin"}
    # the known allergy still acts: no penicillin offered
    assert not any("phenoxymethylpenicillin" in t.name.lower() for t in plan.treatments)


def test_every_record_has_source_and_licence(vocab):
    for record in (*vocab.drugs.values(), *vocab.classes.values()):
        assert record.source and record.licence, record


def test_counts(vocab):
    assert len(vocab.drugs) >= 400
    assert len(vocab.classes) >= 100
