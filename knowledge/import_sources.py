"""Carry the open sources the knowledge base uses into `knowledge/sources/`, as structured facts.

Run by a developer when a source changes (`python -m knowledge.import_sources /path/to/shared/data`);
never at build, run or test time. It keeps names, codes and numbers and drops every prose
description, so what the project redistributes is facts with their provenance.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from pathlib import Path

SOURCES_DIR = Path(__file__).resolve().parent / "sources"

SYMCAT_AGE_BANDS = {
    "age-1-years": "<1", "age-1-4-years": "1-4", "age-5-14-years": "5-14",
    "age-15-29-years": "15-29", "age-30-44-years": "30-44", "age-45-59-years": "45-59",
    "age-60-74-years": "60-74", "age-75-years": "75+",
}


def _odds(block: dict) -> dict[str, float]:
    out = {}
    for slug, item in (block or {}).items():
        if slug in SYMCAT_AGE_BANDS:
            out[SYMCAT_AGE_BANDS[slug]] = float(item["odds"])
        elif slug in ("sex-male", "sex-female"):
            out[slug.removeprefix("sex-")] = float(item["odds"])
    return out


def import_symcat(src: Path, dst: Path) -> None:
    conditions = json.loads((src / "symcat_801_conditions_parsed.json").read_text())
    symptoms = json.loads((src / "symcat_474_symptoms_parsed.json").read_text())
    cond_rows = [
        {
            "slug": slug,
            "name": c["condition_name"],
            "symptoms": [
                {"slug": s["slug"], "p": s["probability"] / 100.0} for s in c["symptoms"].values()
            ],
            "age_odds": _odds(c.get("age")),
            "sex_odds": _odds(c.get("sex")),
        }
        for slug, c in sorted(conditions.items())
    ]
    symptom_rows = [
        {
            "slug": slug,
            "name": s["name"],
            # P(condition | symptom) among visits with this symptom, percent -> fraction
            "causes": [
                {"slug": cause["slug"].removeprefix("cause-"), "p": cause["probability"] / 100.0}
                for cause in (s.get("common_causes") or {}).values()
            ],
            "age_odds": _odds(s.get("age")),
            "sex_odds": _odds(s.get("sex")),
        }
        for slug, s in sorted(symptoms.items())
    ]
    _write_json(dst / "conditions.json", cond_rows)
    _write_json(dst / "symptoms.json", symptom_rows)


def import_ddxplus(src: Path, dst: Path) -> None:
    conditions = json.loads((src / "release_conditions.json").read_text())
    evidences = json.loads((src / "release_evidences.json").read_text())
    cond_rows = [
        {
            "name": c["condition_name"],
            "icd10": c["icd10-id"],
            "severity": c["severity"],
            "symptoms": sorted(c["symptoms"]),
            "antecedents": sorted(c["antecedents"]),
        }
        for c in conditions.values()
    ]
    ev_rows = [
        {
            "code": e["name"],
            "data_type": e["data_type"],  # B binary, C categorical, M multi-choice
            "antecedent": bool(e["is_antecedent"]),
            "default_value": e["default_value"],
            "possible_values": e["possible-values"],
            # short value labels (body sites, descriptors), English only
            "values": {v: m["en"] for v, m in (e.get("value_meaning") or {}).items()},
        }
        for e in evidences.values()
    ]
    _write_json(dst / "conditions.json", sorted(cond_rows, key=lambda r: r["name"]))
    _write_json(dst / "evidences.json", sorted(ev_rows, key=lambda r: r["code"]))
    shutil.copyfile(src / "dev_patients.csv", dst / "dev_patients.csv")


def import_icd10cm(src: Path, dst: Path) -> None:
    shutil.copyfile(src / "icd10cm-code-list-April-2026.txt", dst / "code-list-April-2026.txt")
    # code -> short official title (public domain), for display and for matching names
    with open(src / "icd10cm_tabular_April2026_codes.csv", newline="") as f_in, open(
        dst / "titles.tsv", "w", newline=""
    ) as f_out:
        reader = csv.DictReader(f_in)
        writer = csv.writer(f_out, delimiter="\t", lineterminator="\n")
        writer.writerow(["code", "title"])
        for row in reader:
            writer.writerow([row["code"], row["description"]])


def _write_json(path: Path, rows) -> None:
    path.write_text(json.dumps(rows, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


IMPORTERS = {
    "symcat": import_symcat,
    "ddxplus": import_ddxplus,
    "icd10cm": import_icd10cm,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path, help="folder holding the original sources")
    parser.add_argument("--only", choices=sorted(IMPORTERS), action="append")
    args = parser.parse_args(argv)
    for name in args.only or sorted(IMPORTERS):
        dst = SOURCES_DIR / name
        dst.mkdir(parents=True, exist_ok=True)
        print(f"importing {name} ...", file=sys.stderr)
        IMPORTERS[name](args.data_dir / name, dst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
