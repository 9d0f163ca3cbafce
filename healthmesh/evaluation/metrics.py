"""Evaluation metrics, as pure functions over plain answers (dicts shaped like the REST response).

- DDXPlus (Fansi Tchango et al. 2022): GTPA@k, the ground-truth pathology among the top k; DDR/DDP,
  recall/precision of the predicted differential against the patient's DDXPlus differential,
  averaged over patients; DDF1, the harmonic mean of the two averages.
- Vignettes: top-k accuracy with the gold diagnosis matched by ICD-10 prefix or alias; triage
  accuracy on three levels (emergent / non-emergent / self-care), the 3x3 confusion matrix and the
  under-/over-triage rates (answer less / more urgent than gold).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence

TRIAGE_LEVELS = ("emergent", "non-emergent", "self-care")  # most urgent first
URGENCY_THREE_LEVEL = {
    "URGENCY_EMERGENCY_AMBULANCE": "emergent",
    "URGENCY_EMERGENCY": "emergent",
    "URGENCY_CONSULTATION_24H": "non-emergent",
    "URGENCY_CONSULTATION": "non-emergent",
    "URGENCY_SELF_CARE": "self-care",
}


# -- DDXPlus --------------------------------------------------------------------------------------


def gtpa(ranked: Sequence[Sequence[str]], truth: Sequence[str], ks: Iterable[int] = (1, 3, 5)) -> dict[str, float]:
    """Share of patients whose true pathology is among the first k predicted ids."""
    n = len(truth)
    if n == 0:
        return {f"gtpa@{k}": 0.0 for k in ks}
    return {f"gtpa@{k}": sum(t in list(r)[:k] for r, t in zip(ranked, truth)) / n for k in ks}


def differential_scores(predicted: Sequence[set[str]], gold: Sequence[set[str]]) -> dict[str, float]:
    """DDR, DDP (means over patients with a non-empty gold / predicted set) and DDF1."""
    recall = [len(p & g) / len(g) for p, g in zip(predicted, gold) if g]
    precision = [len(p & g) / len(p) for p, g in zip(predicted, gold) if p]
    ddr = statistics.fmean(recall) if recall else 0.0
    ddp = statistics.fmean(precision) if precision else 0.0
    ddf1 = 2 * ddr * ddp / (ddr + ddp) if ddr + ddp else 0.0
    return {"ddr": ddr, "ddp": ddp, "ddf1": ddf1}


# -- vignettes ------------------------------------------------------------------------------------


def _norm_code(code: str) -> str:
    return code.replace(".", "").strip().upper()


def _norm_name(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


def matches_gold(condition: dict, gold: dict) -> bool:
    """A predicted condition matches when its ICD-10 code starts with a gold prefix, or its name or
    id equals a gold alias (or the gold name), ignoring case, dashes and spaces."""
    code = _norm_code(condition.get("icd10", ""))
    if code and any(code.startswith(_norm_code(p)) for p in gold.get("icd10") or () if p):
        return True
    names = {_norm_name(a) for a in (gold.get("aliases") or ())}
    if gold.get("name"):
        names.add(_norm_name(gold["name"]))
    return bool(names & {_norm_name(condition.get("name", "")), _norm_name(condition.get("id", ""))})


def gold_rank(conditions: Sequence[dict], gold: dict) -> int | None:
    """1-based rank of the first matching condition, None if none matches."""
    for i, condition in enumerate(conditions, 1):
        if matches_gold(condition, gold):
            return i
    return None


def three_level(urgency_level: str) -> str | None:
    return URGENCY_THREE_LEVEL.get(urgency_level)


def triage_scores(pairs: Sequence[tuple[str, str | None]]) -> dict:
    """From (gold, predicted) three-level pairs: accuracy, confusion matrix, under/over-triage."""
    matrix = {g: {p: 0 for p in TRIAGE_LEVELS} for g in TRIAGE_LEVELS}
    order = {level: i for i, level in enumerate(TRIAGE_LEVELS)}  # lower index = more urgent
    n = correct = under = over = missing = 0
    for gold, predicted in pairs:
        if gold not in order:
            continue
        n += 1
        if predicted not in order:
            missing += 1
            continue
        matrix[gold][predicted] += 1
        if predicted == gold:
            correct += 1
        elif order[predicted] > order[gold]:
            under += 1
        else:
            over += 1
    emergent = sum(matrix["emergent"].values())
    return {
        "n": n,
        "accuracy": correct / n if n else 0.0,
        "under_triage_rate": under / n if n else 0.0,
        "over_triage_rate": over / n if n else 0.0,
        "emergent_sensitivity": matrix["emergent"]["emergent"] / emergent if emergent else None,
        "unanswered": missing,
        "confusion": matrix,  # rows gold, columns predicted
    }


def topk_scores(ranks: Sequence[int | None], ks: Iterable[int] = (1, 3, 10)) -> dict[str, float]:
    n = len(ranks)
    return {f"top{k}": (sum(r is not None and r <= k for r in ranks) / n if n else 0.0) for k in ks}
