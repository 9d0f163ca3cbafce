"""Modifiers of a finding read from its clause: onset, duration, severity, body site, laterality."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import BODY_PART_WORDS
from .word_regex import compile_word_regex

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90, "a few": 3, "few": 3, "several": 4, "a couple of": 2, "couple of": 2,
    "a couple": 2, "half an": 0.5, "half a": 0.5,
}
UNIT_HOURS = {"min": 1 / 60, "minute": 1 / 60, "hr": 1, "hour": 1, "h": 1, "day": 24, "d": 24,
              "night": 24, "week": 168, "wk": 168, "month": 730, "year": 8760, "yr": 8760}
_NUM = r"(?P<num>\d+(?:\.\d+)?|half an?|a couple of|couple of|a couple|a few|few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)"
_UNIT = r"(?P<unit>min(?:ute)?s?|hrs?|hours?|h|days?|d|nights?|weeks?|wks?|months?|years?|yrs?)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)"
_ROUGHLY = r"(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|(?P<more>over\s+|more than\s+))?"
DURATION_RES = (
    # a day named, then counted ("since Saturday, so 4 days now"): the count, not a guess at the day
    compile_word_regex(rf"\bsince\s+(?:last\s+)?{_WEEKDAY}\s*,?\s*(?:so\s+|that's\s+|thats\s+|which\s+is\s+|making\s+it\s+)"
               rf"{_ROUGHLY}{_NUM}\s*-?\s*{_UNIT}\b"),
    compile_word_regex(rf"\b(?:for|over|in)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|roughly\s+|(?P<more>over\s+|more than\s+)|the\s+(?:past|last)\s+|the\s+)?{_NUM}\s*-?\s*{_UNIT}\b"),
    # "it's been 4 days", "so a week now" (not "she is 6 weeks now", an age)
    compile_word_regex(rf"\b(?:it's|its|it\s+has|has|have|i've|he's|she's|they've)\s+been\s+{_ROUGHLY}{_NUM}\s*-?\s*{_UNIT}\b"),
    compile_word_regex(rf"\b(?:so|that's|thats|been)\s+{_ROUGHLY}{_NUM}\s*-?\s*{_UNIT}\s+now\b"),
    compile_word_regex(rf"\b(?:past|last|previous)\s+{_NUM}\s*{_UNIT}\b"),
    compile_word_regex(rf"\b{_NUM}\s*-?\s*{_UNIT}\s+ago\b"),
    compile_word_regex(rf"\bx\s*{_NUM}\s*{_UNIT}\b"),
    compile_word_regex(rf"\bsince\s+{_NUM}\s*{_UNIT}\b"),
    compile_word_regex(rf"\b{_NUM}\s*-?\s*{_UNIT}(?:\s*'s?|’s?)?\s+(?:history|hx|duration)\b"),
    # "has had 2 days of stinging", "three weeks of a productive cough": the duration said first
    # (not "20 weeks of pregnancy", a gestation)
    compile_word_regex(rf"\b{_NUM}\s*-?\s*{_UNIT}(?:\s*'s?|’s?)?\s+of\b(?!\s+(?:her\s+)?(?:pregnancy|gestation|amenorrho?ea))"),
    compile_word_regex(rf"\b(?:for|over)\s+the\s+(?:past|last)\s+(?P<unit>hour|day|week|month|year|night)\b"),
    # clinical shorthand: "2/7" two days, "4/52" four weeks, "3/12" three months (not "x14/7", a
    # course of treatment; not a blood pressure or a date, which have other numbers)
    compile_word_regex(r"(?<![x/\d])\b(?P<num>\d{1,2})\s*/\s*(?P<unit>7|52|12)\b(?![/\d])"),
)
CLINICAL_UNITS = {"7": "day", "52": "week", "12": "month"}
PLURAL_ONLY = compile_word_regex(r"\bfor\s+(?P<unit>hours|days|weeks|months|years)\b")
PLURAL_HOURS = {"hours": 3, "days": 72, "weeks": 336, "months": 2190, "years": 26280}
SINCE = compile_word_regex(
    r"\bsince\s+(?P<when>this morning|this afternoon|this evening|tonight|today|last night|"
    r"yesterday morning|yesterday afternoon|yesterday evening|yesterday|the weekend|last week|"
    r"last month|monday|tuesday|wednesday|thursday|friday|saturday|sunday|breakfast|lunch|"
    r"dinner|waking up|i woke up|he woke up|she woke up|i got up|birth)\b"
    r"|\b(?P<when2>all day|overnight|all night|this morning|last night|earlier today|today|an hour ago)\b"
)
# Rough hours for "since <time>" (the complaint's clock time is not known).
SINCE_HOURS = {
    "this morning": 6, "this afternoon": 3, "this evening": 2, "tonight": 2, "today": 6,
    "last night": 12, "yesterday morning": 30, "yesterday afternoon": 26,
    "yesterday evening": 20, "yesterday": 24, "the weekend": 72, "last week": 168,
    "last month": 730, "monday": 72, "tuesday": 72, "wednesday": 72, "thursday": 72,
    "friday": 72, "saturday": 72, "sunday": 72, "breakfast": 5, "lunch": 3, "dinner": 2,
    "waking up": 6, "i woke up": 6, "he woke up": 6, "she woke up": 6, "i got up": 6,
    "all day": 10, "overnight": 10, "all night": 10, "earlier today": 4, "today": 6, "an hour ago": 1,
    "birth": None,
}
SCORE_RE = compile_word_regex(r"\b(?P<score>\d{1,2}(?:\.\d)?)\s*(?:/|out of)\s*10\b")

SEVERITY_WORDS: dict[str, str] = {}
for _w in ("mild", "mildly", "slight", "slightly", "minor", "a bit of", "a little", "niggling",
           "faint"):
    SEVERITY_WORDS[_w] = "mild"
for _w in ("moderate", "moderately", "fairly bad", "quite bad"):
    SEVERITY_WORDS[_w] = "moderate"
for _w in ("severe", "severely", "bad", "terrible", "terribly", "awful", "excruciating",
           "unbearable", "intense", "intensely", "crushing", "worst", "agonising", "agonizing",
           "extreme", "extremely", "horrendous", "horrible", "really bad", "very bad",
           "killing me", "in agony", "agony", "massive", "debilitating", "intolerable",
           "heavy", "tearing", "ripping", "crippling", "splitting", "violent"):
    SEVERITY_WORDS[_w] = "severe"
SEVERITY_RE = compile_word_regex(r"\b(" + "|".join(sorted(map(re.escape, SEVERITY_WORDS), key=len,
                                                    reverse=True)) + r")\b")
# severity words that also give a thing's size or weight, when a thing follows them
SIZE_WORDS = frozenset({"massive", "heavy"})
SIZE_OF_THING_RE = compile_word_regex(
    r"\s+(?:[\w-]+\s+)?(?:meal|meals|dinner|lunch|breakfast|tea|curry|chilli|chili|takeaway|kebab|pizza|burger|"
    r"fry-up|fry up|roast|buffet|feast|portion|portions|plate|plateful|bowl|bowlful|night|night out|session|weekend|"
    r"drinking|drinker|smoker|box|boxes|bag|bags|shopping|furniture|sofa|wardrobe|weights?|load|loads|lifting|"
    r"suitcase|case|rucksack|backpack|coat|blanket|duvet|workout|bench\s+press|bench|press|squats?|deadlifts?|"
    r"gym\s+session|training|training\s+session|leg\s+day|rain|rainfall|traffic|snow|"
    r"egg|goose\s*-?\s*egg|bump|lump|bruise)\b")
# a bump or a mark said to look bad ("it looks awful and it's going purple"): how it looks, not how
# severe the injury is
LOOKS_OF_THING_RE = compile_word_regex(
    r"\b(?:it|that|this|(?:the|her|his|my)\s+(?:bump|lump|bruise|egg|swelling|cut|graze|mark|bite|sting))\s+"
    r"(?:looks|looked|look|is\s+looking|was\s+looking)\s+(?:really\s+|so\s+|pretty\s+|quite\s+|a\s+bit\s+)?$")
# a severity word denied just before it ("crampy but not bad", "isn't too severe")
NOT_BEFORE_RE = compile_word_regex(r"\b(?:not|isn't|wasn't|aren't|weren't|never|nothing)\s+(?:that\s+|too\s+|so\s+|very\s+|really\s+|as\s+)?$")
ONSET_WORDS = {
    "sudden": "sudden", "suddenly": "sudden", "abrupt": "sudden", "abruptly": "sudden",
    "all of a sudden": "sudden", "out of the blue": "sudden", "out of nowhere": "sudden",
    "came on fast": "sudden", "thunderclap": "sudden", "instantly": "sudden", "acute": "sudden",
    "acutely": "sudden", "instant": "sudden", "in an instant": "sudden", "within seconds": "sudden",
    "in a split second": "sudden", "like a switch": "sudden", "came on in seconds": "sudden",
    "all at once": "sudden",
    "gradual": "gradual", "gradually": "gradual", "slowly": "gradual",
    "insidious": "gradual", "progressive": "gradual", "progressively": "gradual",
    "creeping": "gradual", "slow onset": "gradual", "over time": "gradual",
}
ONSET_RE = compile_word_regex(r"\b(" + "|".join(sorted(map(re.escape, ONSET_WORDS), key=len,
                                                 reverse=True)) + r")\b")

_SITES = sorted({w for words in BODY_PART_WORDS.values() for w in words} | {
    "head", "chest", "neck", "throat", "jaw", "face", "shoulder", "elbow", "wrist", "hip",
    "knee", "ankle", "groin", "flank", "side", "loin", "pelvis", "eye", "ear", "tooth",
    "teeth", "mouth", "tongue", "lip", "nose", "cheek", "forehead", "temple", "scalp", "skin",
    "armpit", "buttock", "bottom", "spine", "rib", "ribs", "kidney", "bladder", "testicle",
    "scrotum", "penis", "vagina", "breast", "hand", "finger", "arms", "legs", "feet", "toes",
    "hands", "fingers", "eyes", "ears", "shoulders", "knees", "hips", "elbows", "wrists",
    "ankles", "calves", "thighs", "right lower quadrant", "left lower quadrant",
    "right upper quadrant", "left upper quadrant", "lower quadrant", "upper quadrant",
    "iliac fossa", "epigastrium", "upper body", "lower body", "whole body", "all over",
    "temples", "cheeks", "lips",
}, key=len, reverse=True)
# Possessives may sit inside a many-word site ("lower part of my tummy").
_POSSESSIVE = r"(?:(?:my|the|his|her|their|your)\s+)?"
POSSESSIVE_RE = compile_word_regex(r"\b(?:my|the|his|her|their|your)\s+")


def _site_pattern(site: str) -> str:
    words = site.split()
    return words[0] if len(words) == 1 else (r"\s+" + _POSSESSIVE).join(map(re.escape, words))


SITE_RE = compile_word_regex(r"\b(?P<side>left|right|lt|rt|both|bilateral)?[\s-]*(?:sided\s+)?"
                     r"(?P<site>" + "|".join(map(_site_pattern, _SITES)) + r")\b")
SIDE_OF_RE = compile_word_regex(r"\s+of\s+(?:(?:my|the|his|her|their|your)\s+)?(?!body\b)\w")
QUADRANT_RE = compile_word_regex(r"\b(?P<abbr>rlq|ruq|llq|luq|rif|lif)\b")
QUADRANTS = {"rlq": ("right lower quadrant", "right"), "ruq": ("right upper quadrant", "right"),
             "llq": ("left lower quadrant", "left"), "luq": ("left upper quadrant", "left"),
             "rif": ("right iliac fossa", "right"), "lif": ("left iliac fossa", "left")}
SIDE_RE = compile_word_regex(r"\b(?:on\s+(?:the\s+|my\s+|his\s+|her\s+)?(?P<a>left|right)(?:\s+side)?|"
                     r"(?P<b>left|right)[\s-]+sided|(?P<c>both)\s+sides|(?P<d>bilateral)(?:ly)?|"
                     r"(?P<e>one)[\s-]+sided)\b")
SIDE_NAMES = {"left": "left", "lt": "left", "right": "right", "rt": "right", "both": "bilateral",
              "bilateral": "bilateral"}


@dataclass
class Modifiers:
    onset: str = ""
    duration_hours: float | None = None
    severity: str = ""
    severity_score: float | None = None
    body_site: str = ""
    laterality: str = ""
    spans: tuple[tuple[int, int], ...] = ()  # char spans (normalised text) the modifiers used


@dataclass(frozen=True)
class SiteMention:
    site: str
    laterality: str
    start: int
    end: int


# "every spring for the past few years", "every May and June (or May-June) for years", "for years,
# every winter": how long a complaint has kept coming back, not how long this episode has lasted. A
# time of year only: "a cough every night for 3 weeks" has lasted 3 weeks.
_SEASON = (r"(?:spring|summer|autumn|fall|winter|year|christmas|holidays?|january|february|march|april|may|june|"
           r"july|august|september|october|november|december|hay ?fever season|pollen season)")
_RECURS_BEFORE = compile_word_regex(rf"\b(?:every|each)\s+(?:{_SEASON})(?:\s*(?:,|and|or|to|-|–)\s*{_SEASON})*\s+(?:[a-z]+\s+)?$")
_RECURS_AFTER = compile_word_regex(rf"^\s*,?\s*(?:every|each)\s+{_SEASON}\b")


def _recurring(text: str, start: int, end: int) -> bool:
    return bool(_RECURS_BEFORE.search(text[:start]) or _RECURS_AFTER.match(text[end:]))


def read_duration(text: str) -> list[tuple[float | None, int, int]]:
    out: list[tuple[float | None, int, int]] = []
    taken: list[tuple[int, int]] = []
    for regex in DURATION_RES:
        for m in regex.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            unit = CLINICAL_UNITS.get(m["unit"]) or (
                m["unit"].rstrip("s") if m["unit"] not in ("hrs", "yrs", "wks") else m["unit"][:-1])
            if unit.startswith("min"):
                unit = "min"
            num_text = m.groupdict().get("num") or "1"
            num = float(num_text) if num_text[0].isdigit() else NUMBER_WORDS.get(num_text, 1)
            hours = UNIT_HOURS.get(unit)
            if hours is None:
                continue
            # "for over a week" is longer than a week: half a unit more, so it passes a week's limit
            total = (num + 0.5 if m.groupdict().get("more") else num) * hours
            out.append((None if _recurring(text, m.start(), m.end()) else total, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in PLURAL_ONLY.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            out.append((None if _recurring(text, m.start(), m.end()) else PLURAL_HOURS[m["unit"]], m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in SINCE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            when = m["when"] or m["when2"]
            out.append((SINCE_HOURS.get(when), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return out


def read_severity(text: str) -> list[tuple[str, float | None, int, int]]:
    out: list[tuple[str, float | None, int, int]] = []
    for m in SCORE_RE.finditer(text):
        score = float(m["score"])
        if score <= 10:
            level = "severe" if score >= 7 else "moderate" if score >= 4 else "mild"
            out.append((level, score, m.start(), m.end()))
    for m in SEVERITY_RE.finditer(text):
        if m.group(1) in SIZE_WORDS and SIZE_OF_THING_RE.match(text, m.end()):
            continue  # "after a massive bean chilli", "lifting heavy boxes": a size, not a severity
        if LOOKS_OF_THING_RE.search(text, max(0, m.start() - 40), m.start()):
            continue
        if NOT_BEFORE_RE.search(text, max(0, m.start() - 24), m.start()):
            continue
        out.append((SEVERITY_WORDS[m.group(1)], None, m.start(), m.end()))
    return out


def read_onset(text: str) -> list[tuple[str, int, int]]:
    return [(ONSET_WORDS[m.group(1)], m.start(), m.end()) for m in ONSET_RE.finditer(text)]


def read_sites(text: str) -> list[SiteMention]:
    out: list[SiteMention] = []
    for m in QUADRANT_RE.finditer(text):
        site, side = QUADRANTS[m["abbr"]]
        out.append(SiteMention(site, side, m.start(), m.end()))
    for m in SITE_RE.finditer(text):
        site = POSSESSIVE_RE.sub("", m["site"])
        if site == "side" and SIDE_OF_RE.match(text, m.end()):
            continue  # "the outer side of my knee": the knee is the site

        side = SIDE_NAMES.get(m["side"] or "", "")
        if site.startswith(("right ", "left ")):
            side = site.split()[0]
        elif side in ("left", "right") and site in ("lower quadrant", "upper quadrant", "iliac fossa"):
            site = f"{side} {site}"
        out.append(SiteMention(site, side, m.start(), m.end()))
    return out


def read_sides(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in SIDE_RE.finditer(text):
        word = m["a"] or m["b"] or m["c"] or m["d"] or ""
        if m["e"]:
            continue  # "one-sided": a side, but which one is not said
        out.append((SIDE_NAMES[word], m.start(), m.end()))
    return out
