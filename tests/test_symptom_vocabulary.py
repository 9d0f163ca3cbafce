"""build_symptoms(): the symptom concepts and DDXPlus evidence rows of the knowledge base."""

from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

import pytest

from knowledge.kb import kb_from_dict
from knowledge.symptoms import build_symptoms

SOURCES = Path(__file__).resolve().parent.parent / "knowledge" / "sources"
REQUIRED_CURATED = [
    "worst-headache-of-life", "facial-droop", "unilateral-weakness", "confusion",
    "loss-of-consciousness", "severe-bleeding", "suicidal-thoughts", "saddle-anaesthesia",
    "non-blanching-rash", "photophobia", "head-injury", "major-trauma", "severe-burn", "hives",
    "pain-radiating-to-arm-or-jaw",
]


@pytest.fixture(scope="module")
def built():
    return build_symptoms(SOURCES)


def test_every_symcat_slug_is_a_concept_or_alias(built):
    symptoms, _ = built
    ids = {s["id"] for s in symptoms}
    aliases = {a for s in symptoms for a in s["aliases"]}
    slugs = [r["slug"] for r in json.loads((SOURCES / "symcat" / "symptoms.json").read_text())]
    assert len(slugs) == 474
    missing = [s for s in slugs if s not in ids and f"symcat:{s}" not in aliases]
    assert missing == []


def test_curated_concepts_exist_with_healthmesh_provenance(built):
    symptoms, _ = built
    by_id = {s["id"]: s for s in symptoms}
    for cid in REQUIRED_CURATED:
        assert cid in by_id, cid
        assert by_id[cid]["source"] == "healthmesh"
        assert by_id[cid]["licence"] == "CC-BY-4.0 (healthmesh curated)"
        assert by_id[cid]["question"].endswith("?")
        assert by_id[cid]["synonyms"] or by_id[cid]["lay_terms"]
    assert by_id["fever"]["source"] == "symcat"
    assert by_id["fever"]["aliases"] == ["symcat:fever"]
    assert by_id["fever"]["question"] == "Do you have a fever?"
    assert "diaphoresis" in by_id["sweating"]["synonyms"]


def test_lay_terms_from_the_brief_are_in_the_vocabulary(built):
    symptoms, _ = built
    lay = {t.lower(): s["id"] for s in symptoms for t in s["lay_terms"] + s["synonyms"]}
    for term, cid in {"puke": "vomiting", "throwing up": "vomiting", "the runs": "diarrhea",
                      "pins and needles": "paresthesia", "passed out": "loss-of-consciousness",
                      "can't poop": "constipation", "burning up": "fever",
                      "tummy ache": "abdominal-pain", "burns when i pee": "painful-urination",
                      "can't catch my breath": "shortness-of-breath"}.items():
        assert lay.get(term) == cid, term


def test_no_duplicate_ids_or_codes_and_schema_fields(built):
    symptoms, evidences = built
    ids = [s["id"] for s in symptoms]
    codes = [e["code"] for e in evidences]
    assert len(ids) == len(set(ids))
    assert len(codes) == len(set(codes))
    for s in symptoms:
        assert set(s) == {"id", "name", "synonyms", "lay_terms", "aliases", "body_system",
                          "question", "source", "licence"}
        assert s["name"] and s["body_system"] and s["licence"]
    for e in evidences:
        assert set(e) == {"code", "name", "kind", "antecedent", "symptom_ids", "source", "licence"}
        assert e["code"].startswith("ddxplus:E_")
        assert e["kind"] in ("binary", "categorical", "multi")
        assert (e["source"], e["licence"]) == ("ddxplus", "CC-BY-4.0")
        assert set(e["symptom_ids"]) <= set(ids), e["code"]


def test_every_ddxplus_code_in_the_dev_set_is_an_evidence_row(built):
    _, evidences = built
    codes = {e["code"] for e in evidences}
    seen = set()
    with open(SOURCES / "ddxplus" / "dev_patients.csv", newline="") as f:
        for row in csv.DictReader(f):
            seen.update(ast.literal_eval(row["features"]))
            seen.add(row["feature_id"])
    assert len(seen) > 400
    assert {f"ddxplus:{c}" for c in seen} - codes == set()


