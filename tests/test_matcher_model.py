"""How the matcher resolves P(finding | condition) and the priors, checked on the real artifact."""

from __future__ import annotations

import math

import numpy as np
import pytest

from condition_matcher.model import GENERIC_CONCEPTS, LEAK, P_MAX, build_tables
from condition_matcher.priors import PriorTable, could_be_pregnant, needs_pregnancy
from healthmesh.clinical import Patient, Sex
from knowledge.ddxplus_likelihoods import SOURCE_ID
from knowledge.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def tables(kb):
    return build_tables(kb)


def cell(tables, finding: str, condition_id: str) -> float:
    return float(tables.p[tables.finding_index[finding], tables.condition_ids.index(condition_id)])


def single_source_links(kb):
    """Links that are the only word on their (condition, finding): used as given. A symptom
    concept only the DDXPlus estimate links, for a condition a general source also describes, is
    averaged with LEAK instead (model.py rule 1b) and is left out here."""
    counts: dict[tuple[str, str], list] = {}
    described = set()
    for link in kb.links:
        counts.setdefault((link.condition_id, link.finding), []).append(link)
        if link.finding.startswith("symptom:") and link.source != SOURCE_ID:
            described.add(link.condition_id)
    return {k: v[0] for k, v in counts.items() if len(v) == 1
            and not (v[0].source == SOURCE_ID and k[1].startswith("symptom:") and k[0] in described)}


def test_shapes_and_bounds(kb, tables):
    assert tables.p.shape == (len(tables.finding_index), len(kb.conditions))
    assert np.all(tables.p >= LEAK) and np.all(tables.p <= P_MAX)
    assert np.allclose(tables.log_present, np.log(tables.p))
    assert np.all(np.isfinite(tables.log_absent))
    assert tables.prior_weight.sum() == pytest.approx(1.0)
    for s in kb.symptoms.values():
        assert s.code in tables.finding_index
    for code in kb.evidences:
        assert code in tables.finding_index


def test_links_are_used_as_given(kb, tables):
    links = single_source_links(kb)
    checked = 0
    generic = {f"symptom:{g}" for g in GENERIC_CONCEPTS}  # rule 5 may raise these
    for (cid, finding), link in list(links.items())[::25]:
        if finding in generic:
            continue
        assert cell(tables, finding, cid) == pytest.approx(min(max(link.p, LEAK), P_MAX))
        checked += 1
    assert checked > 100


def test_generic_concepts_are_implied_by_their_specific_forms(kb, tables):
    # A condition whose source links "chest pain" is at least as likely to show "pain".
    links = single_source_links(kb)
    checked = 0
    for (cid, finding), link in links.items():
        if finding in ("symptom:chest-pain", "symptom:frontal-headache") and link.p > LEAK:
            generic = "symptom:pain" if "pain" in finding else "symptom:headache"
            assert cell(tables, generic, cid) >= min(link.p, P_MAX) - 1e-9
            checked += 1
    assert checked > 10


def test_duplicate_links_are_averaged(kb, tables):
    groups: dict[tuple[str, str], list[float]] = {}
    for link in kb.links:
        groups.setdefault((link.condition_id, link.finding), []).append(link.p)
    dups = {k: v for k, v in groups.items() if len(v) > 1}
    assert dups, "unified SymCat+DDXPlus conditions have concept links from both"
    for (cid, finding), ps in list(dups.items())[:50]:
        assert cell(tables, finding, cid) == pytest.approx(min(max(sum(ps) / len(ps), LEAK), P_MAX))


def test_unlinked_symptom_of_a_symcat_condition_is_the_leak(kb, tables):
    symcat_only = [c for c in kb.conditions.values() if c.sources[0] == "symcat" and "ddxplus" not in c.sources]
    condition = symcat_only[0]
    linked = {l.finding for l in kb.links if l.condition_id == condition.id}
    unlinked = next(s.code for s in kb.symptoms.values() if s.code not in linked)
    assert cell(tables, unlinked, condition.id) == LEAK


