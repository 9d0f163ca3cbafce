"""Text normalisation, tokenisation and light stemming shared by the matchers.

Offsets of every token point into the ORIGINAL text, so a finding can quote the words it came
from with their original case.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters folded before tokenising (quotes, dashes, degree variants).
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ba": "\u00b0",
}

TOKEN_RE = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:'[^\W\d_]+)*|\S", re.UNICODE)

# Contractions written without the apostrophe, and "cannot".
_CANONICAL = {
    "cannot": "can't", "cant": "can't", "dont": "don't", "doesnt": "doesn't", "didnt": "didn't",
    "wont": "won't", "isnt": "isn't", "wasnt": "wasn't", "havent": "haven't", "hasnt": "hasn't",
    "hadnt": "hadn't", "arent": "aren't", "couldnt": "couldn't", "im": "i'm", "ive": "i've",
    "shes": "she's", "hes": "he's", "weren't": "weren't", "werent": "weren't",
    "mum": "mother", "mom": "mother", "mommy": "mother", "dad": "father", "daddy": "father",
}
# Hesitations ("pain in his, um, privates", "in one of my, you know, testicles") are dropped with the
# commas around them, so the words they split still read as one phrase. Not "er": it is also the
# emergency room; "you know" only between a comma and the next word.
FILLERS = frozenset({"um", "umm", "ummm", "uh", "uhh", "uhm", "erm", "ermm", "hmm", "hmmm"})
_UNDOUBLE = set("bdgmnprt")
# Words whose stem would be another word with another meaning: "teething" is not "teeth",
# "spotting" (bleeding) is not "spots" (a rash), "limping" is not "went limp", "fitting" and
# "fits" (seizures) are not "fit and healthy" nor "it fits", and "wet pants" are not panting. They
# match only themselves.
UNSTEMMED = frozenset({"teething", "spotting", "limping", "fitting", "fits", "pants"})


# Not frozen: a frozen dataclass takes 2 us to build against 0.3, a complaint makes dozens of tokens
# (and the lexicon thousands), and nothing changes a token once made. Hashable as before.
@dataclass(slots=True, unsafe_hash=True)
class Token:
    text: str  # normalised surface form (lower case)
    stem: str  # matching key
    start: int  # offsets into the original text
    end: int
    is_word: bool
    is_number: bool
    nstart: int  # offsets into the normalised text
    nend: int


def normalise(text: str) -> tuple[str, list[int] | None]:
    """Lower-cased, NFKC-folded text plus a map from each normalised char to its source index.

    The map is None when the two strings align one to one (plain ASCII).
    """
    text = text.replace("\x00", "")
    if text.isascii():
        return text.lower().replace("`", "'"), None
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        folded = _FOLD.get(ch) or unicodedata.normalize("NFKC", ch).lower()
        for c in folded:
            out.append(c)
            index.append(i)
    return "".join(out), index


def tokenize(text: str) -> tuple[str, list[Token]]:
    """Normalise `text` and split it into tokens; returns (normalised text, tokens)."""
    norm, index = normalise(text)
    tokens: list[Token] = []
    after_filler = False
    for m in TOKEN_RE.finditer(norm):
        surface = m.group()
        start, end = nstart, nend = m.start(), m.end()
        if index is not None:
            start, end = index[start], index[end - 1] + 1
        is_number = surface[0].isdigit()
        is_word = not is_number and (surface[0].isalpha())
        surface = _CANONICAL.get(surface, surface)
        if surface in FILLERS:  # dropped with the commas on either side
            if tokens and tokens[-1].text == ",":
                tokens.pop()
            after_filler = True
            continue
        if surface == "n" and tokens and tokens[-1].is_word:  # texting's "hot n itchy"; "fever? n" is an answer
            surface = "and"
        if surface == "know" and len(tokens) >= 2 and tokens[-1].text == "you" and tokens[-2].text == ",":
            del tokens[-2:]
            after_filler = True
            continue
        if after_filler:
            after_filler = False
            if surface == ",":
                continue
        tokens.append(Token(surface, stem(surface) if is_word else surface, start, end,
                            is_word, is_number, nstart, nend))
    return norm, tokens


@lru_cache(maxsize=65536)  # a complaint's words are mostly words seen before
def stem(word: str) -> str:
    """A deliberately light stemmer: plurals, -ing, -ed, final -e. Same rules for text and
    vocabulary, so consistency matters more than linguistic accuracy."""
    w = _CANONICAL.get(word, word)
    if "'" in w or len(w) <= 3 or w in UNSTEMMED:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith(("ches", "shes", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        w = w[:-1]
    if w.endswith("ing") and len(w) >= 6:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) >= 5 and not w.endswith("eed"):
        w = _undouble(w[:-2])
    if w.endswith("e") and len(w) > 4 and not w.endswith("ee"):
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    if len(w) >= 3 and w[-1] == w[-2] and w[-1] in _UNDOUBLE:
        return w[:-1]
    return w


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """The stems of a vocabulary phrase as the matcher sees them (hyphens dropped)."""
    _, tokens = tokenize(phrase)
    return tuple(t.stem for t in tokens if t.is_word or t.is_number)


# Words that never make an unrecognised phrase on their own.
STOPWORDS = frozenset("""
a about above after again against ago all also am an and any anything are around as at away
be because been before being below between both but by can can't could couldn't did didn't do does
doesn't doing don't down during each even ever every few for from further get gets getting got
gotten had hadn't has hasn't have haven't having he he's her here hers herself him himself his how
i i'm i've if in into is isn't it it's its itself just keep keeps kind kinda last lately least
like little lot lots made make makes many may me might more most much must my myself near need
needs new next no nor not now of off often oh ok okay on once one only or other our ours out over
own past patient per please pt quite rather really recently right same seem seems she she's should
since so some something sometimes sort still such than that the their them then there these they
thing things think this those though through to today tonight too under until up upon us very
was wasn't we well went were weren't what when where which while who whom why will with within
without won't would yes yet you your yours yourself yesterday morning evening night afternoon week
weeks day days hour hours minute minutes month months year years ago feel feels feeling felt
started start starting began begun come comes coming came go going gone been having also lately
bit little now currently since today presents presenting presented complains complaining
complain c reports reporting reported says said tell told doctor doc help worried concerned
please hi hello thanks thank lady woman man male female boy girl baby son daughter child kid
old yo y husband wife partner friend
""".split())