def test_evidence_rows_map_to_concepts(built):
    _, evidences = built
    by_code = {e["code"]: e for e in evidences}
    assert by_code["ddxplus:E_91"]["symptom_ids"] == ["fever"]
    assert by_code["ddxplus:E_91"]["kind"] == "binary"
    assert by_code["ddxplus:E_55"]["kind"] == "multi"
    assert by_code["ddxplus:E_56_@_7"]["name"] == "Pain intensity: 7/10"
    assert by_code["ddxplus:E_55_@_V_123"]["symptom_ids"] == []
    tonsil_r = next(e for e in evidences if e["name"] == "Pain location: tonsil (right)")
    assert tonsil_r["symptom_ids"] == ["sore-throat"]
    assert "chest-pain" in by_code["ddxplus:E_55_@_V_101"]["symptom_ids"]  # upper chest
    iliac_fossa_r = next(e for e in evidences if e["name"] == "Pain location: lower abdomen (right)")
    assert iliac_fossa_r["symptom_ids"] == ["lower-abdominal-pain"]
    assert by_code["ddxplus:E_57_@_V_121"]["symptom_ids"] == ["pain-radiating-to-arm-or-jaw"]
    assert by_code["ddxplus:E_204_@_V_10"]["antecedent"] is True
    assert by_code["ddxplus:E_159"]["symptom_ids"] == ["loss-of-consciousness"]


def test_rows_load_into_a_knowledge_base(built):
    symptoms, evidences = built
    kb = kb_from_dict({"version": "test", "sources": {}, "symptoms": symptoms,
                       "evidences": evidences, "conditions": [], "links": []})
    assert kb.finding_name("symptom:fever") == "Fever"
    assert kb.finding_name("ddxplus:E_91") == "Fever"


EVERYDAY_WORDS = {
    # slang, euphemism and child/carer speech for common complaints (UK, US, Australian usage)
    "chucking up": "vomiting", "pooping water": "diarrhea", "can't go for a poo": "constipation",
    "running a temp": "fever", "heart hammering": "palpitations", "hoarse": "hoarse-voice",
    "sniffling": "coryza", "stings to wee": "painful-urination", "hot flushes": "hot-flashes",
    "itchy bum": "itching-of-the-anus", "hair is falling out": "too-little-hair",
    "tossing and turning": "insomnia", "pins and needles": "paresthesia",
}


def test_everyday_words_for_common_complaints(built):
    symptoms, _ = built
    lay = {t.lower(): s["id"] for s in symptoms for t in s["lay_terms"] + s["synonyms"]}
    for term, cid in EVERYDAY_WORDS.items():
        assert lay.get(term) == cid, term
    by_id = {s["id"]: s for s in symptoms}
    # "puffy" alone names no particular swelling; fluid retention would take "puffy eyes"
    assert "puffy" not in by_id["fluid-retention"]["lay_terms"]
    for cid in ("hot-flashes", "itching-of-the-anus", "too-little-hair"):  # SymCat concepts overlaid
        assert (by_id[cid]["source"], by_id[cid]["aliases"]) == ("symcat", [f"symcat:{cid}"])


def test_everyday_words_are_read_in_sentences(built):
    from symptom_classifier.engine import SymptomClassifier

    symptoms, evidences = built
    kb = kb_from_dict({"version": "test", "sources": {}, "symptoms": symptoms,
                       "evidences": evidences, "conditions": [], "links": []})
    classifier = SymptomClassifier(kb)

    def read(text: str) -> set[str]:
        return {f.code.removeprefix("symptom:") for f in classifier.classify(text).findings}

    # inflections reach the same stems ("chucked up" / "chucking up"; "has been hurting")
    assert "vomiting" in read("he chucked up twice in the car")
    assert "knee-pain" in read("my knee has been hurting since saturday")
    assert "itchiness-of-eye" in read("itchy watery eyes every spring")
    # longer everyday phrases outrank the single words inside them
    assert "major-trauma" not in read("I feel like I've been hit by a truck")
    assert "ache-all-over" in read("I feel like I've been hit by a truck")
    assert "unilateral-weakness" not in read("I can't lift my arm above my head since I hurt my shoulder")
    assert read("I feel like shit") == {"feeling-ill"}
