"""Drug-drug interactions: the 15 ONC high-priority pairs at member level, and curated pairs."""

from __future__ import annotations

import csv
from itertools import product
from pathlib import Path

import pytest

from healthmesh.clinical import ConditionScore, Patient
from treatment_retriever.data import KNOWLEDGE_DIR, default_treatment_data
from treatment_retriever.engine import TreatmentRetriever
from treatment_retriever.vocabulary import Resolved

ONC_CSV = KNOWLEDGE_DIR / "sources" / "onc_high_priority_ddi" / "onc_member_drugs.csv"


@pytest.fixture(scope="module")
def retriever():
    return TreatmentRetriever()


# one representative member pair per ONC pair, named as a prescriber might write them
ONC_EXAMPLES = {
    1: ("Adderall", "phenelzine"), 2: ("atazanavir", "Prilosec"), 3: ("febuxostat", "azathioprine"),
    4: ("sertraline", "tranylcypromine"), 5: ("irinotecan", "ketoconazole"), 6: ("meperidine", "Nardil"),
    7: ("amitriptyline", "phenelzine"), 8: ("methadone", "haloperidol"), 9: ("ramelteon", "fluvoxamine"),
    10: ("ritonavir", "rifampin"), 11: ("simvastatin", "clarithromycin"), 12: ("ergotamine", "clarithromycin"),
    13: ("tizanidine", "ciprofloxacin"), 14: ("tranylcypromine", "procarbazine"), 15: ("sumatriptan", "phenelzine"),
}


@pytest.mark.parametrize("onc_id", range(1, 16))
def test_each_onc_pair_is_detected_from_a_member_drug_pair(retriever, onc_id):
    a, b = ONC_EXAMPLES[onc_id]
    found = retriever.check_interactions([a, b])
    assert len(found) == 1
    hit = found[0]
    assert hit.severity == "contraindicated"
    assert "Phansalkar" in hit.source and f"pair {onc_id}:" in hit.source
    assert hit.advice


def _onc_members() -> dict[tuple[int, str], set[str]]:
    out: dict[tuple[int, str], set[str]] = {}
    with open(ONC_CSV, newline="") as f:
        for row in csv.DictReader(f):
            out.setdefault((int(row["id"]), row["side"]), set()).add(row["drug"])
    return out


def test_every_member_pair_listed_in_table2_is_contraindicated():
    data = default_treatment_data()
    vocab, table = data.vocabulary, data.interactions
    members = _onc_members()
    checked = 0
    for onc_id in range(1, 16):
        for x, y in product(members.get((onc_id, "object"), ()), members.get((onc_id, "precipitant"), ())):
            rx, ry = vocab.resolve(x), vocab.resolve(y)
            if rx == ry:
                continue
            hit = table.between(rx, ry)
            assert hit is not None and hit.severity == "contraindicated", (onc_id, x, y)
            checked += 1
    assert checked > 250


def test_members_added_where_table2_gives_only_a_class_cite_their_own_source(retriever):
    [tca] = retriever.check_interactions(["nortriptyline", "phenelzine"])  # pair 7, TCA side curated
    assert "pair 7:" in tca.source and "healthmesh curated" in tca.source
    [qt] = retriever.check_interactions(["citalopram", "amiodarone"])  # pair 8, both sides curated
    assert "pair 8:" in qt.source and "QT" in qt.source
    [paper] = retriever.check_interactions(["sertraline", "phenelzine"])  # straight from Table 2
    assert "healthmesh" not in paper.source


