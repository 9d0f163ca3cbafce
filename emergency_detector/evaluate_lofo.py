"""Whole-triage leave-one-file-out figures on the development files.

    python -m emergency_detector.evaluate_lofo [--misses] [--json] [--no-screen]

The complaint screen trains on every development file (train_screen.TRAINING_FILES), so triage
measured on those files with the built screen is in-sample and flatters it. Here each file is
assessed by the full in-process pipeline (evaluate_triage.PipelineTriage: classifier, triage,
matcher, triage again) with a screen trained WITHOUT that file, as a new writer's cases would be.
Reports, per file and pooled, the 3x3 confusion matrix, three-level and self-care accuracy and the
emergencies under-triaged. Only the files train_screen lists are read (never a test split or an
unmeasured blind set).
"""

from __future__ import annotations

import argparse
import json
import sys

from .engine import EmergencyDetector
from .evaluate_triage import PipelineTriage, Report, evaluate, format_report, load_cases as load_triage_cases
from .rules import TriageRules, load_rules
from .train_screen import EVAL_DIR, TRAINING_FILES, load_cases as load_screen_cases, train


def dev_cases(name: str, split: str):
    return [x for x in load_triage_cases(EVAL_DIR / name) if split == "all" or x.split == split]


def leave_one_file_out(with_screen: bool = True, rules: TriageRules | None = None,
                       pipeline: PipelineTriage | None = None, log=sys.stderr) -> dict[str, Report]:
    """file name -> its Report, each file triaged with a screen that never saw it. `rules`: a rule
    library to use instead of rules.yaml; `pipeline`: one to reuse (its classifier and matcher
    stay as loaded, so two rule libraries can be compared on exactly the same readings)."""
    pipeline = pipeline or PipelineTriage(with_screen=with_screen)
    pipeline.triage.detector = EmergencyDetector.from_kb(pipeline.pipeline.kb, rules)
    screen_cases = load_screen_cases() if with_screen else []
    reports: dict[str, Report] = {}
    for n, (name, split) in enumerate(TRAINING_FILES, 1):
        pipeline.triage.screen = train([x for x in screen_cases if x.file != name]) if with_screen else None
        pipeline.triage.forget()
        reports[name] = evaluate(dev_cases(name, split), pipeline)
        print(f"  fold {n}/{len(TRAINING_FILES)}: {name} ({reports[name].n} cases)", file=log)
    return reports


def pooled(reports: dict[str, Report]) -> Report:
    return Report([r for report in reports.values() for r in report.results])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m emergency_detector.evaluate_lofo",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", action="store_true", help="list every case triaged at the wrong level")
    ap.add_argument("--json", action="store_true", help="print the summaries as JSON")
    ap.add_argument("--no-screen", action="store_true", help="the rule library alone (no folds needed)")
    ap.add_argument("--rules", help="a rules file to measure instead of emergency_detector/rules.yaml")
    args = ap.parse_args(argv)
    rules = load_rules(args.rules) if args.rules else None
    reports = leave_one_file_out(with_screen=not args.no_screen, rules=rules)
    total = pooled(reports)
    if args.json:
        print(json.dumps({"pooled": total.summary(), "files": {k: v.summary() for k, v in reports.items()}},
                         indent=2))
        return 0
    for name, report in reports.items():
        s = report.summary()
        print(f"{name:28s} {report.n:4d} cases  three-level {s['three_level_accuracy']:.1%}  "
              f"self-care {s['accuracy_by_class']['self-care']:.1%}  "
              f"emergencies under-triaged {len(report.emergencies_under_triaged)}")
    print("\npooled, leave-one-file-out:")
    print(format_report(total, None, args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
