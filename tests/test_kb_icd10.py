"""ICD-10-CM validation and the curated SymCat -> ICD-10-CM mapping."""

from __future__ import annotations

import csv
import json

import pytest

from knowledge import build as kb_build
from knowledge.icd10 import IcdCodeSet, compact, normalize


@pytest.fixture(scope="module")
def icd():
    return IcdCodeSet.load(kb_build.SOURCES_DIR / "icd10cm")


@pytest.mark.parametrize("raw, display", [
    ("i21.9", "I21.9"), ("I219", "I21.9"), (" j44.1 ", "J44.1"), ("J18", "J18"), ("s22.39xa", "S22.39XA"),
])
def test_normalize(raw, display):
    assert normalize(raw) == display
    assert compact(display) == display.replace(".", "")


@pytest.mark.parametrize("code", ["I21.9", "i21", "J18.9", "M32.9", "G44.009", "a98.4", "T78.2", "S22.39XA"])
def test_valid_codes_and_categories(icd, code):
    assert icd.is_valid(code)


@pytest.mark.parametrize("code", ["j17, j18", "A00-A09", "1", "", None, "I21.99", "M34.99.9", "Q99.99", "J05.1X"])
def test_invalid_codes(icd, code):
    assert not icd.is_valid(code)
    with pytest.raises(ValueError):
        icd.check(code)


def test_titles_come_from_the_official_list(icd):
    assert icd.title("J18.9") == "Pneumonia, unspecified organism"
    assert icd.title("m32.9").startswith("Systemic lupus erythematosus")


def test_curated_mapping_covers_every_symcat_condition_with_valid_codes(icd):
    symcat = {c["slug"]: c["name"] for c in json.loads((kb_build.SOURCES_DIR / "symcat" / "conditions.json").read_text())}
    with open(kb_build.CURATED_DIR / "conditions.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["symcat_slug"] for r in rows) == sorted(symcat)
    assert [r["symcat_slug"] for r in rows if not icd.is_valid(r["icd10"])] == []
    for r in rows:
        assert r["name"] == symcat[r["symcat_slug"]]
        assert r["icd10"] == normalize(r["icd10"])
        # the recorded title is the official one (empty only for 7th-character extensions)
        assert r["icd10_title"] == (icd.title(r["icd10"]) or "")


@pytest.mark.parametrize("slug, prefix", [
    ("heart-attack", "I21"), ("stroke", "I63"), ("appendicitis", "K35"), ("pneumonia", "J18"),
    ("urinary-tract-infection", "N39.0"), ("migraine", "G43"), ("asthma", "J45"), ("sepsis", "A41"),
    ("ectopic-pregnancy", "O00"), ("testicular-torsion", "N44.0"), ("subarachnoid-hemorrhage", "I60"),
    ("diabetic-ketoacidosis", "E1"), ("gout", "M10"), ("systemic-lupus-erythematosis-sle", "M32"),
])
def test_spot_check_symcat_codes(slug, prefix):
    with open(kb_build.CURATED_DIR / "conditions.csv", newline="") as f:
        codes = {r["symcat_slug"]: r["icd10"] for r in csv.DictReader(f)}
    assert codes[slug].startswith(prefix)
