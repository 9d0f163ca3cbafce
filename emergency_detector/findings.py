"""Turn findings into the tokens the rules match: symptom ids, plus `<id>@sudden` / `<id>@severe`
(and `fever@5days`).

Only findings present now count; absent, unknown, past and family findings never trigger a rule.
DDXPlus codes become symptom ids through the knowledge base's evidence -> symptom_ids mapping.
"""

from __future__ import annotations

from typing import Mapping, NamedTuple, Sequence

from healthmesh.clinical import Finding, Presence, Temporality, Urgency

from .rules import Companion, Explanation, SelfCareWindow

SYMPTOM_PREFIX = "symptom:"
FEVER = "fever"
# A fever that has lasted 5 days or more (NICE NG143: consider Kawasaki disease): `fever@5days`
LONG_FEVER_HOURS = 5 * 24
VALUE_SEPARATOR = "_@_"  # ddxplus:E_55_@_V_89 -> base evidence ddxplus:E_55
SUDDEN_ONSETS = frozenset({"sudden", "abrupt", "thunderclap"})


class FindingFacts(NamedTuple):
    tokens: frozenset[str]
    ordered_tokens: tuple[str, ...]  # same tokens in finding order, so reasons come out stable
    has_symptoms: bool  # any current finding at all
    needs_review: tuple[str, ...]  # names of current findings outside the self-care list
    minor: tuple[str, ...]  # names of current findings on the self-care list
    lingering: tuple[tuple[str, float, float, str], ...]  # (name, days, self-care limit, cite) of minor
    #                                                        findings that have lasted too long
    present_ids: frozenset[str] | None = None  # symptom ids of current findings; None if one is unmapped
    context_seen: bool = False  # a context-only finding was read (alone, the complaint is unread)
    review_codes: frozenset[str] = frozenset()  # codes of the findings named in needs_review
    doubtful: tuple[str, ...] = ()  # names of the red flags read with low confidence
    doubtful_ids: frozenset[str] = frozenset()  # their symptom ids (their tokens set off no red flag)


