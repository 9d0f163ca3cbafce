"""One readable sentence about why a condition ranks where it does, from its likelihood ratios.

    "Chest pain (LR 6.1) and sweating (LR 4.0) support it; no fever (LR 0.8) argues slightly against."
"""

from __future__ import annotations

from healthmesh.clinical import ConditionScore, WeightedFinding

MAX_NAMED = 3  # findings named per side


def explain_score(score: ConditionScore) -> str:
    parts: list[str] = []
    supporting = list(score.supporting[:MAX_NAMED])
    conflicting = list(score.conflicting[:MAX_NAMED])
    if supporting:
        verb = "supports" if len(supporting) == 1 else "support"
        parts.append(f"{_listing(supporting)} {verb} it")
    if conflicting:
        verb = "argues" if len(conflicting) == 1 else "argue"
        parts.append(f"{_listing(conflicting)} {verb} {_strength(conflicting[0].likelihood_ratio)}against")
    if not parts:
        return f"{score.name}: no reported finding moves it; it ranks on how common it is for this patient."
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def _listing(findings: list[WeightedFinding]) -> str:
    phrases = [_phrase(f) for f in findings]
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _phrase(finding: WeightedFinding) -> str:
    name = _lower_first(finding.name)
    if not finding.present:
        name = f"no {name}"
    return f"{name} (LR {_ratio(finding.likelihood_ratio)})"


def _ratio(lr: float) -> str:
    if lr >= 10:
        return f"{lr:.0f}"
    if lr >= 0.1:
        return f"{lr:.1f}"
    return f"{lr:.2f}" if lr >= 0.01 else "<0.01"


def _strength(strongest_lr: float) -> str:
    if strongest_lr < 0.1:
        return "strongly "
    if strongest_lr < 0.5:
        return ""
    return "slightly "


def _lower_first(name: str) -> str:
    # Keep acronyms and codes ("HIV", "E_53") as written.
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name
