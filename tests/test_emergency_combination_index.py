"""The combination index (emergency_detector/combinations.py) only skips combinations that could not
fire: for every combination of the rules file, the tokens that make it fire give the same hits as
looking at every combination."""

from __future__ import annotations

from emergency_detector.combinations import CombinationIndex, combination_hits
from emergency_detector.rules import load_rules
from healthmesh.clinical import Patient, Sex


def every_combination(combos, tokens, patient, medications):
    return combination_hits(CombinationIndex(()), tokens, patient, medications) + [
        h for c in combos for h in combination_hits(CombinationIndex((c,)), tokens, patient, medications)]


def test_the_index_finds_what_looking_at_every_combination_finds():
    combos = load_rules().combinations
    index = CombinationIndex(combos)
    patients = [Patient(age_years=age, sex=sex, pregnant=preg, pregnancy_weeks=30 if preg else None,
                        history=("sickle cell disease", "marfan syndrome", "type 2 diabetes"))
                for age, sex, preg in ((0.5, Sex.FEMALE, False), (30, Sex.FEMALE, True), (70, Sex.MALE, False))]
    fired = 0
    for combo in combos:
        tokens = frozenset(sorted(group)[0] for group in combo.groups) | {"pregnant"}
        for patient in patients:
            for medications in ((), ("warfarin",)):
                got = combination_hits(index, tokens, patient, medications)
                assert got == every_combination(combos, tokens, patient, medications), combo.id
                fired += bool(got)
    assert fired > len(combos)  # the check compared real hits, not empty lists
