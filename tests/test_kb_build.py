"""The knowledge-base build, end to end: run it into a tmp dir and check the artifact."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from knowledge import build as kb_build
from knowledge.icd10 import IcdCodeSet
from knowledge.kb import AGE_BANDS, load_kb

SOURCES = kb_build.SOURCES_DIR
DDXPLUS_NAMES = [c["name"] for c in json.loads((SOURCES / "ddxplus" / "conditions.json").read_text())]
SYMCAT_SLUGS = [c["slug"] for c in json.loads((SOURCES / "symcat" / "conditions.json").read_text())]

MUST_NOT_MISS = [
    "symcat:heart-attack", "ddxplus:Unstable angina", "curated:aortic-dissection",
    "symcat:pulmonary-embolism", "symcat:stroke", "symcat:transient-ischemic-attack",
    "symcat:subarachnoid-hemorrhage", "symcat:meningitis", "symcat:encephalitis",
    "symcat:appendicitis", "symcat:ectopic-pregnancy", "symcat:testicular-torsion", "symcat:sepsis",
    "symcat:diabetic-ketoacidosis", "curated:cauda-equina-syndrome", "ddxplus:Anaphylaxis",
    "ddxplus:Epiglottitis", "symcat:pneumothorax", "symcat:intestinal-obstruction",
    "symcat:intracranial-hemorrhage", "symcat:gastrointestinal-hemorrhage",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("kb")
    path = kb_build.build(out)
    return out, path, load_kb(path)


@pytest.fixture(scope="module")
def icd():
    return IcdCodeSet.load(SOURCES / "icd10cm")


def test_build_writes_artifact_and_pointer(built):
    out, path, kb = built
    assert (out / "current").read_text().strip() == path.name
    assert path.name == f"healthmesh-kb-{kb.version}.json.gz"
    assert kb.version.startswith("1.0.0+") and len(kb.version.split("+")[1]) == 12
    assert load_kb(out / (out / "current").read_text().strip()).version == kb.version
    assert kb.built_at.endswith("Z")


def test_every_condition_has_a_valid_icd10_code(built, icd):
    kb = built[2]
    bad = [(c.id, c.icd10) for c in kb.conditions.values() if not icd.is_valid(c.icd10)]
    assert bad == []
    assert all(c.icd10 == c.icd10.upper() and "," not in c.icd10 for c in kb.conditions.values())


def test_all_sources_conditions_present(built):
    kb = built[2]
    by_alias = kb.condition_by_alias()
    assert len(DDXPLUS_NAMES) == 49
    assert [n for n in DDXPLUS_NAMES if f"ddxplus:{n}" not in by_alias] == []
    assert [s for s in SYMCAT_SLUGS if f"symcat:{s}" not in by_alias] == []
    assert len(kb.conditions) >= 801 + 3


def test_ddxplus_code_fixes(built):
    by_alias = built[2].condition_by_alias()
    assert by_alias["ddxplus:SLE"].icd10.startswith("M32")
    assert by_alias["ddxplus:Pneumonia"].icd10 == "J18.9"
    mi = by_alias["ddxplus:Possible NSTEMI / STEMI"]
    assert (mi.name, mi.icd10) == ("Acute myocardial infarction", "I21.9")
    assert by_alias["ddxplus:Acute COPD exacerbation / infection"].icd10 == "J44.1"  # was 'j44.1'


@pytest.mark.parametrize("ddxplus, symcat", [
    ("Possible NSTEMI / STEMI", "heart-attack"), ("Stable angina", "angina"), ("Pneumonia", "pneumonia"),
    ("Influenza", "flu"), ("GERD", "gastroesophageal-reflux-disease-gerd"), ("Anemia", "anemia"),
    ("Atrial fibrillation", "atrial-fibrillation"), ("Acute otitis media", "acute-otitis-media"),
    ("Croup", "croup"), ("Bronchitis", "acute-bronchitis"), ("Pulmonary embolism", "pulmonary-embolism"),
    ("Sarcoidosis", "sarcoidosis"), ("Tuberculosis", "tuberculosis"), ("Myasthenia gravis", "myasthenia-gravis"),
    ("Pericarditis", "pericarditis"), ("Myocarditis", "myocarditis"), ("Panic attack", "panic-attack"),
    ("SLE", "systemic-lupus-erythematosis-sle"),
])
def test_same_disease_is_one_concept(built, ddxplus, symcat):
    by_alias = built[2].condition_by_alias()
    assert by_alias[f"ddxplus:{ddxplus}"].id == by_alias[f"symcat:{symcat}"].id


def test_aliases_unique_and_ids_readable(built):
    seen: dict[str, str] = {}
    for c in built[2].conditions.values():
        assert c.id == c.id.lower() and " " not in c.id
        for a in c.aliases:
            assert seen.setdefault(a, c.id) == c.id, f"{a} on {seen[a]} and {c.id}"


def test_links_reference_known_conditions_and_findings(built):
    kb = built[2]
    symptom_codes = {s.code for s in kb.symptoms.values()}
    for link in kb.links:
        assert link.condition_id in kb.conditions
        assert link.finding in symptom_codes or link.finding in kb.evidences, link
        assert 0 < link.p <= 1, link
    sources = {l.source for l in kb.links}
    assert {"symcat", "ddxplus-dev-estimate"} <= sources
    by_cond = kb.links_by_condition()
    ddx = kb.condition_by_alias()
    assert all(any(l.finding.startswith("ddxplus:") for l in by_cond[ddx[f"ddxplus:{n}"].id])
               for n in DDXPLUS_NAMES)


def test_every_record_names_source_and_licence(built):
    kb = built[2]
    for s in kb.sources.values():
        assert s.title and s.licence and s.url and s.citation
    assert kb.sources["symcat"].licence == "not stated (research use)"
    assert kb.sources["ddxplus"].licence == "CC-BY-4.0"
    assert kb.sources["icd10cm"].licence == "public domain"
    records = list(kb.symptoms.values()) + list(kb.evidences.values()) + kb.links
    for r in records:
        assert r.source in kb.sources and r.licence, r
    for c in kb.conditions.values():
        assert c.licence and c.sources and set(c.sources) <= set(kb.sources)


def test_priors_are_complete_and_sensible(built):
    kb = built[2]
    bands = {b for b, _, _ in AGE_BANDS}
    for c in kb.conditions.values():
        assert c.prevalence > 0
        assert set(c.age_odds) == bands and all(v > 0 for v in c.age_odds.values())
        assert set(c.sex_odds) == {"female", "male"}
    by_alias = kb.condition_by_alias()
    cold = by_alias["symcat:common-cold"].prevalence
    assert cold > by_alias["symcat:heart-attack"].prevalence > by_alias["curated:aortic-dissection"].prevalence
    assert cold > 100 * by_alias["ddxplus:Ebola"].prevalence
    assert by_alias["symcat:prostate-cancer"].sex_odds["female"] < 0.1
    symcat_total = sum(c.prevalence for c in kb.conditions.values() if any(a.startswith("symcat:") for a in c.aliases))
    assert symcat_total == pytest.approx(1.0, rel=0.01)


def test_must_not_miss_conditions_flagged_with_findings(built):
    kb = built[2]
    by_alias = kb.condition_by_alias()
    by_cond = kb.links_by_condition()
    for alias in MUST_NOT_MISS:
        c = by_alias[alias]
        assert c.must_not_miss, alias
        assert c.severity is not None and c.severity <= 2, alias
        assert len(by_cond.get(c.id, [])) >= 5, alias
    assert not by_alias["symcat:acne"].must_not_miss
    curated = {l.finding for l in by_cond[by_alias["curated:cauda-equina-syndrome"].id]}
    assert "symptom:saddle-anaesthesia" in curated


def test_build_is_deterministic(built, tmp_path):
    out, path, kb = built
    again = kb_build.build(tmp_path)
    assert again.name == path.name

    def content(p):
        with gzip.open(p, "rt") as f:
            data = json.load(f)
        data.pop("built_at")
        return data

    assert content(again) == content(path)


def test_build_fails_on_an_invalid_icd10_code(tmp_path):
    curated = tmp_path / "curated"
    shutil.copytree(kb_build.CURATED_DIR, curated)
    csv_path = curated / "conditions.csv"
    csv_path.write_text(csv_path.read_text().replace("acne,Acne,L70.9", "acne,Acne,L99.99"))
    # an invalid code excludes the condition with a logged reason; the DDXPlus ones must stay
    kb = load_kb(kb_build.build(tmp_path / "out", curated_dir=curated))
    assert "symcat:acne" not in kb.condition_by_alias()

    ddx = curated / "ddxplus_unification.csv"
    ddx.write_text(ddx.read_text().replace("SLE,systemic-lupus-erythematosis-sle,Systemic lupus erythematosus (SLE),M32.9",
                                           "SLE,systemic-lupus-erythematosis-sle,Systemic lupus erythematosus (SLE),M34.99.9"))
    with pytest.raises(kb_build.BuildError):
        kb_build.build(tmp_path / "out2", curated_dir=curated)
    assert not (tmp_path / "out2" / "current").exists()


def test_validate_rejects_an_included_invalid_code(built, icd):
    out, path, kb = built
    with gzip.open(path, "rt") as f:
        data = json.load(f)
    content = {k: data[k] for k in ("sources", "symptoms", "evidences", "conditions", "links")}
    assert kb_build.validate(content, icd, DDXPLUS_NAMES) == []
    content["conditions"][0]["icd10"] = "j17, j18"
    content["links"].append({"condition_id": "nope", "finding": "symptom:nope", "p": 0, "source": "x", "licence": ""})
    problems = kb_build.validate(content, icd, DDXPLUS_NAMES)
    assert any("invalid ICD-10-CM" in p for p in problems)
    assert any("unknown condition" in p for p in problems) and any("unknown finding" in p for p in problems)


def test_a_key_written_twice_in_a_curated_file_is_an_error(tmp_path):
    from knowledge.strict_yaml import DuplicateKeyError, load_strict

    path = tmp_path / "symptoms.yaml"
    path.write_text("symptoms:\n  cough:\n    lay_terms: [hacking]\n  cough:\n    lay_terms: [barking]\n")
    with pytest.raises(DuplicateKeyError, match=r"symptoms.yaml:4: key 'cough' is already set at line 2"):
        load_strict(path)
