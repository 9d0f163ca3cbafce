"""The rule data file: well-formed, consistent with the carried-over source facts, every rule
sourced, every symptom id known to the vocabulary; and the library stays free of gRPC."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from emergency_detector.rules import RULES_PATH, RulesError, TriageRules, load_rules
from healthmesh.clinical import Urgency

ROOT = Path(__file__).resolve().parent.parent
FACTS = json.loads((ROOT / "knowledge/sources/triage_rules/triage_rules.json").read_text())
RAW = yaml.safe_load(RULES_PATH.read_text())
CURATED_IDS = {
    "worst-headache-of-life", "facial-droop", "unilateral-weakness", "confusion", "loss-of-consciousness",
    "severe-bleeding", "suicidal-thoughts", "saddle-anaesthesia", "non-blanching-rash", "photophobia",
    "head-injury", "major-trauma", "severe-burn", "hives", "pain-radiating-to-arm-or-jaw", "facial-swelling",
}
# ... and every other concept healthmesh curates (an entry with its own name in symptoms.yaml)
CURATED_IDS |= {cid for cid, entry in yaml.safe_load(
    (ROOT / "knowledge/curated/symptoms.yaml").read_text())["symptoms"].items() if (entry or {}).get("name")}


def test_news2_tables_match_source_facts():
    facts, rules = FACTS["news2"], RAW["news2"]
    assert rules["respiratory_rate"] == facts["respiratory_rate_per_min"]
    assert rules["spo2_scale1"] == facts["spo2_scale1_percent"]
    assert rules["systolic_bp"] == facts["systolic_bp_mmHg"]
    assert rules["heart_rate"] == facts["pulse_per_min"]
    assert rules["temperature_c"] == facts["temperature_C"]
    s2 = facts["spo2_scale2_percent"]
    assert rules["spo2_scale2"]["below_target"] == s2["below_target"]
    assert rules["spo2_scale2"]["target"] == s2["target"]
    assert rules["spo2_scale2"]["on_oxygen_above_target"] == s2["on_oxygen_above_target"]
    assert rules["supplemental_oxygen_points"] == facts["supplemental_oxygen_points"]["oxygen"]
    assert rules["consciousness_not_alert_points"] == facts["consciousness_points"]["voice"]
    thresholds = {row["at_least"]: row["level"] for row in rules["aggregate_levels"]}
    assert thresholds[7] == "EMERGENCY_AMBULANCE" and thresholds[5] == "EMERGENCY"


def test_qsofa_and_esi_match_source_facts():
    q = FACTS["qsofa"]
    assert RAW["qsofa"]["systolic_bp_at_or_below"] == q["criteria"]["systolic_bp_mmHg_at_or_below"]
    assert RAW["qsofa"]["respiratory_rate_at_or_above"] == q["criteria"]["respiratory_rate_per_min_at_or_above"]
    assert RAW["qsofa"]["positive_at_or_above"] == q["positive_at_or_above"]
    dz = FACTS["esi_v4"]["danger_zone_vitals"]
    assert RAW["esi"]["spo2_below"] == dz["spo2_below_percent"]
    assert [(b["band"], b["hr_above"], b["rr_above"]) for b in RAW["esi"]["danger_zone"]] == [
        (b["age"], b["hr_above"], b["rr_above"]) for b in dz["by_age"]
    ]


def test_every_rule_names_a_known_source_and_every_source_is_documented():
    used = set()
    for section in ("red_flags", "combinations", "consciousness"):
        for rule in RAW[section]:
            assert rule["source"] in RAW["sources"], rule
            used.add(rule["source"])
    for rule in RAW["paediatric"]["fever_rules"]:
        used.add(rule["source"])
    used |= {RAW["news2"]["source"], RAW["qsofa"]["source"], RAW["esi"]["source"]}
    assert used <= set(RAW["sources"])
    fact_sources = set(FACTS["sources"])
    project_own = {"healthmesh-default", "condition-posterior"}
    assert set(RAW["sources"]) - project_own <= fact_sources


def test_every_symptom_id_is_in_the_vocabulary():
    symcat = {row["slug"] for row in json.loads((ROOT / "knowledge/sources/symcat/symptoms.json").read_text())}
    unknown = load_rules().all_tokens() - symcat - CURATED_IDS
    assert not unknown


def test_every_level_has_an_action_and_rule_levels_are_real():
    rules = load_rules()
    assert set(rules.actions) == set(Urgency) - {Urgency.UNSPECIFIED}
    for entries in rules.red_flags.values():
        assert all(e.level != Urgency.UNSPECIFIED and e.reason.endswith("]") for e in entries)


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["red_flags"][0].update(source="nowhere"), "unknown source"),
    (lambda d: d["red_flags"][0].update(level="URGENT"), "unknown level"),
    (lambda d: d["news2"].update(heart_rate=[[None, 40, 3], [40, 50, 1], [51, None, 0]]), "overlaps"),
    (lambda d: d["actions"].pop("CONSULTATION"), "missing"),
])
def test_malformed_rules_are_rejected(mutate, message):
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(RulesError, match=message):
        TriageRules.from_dict(data)


def test_library_imports_no_grpc_and_reads_nothing_outside_the_repo():
    code = ("import sys, emergency_detector.engine as e; e.EmergencyDetector(); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('grpc', 'google')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    for path in (ROOT / "emergency_detector").glob("*.py"):
        assert "shared" not in path.read_text(), path