def test_ddxplus_code_without_concept_is_neutral_for_symcat_conditions(kb, tables):
    # an antecedent with no symptom concept (e.g. smoking): SymCat has nothing to say about it
    code = next(e.code for e in kb.evidences.values() if e.antecedent and not e.symptom_ids
                and "_@_" not in e.code and any(l.finding == e.code for l in kb.links))
    symcat_only = [c.id for c in kb.conditions.values() if "ddxplus" not in c.sources][:20]
    values = {round(cell(tables, code, cid), 9) for cid in symcat_only}
    assert len(values) == 1
    value = values.pop()
    assert value > LEAK
    # and it is the prevalence-weighted mean over the conditions that know the code
    f = tables.finding_index[code]
    knowing = np.array([any(l.finding.startswith("ddxplus:") for l in kb.links if l.condition_id == cid)
                        for cid in tables.condition_ids])
    w = tables.prior_weight[knowing]
    assert value == pytest.approx(float(np.dot(w, tables.p[f, knowing]) / w.sum()), rel=1e-6)


def test_ddxplus_code_falls_back_to_its_concept(kb, tables):
    # a condition that links the concept but not the code gets P(concept) scaled by the code's share
    for evidence in kb.evidences.values():
        if not evidence.symptom_ids:
            continue
        concept = "symptom:" + evidence.symptom_ids[0]
        linkers = {l.condition_id: l.p for l in kb.links if l.finding == concept and l.source == "symcat"}
        raw = {l.condition_id for l in kb.links if l.finding == evidence.code}
        candidates = [cid for cid in linkers if cid not in raw and len(evidence.symptom_ids) == 1]
        if candidates:
            cid = candidates[0]
            value = cell(tables, evidence.code, cid)
            assert LEAK <= value <= max(linkers[cid], LEAK) + 1e-9
            assert bool(tables.linked[tables.finding_index[evidence.code], tables.condition_ids.index(cid)])
            return
    pytest.fail("no concept-fallback case found")


def test_ddxplus_conditions_use_their_raw_estimates(kb, tables):
    estimated = [l for l in kb.links if l.source == SOURCE_ID and l.finding.startswith("ddxplus:")]
    assert len(estimated) > 1000
    for link in estimated[::40]:
        assert cell(tables, link.finding, link.condition_id) == pytest.approx(min(max(link.p, LEAK), P_MAX))


def test_priors(kb):
    conditions = list(kb.conditions.values())
    table = PriorTable(conditions)
    index = {c.id: i for i, c in enumerate(conditions)}
    ectopic = next(c for c in conditions if "ectopic" in c.name.lower())
    prostate = next(c for c in conditions if c.icd10.startswith("N40"))
    assert needs_pregnancy(ectopic) and not needs_pregnancy(prostate)
    man, woman = Patient(age_years=40, sex=Sex.MALE), Patient(age_years=40, sex=Sex.FEMALE)
    anyone = Patient(age_years=40)
    assert table.log_prior(man)[index[ectopic.id]] == -math.inf
    assert table.log_prior(woman)[index[prostate.id]] == -math.inf
    assert math.isfinite(table.log_prior(woman)[index[ectopic.id]])
    assert math.isfinite(table.log_prior(anyone)[index[prostate.id]])
    assert math.isfinite(table.log_prior(anyone)[index[ectopic.id]])
    assert table.log_prior(Patient(age_years=8, sex=Sex.FEMALE))[index[ectopic.id]] == -math.inf
    # prevalence x age odds x sex odds
    c = next(c for c in conditions if c.age_odds and c.sex_odds.get("male", 0) > 0.01)
    expected = math.log(c.prevalence) + math.log(max(c.age_odds["30-44"], 0.01)) + math.log(c.sex_odds["male"])
    assert table.log_prior(man)[index[c.id]] == pytest.approx(expected)
    assert table.log_prior(Patient(sex=Sex.MALE))[index[c.id]] == pytest.approx(
        math.log(c.prevalence) + math.log(c.sex_odds["male"]))


def test_child_bearing_rule():
    assert could_be_pregnant(Patient(age_years=30, sex=Sex.FEMALE))
    assert could_be_pregnant(Patient(sex=Sex.UNSPECIFIED))
    assert not could_be_pregnant(Patient(age_years=30, sex=Sex.MALE))
    assert not could_be_pregnant(Patient(age_years=60, sex=Sex.FEMALE))
    assert could_be_pregnant(Patient(age_years=60, sex=Sex.FEMALE, pregnant=True))
