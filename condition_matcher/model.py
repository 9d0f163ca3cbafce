"""Dense likelihood tables for the naive-Bayes matcher, built once from the knowledge base.

For every condition c and every finding code f the KB knows, P(f | c) is resolved as follows
(first rule that applies):

1. a link (condition_id, f) exists -> its p (duplicate links from several sources are averaged);
   a symptom concept linked only by the DDXPlus dev-set estimate, for a condition a general source
   (SymCat, curated) also describes, is averaged with LEAK, the general source's silence (rule 3).
   DDXPlus is synthetic and its evidence-to-concept mapping is coarse (every DDXPlus pneumonia
   patient answers the skin-lesion questions, so "skin lesion" came out at 0.99); the general
   source, which knows the concept and did not link it, gets an equal say;
2. f is a DDXPlus code and c links one of the evidence's symptom concepts s ->
       P(s | c) * r(f, s),   r(f, s) = sum_c' w_c' P(f | c') / sum_c' w_c' P(s | c')
   over the conditions c' that have a DDXPlus profile and link s (w = prevalence), capped at 1:
   the share of "has concept s" that shows up as this particular code. The best concept wins;
3. the condition's sources describe f's vocabulary but do not link f -> LEAK. A condition "describes"
   DDXPlus codes when it has any DDXPlus link, and describes symptom concepts when it has concept
   links from a general source (SymCat, curated) or, for concepts some DDXPlus evidence maps to,
   when it has a DDXPlus profile;
4. otherwise nothing is known -> the prevalence-weighted mean of P(f | c') over the conditions that
   do know (rules 1-3), so the finding is neutral for c.

5. generic concepts are implied by their specific forms: P(pain | c) is at least the largest linked
   P(<some pain> | c) (chest pain is pain), and likewise for headache, rash, swelling, abdominal,
   chest and back pain and vomiting (GENERIC_CONCEPTS). Without this, a condition whose source lists
   only specific pains would get the leak for "pain" (SymCat lists "sharp abdominal pain" for
   pancreatitis but not "abdominal pain"), and the bare word would favour the DDXPlus conditions,
   whose concept-level estimates always carry the generic "pain".
6. the converse, for a condition that links a generic concept but not one of its specific forms
   (a curated source that says "abdominal pain"): P(specific | c) is at least
   P(generic | c) * s, s = sum_c' w_c' P(specific | c') / sum_c' w_c' P(generic | c') over the
   conditions c' that link both (the share of that generic finding reported in that specific form),
   instead of the leak: "upper abdominal pain" is some evidence for a condition known to cause
   abdominal pain.

P is then clipped to [LEAK, P_MAX] so that log P and log(1 - P) are finite; the leak is also the floor
for links smoothed below it (a listed finding never seen in many patients).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from knowledge.ddxplus_likelihoods import SOURCE_ID as DDXPLUS_ESTIMATE_SOURCE
from knowledge.ddxplus_likelihoods import VALUE_SEP
from knowledge.kb import KnowledgeBase

# P(finding | condition) when the condition's source knows the finding but does not link it: the
# finding turns up for an unrelated reason. 1% (about one in a hundred patients) is roughly the rate
# at which a DDXPlus pathology's 1,316-patient dev sample can no longer rule a finding out.
LEAK = 0.01
# No finding is certain given a condition; keeps log(1 - P) finite for absent findings.
P_MAX = 0.99

# generic concept id -> words whose presence in a concept id makes that concept a specific form of it
GENERIC_CONCEPTS: dict[str, tuple[str, ...]] = {
    "pain": ("pain", "ache", "cramp"),
    "headache": ("headache",),
    "skin-rash": ("rash",),
    "swelling": ("swelling", "swollen"),
    "abdominal-pain": ("abdominal-pain",),
    "chest-pain": ("chest-pain",),
    "back-pain": ("back-pain",),
    "vomiting": ("vomiting",),
}
# Rule 6 (specific forms from a linked generic) applies to these families only: their specific
# forms are sites or common qualities of the same complaint. "pain" and "swelling" are too broad (a
# condition linking "pain" says nothing about which body part), and "headache" has red-flag forms
# (worst headache of life) that a cause of ordinary headache does not lend itself to.
SPECIFIC_FROM_GENERIC = ("abdominal-pain", "chest-pain", "back-pain")

SYMPTOM_PREFIX = "symptom:"
DDXPLUS_PREFIX = "ddxplus:"


@dataclass
class LikelihoodTables:
    condition_ids: list[str]
    finding_index: dict[str, int]  # finding code -> row
    p: np.ndarray  # (findings, conditions) P(f | c), clipped to [LEAK, P_MAX]
    log_present: np.ndarray  # (findings, conditions) log P(f | c)
    log_absent: np.ndarray  # (findings, conditions) log(1 - P(f | c))
    linked: np.ndarray  # (findings, conditions) bool: rule 1 or 2 (the condition's own evidence)
    prior_weight: np.ndarray  # (conditions,) prevalence, normalised to sum 1
    background: np.ndarray  # (findings,) sum_c prior_weight_c P(f | c)


def build_tables(kb: KnowledgeBase) -> LikelihoodTables:
    condition_ids = list(kb.conditions)
    cidx = {cid: i for i, cid in enumerate(condition_ids)}
    n_c = len(condition_ids)

    codes: set[str] = {s.code for s in kb.symptoms.values()} | set(kb.evidences)
    codes.update(link.finding for link in kb.links if link.condition_id in cidx)
    findings = sorted(codes)
    fidx = {f: i for i, f in enumerate(findings)}
    n_f = len(findings)

    weight = np.array([max(kb.conditions[c].prevalence, 1e-12) for c in condition_ids])
    weight = weight / weight.sum()

    sums: dict[tuple[int, int], list[float]] = defaultdict(list)
    ddxplus_profile = np.zeros(n_c, dtype=bool)
    general_concepts = np.zeros(n_c, dtype=bool)
    general_pairs: set[tuple[int, int]] = set()
    estimate_pairs: set[tuple[int, int]] = set()
    for link in kb.links:
        c = cidx.get(link.condition_id)
        if c is None:
            continue
        f = fidx[link.finding]
        sums[(f, c)].append(link.p)
        if link.finding.startswith(DDXPLUS_PREFIX):
            ddxplus_profile[c] = True
        elif link.source != DDXPLUS_ESTIMATE_SOURCE:
            general_concepts[c] = True
            general_pairs.add((f, c))
        else:
            estimate_pairs.add((f, c))
    # Rule 1b: a concept only the DDXPlus estimate links, for a condition a general source also
    # describes, gets that source's silence (LEAK) as a second vote, averaged as duplicates are.
    for f, c in estimate_pairs - general_pairs:
        if general_concepts[c]:
            sums[(f, c)].append(LEAK)

    p = np.full((n_f, n_c), np.nan)
    for (f, c), values in sums.items():
        p[f, c] = sum(values) / len(values)
    linked = ~np.isnan(p)

    concepts_of_code = {code: _symptom_codes(kb, code) for code in findings if code.startswith(DDXPLUS_PREFIX)}
    ddxplus_concepts = {s for ss in concepts_of_code.values() for s in ss if s in fidx}

    # Rule 2: concept fallback for DDXPlus codes.
    concept_p = p.copy()  # link-only values, read while p is being filled
    for code, concepts in concepts_of_code.items():
        f = fidx[code]
        missing = ~linked[f]
        if not missing.any():
            continue
        best = np.full(n_c, np.nan)
        for s in concepts:
            if s not in fidx:
                continue
            ps = concept_p[fidx[s]]
            has_s = ~np.isnan(ps)
            if not has_s.any():
                continue
            ratio = _code_share(concept_p[f], ps, has_s & ddxplus_profile, weight)
            best = np.fmax(best, np.where(has_s, ps * ratio, np.nan))
        fill = missing & ~np.isnan(best)
        p[f, fill] = best[fill]
        linked[f, fill] = True

    # Rule 3: the source knows the vocabulary but did not link it -> leak.
    for code, f in fidx.items():
        missing = np.isnan(p[f])
        if not missing.any():
            continue
        if code.startswith(DDXPLUS_PREFIX):
            knows = ddxplus_profile | (general_concepts if concepts_of_code.get(code) else False)
        else:
            knows = general_concepts | (ddxplus_profile if code in ddxplus_concepts else False)
        p[f, missing & knows] = LEAK

    # Rule 4: nothing known -> prevalence-weighted mean of the conditions that know.
    for f in range(n_f):
        row = p[f]
        missing = np.isnan(row)
        if not missing.any():
            continue
        known = ~missing
        if known.any():
            row[missing] = float(np.dot(weight[known], row[known]) / weight[known].sum())
        else:
            row[missing] = LEAK

    _imply_specific(p, linked, fidx, weight)
    _imply_generic(p, linked, fidx)
    np.clip(p, LEAK, P_MAX, out=p)
    return LikelihoodTables(
        condition_ids=condition_ids,
        finding_index=fidx,
        p=p,
        log_present=np.log(p),
        log_absent=np.log1p(-p),
        linked=linked,
        prior_weight=weight,
        background=p @ weight,
    )


def generic_families(fidx: dict[str, int]) -> dict[int, list[int]]:
    """Row of each generic concept -> rows of its specific forms (GENERIC_CONCEPTS)."""
    out: dict[int, list[int]] = {}
    for generic, words in GENERIC_CONCEPTS.items():
        g = fidx.get(SYMPTOM_PREFIX + generic)
        if g is None:
            continue
        family = [
            f for code, f in fidx.items()
            if code.startswith(SYMPTOM_PREFIX) and f != g and any(w in code[len(SYMPTOM_PREFIX):] for w in words)
        ]
        if family:
            out[g] = family
    return out


def _imply_generic(p: np.ndarray, linked: np.ndarray, fidx: dict[str, int]) -> None:
    """Rule 5: raise each generic concept to its most likely linked specific form, per condition."""
    for g, family in generic_families(fidx).items():
        specific = np.where(linked[family], p[family], 0.0).max(axis=0)
        np.maximum(p[g], specific, out=p[g])


def _imply_specific(p: np.ndarray, linked: np.ndarray, fidx: dict[str, int], weight: np.ndarray) -> None:
    """Rule 6: a linked generic concept lends its specific forms their usual share of it."""
    families = generic_families(fidx)
    for generic in SPECIFIC_FROM_GENERIC:
        g = fidx.get(SYMPTOM_PREFIX + generic)
        if g is None or g not in families:
            continue
        for f in families[g]:
            both = linked[g] & linked[f]
            if not both.any():
                continue
            denominator = float(np.dot(weight[both], p[g, both]))
            if denominator <= 0.0:
                continue
            share = min(1.0, float(np.dot(weight[both], p[f, both])) / denominator)
            target = linked[g] & ~linked[f]
            p[f, target] = np.maximum(p[f, target], p[g, target] * share)


def _symptom_codes(kb: KnowledgeBase, code: str) -> tuple[str, ...]:
    """Symptom concept codes of a DDXPlus code: its own evidence row, else its bare code's row."""
    evidence = kb.evidences.get(code)
    if evidence is None and VALUE_SEP in code:
        evidence = kb.evidences.get(code.split(VALUE_SEP, 1)[0])
    if evidence is None:
        return ()
    return tuple(SYMPTOM_PREFIX + s for s in evidence.symptom_ids)


def _code_share(p_code: np.ndarray, p_concept: np.ndarray, mask: np.ndarray, weight: np.ndarray) -> float:
    """r(f, s): how much of P(concept s) a specific code f carries, among conditions that know both."""
    if not mask.any():
        return 1.0
    numerator = np.where(np.isnan(p_code[mask]), LEAK, p_code[mask])
    ratio = float(np.dot(weight[mask], numerator) / np.dot(weight[mask], p_concept[mask]))
    return min(1.0, ratio)
