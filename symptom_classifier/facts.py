"""Facts stated in free text: age, sex, pregnancy and vital signs.

Works on the normalised (lower-case) text; returns the character spans it used, so the concept
matcher does not also read "temp 38.5" as the symptom "temperature".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from healthmesh.clinical import PREGNANCY_WEEKS_RANGE, Consciousness, Sex

from .word_regex import compile_word_regex

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "a": 1, "an": 1,
}
_NUMW = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + \
    r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
_SEP = r"\s*(?:of|is|was|at|:|=|-)?\s*(?:of\s+|is\s+|was\s+|around\s+|about\s+)?"

AGE_RES = (
    # "48-year-old", "48 year old", "a 3 month old", "2-week-old", "58 yrs old"
    compile_word_regex(rf"\b(?P<n>{_NUMW})[\s-]*(?P<u>years?|yrs?|y|months?|mths?|mos?|weeks?|wks?|days?)[\s-]*old\b"),
    # "58 yo", "58yo", "58 y/o", "58 y.o."
    compile_word_regex(r"\b(?P<n>\d{1,3})\s*(?P<u>yo|y/o|y\.o\.?|yr|yrs)(?![\w/])(?!\s+(?:ago|history|of|hx))"),
    # "aged 58", "age 58", "age: 58"
    compile_word_regex(r"\bage(?:d)?\s*[:=]?\s*(?P<n>\d{1,3})\b"),
    # "58M", "58 F", "58-year male" style shorthand
    compile_word_regex(r"(?<![\w/.])(?P<n>\d{1,3})\s?(?P<sx>m|f)\b(?![/.]\w)"),
)
NOT_AN_AGE_BEFORE = compile_word_regex(r"\b(?:for|past|last|over|since|x|about|after|in)\s*$")

SEX_WORDS = {
    "woman": Sex.FEMALE, "female": Sex.FEMALE, "lady": Sex.FEMALE, "girl": Sex.FEMALE,
    "daughter": Sex.FEMALE, "women": Sex.FEMALE, "mrs": Sex.FEMALE, "ms": Sex.FEMALE,
    "man": Sex.MALE, "male": Sex.MALE, "gentleman": Sex.MALE, "gent": Sex.MALE, "boy": Sex.MALE,
    "son": Sex.MALE, "guy": Sex.MALE, "mr": Sex.MALE, "men": Sex.MALE,
}
SEX_RE = compile_word_regex(r"\b(" + "|".join(SEX_WORDS) + r")\b")
PRONOUN_RE = compile_word_regex(r"\b(he|him|his|himself|she|her|hers|herself)\b")
FAMILY_CONTEXT = compile_word_regex(r"(?:mother|father|mum|mom|dad|sister|brother|aunt|uncle|grand\w+|"
                            r"family|wife|husband)\W*(?:\w+\W+){0,3}$")

_MONTHS = r"(?P<months>[1-9]|one|two|three|four|five|six|seven|eight|nine)"
# "32 weeks pregnant", "32 weeks' gestation", "32+4 weeks of pregnancy", "30 weeks along",
# "pregnant at 32 weeks", "pregnant (30 weeks)", "7 months pregnant"; the first alternatives that
# carry the weeks come before the bare words, so the weeks are read where they are written.
PREGNANT_RE = compile_word_regex(
    r"\b(?:(?P<weeks>\d{1,2})(?:\s*\+\s*\d)?\s*(?:weeks?|wks?)'?\s*(?:of\s+)?"
    r"(?:pregnant|pregnancy|gestation|pg|along)|"
    r"pregnant\s*[(,-]?\s*(?:at\s+|about\s+|around\s+)?(?P<weeks2>\d{1,2})(?:\s*\+\s*\d)?\s*(?:weeks?|wks?)|"
    rf"{_MONTHS}\s*months?\s*(?:pregnant|along|gone)|"
    r"pregnant|pregnancy|expecting a baby|with child|gravid|antenatal|primigravida|multigravida)\b"
    # a maternity note's gestation ("G1 10/40", "28+3/40"): weeks over the 40 of a pregnancy
    r"|(?<![\d/.])\b(?P<weeks3>[1-3]?\d|4[0-2])(?:\s*\+\s*\d)?\s*/\s*40\b(?![\d/])")
MAX_PREGNANCY_WEEKS = PREGNANCY_WEEKS_RANGE[1]  # beyond this a number is not a gestation
NOT_PREGNANT_RE = compile_word_regex(
    r"\b(?:not|isn't|never been|no chance of being|can't be|cannot be)\s+(?:currently\s+)?"
    r"pregnan\w*|\bnegative\s+(?:home\s+|urine\s+)?pregnancy\s+tests?|\bpregnancy\s+tests?\b[^.;?]{0,30}?\bnegative\b|"
    r"\b(?:no|zero)\s+(?:chance|way|possibility)\s+(?:that\s+)?(?:i'm|i\s+am|im|she's|she\s+is|shes|i\s+could\s+be|"
    r"she\s+could\s+be|of\s+being)\s+pregnan\w*")
# A pregnancy test is a pregnancy only when it was positive ("did a pregnancy test anyway", "should
# I do a pregnancy test?" say nothing either way)
PREGNANCY_TEST_RE = compile_word_regex(r"\s+tests?\b")
POSITIVE_TEST_RE = compile_word_regex(r"\bpositive\s+(?:home\s+|urine\s+)?pregnancy\s+tests?\b|\bpregnancy\s+tests?\b[^.;?]{0,30}?\bpositive\b")
MAYBE_PREGNANT_RE = compile_word_regex(
    r"\b(?:might|may|could)\s+be\s+pregnant|\bpossibly pregnant|\bmaybe pregnant|\bmissed (?:my |her )?period")

# A temperature said by its number, then its unit or where it was taken ("35.9 under the arm", "38.2 C").
_TEMP_UNIT = r"(?:°\s*c?\b|degrees?(?:\s*c)?\b|c\b)"
_TEMP_SITE = r"(?:under (?:the|her|his|my|their) arm|in (?:the|her|his|my|their) ear|axillary|tympanic|orally|by mouth)"
TEMP_BARE_RE = compile_word_regex(rf"\b(?P<v>3[4-9]\.\d|4[0-2]\.\d)\s*(?:{_TEMP_UNIT}\s*)?(?:{_TEMP_SITE}|°|degrees|c\b)")
TEMP_RE = compile_word_regex(
    rf"\b(?:temperature|temp|t|tmax|fever|febrile|pyrexia|pyrexial)(?:'s)?\b{_SEP}(?P<v>\d{{2,3}}(?:\.\d+)?)\s*(?:°|degrees?|deg)?\s*(?P<u>c|f|celsius|fahrenheit)?\b"
    r"|(?P<v2>\d{2,3}(?:\.\d+)?)\s*(?:°\s*|degrees?\s*)(?P<u2>c|f|celsius|fahrenheit)?\b"
    r"|(?P<v3>\d{2}(?:\.\d+)?)\s*(?P<u3>c)\b"
    # the number after a comma ("checked her temperature, 37.6"): a body temperature's range only
    r"|\b(?:temperature|temp)\s*,\s*(?P<v5>3[4-9]\.\d|4[0-2]\.\d)\b"
    # ... or its highest right after it ("temperature up to 37.9"); a duration between them ("a
    # temperature for 6 days, up to 39.5") leaves the fever with its duration
    r"|\b(?:temperature|temp)\s+(?:has\s+been\s+|was\s+|is\s+|went\s+)?(?:up\s+to|reached|hit|peaked\s+at)\s+"
    r"(?P<v6>3[4-9](?:\.\d)?|4[0-2](?:\.\d)?)\b"
    # a thermometer's reading said a few words on ("checked with the ear thermometer and it's 38.3",
    # "the thermometer says 38.9"): only a body temperature's range, so no other number is taken
    r"|\b(?:thermometer|temperature|temp)\b[^.;]{0,40}?\b(?:says|said|reads|read|reading|showed|shows|is|was|it's|its|"
    r"it\s+was|it\s+is|came\s+up|came\s+out|at|of)\s+(?:about\s+|around\s+|nearly\s+|over\s+)?"
    r"(?P<v4>3[4-9](?:\.\d)?|4[0-2](?:\.\d)?)\b(?!\s*(?:/|%|years?|yrs?|weeks?|days?|hours?|mins?|minutes?|kg|bpm))")
HR_RE = compile_word_regex(
    rf"\b(?:hr|heart rate|heartrate|pulse rate|pulse|p|hrate)\b{_SEP}(?P<v>\d{{2,3}})\b(?:\s*(?:bpm|beats))?"
    r"|\b(?P<v2>\d{2,3})\s*(?:bpm|beats per minute|beats a minute)\b")
BP_RE = compile_word_regex(
    rf"\b(?:bp|blood pressure|b/p|nibp|(?:monitor|machine) (?:says|said|reads|read|shows|showed))\b{_SEP}"
    r"(?P<s>\d{2,3})\s*/\s*(?P<d>\d{2,3})"
    r"|\b(?P<s2>\d{2,3})\s*/\s*(?P<d2>\d{2,3})\s*(?:mm\s*hg|mmhg)")
SYSTOLIC_RE = compile_word_regex(rf"\b(?:systolic|sbp)(?:\s+bp)?\b{_SEP}(?P<s>\d{{2,3}})")
RR_RE = compile_word_regex(
    rf"\b(?:rr|resp(?:iratory)? rate|resps|respirations|respiration rate|breathing rate|rresp)\b{_SEP}(?P<v>\d{{1,2}})\b"
    r"|\b(?P<v2>\d{1,2})\s*(?:breaths per minute|breaths a minute|breaths/min|/min breaths)")
SPO2_RE = compile_word_regex(
    rf"\b(?:spo2|sp02|sao2|o2 sats?|o2 saturation|oxygen saturation|oxygen sats?|saturations?|sats?|oxygen level|o2 level|o2|pulse ox|pulse oximetry)\b"
    r"(?:\s+(?:at\s+home|on\s+(?:my|the|his|her|our)\s+(?:\w+\s+)?(?:machine|monitor|oximeter|meter|probe|finger\s+thing)))?"
    rf"{_SEP}(?P<v>\d{{2,3}})\s*%?(?:\s*on\s+(?:room air|ra|air)\b)?"
    r"|\b(?P<v2>\d{2,3})\s*%\s*(?:on\s+(?:room air|ra|air)\b|(?=on\s+(?:\d+\s*l|oxygen|o2))|sats?|spo2|o2)")
ON_OXYGEN_RE = compile_word_regex(
    r"\bon\s+(?:\d+(?:\.\d+)?\s*(?:l|litres?|liters?|lpm)\b(?:\s*(?:/\s*min\s*)?(?:of\s+)?(?:oxygen|o2|nc|via nasal cannula)\b)?|oxygen|o2|supplemental oxygen|"
    r"home oxygen|nasal cannula|a non-?rebreather|high[- ]flow)|\b\d+\s*l\s*(?:o2|oxygen|nc)\b|"
    r"\bnasal cannula\b|\bnon-?rebreather\b")
# a saturation said to be the person's usual ("sats 92 which is about normal for me", "91, my
# baseline"): someone who lives at 88-92% is who NEWS2's SpO2 scale 2 is for (RCP 2017)
USUAL_SPO2_AFTER_RE = compile_word_regex(
    r"^\s*%?\s*(?:,|-|\()?\s*(?:which|that|it|this)?\s*(?:is|'s|was)?\s*(?:about|around|roughly|pretty\s+much|just|near|close\s+to)?\s*"
    r"(?:my|his|her|their)?\s*(?:normal|usual|baseline)\b(?:\s+(?:for|with)\s+(?:me|him|her|them))?")
SCALE2_TARGET = (88.0, 92.0)
ROOM_AIR_RE = compile_word_regex(r"\b(?:on\s+)?(?:room air|ra)\b")
GCS_RE = compile_word_regex(r"\bgcs\s*(?:of|is|was|:|=)?\s*(?P<v>\d{1,2})(?:\s*/\s*15)?\b")
AVPU_RES: tuple[tuple[re.Pattern[str], Consciousness], ...] = (
    (compile_word_regex(r"\b(?:unresponsive|unconscious|unrousable|not responding|no response|"
                r"won't wake up|will not wake up|can't wake (?:him|her|them)|comatose|"
                r"responds to nothing|not waking up)\b"), Consciousness.UNRESPONSIVE),
    (compile_word_regex(r"\b(?:responds|responding|responsive) (?:only )?to pain\b|\bpain responsive\b"),
     Consciousness.PAIN),
    (compile_word_regex(r"\b(?:responds|responding|responsive) (?:only )?to (?:voice|verbal)\b|"
                r"\bvoice responsive\b"), Consciousness.VOICE),
    (compile_word_regex(r"\b(?:confused|confusion|disorientated|disoriented|delirious|delirium|"
                r"new confusion|acutely confused|not making sense|talking nonsense|"
                r"altered mental status|ams)\b"), Consciousness.CONFUSION),
    (compile_word_regex(r"\b(?:alert and oriented|alert and orientated|a&o|a\s*&\s*ox?\s*\d|"
                r"alert|fully conscious|gcs 15)\b"), Consciousness.ALERT),
)
NEGATION_BEFORE = compile_word_regex(r"(?:\bno|\bnot|\bn't|\bdenies|\bwithout|\bnever)\W+(?:\w+\W+){0,2}$")


@dataclass
class Facts:
    age_years: float | None = None
    sex: Sex = Sex.UNSPECIFIED
    pregnant: bool | None = None
    pregnancy_weeks: int | None = None
    heart_rate: float | None = None
    respiratory_rate: float | None = None
    systolic_bp: float | None = None
    diastolic_bp: float | None = None
    temperature_c: float | None = None
    temperature_span: tuple[int, int] | None = None
    spo2: float | None = None
    spo2_scale2: bool = False  # the reading is said to be the person's usual, within 88-92%
    supplemental_oxygen: bool = False
    consciousness: Consciousness = Consciousness.UNSPECIFIED
    spans: list[tuple[int, int]] = field(default_factory=list)  # claimed char spans


def read_facts(text: str) -> Facts:
    facts = Facts()
    _read_vitals(text, facts)
    _read_age(text, facts)
    _read_sex(text, facts)
    _read_pregnancy(text, facts)
    _read_consciousness(text, facts)
    return facts


def _free(facts: Facts, start: int, end: int) -> bool:
    return not any(a < end and start < b for a, b in facts.spans)


def _claim(facts: Facts, m: re.Match[str]) -> None:
    facts.spans.append((m.start(), m.end()))


def _read_vitals(text: str, facts: Facts) -> None:
    for m in BP_RE.finditer(text):
        s, d = float(m["s"] or m["s2"]), float(m["d"] or m["d2"])
        if 40 <= s <= 300 and 20 <= d <= 200 and facts.systolic_bp is None:
            facts.systolic_bp, facts.diastolic_bp = s, d
            _claim(facts, m)
    for m in SYSTOLIC_RE.finditer(text):
        if facts.systolic_bp is None and _free(facts, m.start(), m.end()):
            facts.systolic_bp = float(m["s"])
            _claim(facts, m)
    for m in SPO2_RE.finditer(text):
        v = float(m["v"] or m["v2"])
        if 40 <= v <= 100 and facts.spo2 is None and _free(facts, m.start(), m.end()):
            facts.spo2 = v
            _claim(facts, m)
            facts.spo2_scale2 = (SCALE2_TARGET[0] <= v <= SCALE2_TARGET[1]
                                 and USUAL_SPO2_AFTER_RE.match(text[m.end():m.end() + 40]) is not None)
            tail = text[m.end():m.end() + 30]
            if ON_OXYGEN_RE.search(tail) and not ROOM_AIR_RE.match(tail.strip()):
                facts.supplemental_oxygen = True
    for m in ON_OXYGEN_RE.finditer(text):
        if not NEGATION_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            facts.supplemental_oxygen = True
            if _free(facts, m.start(), m.end()):
                _claim(facts, m)
    for m in RR_RE.finditer(text):
        v = float(m["v"] or m["v2"])
        if 4 <= v <= 80 and facts.respiratory_rate is None and _free(facts, m.start(), m.end()):
            facts.respiratory_rate = v
            _claim(facts, m)
    for m in HR_RE.finditer(text):
        v = float(m["v"] or m["v2"])
        if 20 <= v <= 250 and facts.heart_rate is None and _free(facts, m.start(), m.end()):
            facts.heart_rate = v
            _claim(facts, m)
    said = list(TEMP_RE.finditer(text))
    if not said:
        for m in TEMP_BARE_RE.finditer(text):
            if _free(facts, m.start(), m.end()):
                facts.temperature_c = float(m["v"])
                facts.temperature_span = (m.start(), m.end())
                _claim(facts, m)
                break
    for m in said:
        raw = m["v"] or m["v2"] or m["v3"] or m["v4"] or m["v5"] or m["v6"]
        unit = (m["u"] or m["u2"] or m["u3"] or "").lower()
        if not _free(facts, m.start(), m.end()):
            continue
        v = float(raw)
        if unit.startswith("f") or (not unit and 90 <= v <= 110):
            v = round((v - 32) * 5 / 9, 1)
        if 30 <= v <= 45 and facts.temperature_c is None:
            facts.temperature_c = v
            facts.temperature_span = (m.start(), m.end())
            _claim(facts, m)


def _read_age(text: str, facts: Facts) -> None:
    for regex in AGE_RES:
        for m in regex.finditer(text):
            if not _free(facts, m.start(), m.end()):
                continue
            if regex is not AGE_RES[0] and NOT_AN_AGE_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
                continue
            n = _number(m["n"])
            if n is None:
                continue
            unit = (m.groupdict().get("u") or "y").lower()
            if unit.startswith(("mo", "mth")):
                n = n / 12
            elif unit.startswith("w"):
                n = n / 52
            elif unit.startswith("d"):
                n = n / 365
            if not 0 <= n <= 120:
                continue
            facts.age_years = round(n, 3)
            _claim(facts, m)
            sx = m.groupdict().get("sx")
            if sx and facts.sex == Sex.UNSPECIFIED:
                facts.sex = Sex.MALE if sx == "m" else Sex.FEMALE
            return


def _number(text: str) -> float | None:
    if text[0].isdigit():
        return float(text)
    parts = re.split(r"[\s-]", text)
    total = 0
    for p in parts:
        if p not in _NUMBER_WORDS:
            return None
        total += _NUMBER_WORDS[p]
    return float(total)


def _read_sex(text: str, facts: Facts) -> None:
    if facts.sex != Sex.UNSPECIFIED:
        return
    for m in SEX_RE.finditer(text):
        if FAMILY_CONTEXT.search(text[max(0, m.start() - 40):m.start()]):
            continue
        facts.sex = SEX_WORDS[m.group(1)]
        return
    votes = {Sex.MALE: 0, Sex.FEMALE: 0}
    for m in PRONOUN_RE.finditer(text):
        votes[Sex.MALE if m.group(1).startswith(("he", "him", "his")) else Sex.FEMALE] += 1
    if votes[Sex.MALE] != votes[Sex.FEMALE]:
        facts.sex = max(votes, key=votes.__getitem__)


def _read_pregnancy(text: str, facts: Facts) -> None:
    if NOT_PREGNANT_RE.search(text):
        facts.pregnant = False
        return
    if MAYBE_PREGNANT_RE.search(text):
        return
    positive_test = POSITIVE_TEST_RE.search(text)
    m = next((m for m in PREGNANT_RE.finditer(text)
              if (positive_test or not (m.group() == "pregnancy" and PREGNANCY_TEST_RE.match(text, m.end())))
              and not (m["weeks3"] and not _free(facts, m.start(), m.end()))), None)  # "bp 40/40" is no gestation
    if m and not NEGATION_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
        if FAMILY_CONTEXT.search(text[max(0, m.start() - 40):m.start()]):
            return
        facts.pregnant = True
        weeks = _pregnancy_weeks(m)
        if weeks is not None:
            facts.pregnancy_weeks = weeks
            _claim(facts, m)
        if facts.sex == Sex.UNSPECIFIED:
            facts.sex = Sex.FEMALE


def _pregnancy_weeks(m: re.Match[str]) -> int | None:
    """Completed weeks from a PREGNANT_RE match; months count as 40/9 weeks each (NHS: a pregnancy
    is about 40 weeks, 9 months), rounded down."""
    if m["weeks"] or m["weeks2"] or m["weeks3"]:
        weeks = int(m["weeks"] or m["weeks2"] or m["weeks3"])
    elif m["months"]:
        weeks = int(_number(m["months"]) * 40 / 9)
    else:
        return None
    return weeks if weeks <= MAX_PREGNANCY_WEEKS else None


def _read_consciousness(text: str, facts: Facts) -> None:
    m = GCS_RE.search(text)
    if m:
        gcs = int(m["v"])
        _claim(facts, m)
        if 3 <= gcs <= 15:
            facts.consciousness = (
                Consciousness.ALERT if gcs == 15 else Consciousness.CONFUSION if gcs == 14
                else Consciousness.VOICE if gcs >= 9 else Consciousness.PAIN if gcs >= 4
                else Consciousness.UNRESPONSIVE
            )
            return
    for regex, level in AVPU_RES:
        for m in regex.finditer(text):
            if NEGATION_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                continue
            facts.consciousness = level
            return
