"""Condition priors: relative prevalence and age/sex odds.

Prevalence from SymCat (Bayes inversion)
----------------------------------------
SymCat gives, from the same ambulatory-visit survey, P(s|c) (a condition's symptoms) and P(c|s)
(a symptom's "common causes"). Bayes' rule links them through the unknown marginals:

    P(c|s) / P(s|c) = P(c) / P(s)        so   log P(c) - log P(s) = log r_cs

for every pair (c, s) present in both lists. That is an over-determined system on a bipartite
graph of conditions and symptoms. We solve it robustly by alternating medians (an L1 fixed point,
insensitive to the integer-percent rounding of small probabilities):

    log P(s) <- median_c (log P(c) - log r_cs)
    log P(c) <- median_s (log r_cs + log P(s))

re-centring log P(s) after each sweep (the system fixes the marginals only up to a common factor).
SymCat truncates each symptom's cause list, so a condition missing from the list of a symptom it
often has gets an upper bound, P(c) <= P(s) * (smallest listed P(c'|s)) / P(s|c): estimates are
capped by their tightest bound, and conditions in no cause list get half their tightest bound.
Conditions with neither get the DEFAULT_QUANTILE of the others (a low default). Finally the P(c)
are normalised to sum to 1 over SymCat's conditions, so `prevalence` reads as the share of
consultations with this condition.
Conditions without SymCat data (DDXPlus-only, curated) are set relative to a named reference
condition from knowledge/curated/priors.yaml or extra_conditions.yaml.

Age/sex odds
------------
SymCat's odds ratios by age band and sex are kept. Zeros (SymCat rounds to one decimal) are
floored at ODDS_FLOOR so a prior never rules a condition out on its own. DDXPlus-only conditions
get odds from the dev patients: P(band | condition) / P(band | all dev patients), shrunk toward 1
with AGE_PSEUDO (SEX_PSEUDO) pseudo-patients spread like the whole set.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from knowledge.kb import AGE_BANDS, age_band

ITERATIONS = 60
DEFAULT_QUANTILE = 0.10
ODDS_FLOOR = 0.01
AGE_PSEUDO = 8.0
SEX_PSEUDO = 4.0
BAND_NAMES = tuple(name for name, _, _ in AGE_BANDS)


def estimate_symcat_prevalence(
    conditions: list[dict], symptoms: list[dict]
) -> tuple[dict[str, float], dict[str, str]]:
    """Relative prevalence per SymCat condition slug, and how each was estimated:
    "bayes:<n pairs>", "bound" (half the cause-list bound) or "default".

    `conditions`/`symptoms` are knowledge/sources/symcat/{conditions,symptoms}.json rows.
    """
    p_s_given_c = {(c["slug"], s["slug"]): s["p"] for c in conditions for s in c["symptoms"]}
    log_r: dict[tuple[str, str], float] = {}
    for s in symptoms:
        for cause in s["causes"]:
            c_slug = canonical_cause_slug(cause["slug"])
            psc = p_s_given_c.get((c_slug, s["slug"]))
            if psc and psc > 0 and cause["p"] > 0:
                log_r[(c_slug, s["slug"])] = math.log(cause["p"] / psc)

    by_c: dict[str, list[tuple[str, float]]] = defaultdict(list)
    by_s: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for (c, s), lr in log_r.items():
        by_c[c].append((s, lr))
        by_s[s].append((c, lr))

    log_s = {s: 0.0 for s in by_s}
    log_c = {c: 0.0 for c in by_c}
    for _ in range(ITERATIONS):
        log_c = {c: statistics.median(lr + log_s[s] for s, lr in pairs) for c, pairs in by_c.items()}
        log_s = {s: statistics.median(log_c[c] - lr for c, lr in pairs) for s, pairs in by_s.items()}
        shift = statistics.fmean(log_s.values())
        log_s = {s: v - shift for s, v in log_s.items()}
    log_c = {c: statistics.median(lr + log_s[s] for s, lr in pairs) for c, pairs in by_c.items()}

    method = {c: f"bayes:{len(pairs)}" for c, pairs in by_c.items()}
    # A symptom's cause list is truncated: a condition absent from it has P(c|s) below the smallest
    # listed cause, which bounds P(c) <= P(s) * min_p(s) / P(s|c). The bound caps noisy estimates
    # and, halved, estimates conditions that appear in no cause list at all.
    cutoff = {s["slug"]: min(x["p"] for x in s["causes"]) for s in symptoms if s["causes"] and s["slug"] in log_s}
    for c in conditions:
        bounds = [
            log_s[s["slug"]] + math.log(cutoff[s["slug"]] / s["p"])
            for s in c["symptoms"]
            if s["slug"] in cutoff and (c["slug"], s["slug"]) not in log_r and s["p"] > 0
        ]
        if not bounds:
            continue
        bound = min(bounds)
        if c["slug"] in log_c:
            log_c[c["slug"]] = min(log_c[c["slug"]], bound)
        else:
            log_c[c["slug"]] = bound + math.log(0.5)
            method[c["slug"]] = "bound"

    top = max(log_c.values())
    raw = {c: math.exp(v - top) for c, v in log_c.items()}
    default = quantile(sorted(raw.values()), DEFAULT_QUANTILE)
    raw = {c["slug"]: raw.get(c["slug"], default) for c in conditions}
    total = sum(raw.values())
    out = {slug: round_sig(v / total) for slug, v in raw.items()}
    return out, {c["slug"]: method.get(c["slug"], "default") for c in conditions}


def canonical_cause_slug(slug: str) -> str:
    """SymCat disambiguates a cause that shares a symptom's slug with '--2' ('depression--2')."""
    return slug.split("--", 1)[0]