class FindingReader:
    def __init__(self, evidence_symptoms: Mapping[str, Sequence[str]] | None,
                 severe_score_at_least: float, self_care_ids: frozenset[str],
                 self_care_window: SelfCareWindow | None = None,
                 acute_only_hours: Mapping[str, float] | None = None,
                 context_only: frozenset[str] = frozenset(),
                 companions: Sequence[Companion] = (), doubtful_below: float = 0.0):
        """`doubtful_below`: a finding of one of `read(doubtful_ids=...)` read with a lower
        confidence is a doubtful red flag (FindingFacts.doubtful) rather than the symptom itself."""
        mapping = {code: tuple(ids) for code, ids in (evidence_symptoms or {}).items()}
        # a valued code also carries its base evidence's symptoms (E_55_@_V_89 -> E_55)
        self._evidence: dict[str, tuple[str, ...]] = {}
        for code, ids in mapping.items():
            base = mapping.get(code.split(VALUE_SEPARATOR, 1)[0], ()) if VALUE_SEPARATOR in code else ()
            self._evidence[code] = tuple(dict.fromkeys(ids + base))
        self._severe = severe_score_at_least
        self._self_care = self_care_ids
        self._window = self_care_window
        self._acute_only = dict(acute_only_hours or {})
        self._context_only = context_only
        self._companions = tuple(companions)
        self._doubtful_below = doubtful_below

    def _doubtful(self, f: Finding, ids: frozenset[str]) -> bool:
        """Read from words (coded findings have no text) with a confidence given and low: a caller
        that sends a finding without a confidence (0 in the API) has not said it is doubtful."""
        return (bool(f.text) and 0.0 < f.confidence < self._doubtful_below and f.code.startswith(SYMPTOM_PREFIX)
                and f.code[len(SYMPTOM_PREFIX):] in ids)

    def _covered(self, findings: Sequence[Finding]) -> frozenset[str]:
        """Companion findings covered by a self-care complaint present beside them."""
        if not self._companions:
            return frozenset()
        present: set[str] = set()
        for f in findings:
            if counts_for_triage(f):
                present.update(self.symptom_ids(f.code) or ())
        present -= self._context_only
        covered: set[str] = set()
        for c in self._companions:
            if (present & self._self_care) if c.any_self_care else (present & c.anchors):
                covered |= c.covers
        return frozenset(covered)

    def symptom_ids(self, code: str) -> tuple[str, ...] | None:
        """Symptom ids for a finding code; None when the code is unknown to the mapping."""
        if code.startswith(SYMPTOM_PREFIX):
            return (code[len(SYMPTOM_PREFIX):],)
        ids = self._evidence.get(code)
        if ids is None and VALUE_SEPARATOR in code:
            ids = self._evidence.get(code.split(VALUE_SEPARATOR, 1)[0])
        return ids

    def absent_ids(self, findings: Sequence[Finding]) -> frozenset[str]:
        """Symptom ids the text says are absent now ("hasn't been sick", "no headache")."""
        out: set[str] = set()
        for f in findings:
            if f.presence == Presence.ABSENT and f.temporality == Temporality.CURRENT:
                out.update(self.symptom_ids(f.code) or ())
        return frozenset(out)

    def read(self, findings: Sequence[Finding], fever_measured: bool, pregnant: bool,
             explained: Mapping[str, Explanation] | None = None,
             doubtful_ids: frozenset[str] = frozenset()) -> FindingFacts:
        """`explained`: symptom ids an Explanation reads as its harmless picture. They give no token;
        under a SELF_CARE explanation the finding counts as minor (for its max_days), under a higher
        one it counts for nothing here (the explanation's own level stands for it)."""
        explained = explained or {}
        tokens: dict[str, None] = {}  # insertion-ordered set
        needs_review: list[str] = []
        review_codes: set[str] = set()
        minor: list[str] = []
        lingering: list[tuple[str, float, float, str]] = []
        has_symptoms = False
        present_ids: set[str] | None = set()
        context_seen = False
        covered = self._covered(findings)
        doubtful: list[tuple[str, str]] = []  # (name, symptom id)
        clearly_read: set[str] = set()  # a finding read clearly too keeps its red flag
        for f in findings:
            if not counts_for_triage(f):
                continue
            ids = self.symptom_ids(f.code)
            if self._doubtful(f, doubtful_ids):
                # a near phrase, maybe not the patient's meaning: read as usual, but it sets off no
                # red flag on its own (engine.py); combinations still need a second, clear finding
                doubtful.append((f.name or f.code, f.code[len(SYMPTOM_PREFIX):]))
            else:
                clearly_read.update(ids or ())
            if ids and all(sid in self._context_only for sid in ids):
                # a descriptor ("woke up with it"): other rules may use its token, but on its own
                # it is not a symptom, needs no review and keeps nobody from self-care
                for sid in ids:
                    tokens[sid] = None
                context_seen = True
                continue
            has_symptoms = True
            if ids is None:
                needs_review.append(f.name or f.code)
                review_codes.add(f.code)
                present_ids = None
                continue
            because = [explained[sid] for sid in ids or () if sid in explained]
            if present_ids is not None:
                # a finding read as a harmless picture (drooling as teething) is that picture's, also
                # for the infant minimum; one explained at a higher level still counts as itself
                present_ids.update(sid for sid in ids or () if sid not in explained
                                   or explained[sid].rule.level != Urgency.SELF_CARE)
            if not ids:
                continue  # known evidence with no symptom meaning (e.g. a travel answer)
            if because:
                ids = tuple(sid for sid in ids if sid not in explained)
                if any(e.rule.level != Urgency.SELF_CARE for e in because):
                    continue
            sudden = f.onset.strip().lower() in SUDDEN_ONSETS
            severe = f.severity.strip().lower() == "severe" or (
                f.severity_score is not None and f.severity_score >= self._severe)
            for sid in ids:
                limit = self._acute_only.get(sid)
                if limit is not None and f.duration_hours is not None and f.duration_hours > limit:
                    tokens[sid + "@chronic"] = None  # long-standing: not the acute red flag
                    continue
                tokens[sid] = None
                if sid == FEVER and f.duration_hours is not None and f.duration_hours >= LONG_FEVER_HOURS:
                    tokens[FEVER + "@5days"] = None
                if sudden:
                    tokens[sid + "@sudden"] = None
                if severe:
                    tokens[sid + "@severe"] = None
            if all(sid in self._self_care or sid in covered for sid in ids):
                minor.append(f.name or f.code)
                if self._window is not None and f.duration_hours is not None:
                    days = f.duration_hours / 24
                    limits = [self._window.limit(sid) for sid in ids]
                    limits += [(e.max_days if e.max_days is not None else self._window.default_max_days,
                                e.rule.reason.rsplit(" [", 1)[-1].rstrip("]")) for e in because]
                    limit, cite = min(limits)
                    if days > limit:
                        lingering.append((f.name or f.code, days, limit, cite))
            else:
                needs_review.append(f.name or f.code)
                review_codes.add(f.code)
        if fever_measured:
            tokens[FEVER] = None
        if pregnant:
            tokens["pregnant"] = None
        return FindingFacts(frozenset(tokens), tuple(tokens), has_symptoms, tuple(needs_review),
                            tuple(minor), tuple(lingering),
                            None if present_ids is None else frozenset(present_ids), context_seen,
                            frozenset(review_codes),
                            tuple(name for name, sid in doubtful if sid not in clearly_read),
                            frozenset(sid for _, sid in doubtful if sid not in clearly_read))


def counts_for_triage(f: Finding) -> bool:
    """Present now, or suspected in the patient's own words ("I think he swallowed a battery",
    "possible stroke"): for urgency a suspected red flag counts like a reported one. A coded
    PRESENCE_UNKNOWN (the patient does not know) does not."""
    if f.is_present_now:
        return True
    return (f.presence == Presence.UNKNOWN and bool(f.text)
            and f.temporality == Temporality.CURRENT)
