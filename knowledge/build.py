"""`healthmesh kb build`: the sources in knowledge/sources + knowledge/curated -> one KB artifact.

Writes `<out>/healthmesh-kb-<version>.json.gz` (schema: knowledge/kb.py) and `<out>/current`
(the file name). The version is "1.0.0+" + the first 12 hex of the sha256 of the canonical content
(everything but `version` and `built_at`), so equal inputs give equal versions.

The build fails (exit 1, nothing written) if any included condition has an invalid ICD-10-CM code,
an alias is shared, a link points at an unknown condition or finding, a probability is outside
(0, 1], a record lacks source or licence, or a DDXPlus pathology is missing.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from knowledge import conditions as cond
from knowledge import priors
from knowledge.icd10 import IcdCodeSet
from knowledge.kb import DEFAULT_KB_DIR, load_kb

KNOWLEDGE_DIR = Path(__file__).resolve().parent
SOURCES_DIR = KNOWLEDGE_DIR / "sources"
CURATED_DIR = KNOWLEDGE_DIR / "curated"
SCHEMA_VERSION = "1.0.0"
CURATED_LICENCE = "CC-BY-4.0 (healthmesh curated)"

SOURCES: dict[str, dict[str, str]] = {
    cond.SYMCAT: {
        "title": "Symcat condition/symptom statistics (symcat-to-synthea parsed export)",
        "licence": "not stated (research use)",
        "url": "https://github.com/teliov/symcat-to-synthea",
        "citation": "Symcat (C. Monsen, D. Do), from US CDC NAMCS/NHAMCS ambulatory-care surveys; "
        "parsed export teliov/symcat-to-synthea @ c896c846411a2a9eefe976fd9f2d4f13af14afcb.",
    },
    cond.DDXPLUS: {
        "title": "DDXPlus: A New Dataset For Automatic Medical Diagnosis (English release)",
        "licence": "CC-BY-4.0",
        "url": "https://github.com/mila-iqia/ddxplus",
        "citation": "Fansi Tchango A, Goel R, Wen Z, Martel J, Ghosn J. NeurIPS 2022 Datasets and "
        "Benchmarks; arXiv:2205.09148. Data: figshare doi 10.6084/m9.figshare.22687585.",
    },
    "ddxplus-dev-estimate": {
        "title": "P(finding | condition) counted from 1,316 DDXPlus synthetic dev patients",
        "licence": "CC-BY-4.0",
        "url": "https://github.com/mila-iqia/ddxplus",
        "citation": "healthmesh estimate (knowledge/ddxplus_likelihoods.py) from DDXPlus test "
        "patients (Fansi Tchango et al. 2022, CC-BY-4.0).",
    },
    cond.ICD10CM: {
        "title": "ICD-10-CM FY2026 (April 1, 2026 update)",
        "licence": "public domain",
        "url": "https://www.cdc.gov/nchs/icd/icd-10-cm/",
        "citation": "US CDC National Center for Health Statistics and CMS; files as shipped in "
        "simple-icd-10-cm 1.5.0.",
    },
    cond.CURATED: {
        "title": "healthmesh curated knowledge (ICD-10-CM mappings, unification, must-not-miss, priors)",
        "licence": CURATED_LICENCE,
        "url": "https://github.com/healthmesh/healthmesh/tree/main/knowledge/curated",
        "citation": "healthmesh contributors, knowledge/curated/*.csv|yaml.",
    },
}


class BuildError(Exception):
    pass


def log(msg: str) -> None:
    print(f"kb build: {msg}", file=sys.stderr)


# ---------------------------------------------------------------- symptoms and evidences


def load_symptoms_and_evidences(sources_dir: Path) -> tuple[list[dict], list[dict]]:
    try:
        from knowledge.symptoms import build_symptoms
    except ImportError as err:
        log(f"WARNING: knowledge.symptoms.build_symptoms unavailable ({err}); using bare fallback "
            "rows (SymCat slugs, DDXPlus codes without names or symptom_ids)")
        return fallback_symptoms(sources_dir), fallback_evidences(sources_dir)
    return build_symptoms(sources_dir)


def fallback_symptoms(sources_dir: Path) -> list[dict]:
    rows = json.loads((sources_dir / "symcat" / "symptoms.json").read_text(encoding="utf-8"))
    return [
        {"id": r["slug"], "name": r["name"], "synonyms": [], "lay_terms": [],
         "aliases": [f"symcat:{r['slug']}"], "body_system": "", "question": "",
         "source": cond.SYMCAT, "licence": SOURCES[cond.SYMCAT]["licence"]}
        for r in rows
    ]


def fallback_evidences(sources_dir: Path) -> list[dict]:
    rows = json.loads((sources_dir / "ddxplus" / "evidences.json").read_text(encoding="utf-8"))
    kinds = {"B": "binary", "C": "categorical", "M": "multi"}
    out = []
    for r in rows:
        base = {"kind": kinds[r["data_type"]], "antecedent": r["antecedent"], "symptom_ids": [],
                "source": cond.DDXPLUS, "licence": SOURCES[cond.DDXPLUS]["licence"]}
        out.append({"code": f"ddxplus:{r['code']}", "name": r["code"], **base})
        for value in r["possible_values"]:
            label = r["values"].get(str(value), str(value))
            out.append({"code": f"ddxplus:{r['code']}_@_{value}", "name": f"{r['code']}: {label}", **base})
    return out


def ensure_curated_concepts(symptoms: list[dict], ids: set[str]) -> list[dict]:
    """Curated findings used by extra_conditions.yaml that the symptom rows do not define yet."""
    known = {s["id"] for s in symptoms}
    added = []
    for sid in sorted(ids - known):
        log(f"WARNING: symptom concept {sid!r} (extra_conditions.yaml) missing from symptom rows; added bare")
        added.append({"id": sid, "name": sid.replace("-", " ").capitalize(), "synonyms": [],
                      "lay_terms": [], "aliases": [], "body_system": "", "question": "",
                      "source": cond.CURATED, "licence": CURATED_LICENCE})
    return symptoms + added


# ---------------------------------------------------------------- conditions


def condition_rows(drafts, sources_dir: Path, curated_dir: Path) -> list[dict]:
    symcat = json.loads((sources_dir / "symcat" / "conditions.json").read_text(encoding="utf-8"))
    symcat_symptoms = json.loads((sources_dir / "symcat" / "symptoms.json").read_text(encoding="utf-8"))
    symcat_by_slug = {c["slug"]: c for c in symcat}
    prevalence, method = priors.estimate_symcat_prevalence(symcat, symcat_symptoms)
    kinds = Counter(m.split(":")[0] for m in method.values())
    log(f"SymCat prevalence: {kinds['bayes']} by Bayes inversion, {kinds['bound']} from cause-list "
        f"bounds, {kinds['default']} low default")
    default_prev = priors.quantile(sorted(prevalence.values()), priors.DEFAULT_QUANTILE)
    dev_odds = priors.ddxplus_odds(dev_patients(sources_dir))
    anchors = cond.read_yaml(curated_dir / "priors.yaml").get("relative", {})

    def relative(spec: dict | None, who: str) -> float:
        if not spec:
            log(f"WARNING: no prior for {who}; using the low default {default_prev:g}")
            return default_prev
        ref = spec["relative_to"]
        if not ref.startswith("symcat:") or ref[7:] not in prevalence:
            raise BuildError(f"prior for {who}: unknown reference {ref!r}")
        return priors.round_sig(prevalence[ref[7:]] * float(spec["factor"]))

    code_count = Counter(d.icd10 for d in drafts)
    shared = sorted(code for code, n in code_count.items() if n > 1)
    if shared:
        log(f"ICD-10-CM codes shared by several conditions (no icd10: alias): {', '.join(shared)}")
    rows = []
    for d in drafts:
        if d.symcat_slug:
            sc = symcat_by_slug[d.symcat_slug]
            prev = prevalence[d.symcat_slug]
            age_odds, sex_odds = priors.symcat_odds(sc["age_odds"], sc["sex_odds"])
        elif d.ddxplus_name:
            prev = relative(anchors.get(f"ddxplus:{d.ddxplus_name}"), d.ddxplus_name)
            age_odds, sex_odds = dev_odds.get(d.ddxplus_name, priors.symcat_odds({}, {}))
        else:
            prev = relative(d.curated.get("prevalence"), d.curated["id"])
            age_odds, sex_odds = priors.symcat_odds(d.curated.get("age_odds", {}), d.curated.get("sex_odds", {}))
        aliases = d.source_aliases
        if code_count[d.icd10] == 1:
            aliases.append(f"icd10:{d.icd10}")
        licences = []
        for s in d.sources:
            lic = SOURCES[s]["licence"]
            if lic not in licences:
                licences.append(lic)
        rows.append({
            "id": d.id, "name": d.name, "icd10": d.icd10, "aliases": sorted(aliases),
            "severity": d.severity, "must_not_miss": d.must_not_miss, "prevalence": prev,
            "age_odds": age_odds, "sex_odds": sex_odds, "sources": d.sources,
            "licence": "; ".join(licences),
        })
    return rows


def dev_patients(sources_dir: Path):
    import csv

    with open(sources_dir / "ddxplus" / "dev_patients.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            yield float(row["age"]), row["sex"], row["diagnosis"]


# ---------------------------------------------------------------- links


def symcat_links(drafts, sources_dir: Path) -> list[dict]:
    symcat = {c["slug"]: c for c in json.loads((sources_dir / "symcat" / "conditions.json").read_text(encoding="utf-8"))}
    rows = []
    for d in drafts:
        if not d.symcat_slug:
            continue
        for s in symcat[d.symcat_slug]["symptoms"]:
            if s["p"] > 0:
                rows.append({"condition_id": d.id, "finding": f"symptom:{s['slug']}", "p": round(min(1.0, s["p"]), 6),
                             "source": cond.SYMCAT, "licence": SOURCES[cond.SYMCAT]["licence"]})
    return rows


def cited_sources(data: dict) -> dict[str, dict]:
    """The `sources` block of a curated file, as artifact source records."""
    return {
        sid: {"title": s["title"], "licence": f"{CURATED_LICENCE}; facts from the cited publication",
              "url": s.get("url", ""), "citation": s.get("citation", "")}
        for sid, s in (data.get("sources") or {}).items()
    }


def risk_factor_rows(curated_dir: Path, conditions: list[dict]) -> tuple[list[dict], dict[str, dict]]:
    """knowledge/curated/risk_factors.yaml -> artifact rows (multipliers keyed by condition id), sources."""
    data = cond.read_yaml(curated_dir / "risk_factors.yaml")
    by_alias = {alias: c["id"] for c in conditions for alias in c["aliases"]}
    sources = cited_sources(data)
    rows = []
    for r in data.get("risk_factors") or []:
        if r["source"] not in sources:
            raise BuildError(f"risk factor {r['id']}: unknown source {r['source']!r}")
        multipliers = {}
        for alias, factor in r["multipliers"].items():
            if alias not in by_alias:
                raise BuildError(f"risk factor {r['id']}: unknown condition alias {alias!r}")
            if not float(factor) > 0:
                raise BuildError(f"risk factor {r['id']}: multiplier for {alias} must be positive")
            multipliers[by_alias[alias]] = float(factor)
        rows.append({"id": r["id"], "fields": sorted(r.get("fields") or ["history"]),
                     "terms": sorted({str(t).lower() for t in r["terms"]}), "multipliers": multipliers,
                     "source": r["source"], "licence": CURATED_LICENCE})
    return sorted(rows, key=lambda r: r["id"]), sources


def curated_link_rows(curated_dir: Path, conditions: list[dict]) -> tuple[list[dict], dict[str, dict]]:
    """knowledge/curated/links.yaml: key findings the sources do not link, by condition alias."""
    data = cond.read_yaml(curated_dir / "links.yaml")
    by_alias = {alias: c["id"] for c in conditions for alias in c["aliases"]}
    sources = cited_sources(data)
    rows = []
    for entry in data.get("links") or []:
        alias = entry["condition"]
        if alias not in by_alias:
            raise BuildError(f"links.yaml: unknown condition alias {alias!r}")
        for sid, p in sorted(entry["findings"].items()):
            rows.append({"condition_id": by_alias[alias], "finding": f"symptom:{sid}", "p": float(p),
                         "source": entry["source"], "licence": CURATED_LICENCE})
    return rows, sources


def curated_links(drafts) -> list[dict]:
    rows = []
    for d in drafts:
        if not d.curated:
            continue
        for sid, p in sorted(d.curated.get("findings", {}).items()):
            rows.append({"condition_id": d.id, "finding": f"symptom:{sid}", "p": float(p),
                         "source": d.curated["source"], "licence": CURATED_LICENCE})
    return rows


def ddxplus_links(sources_dir: Path, evidences: list[dict], ddx_ids: dict[str, str]) -> list[dict]:
    try:
        from knowledge.ddxplus_likelihoods import estimate_links
    except ImportError as err:
        log(f"WARNING: knowledge.ddxplus_likelihoods.estimate_links unavailable ({err}); "
            "no DDXPlus links in this build")
        return []
    return estimate_links(sources_dir, evidences, ddx_ids)


# ---------------------------------------------------------------- validation and output


def validate(content: dict, icd: IcdCodeSet, ddxplus_names: list[str]) -> list[str]:
    problems: list[str] = []
    sources = content["sources"]
    cids = {c["id"] for c in content["conditions"]}
    findings = {f"symptom:{s['id']}" for s in content["symptoms"]} | {e["code"] for e in content["evidences"]}
    if len(cids) != len(content["conditions"]):
        problems.append("duplicate condition ids")
    alias_owner: dict[str, str] = {}
    for c in content["conditions"]:
        if not icd.is_valid(c["icd10"]):
            problems.append(f"condition {c['id']}: invalid ICD-10-CM code {c['icd10']!r}")
        for a in c["aliases"]:
            if a in alias_owner and alias_owner[a] != c["id"]:
                problems.append(f"alias {a!r} on {alias_owner[a]} and {c['id']}")
            alias_owner[a] = c["id"]
        if not c["licence"] or not c["sources"] or any(s not in sources for s in c["sources"]):
            problems.append(f"condition {c['id']}: sources/licence missing or unknown")
        if not c["prevalence"] > 0:
            problems.append(f"condition {c['id']}: prevalence {c['prevalence']}")
    for name in ddxplus_names:
        if f"ddxplus:{name}" not in alias_owner:
            problems.append(f"DDXPlus pathology {name!r} missing")
    for kind, rows in (("symptom", content["symptoms"]), ("evidence", content["evidences"])):
        for r in rows:
            if r.get("source") not in sources or not r.get("licence"):
                problems.append(f"{kind} {r.get('id') or r.get('code')}: source {r.get('source')!r}/licence missing")
    codes = [e["code"] for e in content["evidences"]]
    if len(codes) != len(set(codes)):
        problems.append("duplicate evidence codes")
    seen = set()
    for link in content["links"]:
        key = (link["condition_id"], link["finding"], link["source"])
        if key in seen:
            problems.append(f"duplicate link {key}")
        seen.add(key)
        if link["condition_id"] not in cids:
            problems.append(f"link to unknown condition {link['condition_id']!r}")
        if link["finding"] not in findings:
            problems.append(f"link {link['condition_id']} -> unknown finding {link['finding']!r}")
        if not 0 < link["p"] <= 1:
            problems.append(f"link {key}: p={link['p']}")
        if link["source"] not in sources or not link.get("licence"):
            problems.append(f"link {key}: source/licence missing or unknown")
    return problems


def canonical_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def build(out_dir: Path = DEFAULT_KB_DIR, sources_dir: Path = SOURCES_DIR,
          curated_dir: Path = CURATED_DIR) -> Path:
    started = time.perf_counter()
    icd = IcdCodeSet.load(sources_dir / "icd10cm")
    log(f"ICD-10-CM code set: {len(icd.codes)} codes")

    drafts, excluded = cond.unify(sources_dir, curated_dir, icd, log)
    for reason in excluded:
        log(f"excluded: {reason}")
    unified = sum(1 for d in drafts if d.symcat_slug and d.ddxplus_name)
    log(f"conditions: {len(drafts)} ({unified} SymCat+DDXPlus pairs unified, {len(excluded)} excluded)")

    symptoms, evidences = load_symptoms_and_evidences(sources_dir)
    curated_finding_ids = {sid for d in drafts if d.curated for sid in d.curated.get("findings", {})}
    symptoms = ensure_curated_concepts(symptoms, curated_finding_ids)
    log(f"symptoms: {len(symptoms)}, evidences: {len(evidences)}")

    sources = dict(SOURCES)
    extra_sources = cond.read_yaml(curated_dir / "extra_conditions.yaml").get("sources", {})
    for sid, s in extra_sources.items():
        sources[sid] = {"title": s["title"], "licence": f"{CURATED_LICENCE}; facts from the cited publication",
                        "url": s.get("url", ""), "citation": s.get("citation", "")}
    for row in symptoms + evidences:
        if row.get("source") and row["source"] not in sources:
            raise BuildError(f"unknown source id {row['source']!r} in symptom/evidence rows")

    conditions = condition_rows(drafts, sources_dir, curated_dir)
    ddx_ids = {d.ddxplus_name: d.id for d in drafts if d.ddxplus_name}
    links = symcat_links(drafts, sources_dir) + curated_links(drafts) + ddxplus_links(sources_dir, evidences, ddx_ids)
    extra_links, link_sources = curated_link_rows(curated_dir, conditions)
    links += extra_links
    risk_factors, risk_sources = risk_factor_rows(curated_dir, conditions)
    sources.update(link_sources)
    sources.update(risk_sources)
    log(f"risk factors: {len(risk_factors)}; curated key-finding links: {len(extra_links)}")
    log(f"links: {len(links)} ({dict(Counter(l['source'] for l in links))})")

    content = {
        "sources": {k: sources[k] for k in sorted(sources)},
        "symptoms": sorted(symptoms, key=lambda s: s["id"]),
        "evidences": sorted(evidences, key=lambda e: e["code"]),
        "conditions": conditions,
        "links": sorted(links, key=lambda l: (l["condition_id"], l["finding"], l["source"])),
        "risk_factors": risk_factors,
    }
    ddxplus_names = [d["name"] for d in json.loads((sources_dir / "ddxplus" / "conditions.json").read_text(encoding="utf-8"))]
    problems = validate(content, icd, ddxplus_names)
    if problems:
        for p in problems[:50]:
            log(f"ERROR: {p}")
        raise BuildError(f"{len(problems)} problem(s); nothing written")

    digest = hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()[:12]
    version = f"{SCHEMA_VERSION}+{digest}"
    artifact = {"version": version, "built_at": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), **content}

    out_dir.mkdir(parents=True, exist_ok=True)
    name = f"healthmesh-kb-{version}.json.gz"
    path = out_dir / name
    tmp = out_dir / f".{name}.tmp"
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(json.dumps(artifact, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    os.replace(tmp, path)
    pointer_tmp = out_dir / ".current.tmp"
    pointer_tmp.write_text(name + "\n")
    os.replace(pointer_tmp, out_dir / "current")

    kb = load_kb(path)
    log(f"wrote {path} ({path.stat().st_size // 1024} KiB): {len(kb.conditions)} conditions, "
        f"{len(kb.symptoms)} symptoms, {len(kb.evidences)} evidences, {len(kb.links)} links, "
        f"{sum(c.must_not_miss for c in kb.conditions.values())} must-not-miss; "
        f"{time.perf_counter() - started:.1f} s")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthmesh kb build", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_KB_DIR, help="output folder (default build/kb)")
    args = parser.parse_args(argv)
    try:
        path = build(args.out)
    except BuildError as err:
        log(f"FAILED: {err}")
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