def quantile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 1e-4
    i = min(len(sorted_values) - 1, max(0, int(q * (len(sorted_values) - 1))))
    return sorted_values[i]


def round_sig(x: float, digits: int = 4) -> float:
    if x == 0:
        return 0.0
    return float(f"{x:.{digits - 1}e}")


def symcat_odds(age_odds: Mapping[str, float], sex_odds: Mapping[str, float]) -> tuple[dict, dict]:
    """All eight bands and both sexes, missing -> 1.0, zero -> ODDS_FLOOR."""
    ages = {b: max(ODDS_FLOOR, float(age_odds.get(b, 1.0))) for b in BAND_NAMES}
    sexes = {s: max(ODDS_FLOOR, float(sex_odds.get(s, 1.0))) for s in ("female", "male")}
    return ages, sexes


def ddxplus_odds(patients: Iterable[tuple[float, str, str]]) -> dict[str, tuple[dict, dict]]:
    """Age/sex odds per DDXPlus pathology from (age, sex 'F'/'M', pathology) triples."""
    patients = list(patients)
    all_bands = Counter(age_band(a) for a, _, _ in patients)
    all_sex = Counter(s for _, s, _ in patients)
    n_all = len(patients)
    by_path: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for age, sex, path in patients:
        by_path[path].append((age, sex))
    out: dict[str, tuple[dict, dict]] = {}
    for path, rows in by_path.items():
        n = len(rows)
        bands = Counter(age_band(a) for a, _ in rows)
        sexes = Counter(s for _, s in rows)
        age_odds = {}
        for b in BAND_NAMES:
            base = (all_bands[b] + 0.5) / (n_all + 0.5 * len(BAND_NAMES))
            p = (bands[b] + AGE_PSEUDO * base) / (n + AGE_PSEUDO)
            age_odds[b] = round(max(ODDS_FLOOR, p / base), 3)
        sex_odds = {}
        for key, code in (("female", "F"), ("male", "M")):
            base = (all_sex[code] + 0.5) / (n_all + 1.0)
            p = (sexes[code] + SEX_PSEUDO * base) / (n + SEX_PSEUDO)
            sex_odds[key] = round(max(ODDS_FLOOR, p / base), 3)
        out[path] = (age_odds, sex_odds)
    return out
