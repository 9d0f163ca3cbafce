"""The phrase lexicon the lexical matcher searches: every concept's name, synonyms and lay terms,
plus everyday variants generated from body-part names ("knee pain" -> "my knee hurts")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from knowledge.kb import KnowledgeBase

from .word_regex import compile_word_regex

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
    (compile_word_regex(r"^(?P<x>.+) pain$"), PAIN_FORMS),
    (compile_word_regex(r"^pain (?:in|of) (?P<x>.+)$"), PAIN_FORMS),
    (compile_word_regex(r"^(?P<x>.+) swelling$"), SWELLING_FORMS),
    (compile_word_regex(r"^swollen (?P<x>.+)$"), SWELLING_FORMS),
    (compile_word_regex(r"^(?P<x>.+) weakness$"), WEAKNESS_FORMS),
    (compile_word_regex(r"^(?P<x>.+) stiffness or tightness$"), STIFF_FORMS),
    (compile_word_regex(r"^(?P<x>.+) cramps or spasms$"), CRAMP_FORMS),
    (compile_word_regex(r"^(?P<x>.+) (?:lump or mass|mass or lump)$"), LUMP_FORMS),
)
# Prefixes that are not body parts ("sharp chest pain" keeps its own words only).
_NOT_BODY_PART = {"sharp chest", "burning chest", "sharp abdominal", "burning abdominal",
                  "muscle", "joint", "skin", "lower body", "side", "facial", "neck", "rib",
                  "low back", "suprapubic", "pelvic", "groin", "jaw", "penis", "vaginal", "gum",
                  "tongue", "mouth", "bones are"}


# Everyday wordings generated from a few word lists, for concepts whose lay terms vary in one slot
# (a colour, a body part, a cause). Each entry: concept id -> phrases. A wording that names the
# finding only with its cause or place is read as that finding, not as the look-alike its words
# share: a chest made sore by coughing is cough strain, not cardiac chest pain; a tingling spot on
# one lip is a cold sore starting, not pins and needles; dry skin on a limb is not limb pain;
# yellowish phlegm is sputum, not jaundice; a pain at the bottom of the back is low back pain, not
# a pain in the bottom.
# Kept small: every phrase is also embedded, and a crowd of near-identical phrases would pull the
# encoder's reading of unrelated words towards their concept.
_COUGH_SITES = ("chest", "ribs")
_COUGH_STATES = ("sore", "is sore", "feels sore", "a bit sore", "a little sore", "feels a bit sore",
                 "is a bit sore", "are sore", "hurts", "hurt", "aches", "ache", "is aching", "are aching", "achy",
                 "tender")
_COUGH_CAUSES = ("from coughing", "from all the coughing", "with all the coughing", "from coughing so much")
# ... and a chest that hurts only on coughing, as a clinician writes it (NHS chest infection: chest
# pain or discomfort beside a chesty cough); pain on breathing in stays `hurts-to-breath`
_COUGH_ONLY = ("on coughing", "when coughing", "with coughing", "when he coughs", "when she coughs", "when i cough")
# (a chest that "hurts" or has "pain" when coughing may be pleuritic: it stays chest pain)
_COUGH_ONLY_PAINS = ("chest discomfort", "chest soreness", "chest wall pain", "discomfort in the chest")
_LIP_SITES = ("lip", "top lip", "upper lip", "bottom lip", "lower lip")
_LIP_PRODROME = ("tingling on {x}", "tingly on {x}", "tingling spot on {x}", "tingly spot on {x}",
                 "tingly burning spot on {x}", "burning spot on {x}", "blisters on {x}",
                 "cluster of blisters on {x}", "tingling feeling on {x}", "tingling on the edge of {x}",
                 "tingling feeling on the edge of {x}", "tingling at the corner of {x}", "tingling at the edge of {x}",
                 "tingling on the corner of {x}", "burning at the corner of {x}",
                 "tingling and burning at the corner of {x}", "burning and tingling at the corner of {x}",
                 "tingling and burning on {x}", "itching at the corner of {x}")
_DRY_PARTS = ("shins", "legs", "arms", "hands", "feet", "elbows", "heels", "face")
_DRY_FORMS = ("dry {x}", "{x} are dry", "{x} is dry", "{x} have gone dry", "{x} go dry", "{x} goes dry",
              "{x} are dry and flaky", "{x} have gone dry and flaky", "{x} are flaky", "flaky {x}",
              "skin on {x} is dry", "skin on {x} goes dry")
_SPUTUM_COLOURS = ("yellow", "yellowish", "yellowy", "green", "greenish", "greeny", "yellow-green",
                   "yellowish-green", "yellowy-green", "greeny-yellow", "brown", "brownish", "rusty")
# "stuff" only after a lead that says it was brought up ("bringing up thick green stuff"): "green
# stuff" alone may be vomit
_SPUTUM_NOUNS = ("phlegm", "sputum", "mucus")
_SPUTUM_LEADS = ("", "bringing up ", "bringing up some ", "some ")
_DISCHARGE_LOOKS = ("thick", "thick white", "white", "creamy")
_DISCHARGE_FORMS = ("{a} discharge like cottage cheese", "{a} cottage cheese discharge",
                    "{a} cottage-cheese discharge", "{a} cottage-cheesy discharge", "{a} cottage cheesy discharge",
                    "{a} cottage cheese type discharge", "{a} cottage cheese like discharge")
_LOW_BACK_SITES = ("bottom of my back", "base of my back", "small of my back")
_LOW_BACK_FORMS = ("pain in {x}", "pain at {x}", "pain across {x}", "{x} hurts", "{x} aches", "ache in {x}",
                   "ache across {x}", "aching across {x}", "aching in {x}", "sore {x}", "{x} is sore",
                   "{x} is aching")
# Gunk in a baby's (or anyone's) eye said with its colour and where it sits: eye discharge, not the
# yellow of jaundice, which is the white of the eye or the skin turning yellow. Kept to a few.
_EYE_GUNK_LOOKS = ("yellow", "yellowy", "green", "white")
_EYE_GUNK_NOUNS = ("gunk", "goo", "crust")
_EYE_GUNK_PLACES = ("in the corner of my eye", "in the corner of one eye")
# ... and said by the lashes it glues together ("yellow sticky discharge gluing her lashes together"),
# which the encoder reads as a vaginal discharge
_LASH_GLUE_LEADS = ("", "discharge ", "sticky discharge ", "yellow sticky discharge ", "yellow discharge ",
                    "green discharge ", "sticky yellow discharge ")
_LASH_GLUE_FORMS = ("{lead}gluing the lashes together", "{lead}glueing the lashes together",
                    "{lead}sticking the lashes together", "{lead}gluing the eyelashes together")
# Cramps placed in the tummy and said with the days of a period are period pain, not a lower
# tummy pain of their own (which a severity word would make a red flag).
_PERIOD_PAINS = ("cramps", "pains")
_PERIOD_PLACES = ("", "low in my tummy ", "in my lower tummy ", "low down in my tummy ", "in my tummy ")
_PERIOD_TIMES = ("the first day of", "the first two days of", "the first few days of", "at the start of",
                 "during", "before", "on the first day of", "on the first two days of", "on the first few days of")
# White, soggy or cracked skin between the toes (athlete's foot), not the white of poor circulation.
_TOE_WEBS = ("toes", "little toes")
_TOE_SKIN_LOOKS = ("white", "soggy", "cracked", "white and soggy", "soggy and white", "cracking", "split")
# Drinks or food not kept down is vomiting ("keeping fluids down" alone is reassurance:
# symptom_classifier/matcher.py NOT_FINDINGS, which these contain whole).
_NOT_KEPT = ("not keeping", "isn't keeping", "is not keeping", "not been keeping", "unable to keep",
             "struggling to keep", "couldn't keep")
_KEPT_DOWN = ("fluids", "drinks", "water", "anything", "food", "feeds", "milk")
GENERATED_LAY_TERMS: dict[str, tuple[str, ...]] = {
    "vomiting": tuple(f"{neg} {x} down" for neg in _NOT_KEPT for x in _KEPT_DOWN),
    "eye-discharge": tuple(f"{a} {n} {w}" for a in _EYE_GUNK_LOOKS for n in _EYE_GUNK_NOUNS for w in _EYE_GUNK_PLACES)
    + tuple(f.format(lead=lead) for lead in _LASH_GLUE_LEADS for f in _LASH_GLUE_FORMS),
    "chest-soreness-from-coughing": tuple(
        [f"{s} {v} {c}" for s in _COUGH_SITES for v in _COUGH_STATES for c in _COUGH_CAUSES]
        + [f"{a} {s} {c}" for a in ("sore", "aching") for s in ("chest", "ribs") for c in _COUGH_CAUSES]
        + [f"chest soreness {c}" for c in _COUGH_CAUSES]
        + [f"{p} {c}" for p in _COUGH_ONLY_PAINS for c in _COUGH_ONLY]),
    "lip-sore": tuple(f.format(x=x) for x in _LIP_SITES for f in _LIP_PRODROME),
    "skin-dryness-peeling-scaliness-or-roughness": tuple(f.format(x=x) for x in _DRY_PARTS for f in _DRY_FORMS),
    "athletes-foot": tuple(form for t in _TOE_WEBS for a in _TOE_SKIN_LOOKS
                           for form in (f"skin between my {t} is {a}", f"{a} skin between my {t}",
                                        f"skin between my {t} has gone {a}")),
    "painful-menstruation": tuple(f"{c} {place}{when} my period" for c in _PERIOD_PAINS for place in _PERIOD_PLACES
                                  for when in _PERIOD_TIMES),
    "coughing-up-sputum": tuple(f"{lead}{c} {n}" for lead in _SPUTUM_LEADS for c in _SPUTUM_COLOURS
                                for n in _SPUTUM_NOUNS)
    + tuple(f"{lead}{thick}{c} stuff" for lead in ("bringing up ", "coughing up ", "cough bringing up ")
            for thick in ("", "thick ") for c in _SPUTUM_COLOURS),
    "vaginal-discharge": tuple(f.format(a=a) for a in _DISCHARGE_LOOKS for f in _DISCHARGE_FORMS)
                         + ("discharge like cottage cheese", "cottage cheese type discharge"),
    "low-back-pain": tuple(f.format(x=x) for x in _LOW_BACK_SITES for f in _LOW_BACK_FORMS),
}
# Said of a boy or man, "down below" and "down there" name the genitals: the concepts those words
# read as for a woman, and what they are for a male.
DOWN_BELOW_WORDS = compile_word_regex(r"\bdown\s+(?:below|there)\b")
MALE_DOWN_BELOW = {"pelvic-pain": "genital-pain", "pain": "genital-pain", "vaginal-pain": "genital-pain",
                   "vaginal-itching": "itching-of-scrotum", "vaginal-discharge": "penile-discharge",
                   "lower-body-pain": "genital-pain"}
# "He's been sick and it's bright green": a sentence that has vomiting and calls something green,
# with no other green thing in it (phlegm, snot, poo, an eye's discharge) and no "not green", is
# vomiting bile (a bowel obstruction's sign), which the words for the colour alone do not say.
GREEN_WORDS = compile_word_regex(r"\bgreen(?:ish)?\b")
OTHER_GREEN_THINGS = compile_word_regex(
    r"\b(?:phlegm|snot|snotty|mucus|sputum|bogeys?|bogies|nose|nasal|poo+s?|poop|stools?|nappy|nappies|diapers?|"
    r"diarrh\w*|discharge|eyes?|wee|urine|pee|spit|tongue|skin)\b|\b(?:not|n't|no)\s+(?:\w+\s+)?green")
# "Cough for 10 days now bringing up green stuff": "bringing up" is said of a cough's phlegm as
# often as of vomit (NHS: chest infection, coughing up yellow or green mucus). Green matter "brought
# up" in a complaint that names a cough, and no vomiting, no feeds and no baby-sick anywhere, is
# sputum. The unambiguous words for vomit ("throwing up green", "green vomit", "sick is green")
# keep their reading.
BROUGHT_UP_WORDS = compile_word_regex(r"^(?:bringing|bring|brings|brought)\s+up\b")
COUGH_WORDS = compile_word_regex(r"\bcough\w*|\bchesty\b|\bphlegm\b|\bmucus\b|\bsputum\b")
VOMIT_WORDS = compile_word_regex(r"\b(?:vomit\w*|sick|puk\w*|throw\w*\s+up|threw\s+up|spew\w*|retch\w*|feeds?|feeding|milk|"
                         r"possets?|posseting)\b")
# "Bled quite a lot at first but it stopped after pressing on it": bleeding the text says has
# stopped is not the ongoing severe bleeding that needs an ambulance (NHS: cuts and grazes, go to
# A&E when bleeding does not stop after pressing on it for 10 minutes). A sentence that says it
# stopped, and not that it has not, has started again or is still going, puts it in the past.
BLEEDING_STOPPED_AFTER = compile_word_regex(
    r"^[^.;!?]{0,12}?(?:,|\bbut\b|\bthen\b|\band\b|\bnow\b|\bwhich\b)[^.;!?,]{0,24}?"
    r"\b(?:stopped|settled|eased\s+off|dried\s+up)\b(?!\s+(?:breathing|responding|moving|talking|making))")
BLEEDING_GOING_ON = compile_word_regex(
    r"(?:\bnot|n't|\bnever|\bwon'?t|\bwont|\bcan'?t|\bcant|\bcannot)\s+(?:\w+\s+){0,2}(?:stopp?\w*|stops?|settle\w*|ease\w*)\b|"
    r"\bagain\b|\bstill\b|\bstarted\b|\bkeeps?\b|\bwill\s+not\b|\bpouring\b|\bgushing\b|\bspurting\b")

# Exposures and known conditions whose words are always about the past ("I was travelling in Kenya a
# month ago", "had an operation 10 days ago", "the GP said my aorta was wide a few years ago"): the
# past is what they say, so a history reading never puts them out of date.
PAST_EXPOSURES = frozenset({"travel-to-malaria-area", "travel-to-dengue-area", "clot-risk-setting", "viral-haemorrhagic-fever-contact",
                            "cancer-history", "known-aortic-aneurysm", "previous-ectopic-pregnancy"})

# "Three episodes of severe pain after fatty meals ... currently pain-free": a pain the complaint
# says is gone now was severe in an attack, not now (biliary colic between attacks: a GP, not the
# emergency department). Present tense only: "was pain-free until this morning" does not count.
PAIN_GONE_NOW = compile_word_regex(
    r"\b(?:currently|now|presently|at present|at the moment|today|this morning|since then|between (?:attacks|episodes))"
    r"\s+(?:(?:she|he|i|they)(?:'s|'m| is| am| are)?\s+|(?:is|am|are)\s+)?(?:completely\s+|totally\s+)?pain\s*-?\s*free\b|"
    r"\b(?:is|am|are|'s|'m)\s+(?:now\s+|currently\s+|completely\s+|totally\s+)?pain\s*-?\s*free\b(?!\s+(?:until|till|til)\b)|"
    r"\bpain\s*-?\s*free\s+(?:now|currently|at present|at the moment|between (?:attacks|episodes))\b")

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
    for concept_id, texts in GENERATED_LAY_TERMS.items():
        if concept_id in kb.symptoms:
            for text in texts:
                yield Phrase(text, concept_id, "lay")


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
