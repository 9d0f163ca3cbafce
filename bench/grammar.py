"""Request bodies for the benchmarks: many distinct complaints from a small phrase grammar.

A complaint is an opener, two to four symptom clauses (each with an optional modifier and
onset), an optional negated symptom and an optional closing remark, so consecutive requests
almost never share a cache key; `repeated_body()` is the one request used for cache hits.
Every generator takes a seed, so a run is reproducible and two benchmark points can use disjoint
request sets (a point never warms the cache for the next one).
"""

from __future__ import annotations

import random

OPENERS = ["", "", "I have", "I've got", "my child has", "patient reports", "since the weekend I have",
           "complaining of", "she has", "he has", "woke up with"]
SYMPTOMS = [
    "chest pain", "a headache", "a fever", "a dry cough", "a cough with phlegm", "a sore throat",
    "nausea", "vomiting", "diarrhoea", "an itchy rash", "lower back pain", "dizziness",
    "shortness of breath", "tiredness", "stomach pain", "a runny nose", "painful joints",
    "burning when passing urine", "ear ache", "a blocked nose", "palpitations", "swollen ankles",
    "a stiff neck", "blurred vision", "wheezing", "muscle aches", "chills", "loss of appetite",
    "heartburn", "constipation", "a swollen knee", "tooth pain", "sneezing", "red itchy eyes",
    "pain in the side", "a racing heart", "night sweats", "weight loss", "a painful swallow",
    "numbness in the hand", "pins and needles in the feet", "a bad cough at night",
]
MODIFIERS = ["", "", "", "mild", "severe", "constant", "sharp", "dull", "throbbing", "intermittent", "bad"]
ONSETS = ["", "", "since yesterday", "for two days", "for three days", "for a week", "for an hour",
          "since this morning", "on and off for a month", "since last night", "for ten days",
          "after eating", "when I walk upstairs"]
NEGATIONS = ["", "", "", "no fever", "no vomiting", "no chest pain", "no rash", "not short of breath",
             "denies headache", "no blood in the stool", "no cough"]
CLOSERS = ["", "", "", "worse at night", "getting worse", "better with rest", "it comes and goes",
           "paracetamol did not help", "nobody else at home is ill", "worse when lying down"]
MEDICATIONS = ["warfarin", "metformin", "ibuprofen", "lisinopril", "atorvastatin", "amoxicillin",
               "omeprazole", "sertraline", "salbutamol", "aspirin"]
ALLERGIES = ["penicillin", "sulfonamides", "aspirin", "latex"]
HISTORY = ["diabetes", "asthma", "hypertension", "atrial fibrillation", "copd", "migraine"]
SEXES = ["SEX_FEMALE", "SEX_MALE"]
FILLER = ["it", "started", "slowly", "and", "has", "been", "there", "most", "of", "the", "day", "really"]


def _clause(rng: random.Random) -> str:
    modifier, symptom = rng.choice(MODIFIERS), rng.choice(SYMPTOMS)
    if modifier:
        symptom = symptom.removeprefix("a ").removeprefix("an ")
    return " ".join(p for p in (modifier, symptom, rng.choice(ONSETS)) if p)


def complaint(rng: random.Random) -> str:
    clauses = [_clause(rng) for _ in range(rng.randint(2, 4))]
    text = ", ".join(clauses[:-1]) + " and " + clauses[-1]
    extras = [e for e in (rng.choice(NEGATIONS), rng.choice(CLOSERS)) if e]
    opener = rng.choice(OPENERS)
    return " ".join(p for p in (opener, ", ".join([text, *extras])) if p)


def complaint_of(rng: random.Random, words: int) -> str:
    """A complaint of exactly `words` words (clauses joined until long enough, then cut)."""
    out: list[str] = []
    while len(out) < words:
        out.extend(complaint(rng).replace(",", "").split())
        out.extend(["and", "also"])
    return " ".join(out[:words]).rstrip(",")


def patient(rng: random.Random) -> dict:
    p: dict = {"age_years": rng.randint(1, 90), "sex": rng.choice(SEXES)}
    if rng.random() < 0.3:
        p["medications"] = rng.sample(MEDICATIONS, rng.randint(1, 3))
    if rng.random() < 0.15:
        p["allergies"] = rng.sample(ALLERGIES, 1)
    if rng.random() < 0.2:
        p["history"] = rng.sample(HISTORY, 1)
    return p


def varied_bodies(n: int, seed: int) -> list[dict]:
    """`n` distinct diagnose requests (distinct complaint text and patient)."""
    rng = random.Random(seed)
    bodies, seen = [], set()
    while len(bodies) < n:
        body = {"patient": patient(rng), "complaint": complaint(rng)}
        if rng.random() < 0.15:
            body["vitals"] = {"heart_rate": rng.randint(55, 130), "respiratory_rate": rng.randint(12, 28),
                              "temperature_c": round(rng.uniform(36.2, 39.8), 1), "spo2": rng.randint(90, 99)}
        key = (body["complaint"], body["patient"]["age_years"], body["patient"]["sex"])
        if key in seen:
            continue
        seen.add(key)
        bodies.append(body)
    return bodies


def sized_bodies(n: int, seed: int, words: int = 20, evidence_codes: list[str] | None = None,
                 findings: int = 0) -> list[dict]:
    """`n` distinct requests whose complaint has exactly `words` words and `findings` coded findings."""
    rng = random.Random(seed)
    bodies = []
    for i in range(n):
        body: dict = {"patient": {"age_years": rng.randint(18, 80), "sex": rng.choice(SEXES)}}
        if words:
            body["complaint"] = complaint_of(rng, words)
        if findings and evidence_codes:
            body["evidence"] = [{"code": c, "presence": "PRESENCE_PRESENT"}
                                for c in rng.sample(evidence_codes, min(findings, len(evidence_codes)))]
        if not words and not findings:
            body["complaint"] = "headache"
        bodies.append(body)
    return bodies


def repeated_body() -> dict:
    """The one request of the cache-hit runs (a 20-word complaint)."""
    return {"patient": {"age_years": 58, "sex": "SEX_MALE"},
            "complaint": "crushing chest pain and sweating for an hour, short of breath when I walk, "
                         "feel sick and dizzy, no fever"}
