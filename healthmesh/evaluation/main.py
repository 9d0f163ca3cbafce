"""`healthmesh eval ddxplus|vignettes`: run evaluation cases, print a table, optionally write JSON.

    healthmesh eval ddxplus [--url URL | --in-process] [--limit N] [--concurrency C] [--json PATH]
    healthmesh eval vignettes FILE... [--url URL | --in-process] [--split dev|test|all] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from . import metrics
from .cases import CaseError, ddxplus_body, load_vignettes
from .runners import InProcessRunner, RestRunner

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "http://127.0.0.1:8080"
DIFFERENTIAL_THRESHOLD = 0.01  # a returned condition is in the predicted differential from p >= 1%


def evaluate_ddxplus(runner, limit: int | None = None) -> dict:
    from condition_matcher.evaluate_ddxplus import ddxplus_condition_ids
    from knowledge.ddxplus_likelihoods import read_dev_patients
    from knowledge.kb import load_kb

    sources = ROOT / "knowledge" / "sources"
    patients = read_dev_patients(sources)
    if limit:
        patients = _spread(patients, limit)
    ids = ddxplus_condition_ids(load_kb(), sources)
    started = time.perf_counter()
    answers = runner.run([ddxplus_body(p) for p in patients])
    seconds = time.perf_counter() - started
    errors = [a["error"] for a in answers if "error" in a]
    ranked = [[c["id"] for c in a.get("conditions", [])] for a in answers]
    truth = [ids[p.pathology] for p in patients]
    report = {"set": "ddxplus-dev", "runner": runner.name, "patients": len(patients), "errors": len(errors),
              "error_examples": errors[:3], "seconds": round(seconds, 2)}
    report.update(metrics.gtpa(ranked, truth))
    gold = [{ids[n] for n, _ in p.differential if n in ids} for p in patients]
    above = [{c["id"] for c in a.get("conditions", []) if c.get("probability", 0.0) >= DIFFERENTIAL_THRESHOLD}
             for a in answers]
    report.update(metrics.differential_scores(above, gold))
    top5 = metrics.differential_scores([set(r[:5]) for r in ranked], gold)
    report.update({f"{k}_top5": v for k, v in top5.items()})
    return report


def _spread(items: list, limit: int) -> list:
    """`limit` items spread evenly over the list (the file is grouped by pathology)."""
    if limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def evaluate_vignettes(runner, paths: list[Path], split: str = "all") -> dict:
    cases = load_vignettes(paths, split)
    started = time.perf_counter()
    answers = runner.run([c.body for c in cases])
    seconds = time.perf_counter() - started
    rows = []
    for case, answer in zip(cases, answers):
        conditions = answer.get("conditions", [])
        predicted = metrics.three_level((answer.get("urgency") or {}).get("level", ""))
        rows.append({
            "id": case.id, "split": case.split, "error": answer.get("error"),
            "gold": (case.gold_diagnosis or {}).get("name"),
            "rank": metrics.gold_rank(conditions, case.gold_diagnosis) if case.gold_diagnosis else None,
            "has_gold": case.gold_diagnosis is not None,
            "top": [c.get("name", "") for c in conditions[:3]],
            "gold_triage": case.gold_triage, "triage": predicted,
        })
    by_split: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_split[row["split"]].append(row)
    report = {"set": "vignettes", "runner": runner.name, "files": [str(p) for p in paths], "split": split,
              "cases": len(rows), "errors": sum(1 for r in rows if r["error"]), "seconds": round(seconds, 2),
              "overall": _summary(rows), "splits": {s: _summary(r) for s, r in sorted(by_split.items())},
              "cases_detail": rows}
    return report


def _summary(rows: list[dict]) -> dict:
    with_gold = [r for r in rows if r["has_gold"]]
    out = {"n": len(rows), "n_diagnosis": len(with_gold)}
    out.update(metrics.topk_scores([r["rank"] for r in with_gold]))
    out["triage"] = metrics.triage_scores([(r["gold_triage"], r["triage"]) for r in rows if r["gold_triage"]])
    return out


# -- printing --------------------------------------------------------------------------------------


def print_ddxplus(report: dict) -> None:
    print(f"DDXPlus dev patients via {report['runner']}: {report['patients']} patients, "
          f"{report['errors']} errors, {report['seconds']} s")
    for e in report["error_examples"]:
        print(f"  error: {e}")
    print(f"  {'GTPA@1':>8} {'GTPA@3':>8} {'GTPA@5':>8} {'DDR':>7} {'DDP':>7} {'DDF1':>7}")
    print(f"  {report['gtpa@1']:8.4f} {report['gtpa@3']:8.4f} {report['gtpa@5']:8.4f} "
          f"{report['ddr']:7.3f} {report['ddp']:7.3f} {report['ddf1']:7.3f}   (differential: p >= "
          f"{DIFFERENTIAL_THRESHOLD:g})")
    print(f"  {'':26} {report['ddr_top5']:7.3f} {report['ddp_top5']:7.3f} {report['ddf1_top5']:7.3f}   "
          "(differential: top 5)")


def print_vignettes(report: dict, show_misses: bool = True) -> None:
    print(f"Vignettes via {report['runner']}: {report['cases']} cases ({report['split']}), "
          f"{report['errors']} errors, {report['seconds']} s")
    print(f"  {'split':<8} {'n':>4} {'top-1':>7} {'top-3':>7} {'top-10':>7} {'triage':>7} {'under':>7} {'over':>7}")
    sections = dict(report["splits"])
    if len(sections) > 1:
        sections["all"] = report["overall"]
    for name, s in sections.items():
        t = s["triage"]
        print(f"  {name:<8} {s['n']:>4} {s['top1']:7.1%} {s['top3']:7.1%} {s['top10']:7.1%} "
              f"{t['accuracy']:7.1%} {t['under_triage_rate']:7.1%} {t['over_triage_rate']:7.1%}")
    t = report["overall"]["triage"]
    print("  triage confusion (rows gold, columns answer):")
    print(f"    {'':<13}" + "".join(f"{level:>13}" for level in metrics.TRIAGE_LEVELS))
    for gold in metrics.TRIAGE_LEVELS:
        print(f"    {gold:<13}" + "".join(f"{t['confusion'][gold][p]:>13}" for p in metrics.TRIAGE_LEVELS))
    if show_misses:
        misses = [r for r in report["cases_detail"] if r["error"] or (r["has_gold"] and (r["rank"] or 99) > 3)]
        if misses:
            print("  not in the top 3:")
            for r in misses:
                what = r["error"] or f"rank {r['rank'] or '>10'}; got {', '.join(r['top'])}"
                print(f"    {r['id']:<22} [{r['split']}] {r['gold']}: {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="healthmesh eval", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="set", required=True)
    common = argparse.ArgumentParser(add_help=False)
    where = common.add_mutually_exclusive_group()
    where.add_argument("--url", default=DEFAULT_URL, help=f"the mesh's REST address (default {DEFAULT_URL})")
    where.add_argument("--in-process", action="store_true", help="run the engines here (no mesh needed)")
    common.add_argument("--concurrency", type=int, default=4, help="parallel REST requests")
    common.add_argument("--timeout", type=float, default=30.0, help="seconds per REST request")
    common.add_argument("--json", type=Path, help="also write the report as JSON here")
    dx = sub.add_parser("ddxplus", parents=[common], help="the DDXPlus dev patients (all evidence given)")
    dx.add_argument("--limit", type=int, help="only N patients, spread over the file")
    vg = sub.add_parser("vignettes", parents=[common], help="written cases (eval/README.md)")
    vg.add_argument("files", nargs="+", type=Path)
    vg.add_argument("--split", choices=("dev", "test", "all"), default="all")
    vg.add_argument("--quiet", action="store_true", help="do not list the cases missed")
    args = parser.parse_args(argv)

    runner = InProcessRunner() if args.in_process else RestRunner(args.url, args.concurrency, args.timeout)
    try:
        if args.set == "ddxplus":
            report = evaluate_ddxplus(runner, args.limit)
            print_ddxplus(report)
        else:
            report = evaluate_vignettes(runner, args.files, args.split)
            print_vignettes(report, show_misses=not args.quiet)
    except (CaseError, FileNotFoundError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 1 if report["errors"] else 0