@pytest.mark.parametrize("a, b, severity", [
    ("warfarin", "ibuprofen", "major"), ("Coumadin", "Advil", "major"), ("warfarin", "naproxen", "major"),
    ("warfarin", "aspirin", "major"), ("warfarin", "clopidogrel", "major"),
    ("warfarin", "clarithromycin", "major"), ("warfarin", "erythromycin", "major"),
    ("warfarin", "fluconazole", "major"), ("warfarin", "miconazole oral gel", "major"),
    ("warfarin", "metronidazole", "major"), ("warfarin", "co-trimoxazole", "major"),
    ("apixaban", "ibuprofen", "major"),
    ("methotrexate", "trimethoprim", "contraindicated"), ("methotrexate", "Bactrim", "contraindicated"),
    ("spironolactone", "potassium chloride", "major"), ("amiloride", "Sando-K", "major"),
    ("spironolactone", "ramipril", "major"), ("eplerenone", "losartan", "major"),
    ("glyceryl trinitrate", "sildenafil", "contraindicated"), ("isosorbide mononitrate", "Cialis", "contraindicated"),
    ("sertraline", "sumatriptan", "moderate"), ("venlafaxine", "rizatriptan", "moderate"),
    ("fluoxetine", "tramadol", "major"), ("clopidogrel", "omeprazole", "major"),
    ("simvastatin", "clarithromycin", "contraindicated"), ("atorvastatin", "clarithromycin", "major"),
    ("simvastatin", "fusidic acid", "contraindicated"), ("lithium", "ibuprofen", "major"),
    ("theophylline", "ciprofloxacin", "major"), ("allopurinol", "azathioprine", "major"),
    ("morphine", "diazepam", "major"), ("ramipril", "losartan", "major"),
    ("bisoprolol", "verapamil", "major"), ("digoxin", "amiodarone", "major"),
    ("carbamazepine", "combined oral contraceptive", "major"), ("doxycycline", "Gaviscon", "moderate"),
])
def test_well_established_pairs(retriever, a, b, severity):
    found = retriever.check_interactions([a, b])
    assert [i.severity for i in found] == [severity], found
    assert found[0].source and found[0].advice


def test_no_interaction_between_unrelated_drugs(retriever):
    assert retriever.check_interactions(["paracetamol", "amoxicillin", "salbutamol", "cetirizine"]) == []


def test_combination_products_interact_as_their_components(retriever):
    # co-codamol contains codeine (an opioid): opioid + benzodiazepine
    assert [i.severity for i in retriever.check_interactions(["co-codamol", "diazepam"])] == ["major"]


def test_medication_known_only_by_class_matches_class_rules():
    data = default_treatment_data()
    hit = data.interactions.between(Resolved("class", "nsaid"), Resolved("drug", "warfarin"))
    assert hit is not None and hit.severity == "major"


def test_plan_reports_interactions_among_current_medications_and_with_proposals(retriever):
    patient = Patient(age_years=70, medications=("warfarin", "aspirin 75 mg", "simvastatin"))
    plan = retriever.recommend(patient, [ConditionScore("c1", "Pneumonia", "J18.9", 0.5)])
    pairs = {tuple(sorted(i.drugs)): i.severity for i in plan.interactions}
    assert pairs[("aspirin", "warfarin")] == "major"  # among current medications
    assert pairs[("paracetamol", "warfarin")] == "moderate"  # kept proposal vs current medication
    severities = [i.severity for i in plan.interactions]
    assert severities == sorted(severities, key=["contraindicated", "major", "moderate"].index)


def test_every_rule_has_severity_advice_source_and_licence():
    rules = default_treatment_data().interactions.rules
    assert len(rules) >= 70
    assert {r.onc_id for r in rules if r.onc_id} == set(range(1, 16))
    for r in rules:
        assert r.severity in ("contraindicated", "major", "moderate")
        assert r.advice and r.source and r.licence and r.side_a and r.side_b
    assert all("Phansalkar" in r.source for r in rules if r.onc_id)


def test_onc_source_copy_is_in_the_project_tree():
    assert ONC_CSV.is_file()
    assert (ONC_CSV.parent / "SOURCE.md").is_file()
    assert not str(ONC_CSV.resolve()).startswith(str(Path("/work/shared").resolve()))
