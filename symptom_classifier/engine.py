"""The symptom classifier: free text and coded evidence in, normalised findings and facts out.

Pure Python (no grpc). Everything that can be is compiled in `__init__`; `classify()` only walks
the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from healthmesh.clinical import (
    ClassifiedText, Consciousness, EvidenceInput, Finding, Presence, Sex, Temporality, Vitals,
)
from healthmesh.errors import InvalidArgument
from knowledge.kb import KnowledgeBase

from . import modifiers as mods
from .context import CLAUSE_PUNCT, SENTENCE_PUNCT, Kind, Scope, TriggerLexicon, answer_after, clause_ids, read_context
from .facts import Facts, read_facts
from .lexicon import (PAIN_GONE_NOW, PAST_EXPOSURES, BLEEDING_GOING_ON, BLEEDING_STOPPED_AFTER, BROUGHT_UP_WORDS, COUGH_WORDS, DOWN_BELOW_WORDS,
                      GREEN_WORDS, MALE_DOWN_BELOW, OTHER_GREEN_THINGS, VOMIT_WORDS)
from .matcher import NOT_FINDING, ConceptMatch, ConceptMatcher, LexicalMatcher, PatternMatcher, best_cover
from .text import STOPWORDS, Token, tokenize
from .word_regex import compile_word_regex

if TYPE_CHECKING:
    from .embedding import EmbeddingMatcher

MAX_TEXT_CHARS = 10_000
FEVER_ID = "fever"
FEVER_FROM_C = 38.0
BILE_ID = "bilious-vomiting"
SPUTUM_ID = "coughing-up-sputum"
EYE_DISCHARGE_ID = "eye-discharge"
EYE_WORDS = compile_word_regex(r"\beyes?\b|\beyelids?\b|\blashes\b|\beyelashes\b")
GENITAL_WORDS = compile_word_regex(r"\bvagina\w*|\bvulva\w*|\bgenital\w*|\bdown (?:below|there)\b|\bknickers\b|\bpants\b|"
                           r"\bunderwear\b|\bthrush\b|\bpenis\b|\bsex\b|\bintercourse\b|\bperiods?\b|\bpregnan\w*|"
                           r"\bitch\w* (?:down|around)\b|\bsmell\w*|\bodou?r\w*|\bfishy\b|\bstd\b|\bsti\b")
SEVERE_BLEEDING_ID = "severe-bleeding"
GENERIC_PAIN = "pain"
SIDE_PAIN = "side-pain"
# A broad finding said with a body site names the site's own concept when the vocabulary has one:
# the phrases each is probed with, in order.
SITE_PROBES = {GENERIC_PAIN: ("{site} pain", "pain in my {site}"),
               "loss-of-sensation": ("numb {site}", "my {site} is numb"),
               "weakness": ("weak {site}", "my {site} is weak"),
               "swelling": ("swollen {site}", "swelling of my {site}"),
               # "pain on the right side of my chest" is chest pain, not pain in the side (only when
               # the words say "side": the encoder's other readings keep theirs)
               SIDE_PAIN: ("{site} pain", "pain in my {site}")}
# A denial between a finding and a later site keeps the site from it ("does not go down his legs").
SITE_DENIALS = frozenset({"not", "no", "never", "doesn't", "don't", "didn't", "isn't", "without", "nowhere"})
# Confusion that began within this many hours is "new confusion" (delirium develops over hours to
# days: NICE CG103); longer-standing confusion is read as a finding, not as a consciousness level.
ACUTE_CONFUSION_MAX_HOURS = 7 * 24
# Broad concepts a single word names ("pain", "swollen", "cramps"): when other words of the same
# run say where or what ("pain in the middle of my chest"), the run's meaning may name a more
# specific concept, which then replaces the broad one.
GENERIC_CONCEPTS = frozenset({"pain", "swelling", "weakness", "muscle-cramps-contractures-or-spasms"})
# The longest run whose whole meaning may replace a lexical match inside it (the embedding
# matcher reads runs of up to 8 tokens).
MAX_WHOLE_RUN_TOKENS = 8
RUN_BREAKS = frozenset({"and", "or", "but", "with", "then", "plus", "also", "while", "nor", "yet", "&"})
# "my 80 year old mum has had a fall": a relative introduced with an age is the patient a carer
# speaks for, so "mother has ..." describes the complaint, not the family history.
RELATIVE_WITH_AGE = compile_word_regex(
    r"\b(?:\d+|[a-z]+)[\s-]*(?:years?|yrs?|months?)[\s-]*old\s+(?:mother|father|mum|mom|dad|"
    r"grandmother|grandfather|gran|granny|grandma|grandpa|grandad|nan|nana|sister|brother|aunt|uncle|"
    r"husband|wife|partner)\b")
# Broad findings that, said beside a specific present finding, describe that finding.
REPEATING_GENERIC = frozenset({"pain", "swelling"})
# Qualities of a pain that name no finding on their own (_says_something).
QUALITY_WORDS = frozenset({"burning", "stabbing", "throbbing", "shooting", "gnawing", "dull", "sharp",
                           "tingly", "tingling", "searing", "pounding", "nagging"})
# Words that open what eases or worsens a finding (_factor_tokens).
FACTOR_WORDS = frozenset({"eases", "eased", "easing", "relieved", "relieves", "worse", "worsens",
                          "worsened", "better", "improves", "improved", "settles", "settled"})
FACTOR_VERBS = frozenset({"comes", "came", "coming", "goes", "went", "going"})
FACTOR_PARTICLES = frozenset({"back", "away"})  # not "off": "gone off my food" is a finding
PRESENCE_ORDER = {Presence.PRESENT: 3, Presence.UNKNOWN: 2, Presence.ABSENT: 1}
_EXTRA_STOPWORDS = frozenset({"he", "she", "him", "her", "his", "hers", "experiencing", "having",
                              "suffering", "noticed", "noticing", "developed", "getting", "got",
                              "gets", "history", "onset", "episode", "episodes", "symptom",
                              "symptoms", "sudden", "worse", "worsening", "better", "lot",
                              "lots", "issue", "issues", "problem", "problems", "pain",
                              "yeah", "yep", "yup", "nope", "nah",
                              # where it happened ("stung on his forearm at the park"): the encoder
                              # reads a site with a place beside it as that site's complaint
                              "park", "playground", "beach", "zoo", "supermarket", "shops", "nursery",
                              "pub", "restaurant", "cinema", "campsite"})


@dataclass
class _Hit:
    """One matched concept with everything read about it, before merging duplicates."""

    match: ConceptMatch
    scope: Scope
    clause: int
    tokens: Sequence[Token]
    mods: mods.Modifiers


class SymptomClassifier:
    def __init__(self, kb: KnowledgeBase, *, extra_matchers: Sequence[ConceptMatcher] = (),
                 fallback: "EmbeddingMatcher | None" = None):
        """`fallback` reads, by meaning, the runs of words no lexical phrase covered."""
        self.kb = kb
        self.fallback = fallback
        self.lexical = LexicalMatcher(kb)
        self.patterns = PatternMatcher(frozenset(kb.symptoms))
        self.matchers: tuple[ConceptMatcher, ...] = (self.lexical, self.patterns, *extra_matchers)
        self.triggers = TriggerLexicon()
        self._evidence_codes = {code.lower(): code for code in kb.evidences}
        self._symptom_ids = {sid.lower(): sid for sid in kb.symptoms}
        self._site_concepts: dict[tuple[str, str], object] = {}

    # ------------------------------------------------------------------ public

    def classify(self, text: str | None, evidence: Sequence[EvidenceInput] = ()) -> ClassifiedText:
        findings = [self._coded(i, ev) for i, ev in enumerate(evidence)]
        text = (text or "").replace("\x00", "")
        if len(text) > MAX_TEXT_CHARS:
            raise InvalidArgument(
                "complaint", f"complaint is {len(text)} characters; the limit is {MAX_TEXT_CHARS}"
            )
        result = ClassifiedText()
        if not text.strip():
            result.findings = _merge(findings)
            return result
        norm, tokens = tokenize(text)
        facts = read_facts(norm)
        text_findings, unrecognised = self._read_text(text, norm, tokens, facts)
        result.findings = _merge(findings + text_findings)
        result.unrecognised = unrecognised
        result.age_years = facts.age_years
        result.sex = facts.sex
        result.pregnant = facts.pregnant
        result.pregnancy_weeks = facts.pregnancy_weeks
        result.vitals = _vitals(facts, result.findings)
        return result

    def _at_site(self, concept_id: str, site: str):
        """The specific concept the vocabulary has for a broad one at a body site ("lower back" +
        pain -> low back pain, "bottom" + numbness -> saddle anaesthesia), read as the phrase
        SITE_PROBES gives; None when it has none."""
        key = (concept_id, site)
        if key not in self._site_concepts:
            self._site_concepts[key] = None
            for probe in SITE_PROBES[concept_id]:
                _, tokens = tokenize(probe.format(site=site))
                found = [m for m in self._lexical(tokens, [True] * len(tokens))
                         if m.start == 0 and m.end == len(tokens) and m.concept_id != concept_id]
                if found:
                    self._site_concepts[key] = self.kb.symptoms[found[0].concept_id]
                    break
        return self._site_concepts[key]

    # ------------------------------------------------------------------ coded evidence

    def _coded(self, i: int, ev: EvidenceInput) -> Finding:
        raw = (ev.code or "").strip()
        prefix, _, rest = raw.partition(":")
        prefix = prefix.lower()
        code = None
        if prefix == "symptom" and rest.lower() in self._symptom_ids:
            sid = self._symptom_ids[rest.lower()]
            code, name = f"symptom:{sid}", self.kb.symptoms[sid].name
        elif prefix == "ddxplus" and raw.lower() in self._evidence_codes:
            code = self._evidence_codes[raw.lower()]
            name = self.kb.evidences[code].name
        if code is None:
            raise InvalidArgument(
                f"evidence[{i}].code",
                f"unknown finding code {raw!r}; expected symptom:<id> or ddxplus:<code>",
            )
        presence = Presence(ev.presence)
        if presence == Presence.UNSPECIFIED:
            presence = Presence.PRESENT
        return Finding(code=code, name=name, presence=presence, confidence=1.0)

    # ------------------------------------------------------------------ free text

    def _read_text(self, original: str, norm: str, tokens: list[Token],
                   facts: Facts) -> tuple[list[Finding], list[str]]:
        claimed_chars = sorted(facts.spans)
        usable = [not _overlaps(t.nstart, t.nend, claimed_chars) for t in tokens]
        sentences = _sentences(norm, tokens)
        chosen = [self._lexical(tokens[a:b], usable[a:b]) for a, b in sentences]
        if self.fallback is not None:
            chosen = self._by_meaning(norm, tokens, usable, sentences, chosen)
        findings: list[Finding] = []
        unrecognised: list[str] = []
        relative_is_patient = RELATIVE_WITH_AGE.search(norm) is not None
        for (a, b), matches in zip(sentences, chosen):
            sent = tokens[a:b]
            hits, used = self._read_sentence(norm, sent, usable[a:b], matches)
            for hit in hits:
                if relative_is_patient and hit.scope.soft and hit.scope.family:
                    hit.scope.ongoing = True
                finding = self._as_sputum(self._as_bile(self._finding(original, hit), norm, sent), norm)
                findings.append(self._bleeding_stopped(finding, norm, hit))
            unrecognised.extend(_leftovers(original, sent, usable[a:b], used))
        if facts.sex == Sex.MALE:
            findings = [self._male_down_below(f) for f in findings]
        findings = [self._eye_discharge(f, norm) for f in findings]
        if PAIN_GONE_NOW.search(norm):
            findings = [_not_severe_now(f) for f in findings]
        fever = self._fever_from_temperature(original, facts, findings)
        if fever:
            findings.append(fever)
        return findings, list(dict.fromkeys(unrecognised))

    def _lexical(self, sent: list[Token], usable: list[bool]) -> list[ConceptMatch]:
        candidates: list[ConceptMatch] = []
        for matcher in self.matchers:
            candidates.extend(matcher.match(sent, usable))
        return best_cover(candidates)

    def _read_sentence(self, norm: str, sent: list[Token], usable: list[bool],
                       chosen: list[ConceptMatch]) -> tuple[list[_Hit], list[bool]]:
        used = [False] * len(sent)
        for m in chosen:
            for k in range(m.start, m.end):
                used[k] = True
        chosen = [m for m in chosen if m.concept_id != NOT_FINDING]  # "fell asleep": words, no finding
        triggers = self.triggers.find(sent, [u or not ok for u, ok in zip(used, usable)])
        # a negation that ends in a clause word ("no problems with") does not close its clause
        in_negation = [False] * len(sent)
        for t in triggers:
            if t.kind is Kind.NEGATED and t.end - t.start > 1:
                for k in range(t.start, t.end):
                    in_negation[k] = True
        clauses = clause_ids(sent, [u or q for u, q in zip(used, in_negation)])
        spans = [(m.start, m.end) for m in chosen]
        scopes = read_context(sent, spans, triggers, clauses)
        for t in triggers:
            for k in range(t.start, t.end):
                used[k] = True
        if not chosen:
            return [], used
        modifier_index = _SentenceModifiers(norm, sent, clauses)
        for k in modifier_index.used_tokens():
            used[k] = True
        hits = [
            _Hit(m, scope, clauses[m.start], sent, modifier_index.for_span(m.start, m.end, scope))
            for m, scope in zip(chosen, scopes)
        ]
        # "has had earache for 4 days and a temperature": a duration of a finding's own makes the
        # whole soft history/family scope a current complaint
        # (also one said after a long list of places: "itching of the palms and the soles for a week")
        modifier_index.share_durations(hits)
        if any(h.scope.soft and h.mods.duration_hours is not None for h in hits):
            for h in hits:
                if h.scope.soft:
                    h.scope.ongoing = True
        modifier_index.share_severities(hits)
        return _drop_generic(hits), used

    def _by_meaning(self, norm: str, tokens: list[Token], usable: list[bool],
                    sentences: list[tuple[int, int]],
                    chosen: list[list[ConceptMatch]]) -> list[list[ConceptMatch]]:
        """Adds embedding matches for the runs of content words left over by the lexical matches,
        triggers ("no", "denies") and modifiers ("for 3 days"), so context still applies to them.
        A lexical match that covers only part of a run of content words ("coughed" in "coughed up
        some blood") competes with the meaning of the whole run, which replaces it when clearly
        closer (EmbeddingMatcher.read_many). The runs of the whole request are embedded in one
        batch."""
        requests: list[tuple[list[Token], list[tuple[int, int]]]] = []
        contests: list[tuple[int, int, int, frozenset[str]]] = []
        wider: list[tuple[int, int, int, int, int, bool]] = []
        for si, ((a, b), matches) in enumerate(zip(sentences, chosen)):
            sent = tokens[a:b]
            taken = [not ok for ok in usable[a:b]]
            context = list(taken)  # triggers and modifiers only: what a whole run may not include
            generic = [False] * len(sent)
            for m in matches:
                broad = m.concept_id in GENERIC_CONCEPTS
                for k in range(m.start, m.end):
                    taken[k] = taken[k] or not broad
                    generic[k] = broad
            for t in self.triggers.find(sent, taken):
                for k in range(t.start, t.end):
                    taken[k] = True
                    context[k] = True
            trigger = [c and usable[a + k] for k, c in enumerate(context)]  # "no", "unable to"
            spoken = list(trigger)  # triggers and modifiers: words about a finding
            modifiers = _SentenceModifiers(norm, sent, clause_ids(sent, taken))
            site = [False] * len(sent)
            for k in modifiers.used_tokens(sites=False):
                taken[k] = True
                context[k] = True
                spoken[k] = True
            for k in modifiers.site_tokens():
                site[k] = not taken[k]
            for k in _factor_tokens(sent, taken, site):
                taken[k] = True
                context[k] = True
            claimed = [t and not c for t, c in zip(taken, context)]  # specific lexical matches, facts
            # a broad word beside the run is part of it ("pain at the bottom of my back"), but not
            # across a trigger: "my back is not painful" must keep its "not"
            unjoined = [c or t for c, t in zip(claimed, trigger)]
            runs = [_grow(sent, s, e, lambda k: generic[k], unjoined)
                    for s, e in _content_runs(sent, [True] * len(sent), taken)]
            # a body site belongs to the run ("ache in my groin"), but a site with nothing
            # else new beside it ("chesty cough": "chest") is no finding of its own
            runs = [(s, e) for s, e in runs if _says_something(sent, generic, site, s, e)]
            requests.append((sent, runs))
            for s, e in runs:
                xs, xe = _grow(sent, s, e, lambda k: generic[k] or spoken[k] or _is_filler(sent[k]), claimed)
                if (xs, xe) != (s, e):
                    wider.append((si, s, e, xs, xe, any(trigger[xs:xe])))
            contests.extend((si, s, e, lexical) for s, e, lexical in _partial_runs(sent, matches, context, runs))
        if not any(runs for _, runs in requests) and not contests:
            return chosen
        found, answers, widened = self.fallback.read_many(requests, contests, wider)
        out: list[list[ConceptMatch]] = []
        for matches, extra in zip(chosen, found):
            if extra:
                # a broad word inside a run that named something is replaced by what it named
                matches = [m for m in matches if not any(e.start < m.end and m.start < e.end for e in extra)]
                matches = sorted(matches + extra, key=lambda m: m.start)
            out.append(matches)
        for (si, s, e, _), answer in zip(contests, answers):
            if answer is None:
                continue
            kept = [m for m in out[si] if not (m.start < e and s < m.end)]
            out[si] = sorted(kept + [answer], key=lambda m: m.start)
        for (si, *_), answer in zip(wider, widened):
            if answer is None:
                continue
            kept = [m for m in out[si] if not (m.start < answer.end and answer.start < m.end)]
            out[si] = sorted(kept + [answer], key=lambda m: m.start)
        return out

    def _finding(self, original: str, hit: _Hit) -> Finding:
        m, scope, md = hit.match, hit.scope, hit.mods
        concept = self.kb.symptoms[m.concept_id]
        if m.concept_id in SITE_PROBES and md.body_site and (
                m.concept_id != SIDE_PAIN or any(t.text == "side" for t in hit.tokens[m.start:m.end])):
            concept = self._at_site(m.concept_id, md.body_site) or concept
        presence = (Presence.ABSENT if scope.negated else Presence.UNKNOWN if scope.hedged
                    else Presence.PRESENT)
        # "has had earache for 4 days", "my dad has had diarrhoea since yesterday": a soft
        # history/family phrase with a duration of the finding is a current complaint
        ongoing = scope.soft and scope.ongoing
        temporality = (Temporality.FAMILY if scope.family and not ongoing else Temporality.HISTORY
                       if scope.history and not ongoing and m.concept_id not in PAST_EXPOSURES
                       else Temporality.CURRENT)
        first, last = hit.tokens[m.start], hit.tokens[m.end - 1]
        return Finding(
            code=concept.code, name=concept.name, presence=presence,
            text=original[first.start:last.end], confidence=round(m.confidence, 3),
            temporality=temporality, onset=md.onset, duration_hours=md.duration_hours,
            severity=md.severity, severity_score=md.severity_score, body_site=md.body_site,
            laterality=md.laterality,
        )

    def _male_down_below(self, f: Finding) -> Finding:
        """"Pain down below" said of a boy or man is in his genitals, not a woman's pelvis."""
        target = MALE_DOWN_BELOW.get(f.code.removeprefix("symptom:"))
        if target is None or target not in self.kb.symptoms or not DOWN_BELOW_WORDS.search(f.text.lower()):
            return f
        concept = self.kb.symptoms[target]
        return replace(f, code=concept.code, name=concept.name)

    def _eye_discharge(self, f: Finding, norm: str) -> Finding:
        """A bare "discharge" in a complaint about the eyes that names nothing genital is the eyes'."""
        if (f.code != "symptom:vaginal-discharge" or EYE_DISCHARGE_ID not in self.kb.symptoms
                or GENITAL_WORDS.search(norm) or not EYE_WORDS.search(norm)):
            return f
        concept = self.kb.symptoms[EYE_DISCHARGE_ID]
        return replace(f, code=concept.code, name=concept.name)

    def _as_bile(self, f: Finding, norm: str, sent: list[Token]) -> Finding:
        """Vomiting in a sentence that calls something green, and nothing else green, is vomiting bile."""
        if f.code != "symptom:vomiting" or f.presence != Presence.PRESENT or BILE_ID not in self.kb.symptoms:
            return f
        sentence = norm[sent[0].nstart:sent[-1].nend]
        if GREEN_WORDS.search(sentence) is None or OTHER_GREEN_THINGS.search(sentence) is not None:
            return f
        concept = self.kb.symptoms[BILE_ID]
        return replace(f, code=concept.code, name=concept.name)

    def _as_sputum(self, f: Finding, norm: str) -> Finding:
        """Green matter "brought up" in a complaint that names a cough and no vomiting is phlegm."""
        if (f.code != f"symptom:{BILE_ID}" or f.presence != Presence.PRESENT or SPUTUM_ID not in self.kb.symptoms
                or BROUGHT_UP_WORDS.search(f.text.lower()) is None):
            return f
        if COUGH_WORDS.search(norm) is None or VOMIT_WORDS.search(norm) is not None:
            return f
        concept = self.kb.symptoms[SPUTUM_ID]
        return replace(f, code=concept.code, name=concept.name)

    def _bleeding_stopped(self, f: Finding, norm: str, hit: _Hit) -> Finding:
        """Severe bleeding the same sentence goes on to say has stopped ("bled a lot at first but
        stopped") is past, unless it also says it goes on or came back."""
        if f.code != f"symptom:{SEVERE_BLEEDING_ID}" or f.presence != Presence.PRESENT \
                or f.temporality != Temporality.CURRENT:
            return f
        sent, m = hit.tokens, hit.match
        after = norm[sent[m.end - 1].nend:sent[-1].nend]
        said = norm[sent[m.start].nstart:sent[-1].nend]
        if BLEEDING_STOPPED_AFTER.search(after) is None or BLEEDING_GOING_ON.search(said) is not None:
            return f
        return replace(f, temporality=Temporality.HISTORY)

    def _fever_from_temperature(self, original: str, facts: Facts,
                                findings: list[Finding]) -> Finding | None:
        if facts.temperature_c is None or facts.temperature_c < FEVER_FROM_C:
            return None
        concept = self.kb.symptoms.get(FEVER_ID)
        if concept is None or any(f.code == concept.code for f in findings):
            return None
        text = ""
        if facts.temperature_span:
            text = facts.temperature_span and _slice_norm(original, facts.temperature_span)
        return Finding(code=concept.code, name=concept.name, presence=Presence.PRESENT,
                       text=text, confidence=0.97)


class _SentenceModifiers:
    """Modifier mentions in one sentence, each assigned to the clause it sits in."""

    def __init__(self, norm: str, sent: list[Token], clauses: list[int]):
        self.sent, self.clauses = sent, clauses
        lo, hi = sent[0].nstart, sent[-1].nend
        piece = norm[lo:hi]
        self._starts = [t.nstart for t in sent]

        def where(s: int, e: int) -> tuple[int, int]:
            return lo + s, lo + e

        self.durations = [(h, *where(s, e)) for h, s, e in mods.read_duration(piece)]
        self.severities = [(lvl, sc, *where(s, e)) for lvl, sc, s, e in mods.read_severity(piece)]
        self.onsets = [(o, *where(s, e)) for o, s, e in mods.read_onset(piece)]
        self.sites = [mods.SiteMention(x.site, x.laterality, *where(x.start, x.end))
                      for x in mods.read_sites(piece)]
        self.sides = [(side, *where(s, e)) for side, s, e in mods.read_sides(piece)]

    def _token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def _clause_of(self, char: int) -> int:
        return self.clauses[self._token_at(char)]

    def used_tokens(self, sites: bool = True) -> set[int]:
        spans = ([(s, e) for _, s, e in self.durations] + [(s, e) for *_, s, e in self.severities]
                 + [(s, e) for _, s, e in self.onsets] + [(s, e) for _, s, e in self.sides])
        if sites:
            spans += [(x.start, x.end) for x in self.sites]
        return self._tokens_in(spans)

    def site_tokens(self) -> set[int]:
        return self._tokens_in([(x.start, x.end) for x in self.sites])

    def _tokens_in(self, spans: list[tuple[int, int]]) -> set[int]:
        out: set[int] = set()
        for s, e in spans:
            for k, t in enumerate(self.sent):
                if t.nstart < e and s < t.nend:
                    out.add(k)
        return out

    def for_span(self, a: int, b: int, scope: Scope) -> mods.Modifiers:
        clause = self.clauses[a]
        span_lo, span_hi = self.sent[a].nstart, self.sent[b - 1].nend
        out = mods.Modifiers()
        for onset, s, e in self.onsets:
            if self._clause_of(s) == clause:
                out.onset = onset
                break
        best = None
        for level, score, s, e in self.severities:
            if self._clause_of(s) == clause:
                if score is not None:
                    out.severity_score = score
                if best is None or abs(s - span_lo) < best[0]:
                    best = (abs(s - span_lo), level)
        if best:
            out.severity = best[1]
        for hours, s, e in self.durations:
            if self._clause_of(s) == clause and hours is not None:
                out.duration_hours = float(hours)
                break
        site = self._site_for(span_lo, span_hi, clause)
        if site:
            out.body_site, out.laterality = site.site, site.laterality
        if not out.laterality:
            for side, s, e in self.sides:
                if self._clause_of(s) == clause:
                    out.laterality = side
                    break
        if not out.laterality:
            # a side word the matcher skipped, apart from the site ("pain in the right lower
            # part of my tummy")
            for t in self.sent[a:b]:
                if t.text in mods.SIDE_NAMES and t.text != "both":
                    out.laterality = mods.SIDE_NAMES[t.text]
                    break
        return out

    def _site_for(self, lo: int, hi: int, clause: int) -> mods.SiteMention | None:
        inside = [x for x in self.sites if lo <= x.start and x.end <= hi + 0]
        # a side word just before the finding ("left chest pain") belongs to it
        before = [x for x in self.sites if x.start < lo <= x.end + 1 and x.end >= lo - 8]
        after = [x for x in self.sites if x.start >= hi and self._clause_of(x.start) == clause
                 and not self._denied_between(hi, x.start)]
        if inside:
            site = max(inside, key=lambda x: x.end - x.start)
            if not site.laterality and after and after[0].laterality:
                return after[0]  # "abdominal pain in the right lower quadrant"
            if not site.laterality:
                for x in self.sites:
                    if x.laterality and x.start < site.start and x.end >= site.start - 1:
                        return mods.SiteMention(site.site, x.laterality, x.start, site.end)
            return site
        if before:
            return before[-1]
        return after[0] if after else None

    def _denied_between(self, lo: int, hi: int) -> bool:
        """A denial between a finding and a later site keeps the site from it: "the pain does not
        go down his legs" is no leg pain."""
        return any(lo <= t.nstart and t.nend <= hi and t.text in SITE_DENIALS for t in self.sent)

    def share_severities(self, hits: list[_Hit]) -> None:
        """A severity said in a clause of its own ("moved to the lower right side, now severe")
        describes the finding just before it in the sentence."""
        for level, score, s, _ in self.severities:
            clause = self._clause_of(s)
            if any(h.clause == clause for h in hits):
                continue
            before = [h for h in hits if h.tokens[h.match.end - 1].nend <= s and not h.scope.negated]
            if not before:
                continue
            target = before[-1].mods
            if not target.severity:
                target.severity = level
            if score is not None and target.severity_score is None:
                target.severity_score = score

    def share_durations(self, hits: list[_Hit]) -> None:
        """A duration said once ("cough and fever for 3 days") covers the findings before it in
        the same sentence that have none of their own."""
        timed = [(s, h) for h, s, _ in self.durations if h is not None]
        if not timed:
            return
        for hit in hits:
            if hit.mods.duration_hours is not None or hit.scope.negated:
                continue
            pos = hit.tokens[hit.match.end - 1].nend
            later = [h for s, h in timed if s >= pos]
            if later:
                hit.mods.duration_hours = float(later[0])


# ---------------------------------------------------------------------- helpers


def _drop_generic(hits: list[_Hit]) -> list[_Hit]:
    """A broad word that only repeats what a specific finding of the sentence says is dropped:
    "pain ... in the lower part of my tummy" (a specific pain in the clause), "a small painful
    mouth ulcer" (the same site), "twisted my ankle, a little swollen" or "red and sore from
    sunburn" (no site of its own beside a specific present finding). A pain word just before a
    specific finding whose own words hold the pain's site ("a really painful ulcer on the side of my
    tongue": "side") describes that finding."""
    specific_pain = {h.clause for h in hits
                     if h.match.concept_id != GENERIC_PAIN and _is_pain(h.match.concept_id)}
    present = [h for h in hits if h.match.concept_id not in GENERIC_CONCEPTS
               and not h.scope.negated and not h.scope.hedged]
    sites = {h.mods.body_site for h in present if h.mods.body_site}

    def repeats(h: _Hit) -> bool:
        cid = h.match.concept_id
        if cid == GENERIC_PAIN and h.clause in specific_pain:
            return True
        if cid == GENERIC_PAIN and h.mods.body_site and any(
                o.match.start == h.match.end and o.clause == h.clause
                and h.mods.body_site in {t.text for t in o.tokens[o.match.start:o.match.end]} for o in present):
            return True
        if cid not in REPEATING_GENERIC or h.scope.negated or not present:
            return False
        return not h.mods.body_site or h.mods.body_site in sites

    return [h for h in hits if not repeats(h)]


def _is_pain(concept_id: str) -> bool:
    return "pain" in concept_id or "ache" in concept_id


def _sentences(norm: str, tokens: list[Token]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for i, t in enumerate(tokens):
        newline_before = i > start and "\n" in norm[tokens[i - 1].nend:t.nstart]
        if newline_before:
            out.append((start, i))
            start = i
        query_prefix = (t.text == "?" and i + 1 < len(tokens) and tokens[i + 1].nstart == t.nend
                        and tokens[i + 1].is_word)  # "?fever" is a query, not a sentence end
        if t.text == "?" and answer_after(tokens, i) is not None:
            continue  # "chest pain? no": the answer belongs to the question
        if i > 0 and answer_after(tokens, i - 1) is not None:
            out.append((start, i + 1))  # ... and closes it
            start = i + 1
        elif t.text in SENTENCE_PUNCT and not query_prefix:
            out.append((start, i + 1))
            start = i + 1
    if start < len(tokens):
        out.append((start, len(tokens)))
    return [(a, b) for a, b in out if b > a]


def _not_severe_now(f: Finding) -> Finding:
    """A pain's severity in a complaint that says the pain is gone now belonged to an attack that
    is over; urgency asks how severe it is now."""
    if "pain" not in f.code or not (f.severity == "severe" or (f.severity_score or 0) >= 7):
        return f
    return replace(f, severity="", severity_score=None)

def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def _slice_norm(original: str, span: tuple[int, int]) -> str:
    # normalised and original offsets agree for ASCII text, which is where vitals appear
    return original[span[0]:span[1]] if original.isascii() else ""


def _leftovers(original: str, sent: list[Token], usable: list[bool], used: list[bool]) -> list[str]:
    """Runs of content words nothing else claimed."""
    out: list[str] = []
    run: list[Token] = []

    def flush() -> None:
        while run and _is_filler(run[-1]):
            run.pop()
        while run and _is_filler(run[0]):
            run.pop(0)
        if run and any(len(t.text) >= 3 and not _is_filler(t) for t in run):
            out.append(original[run[0].start:run[-1].end])
        run.clear()

    for k, t in enumerate(sent):
        if not t.is_word or not usable[k] or used[k]:
            flush()
        elif t.text in STOPWORDS or t.text in _EXTRA_STOPWORDS:
            if run:
                run.append(t)
        else:
            run.append(t)
    flush()
    return out


def _content_runs(sent: list[Token], usable: list[bool], used: list[bool]) -> list[tuple[int, int]]:
    """Token spans of runs of content words nothing else claimed (fillers trimmed at the edges)."""
    out: list[tuple[int, int]] = []
    run: list[int] = []

    def flush() -> None:
        while run and _is_filler(sent[run[-1]]):
            run.pop()
        while run and _is_filler(sent[run[0]]):
            run.pop(0)
        if run and any(len(sent[k].text) >= 3 and not _is_filler(sent[k]) for k in run):
            out.append((run[0], run[-1] + 1))
        run.clear()

    for k, t in enumerate(sent):
        if not t.is_word or not usable[k] or used[k]:
            flush()
        elif _is_filler(t):
            if run:
                run.append(k)
        else:
            run.append(k)
    flush()
    return out


def _partial_runs(sent: list[Token], matches: list[ConceptMatch], context: list[bool],
                  leftover: list[tuple[int, int]]) -> list[tuple[int, int, frozenset[str]]]:
    """Runs of content words (lexical matches included; triggers and modifiers not) in which one
    lexical match sits beside a leftover run of new words: the whole run may read better."""
    out = []
    # a run never spans a conjunction: "my head is throbbing and I feel shattered" is two findings
    breaks = [c or t.text in RUN_BREAKS for c, t in zip(context, sent)]
    for a, b in _content_runs(sent, [True] * len(sent), breaks):
        if b - a > MAX_WHOLE_RUN_TOKENS:
            continue
        inside = [m for m in matches if a <= m.start and m.end <= b]
        if len(inside) != 1 or inside[0].concept_id == NOT_FINDING or any(m.start < b and a < m.end and m not in inside for m in matches):
            continue
        if not any(a <= s and e <= b for s, e in leftover):
            continue
        out.append((a, b, frozenset(m.concept_id for m in inside)))
    return out


def _grow(sent: list[Token], a: int, b: int, joins, blocked: list[bool],
          limit: int = MAX_WHOLE_RUN_TOKENS) -> tuple[int, int]:
    """The run (a, b) widened over neighbouring words `joins` accepts (fillers may sit between), at
    most `limit` tokens long, never across a conjunction, punctuation or a `blocked` word."""
    def reach(k: int, step: int, edge: int, lo: int, hi: int) -> int:
        while 0 <= k < len(sent) and hi - lo < limit:
            t = sent[k]
            if blocked[k] or not t.is_word or t.text in RUN_BREAKS:
                break
            if joins(k):
                edge = k
            elif not _is_filler(t):
                break
            lo, hi = min(lo, k), max(hi, k + 1)
            k += step
        return edge

    end = reach(b, 1, b - 1, a, b) + 1
    return reach(a - 1, -1, a, a, end), end


def _says_something(sent: list[Token], generic: list[bool], site: list[bool], a: int, b: int) -> bool:
    """A run worth embedding: a word that is neither filler, broad concept word nor body site,
    or a broad word together with a site ("aching" + "back"). A run of pain qualities alone
    ("Burning, tingly pain": "burning") names no finding: the encoder would read it as a fever."""
    content = [k for k in range(a, b) if not _is_filler(sent[k]) and len(sent[k].text) >= 2]
    if content and all(sent[k].text in QUALITY_WORDS for k in content):
        return False
    if any(not generic[k] and not site[k] and len(sent[k].text) >= 3 for k in content):
        return True
    # the broad word may be a filler itself ("pain" in "pain at the bottom of my back")
    return any(generic[k] for k in range(a, b)) and any(site[k] for k in content)


def _factor_tokens(sent: list[Token], taken: list[bool], site: list[bool]) -> list[int]:
    """Tokens of what eases or worsens a finding ("eases once I've walked about", "worse turning
    over in bed", "comes back after sitting"): the circumstance of a finding, not a finding of its
    own, so the encoder does not read it as one. Lexical matches inside it stand, and a clause
    naming a body site is left to be read ("pain worse when I move my neck" is neck pain)."""
    out: list[int] = []
    k = 0
    while k < len(sent):
        t = sent[k]
        particle = k + 1 < len(sent) and t.text in FACTOR_VERBS and sent[k + 1].text in FACTOR_PARTICLES
        if not taken[k] and (t.text in FACTOR_WORDS or particle):
            j = k + 2 if particle else k + 1
            while j < len(sent) and sent[j].text not in CLAUSE_PUNCT and sent[j].text not in ("and", "but"):
                j += 1
            if not any(site[i] for i in range(k + 2 if particle else k + 1, j)):
                out.extend(range(k, j))
            k = j
        k += 1
    return out


def _is_filler(t: Token) -> bool:
    return t.text in STOPWORDS or t.text in _EXTRA_STOPWORDS or not t.is_word


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per code: current beats history/family, then present > unknown > absent;
    modifiers missing from the kept finding are filled from the others."""
    kept: dict[str, Finding] = {}
    for f in findings:
        old = kept.get(f.code)
        if old is None:
            kept[f.code] = f
            continue
        if _rank(f) > _rank(old):
            f, old = old, f
            kept[old.code] = old
        kept[old.code] = replace(
            old,
            onset=old.onset or f.onset,
            duration_hours=old.duration_hours if old.duration_hours is not None else f.duration_hours,
            severity=old.severity or f.severity,
            severity_score=old.severity_score if old.severity_score is not None else f.severity_score,
            body_site=old.body_site or f.body_site,
            laterality=old.laterality or f.laterality,
            confidence=max(old.confidence, f.confidence) if old.presence == f.presence else old.confidence,
        )
    return list(kept.values())


def _rank(f: Finding) -> tuple[int, int, int]:
    return (
        1 if not f.text else 0,  # coded evidence is what the client said explicitly
        1 if f.temporality == Temporality.CURRENT else 0,
        PRESENCE_ORDER.get(f.presence, 3),
    )


def _vitals(facts: Facts, findings: list[Finding]) -> Vitals:
    consciousness = facts.consciousness
    confusion = [f for f in findings if f.code == "symptom:confusion" and f.is_present_now]
    if (consciousness == Consciousness.CONFUSION and not confusion
            and any(f.code == "symptom:confusion" and f.presence == Presence.ABSENT for f in findings)):
        # "no fever, rigors, vomiting or confusion": the sentence reader's negation reaches further
        # along a denied list than the vital-sign reader's few words.
        consciousness = Consciousness.UNSPECIFIED
    if (consciousness == Consciousness.CONFUSION and confusion
            and all(f.duration_hours is not None and f.duration_hours > ACUTE_CONFUSION_MAX_HOURS
                    for f in confusion)):
        consciousness = Consciousness.UNSPECIFIED  # long-standing confusion is not a new change
    if consciousness == Consciousness.UNSPECIFIED:
        # new confusion (ACVPU C) only: confusion that has lasted weeks is not an acute change
        if any(f.code == "symptom:confusion" and f.is_present_now
               and (f.duration_hours is None or f.duration_hours <= ACUTE_CONFUSION_MAX_HOURS)
               for f in findings):
            consciousness = Consciousness.CONFUSION
    return Vitals(
        heart_rate=facts.heart_rate, respiratory_rate=facts.respiratory_rate,
        systolic_bp=facts.systolic_bp, diastolic_bp=facts.diastolic_bp,
        temperature_c=facts.temperature_c, spo2=facts.spo2, spo2_scale2=facts.spo2_scale2,
        supplemental_oxygen=facts.supplemental_oxygen, consciousness=consciousness,
    )
