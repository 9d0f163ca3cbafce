"""ConText-style reading of presence and temporality around matched concepts.

Triggers open a scope: forward triggers ("no", "history of") cover what follows in their clause,
backward triggers ("ruled out", "years ago") cover what precedes it. A scope ends at a
terminator ("but", "however"), at a trigger of a rival kind, or at a clause boundary unless the
next clause simply continues a list of findings ("no fever, chills or rash").
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .text import Token, phrase_stems, tokenize


class Kind(enum.Enum):
    NEGATED = "negated"
    HEDGED = "hedged"
    HISTORY = "history"
    FAMILY = "family"
    TERMINATE = "terminate"
    PSEUDO = "pseudo"  # looks like a trigger but is not one ("not only", "no change")


FORWARD, BACKWARD = "forward", "backward"
BOTH = "both"  # read forward when a finding follows in the clause, else backward

# "a 3-day history of", "two weeks' history of": a history trigger that a duration makes current
DURATION_HISTORY = tuple(f"{unit}{mark} history of"
                         for unit in ("hour", "hours", "day", "days", "week", "weeks", "month", "months")
                         for mark in ("", "'", "'s"))
_TRIGGERS: dict[tuple[Kind, str], tuple[str, ...]] = {
    (Kind.NEGATED, FORWARD): (
        "no", "not", "denies", "denied", "deny", "denying", "without", "negative for",
        "free of", "ruled out", "rules out", "never", "never had", "absence of", "nil", "none",
        "no sign of", "no signs of", "no evidence of", "no longer", "don't", "doesn't",
        "didn't", "haven't", "hasn't", "isn't", "wasn't", "aren't", "weren't", "hadn't",
        "neither", "nor", "not had", "no more", "not experiencing", "not having", "free from",
        "stopped", "has stopped",
        # clinical prose: "no problems with his bladder or bowels"
        "no problems with", "no problem with", "no trouble with", "no issues with", "no difficulty with",
        "no difficulties with",
        # clinical prose: a rash "sparing the skin creases" (vignettes_blind14; "spared" after it is
        # backward)
        "sparing", "sparing the", "spares", "spares the",
    ),
    (Kind.NEGATED, BACKWARD): (
        "denied", "absent", "negative", "ruled out", "resolved", "gone", "has gone",
        "went away", "has settled", "settled", "not present", "none", "no", "unremarkable",
        "subsided", "has stopped", "stopped", "denies", "nil", "nope",
        # a statement that a function is normal negates its symptom ("breathing is fine")
        "is fine", "are fine", "is normal", "are normal", "normally", "is ok", "is okay",
        "fine", "as normal", "as usual", "normal", "ok", "okay", "well",  # "breathing fine", "nappies normal", "feeding well"
        # an ability said as reassurance ("swallows his saliva without difficulty")
        "without difficulty", "without any difficulty", "without problems", "without any problems",
        "without trouble", "without any trouble", "with no difficulty", "with no problems",
        # clinical prose: a function said to be clear or a place said to be left alone ("speech is
        # clear", "the skin folds are spared")
        "is clear", "are clear", "was clear", "were clear", "spared", "is spared", "are spared",
        # a function said to be as it always was ("her sight is the same as always")
        "the same as always", "same as always", "the same as ever", "same as ever",
        # a part said to be untouched ("skin folds not really affected")
        "not affected", "not really affected", "aren't affected", "isn't affected", "unaffected",
    ),
    (Kind.HEDGED, FORWARD): (
        "possible", "possibly", "maybe", "may have", "might", "might have", "might be",
        "may be", "perhaps", "suspected", "suspect", "suspicious for", "query", "questionable",
        "rule out", "r/o", "not sure if", "not sure whether", "not sure", "unsure if", "unsure",
        "uncertain", "unclear if", "could be", "can't rule out", "can't exclude", "i think",
        "think i have", "probable", "probably", "likely", "seems like", "sounds like",
        "concern for", "concerned about", "worried about", "not certain", "wonder if",
        "could have", "could it be", "is it",
    ),
    (Kind.HEDGED, BACKWARD): ("or not", "possibly", "maybe", "suspected", "query"),
    (Kind.HISTORY, FORWARD): (
        "history of", "hx of", "hx", "h/o", "past history of", "past medical history",
        "pmh", "pmhx", "previous", "previously", "prior", "former", "used to have",
        "used to get", "in the past had", "has had", "previous episode of", "known",
        "recovered from", "in the past", "long history of",
        # "a 3-day history of cough": a complaint said with how long it has lasted (soft: the
        # duration makes it current; SOFT_TRIGGERS)
        *DURATION_HISTORY,
    ),
    (Kind.HISTORY, BACKWARD): (
        "years ago", "year ago", "months ago", "month ago", "as a child", "in the past",
        "last year", "when i was young", "when i was a child", "in childhood", "as a teenager",
        "years back", "in the past year", "a while ago", "long ago", "as a kid",
    ),
    # a recent time that marks a finished episode only after "had" ("had a cold last week"); see
    # RECENT_PAST
    (Kind.HISTORY, BACKWARD + "-recent"): (
        "last week", "days ago", "day ago", "weeks ago", "week ago", "the other day",
        "the other week", "last weekend", "fortnight ago",
    ),
    (Kind.FAMILY, FORWARD): (
        "family history of", "family history", "fh of", "fhx", "fh", "mother has",
        "mother had", "father has", "father had", "sister has", "sister had", "brother has",
        "brother had", "grandmother has", "grandmother had", "grandfather has",
        "grandfather had", "parents have", "parents had", "parent has", "aunt has", "aunt had",
        "uncle has", "uncle had", "mother with", "father with", "mother died of",
        "father died of", "mother suffers from", "father suffers from", "mother suffered from",
        "father suffered from", "sibling has", "siblings have", "relatives with",
        "family member with", "family members with", "cousin has", "cousin had",
        "runs in the family", "mother has had", "father has had", "sister has had",
        "brother has had", "parents have had", "mother have", "father have",
    ),
    (Kind.FAMILY, BACKWARD): (
        "runs in the family", "runs in my family", "in the family", "in my family",
        "runs in family",
    ),
    (Kind.TERMINATE, FORWARD): (
        "but", "however", "though", "although", "except", "yet", "whereas", "apart from",
        "aside from", "which", "now", "currently", "presently", "today", "at present",
        "this time", "instead", "otherwise", "still has", "still have", "now has", "now have",
        # clinical prose: the presenting complaint follows the history ("a known asthmatic presents
        # with wheeze", "with a known glioma reports headaches")
        "presents with", "presented with", "presenting with", "presents", "reports", "reporting",
        "complains of", "complaining of", "describes", "describing", "is brought in with",
        "brought in with", "attends with", "comes in with", "came in with",
    ),
    (Kind.PSEUDO, FORWARD): (
        "fine rash", "fine red rash", "fine pink rash", "fine spots", "fine bumps", "fine tremor",
        "fine crackles", "fine lines",  # "fine" as a description, not "is fine"
        "as well", "well as", "not well", "not feeling well", "not very well", "unwell",
        # an episode that ends is still a symptom ("the room spins for 20 seconds then stops")
        "then stops", "then it stops", "and then stops", "then goes", "then it goes", "then settles",
        "then it settles", "then passes", "settles when", "settles if", "settles after", "settles within",
        "settles with rest", "eases when", "eases off when", "then it passes", "before it stops", "until it stops",
        "non-stop", "non stop", "nonstop",  # "coughing non-stop": "stop" is not "stopped"
        # a place to wait, not a symptom that stopped ("walking up from the bus stop - a tight chest")
        "bus stop", "bus stops", "tram stop", "the stop", "my stop", "next stop", "last stop", "full stop",
        "pit stop", "stop sign",
        # blood that has "gone through two tea towels": soaked through, not gone away
        "gone through", "gone straight through", "gone right through",
        "months gone", "weeks gone",  # "like I'm six months gone": pregnant, not went away
        # "gone" as "become", not "went away" ("his speech has gone funny")
        *(f"{aux}gone {adj}" for aux in ("", "has ", "have ", "had ")
          for adj in ("funny", "all funny", "strange", "all strange", "weird", "all weird", "odd", "wrong",
                      "wonky", "droopy", "slurry", "fuzzy", "muddled",
                      # a colour or a state: "the sight has gone grey", "her lips have gone blue"
                      # (vignettes_blind17)
                      "grey", "gray", "misty", "blurry", "blurred", "dim", "dark", "black", "cloudy", "hazy",
                      "foggy", "blue", "white", "pale", "cold", "numb", "weak", "floppy", "limp", "red", "purple",
                      "mottled", "yellow", "stiff", "dead", "heavy", "tight", "swollen", "hard", "dull", "blank",
                      "really swollen", "all swollen", "very pale", "really pale", "all blurry", "all misty",
                      "completely black", "completely dark", "dark and blurry",
                      # a pain's new quality: "moved to the lower right and gone sharp" (vignettes_blind19)
                      "sharp", "stabbing", "constant", "worse", "much worse", "really bad", "bad", "severe",
                      "agonising", "agonizing", "unbearable", "burning", "throbbing")),
        # an activity given up ("he's stopped going to his bowls club, barely eats"): not a symptom stopped
        *(f"{aux}stopped {doing}" for aux in ("", "has ", "have ", "had ")
          for doing in ("going", "doing", "seeing", "playing", "driving", "working", "bothering", "answering")),
        # a comparison, not a statement that a function is normal ("breathing quicker than normal")
        "than normal", "than usual", "than it normally is", "than he normally is", "than she normally is",
        "no change", "not only", "no further than", "no doubt", "not just", "not much better",
        "no better", "not better", "not getting better", "not improving", "not improved",
        "no improvement", "no relief", "not relieved", "no increase", "not stop", "not stopping",
        "gram negative", "not helping", "no help", "not helped", "not go away",
        "won't go away", "not going away", "no matter", "no idea", "won't stop",
        "will not stop", "can't stop", "doesn't stop", "hasn't stopped", "not stopped",
        "didn't stop", "never stops", "doesn't go away", "hasn't gone away", "not gone away",
        "not gone", "hasn't gone", "not settled", "hasn't settled", "not resolved",
        "not subsided", "no way", "not able to", "unable to", "nothing helps",
        # a relative described in the present progressive is the patient a carer speaks for
        "mother has been", "father has been", "sister has been", "brother has been",
        "grandmother has been", "grandfather has been", "parent has been", "aunt has been",
        "uncle has been", "cousin has been", "mother is", "father is", "grandmother is",
        "grandfather is", "mother keeps", "father keeps",
        # durations that end in a history word ("forgetful over the last year")
        "over the last year", "for the last year", "during the last year", "over the past year",
        "for the past year", "over the last month", "for the last month", "over the past month",
        "for the past month", "since last year", "since last month", "over the last few months",
        "over the last few years", "for the last few years", "for the last few months",
    ),
}

# Triggers that describe either the past or an ongoing state ("has had earache for 4 days",
# "father has depression" vs "my dad has had diarrhoea since yesterday"): they hold only when the
# finding has no duration of its own; with one ("for 4 days", "since yesterday", "over the last
# year") the finding is a current complaint of the person spoken about.
SOFT_TRIGGERS = frozenset({
    *DURATION_HISTORY,
    "has had", "have had", "mother has", "father has", "sister has", "brother has", "grandmother has",
    "grandfather has", "parents have", "parent has", "aunt has", "uncle has", "sibling has",
    "siblings have", "cousin has", "mother has had", "father has had", "sister has had",
    "brother has had", "parents have had", "mother have", "father have", "mother with",
    "father with",
})

# Backward history triggers are times in the past; a finding said to start then is current
# ("cough started 3 months ago", "cough since last week"): these words between the finding and the
# time keep it current.
ONSET_WORDS = frozenset({"since", "started", "start", "starts", "starting", "began", "begun",
                         "begin", "beginning", "from", "still", "ongoing", "onwards"})
# A recent time ("last week", "a few days ago") marks a finished episode only when the finding was
# "had" (simple past) in its clause: "had a cold last week" is history, "came out in spots two days
# ago" and "I've had a cough since last week" are current.
FINISHED_VERBS = frozenset({"had", "recovered", "over"})
PRESENT_PERFECT = frozenset({"have", "has", "i've", "we've", "you've", "they've", "he's", "she's",
                             "it's", "'ve"})
# Words that may precede a finding in a list that continues a scope ("no fever, or any rash").
LIST_FILLERS = frozenset({"or", "nor", "any", "a", "an", "other", "and", "also", "even", "some",
                          "signs", "sign", "of", "much"})
# At most this many words we read no finding from may stand between a list's boundary and its next
# finding, and only in a list closed by "or"; a subject or a verb among them starts a statement.
UNREAD_LIST_WORDS = 4
LIST_ITEM_MODIFIERS = frozenset({"sudden", "severe", "mild", "new", "significant", "marked", "recent", "obvious",
                                 "acute", "persistent", "any"})
SUBJECT_WORDS = frozenset({"i", "he", "she", "they", "we", "you", "it", "there", "this", "that", "who"})
# Boundaries a scope may continue across (if a finding follows at once).
LIST_BOUNDARIES = frozenset({",", "and", "or", "with", "/", "nor", "&"})
# A list item continues a scope only when it is a bare finding ("no fever, cough or rash"), not a
# statement with a predicate of its own ("no gunk, lips cracked and red, tongue very red"): a verb
# in the item, or a state word after its noun, makes it a statement.
STATEMENT_VERBS = frozenset({"is", "are", "was", "were", "am", "be", "been", "being", "feel", "feels",
                             "felt", "look", "looks", "looked", "seem", "seems", "seemed", "gone",
                             "went", "goes", "got", "turned", "turns", "turning", "has", "have", "had",
                             "became", "become", "becoming", "getting"})
# Words that give the finding just before them a time of its own ("chest pain since this morning").
DURATION_LEADS = frozenset({"since", "for", "started", "starting", "began", "from"})
STATE_WORDS = frozenset({
    # adjectives that follow their noun as a predicate; not the -ing forms ("vaginal bleeding") nor
    # those that end noun compounds ("cold sores", "head cold")
    "red", "swollen", "puffy", "cracked", "dry", "itchy", "numb", "stiff", "weak", "hot", "warm",
    "blue", "pale", "white", "grey", "gray", "yellow", "purple", "black", "painful", "tender",
    "runny", "blocked", "raw", "crusty", "sticky", "watery", "bloodshot", "hurts", "achy", "tight",
    "heavy", "loose", "wobbly", "floppy", "limp", "tingly", "sunken", "mottled", "blotchy",
    "inflamed", "infected", "scaly", "flaky", "lumpy", "bumpy", "shaky", "wheezy", "clammy",
    "sweaty", "dark", "cloudy", "smelly", "bloody",
})
# Tokens that end a clause (modifiers attach within a clause).
CLAUSE_WORDS = frozenset({"and", "but", "with", "plus", "while", "whilst", "because", "then",
                          "although", "though", "however", "also", "after", "since", "when"})
CLAUSE_PUNCT = frozenset({",", ":", "(", ")", "&"})
SENTENCE_PUNCT = frozenset({".", "!", "?", ";", "\n"})
# One-word answers after a question mark ("chest pain? no"): True = yes, False = no.
ANSWERS = {"yes": True, "y": True, "yeah": True, "yep": True, "yup": True, "positive": True,
           "present": True, "no": False, "n": False, "nope": False, "nah": False, "none": False,
           "negative": False, "absent": False, "denies": False, "denied": False, "nil": False}


def answer_after(tokens: Sequence[Token], i: int) -> bool | None:
    """The yes/no answer at tokens[i + 1] when tokens[i] is a "?" that a one-word answer closes
    ("fever? no", "Vomiting? Yes."), else None."""
    if tokens[i].text != "?" or i + 1 >= len(tokens):
        return None
    answer = ANSWERS.get(tokens[i + 1].text)
    if answer is None:
        return None
    if i + 2 < len(tokens) and tokens[i + 2].is_word:
        return None  # "fever? no idea" is no answer
    return answer


@dataclass(frozen=True, slots=True)
class Trigger:
    kind: Kind
    direction: str
    start: int
    end: int
    soft: bool = False  # see SOFT_TRIGGERS
    recent: bool = False  # a recent time: history only for a finding that was "had" (FINISHED_VERBS)


def _trigger_key(phrase: str) -> tuple[str, ...]:
    """A trigger's key as TriggerLexicon.find sees the text: a hyphen or an apostrophe is a token of
    its own there ("non-stop" is "non", "-", "stop"; "days' history" is "days", "'", "history"), so
    a trigger written with one keeps it."""
    if "-" in phrase or "'" in phrase:
        _, tokens = tokenize(phrase)
        return tuple(t.stem if (t.is_word or t.is_number) else t.text for t in tokens)
    return phrase_stems(phrase) or (phrase,)


class TriggerLexicon:
    def __init__(self) -> None:
        self._soft = {_trigger_key(p) for p in SOFT_TRIGGERS}
        directions: dict[tuple[tuple[str, ...], Kind], set[str]] = {}
        self._recent: set[tuple[str, ...]] = set()
        for (kind, direction), phrases in _TRIGGERS.items():
            recent = direction.endswith("-recent")
            for phrase in phrases:
                key = _trigger_key(phrase)
                if recent:
                    self._recent.add(key)
                directions.setdefault((key, kind), set()).add(BACKWARD if recent else direction)
        index: dict[str, list[tuple[tuple[str, ...], Kind, str]]] = {}
        for (key, kind), dirs in directions.items():
            direction = dirs.pop() if len(dirs) == 1 else BOTH
            index.setdefault(key[0], []).append((key, kind, direction))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._index = index

    def find(self, tokens: Sequence[Token], claimed: Sequence[bool]) -> list[Trigger]:
        """Triggers in one sentence, longest first at each position; tokens inside matched
        concepts (`claimed`) are never triggers."""
        keys = [t.stem if (t.is_word or t.is_number) else t.text for t in tokens]
        out: list[Trigger] = []
        i, n = 0, len(tokens)
        while i < n:
            hit = None
            if not claimed[i]:
                for key, kind, direction in self._index.get(keys[i], ()):
                    k = len(key)
                    if i + k <= n and tuple(keys[i:i + k]) == key and not any(claimed[i:i + k]):
                        hit = (key, kind, direction)
                        break
            if hit:
                key, kind, direction = hit
                soft = kind in (Kind.HISTORY, Kind.FAMILY) and key in self._soft
                out.append(Trigger(kind, direction, i, i + len(key), soft, key in self._recent))
                i += len(key)
            else:
                i += 1
        return out


def clause_ids(tokens: Sequence[Token], claimed: Sequence[bool]) -> list[int]:
    """Clause number of each token; boundary tokens belong to the clause they close."""
    ids: list[int] = []
    clause = 0
    for i, t in enumerate(tokens):
        ids.append(clause)
        if not claimed[i] and (t.text in CLAUSE_PUNCT or t.text in CLAUSE_WORDS):
            clause += 1
    return ids


@dataclass
class Scope:
    negated: bool = False
    hedged: bool = False
    history: bool = False
    family: bool = False
    soft: bool = False  # history/family from a SOFT_TRIGGERS phrase: a duration makes it current
    ongoing: bool = False  # set by the reader: a finding of the same soft scope has a duration


def read_context(tokens: Sequence[Token], spans: Sequence[tuple[int, int]],
                 triggers: Sequence[Trigger], clauses: Sequence[int]) -> list[Scope]:
    """The scope each finding span (start, end) falls in."""
    n = len(tokens)
    starts = {s for s, _ in spans}
    ends = dict(spans)
    triggers = [_resolve(t, spans, clauses, tokens) for t in triggers]
    forward: dict[int, Trigger] = {t.start: t for t in triggers if t.direction == FORWARD}
    trigger_at = [None] * n
    for t in triggers:
        for k in range(t.start, t.end):
            trigger_at[k] = t
    state = Scope()
    at_start: dict[int, Scope] = {}
    i = 0
    while i < n:
        t = forward.get(i)
        if t is not None:
            if t.kind is Kind.TERMINATE:
                state = Scope()
            elif t.kind is Kind.NEGATED:
                state.negated, state.hedged = True, False
            elif t.kind is Kind.HEDGED:
                state.hedged, state.negated = True, False
            elif t.kind is Kind.HISTORY:
                state.history, state.family, state.soft = True, False, t.soft
            elif t.kind is Kind.FAMILY:
                state.family, state.history, state.soft = True, False, t.soft
            i = t.end
            continue
        if i in starts:
            at_start[i] = Scope(state.negated, state.hedged, state.history, state.family, state.soft)
        tok = tokens[i]
        if i > 0 and clauses[i] != clauses[i - 1] and trigger_at[i] is None:
            # crossed a clause boundary: keep the scope only for a list of findings
            boundary = tokens[i - 1].text
            item = _finding_follows(i, tokens, starts, n)
            if boundary not in LIST_BOUNDARIES or item is None or _is_statement(tokens, item, ends[item]):
                state = Scope()
                if i in at_start:
                    at_start[i] = Scope()
        elif tok.text in SENTENCE_PUNCT:
            state = Scope()
        i += 1
    scopes = [at_start.get(s, Scope()) for s, _ in spans]
    # backward triggers: findings earlier in the same clause
    for t in triggers:
        if t.direction != BACKWARD:
            continue
        clause = clauses[t.start]
        if t.start > 0 and clauses[t.start - 1] != clause and not _other_circumstance(tokens, clauses, t):
            clause = clauses[t.start - 1]  # "fever: no" - the trigger opens its own clause
        for k, (s, e) in enumerate(spans):
            if e <= t.start and clauses[s] == clause:
                if t.kind is Kind.HISTORY and not _in_past(tokens, clauses, s, e, t):
                    continue
                _apply(scopes[k], t.kind)
    # a question answered at once ("chest pain? no", "cough? yes") says the presence outright
    qa = [(i, answer_after(tokens, i)) for i in range(n) if tokens[i].text == "?"]
    answered = {i: a for i, a in qa if a is not None}
    if answered:
        for k, (s, e) in enumerate(spans):
            after = [i for i in answered if i >= e]
            if after:
                scopes[k].hedged = False
                scopes[k].negated = not answered[min(after)]
        if all(i in answered for i, _ in qa):
            return scopes
    # "?" right before or after a finding ("?fever", "fever?") hedges it
    for k, (s, e) in enumerate(spans):
        if (s > 0 and tokens[s - 1].text == "?") or (e < n and tokens[e].text == "?"):
            if not scopes[k].negated:
                scopes[k].hedged = True
    return scopes


# "fine" and its like after "but", with words of their own after them ("short of breath if I rush
# up the stairs but fine sitting down"): another circumstance, fine in itself, not a denial of
# what came before ("a rash but gone now" still is one)
NORMAL_IN_ITSELF = frozenset({"fine", "ok", "okay", "well", "normal"})


def _other_circumstance(tokens: Sequence[Token], clauses: Sequence[int], t: Trigger) -> bool:
    return (tokens[t.start - 1].text == "but" and t.end - t.start == 1 and tokens[t.start].text in NORMAL_IN_ITSELF
            and t.end < len(tokens) and clauses[t.end] == clauses[t.start] and tokens[t.end].is_word
            and tokens[t.end].text not in ("now", "otherwise", "today", "again"))


def _apply(scope: Scope, kind: Kind) -> None:
    if kind is Kind.NEGATED:
        scope.negated, scope.hedged = True, False
    elif kind is Kind.HEDGED:
        scope.hedged = not scope.negated
    elif kind is Kind.HISTORY:
        scope.history = not scope.family
        scope.soft = False
    elif kind is Kind.FAMILY:
        scope.family, scope.history, scope.soft = True, False, False


def _in_past(tokens: Sequence[Token], clauses: Sequence[int], s: int, e: int, t: Trigger) -> bool:
    """Whether a backward history time `t` puts the finding tokens[s:e] in the past: no onset word
    between them ("cough started 3 months ago"), and for a recent time, "had" before the finding in
    its clause and no "have"/"has" before that ("had a cold last week")."""
    if any(tokens[k].text in ONSET_WORDS for k in range(e, t.start)):
        return False
    if not t.recent:
        return True
    clause = clauses[s]
    k = s - 1
    while k >= 0 and clauses[k] == clause:
        if tokens[k].text in FINISHED_VERBS:
            return not (k > 0 and tokens[k - 1].text in PRESENT_PERFECT)
        k -= 1
    return False


def _finding_follows(i: int, tokens: Sequence[Token], starts: set[int], n: int) -> int | None:
    """The start of the finding that follows at once (list fillers between), else None. Words read
    as no finding may come between too when an "or" joins them to it ("no redness, heat or sudden
    swelling": heat is no finding of ours, the swelling is still in the list)."""
    j = i
    while j < n and tokens[j].text in LIST_FILLERS and j not in starts:
        j += 1
    if j in starts:
        return j
    words = 0
    for k in range(i, n):
        if k in starts:
            # the finding must be an item of its own ("tinnitus or facial weakness", "heat or sudden
            # swelling"), not the end of a statement ("he's too breathless to talk or eat")
            m = k - 1
            while m > i and tokens[m].text in LIST_ITEM_MODIFIERS:
                m -= 1
            if m < i or tokens[m].text not in (",", "or", "nor"):
                return None
            return k if _ends_with_or(tokens, i, n) else None
        t = tokens[k]
        if t.text == ",":
            continue
        if not t.is_word or t.text in STATEMENT_VERBS or t.text in SUBJECT_WORDS:
            return None
        words += 1
        if words > UNREAD_LIST_WORDS:
            return None
    return None


def _ends_with_or(tokens: Sequence[Token], i: int, n: int) -> bool:
    """The list going on from tokens[i] is a list of bare items closed by "or"/"nor" ("no pain,
    discharge, dizziness, tinnitus or facial weakness") before its sentence or statement ends."""
    for k in range(i, n):
        t = tokens[k]
        if t.text in ("or", "nor"):
            return True
        if t.text in SENTENCE_PUNCT or t.text in STATEMENT_VERBS or t.text in SUBJECT_WORDS:
            return False
    return False


def _is_statement(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the finding tokens[start:end] says something of a subject ("lips cracked and red",
    "throat is sore") rather than naming a finding ("cracked lips", "sore throat")."""
    words = [t.text for t in tokens[start:end] if t.is_word]
    if any(w in STATEMENT_VERBS for w in words):
        return True
    if end < len(tokens) and tokens[end].text in DURATION_LEADS:
        return True  # "no fever, chest pain since this morning": a complaint with its own time
    return len(words) > 1 and words[0] not in STATE_WORDS and any(w in STATE_WORDS for w in words[1:])


def _resolve(t: Trigger, spans: Sequence[tuple[int, int]], clauses: Sequence[int],
             tokens: Sequence[Token]) -> Trigger:
    if t.direction != BOTH:
        return t
    clause = clauses[t.start]
    # backward only when the trigger ends its clause ("fever: no"), not in "no blood"
    follows = any(tokens[k].is_word and clauses[k] == clause for k in range(t.end, len(tokens)))
    return Trigger(t.kind, FORWARD if follows else BACKWARD, t.start, t.end, t.soft)
