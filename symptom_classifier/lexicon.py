"""The phrase lexicon the lexical matcher searches: every concept's name, synonyms and lay terms,
plus everyday variants generated from body-part names ("knee pain" -> "my knee hurts")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from knowledge.kb import KnowledgeBase

# How much a match is trusted, by where the phrase came from.
CONFIDENCE = {"name": 0.95, "synonym": 0.92, "lay": 0.88, "variant": 0.82}

# Body-part words behind SymCat names, and the everyday words for them.
BODY_PART_WORDS: dict[str, tuple[str, ...]] = {
    "abdominal": ("abdominal", "abdomen", "abdo", "stomach", "tummy", "belly", "gut"),
    "upper abdominal": ("upper abdominal", "upper abdomen", "upper stomach", "upper tummy",
                        "upper belly", "epigastric"),
    "lower abdominal": ("lower abdominal", "lower abdomen", "lower stomach", "lower tummy",
                        "lower belly", "lower part of tummy", "lower part of stomach",
                        "lower part of belly", "lower part of abdomen", "bottom of tummy"),
    "low back": ("low back", "lower back", "lumbar"),
    "back": ("back", "upper back", "mid back"),
    "hand or finger": ("hand", "finger", "thumb", "palm"),
    "foot or toe": ("foot", "feet", "toe", "heel", "sole"),
    "leg": ("leg", "calf", "thigh", "shin"),
    "arm": ("arm", "upper arm", "forearm"),
    "testicles": ("testicle", "testicles", "testis", "ball"),
    "eye": ("eye",),
    "ear": ("ear",),
    "gums": ("gum",),
    "breast": ("breast", "nipple"),
    "the anus": ("anus", "bum", "back passage"),
}
PAIN_FORMS = ("{x} pain", "pain in {x}", "pain in both {x}", "{x} hurts", "{x} hurt",
              "{x} hurting", "sore {x}", "{x} is sore", "{x} are sore", "{x} ache", "{x} aches",
              "{x} aching", "aching {x}", "painful {x}", "{x} is painful", "{x} is killing me",
              "pain on {x}", "{x} discomfort", "{x} tender", "tender {x}", "{x} is tender")
SWELLING_FORMS = ("{x} swelling", "swollen {x}", "{x} is swollen", "{x} are swollen",
                  "{x} swollen", "swelling of {x}", "swelling in {x}", "{x} is puffy",
                  "puffy {x}", "{x} swelled up", "{x} has swollen", "{x} are puffy",
                  "{x} swelling up", "{x} is swelling", "{x} are swelling", "{x} swelling up",
                  "{x} have swollen", "{x} puffed up", "{x} blew up")
WEAKNESS_FORMS = ("{x} weakness", "weak {x}", "{x} is weak", "{x} feels weak", "weakness in {x}",
                  "{x} are weak")
STIFF_FORMS = ("stiff {x}", "{x} stiffness", "{x} is stiff", "tight {x}", "{x} feels tight",
               "{x} is tight")
CRAMP_FORMS = ("{x} cramp", "{x} cramps", "{x} spasm", "{x} spasms", "cramp in {x}",
               "spasm in {x}")
LUMP_FORMS = ("lump in {x}", "lump on {x}", "{x} lump", "{x} mass", "mass in {x}", "mass on {x}")

_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"^(?P<x>.+) pain$"), PAIN_FORMS),
    (re.compile(r"^pain (?:in|of) (?P<x>.+)$"), PAIN_FORMS),
    (re.compile(r"^(?P<x>.+) swelling$"), SWELLING_FORMS),
    (re.compile(r"^swollen (?P<x>.+)$"), SWELLING_FORMS),
    (re.compile(r"^(?P<x>.+) weakness$"), WEAKNESS_FORMS),
    (re.compile(r"^(?P<x>.+) stiffness or tightness$"), STIFF_FORMS),
    (re.compile(r"^(?P<x>.+) cramps or spasms$"), CRAMP_FORMS),
    (re.compile(r"^(?P<x>.+) (?:lump or mass|mass or lump)$"), LUMP_FORMS),
)
# Prefixes that are not body parts ("sharp chest pain" keeps its own words only).
_NOT_BODY_PART = {"sharp chest", "burning chest", "sharp abdominal", "burning abdominal",
                  "muscle", "joint", "skin", "lower body", "side", "facial", "neck", "rib",
                  "low back", "suprapubic", "pelvic", "groin", "jaw", "penis", "vaginal", "gum",
                  "tongue", "mouth", "bones are"}


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str
    concept_id: str
    origin: str  # name | synonym | lay | variant

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.origin]


def concept_phrases(kb: KnowledgeBase) -> Iterator[Phrase]:
    """Every phrase that names a concept, most specific origin first."""
    for s in kb.symptoms.values():
        yield Phrase(s.name.lower(), s.id, "name")
        for syn in s.synonyms:
            yield Phrase(syn.lower(), s.id, "synonym")
        for lay in s.lay_terms:
            yield Phrase(lay.lower(), s.id, "lay")
        for text in _variants([s.name.lower(), *(x.lower() for x in s.synonyms)]):
            yield Phrase(text, s.id, "variant")


def _variants(names: Iterable[str]) -> Iterator[str]:
    for name in names:
        name = name.replace(",", "")
        for pattern, forms in _PATTERNS:
            m = pattern.match(name)
            if not m:
                continue
            part = m["x"]
            if forms is PAIN_FORMS and part in _NOT_BODY_PART and not name.startswith("pain"):
                words: tuple[str, ...] = (part,)
            else:
                words = _part_words(part)
            for word in words:
                for form in forms:
                    yield form.format(x=word)


def _part_words(part: str) -> tuple[str, ...]:
    if part in BODY_PART_WORDS:
        return BODY_PART_WORDS[part]
    pieces = [p.strip() for p in re.split(r" or | and |, ", part) if p.strip()]
    out: list[str] = []
    for p in pieces:
        out.extend(BODY_PART_WORDS.get(p, (p,)))
    return tuple(out)
