"""SymptomClassifier: free text and coded evidence to findings, modifiers and facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from healthmesh.clinical import Consciousness, EvidenceInput, Presence, Sex, Temporality
from healthmesh.errors import InvalidArgument
from knowledge.kb import kb_from_dict
from knowledge.symptoms import build_symptoms
from symptom_classifier.engine import SymptomClassifier
from symptom_classifier.matcher import ConceptMatcher

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def classifier() -> SymptomClassifier:
    symptoms, evidences = build_symptoms(ROOT / "knowledge" / "sources")
    kb = kb_from_dict({"version": "test", "sources": {}, "symptoms": symptoms,
                       "evidences": evidences, "conditions": [], "links": []})
    return SymptomClassifier(kb)


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]


def _by_id(result):
    return {f.code.removeprefix("symptom:"): f for f in result.findings}


# ---------------------------------------------------------------------- phrase sets


def test_lay_phrases_accuracy(classifier):
    rows = _rows("lay_phrases.jsonl")
    assert len(rows) >= 120
    misses = []
    for row in rows:
        present = {cid for cid, f in _by_id(classifier.classify(row["text"])).items()
                   if f.presence == Presence.PRESENT}
        if not set(row["expected"]) <= present:
            misses.append((row["text"], row["expected"], sorted(present)))
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= 0.95, misses


def test_negation_and_hedging_accuracy(classifier):
    rows = _rows("negation.jsonl")
    assert len(rows) >= 50
    total, wrong = 0, []
    for row in rows:
        found = _by_id(classifier.classify(row["text"]))
        for cid, want in row["expected"].items():
            total += 1
            presence, _, temporality = want.partition("@")
            f = found.get(cid)
            if (f is None or f.presence.name != presence
                    or (temporality and f.temporality.name != temporality)):
                wrong.append((row["text"], cid, want, f and (f.presence.name, f.temporality.name)))
    assert 1 - len(wrong) / total >= 0.95, wrong


@pytest.mark.parametrize("text, cid, presence", [
    ("no fever", "fever", Presence.ABSENT),
    ("denies chest pain, shortness of breath", "shortness-of-breath", Presence.ABSENT),
    ("no fever but a bad cough", "cough", Presence.PRESENT),
    ("possible rash", "skin-rash", Presence.UNKNOWN),
    ("headache ruled out", "headache", Presence.ABSENT),
    ("bleeding won't stop", "severe-bleeding", Presence.PRESENT),
])
def test_presence(classifier, text, cid, presence):
    assert _by_id(classifier.classify(text))[cid].presence == presence


def test_history_and_family(classifier):
    found = _by_id(classifier.classify("had a seizure 10 years ago; mother has depression"))
    assert found["seizures"].temporality == Temporality.HISTORY
    assert found["depression"].temporality == Temporality.FAMILY
    assert not found["seizures"].is_present_now


# ---------------------------------------------------------------------- modifiers


def test_modifiers_of_the_design_example(classifier):
    result = classifier.classify("crushing chest pain for an hour, sweating, no fever")
    found = _by_id(result)
    chest = found["chest-pain"]
    assert chest.severity == "severe"
    assert chest.duration_hours == 1.0
    assert chest.text == "chest pain"
    assert 0.5 < chest.confidence <= 1.0
    assert found["sweating"].presence == Presence.PRESENT
    assert found["fever"].presence == Presence.ABSENT
    assert set(found) == {"chest-pain", "sweating", "fever"}


@pytest.mark.parametrize("text, cid, field, value", [
    ("sudden headache", "headache", "onset", "sudden"),
    ("cough gradually getting worse", "cough", "onset", "gradual"),
    ("vomiting for 3 days", "vomiting", "duration_hours", 72.0),
    ("diarrhoea since this morning", "diarrhea", "duration_hours", 6.0),
    ("fever for 2 weeks", "fever", "duration_hours", 336.0),
    ("cough and fever for 3 days", "cough", "duration_hours", 72.0),
    ("mild headache", "headache", "severity", "mild"),
    ("moderate back pain", "back-pain", "severity", "moderate"),
    ("abdominal pain 8/10", "abdominal-pain", "severity_score", 8.0),
    ("abdominal pain 8/10", "abdominal-pain", "severity", "severe"),
    ("pain in my left arm", "arm-pain", "laterality", "left"),
    ("pain in my left arm", "arm-pain", "body_site", "arm"),
    ("right knee pain", "knee-pain", "laterality", "right"),
    ("lower abdominal pain in the right lower quadrant", "lower-abdominal-pain", "body_site",
     "right lower quadrant"),
    ("lower abdominal pain in the right lower quadrant", "lower-abdominal-pain", "laterality",
     "right"),
    ("chest pain radiating to the left arm", "pain-radiating-to-arm-or-jaw", "laterality", "left"),
])
def test_modifier(classifier, text, cid, field, value):
    assert getattr(_by_id(classifier.classify(text))[cid], field) == value


# ---------------------------------------------------------------------- facts


@pytest.mark.parametrize("text, age, sex", [
    ("a 48-year-old woman with chest pain", 48.0, Sex.FEMALE),
    ("58 yo male, fever", 58.0, Sex.MALE),
    ("my 3 month old has a cough", 0.25, Sex.UNSPECIFIED),
    ("72M short of breath", 72.0, Sex.MALE),
    ("he has had a cough for 3 years", None, Sex.MALE),
    ("my daughter is 6 years old and has a rash", 6.0, Sex.FEMALE),
    ("she is dizzy", None, Sex.FEMALE),
])
def test_age_and_sex(classifier, text, age, sex):
    result = classifier.classify(text)
    assert result.age_years == pytest.approx(age) if age is not None else result.age_years is None
    assert result.sex == sex


def test_pregnancy(classifier):
    assert classifier.classify("12 weeks pregnant with bleeding").pregnant is True
    assert classifier.classify("12 weeks pregnant with bleeding").sex == Sex.FEMALE
    assert classifier.classify("not pregnant, abdominal pain").pregnant is False
    assert classifier.classify("abdominal pain").pregnant is None


def test_vital_signs(classifier):
    r = classifier.classify("temperature 38.5, HR 112, BP 95/65, RR 22, sats 91% on 2L oxygen, confused")
    v = r.vitals
    assert (v.temperature_c, v.heart_rate, v.systolic_bp, v.diastolic_bp) == (38.5, 112, 95, 65)
    assert (v.respiratory_rate, v.spo2, v.supplemental_oxygen) == (22, 91, True)
    assert v.consciousness == Consciousness.CONFUSION
    found = _by_id(r)
    assert found["fever"].presence == Presence.PRESENT  # read from the temperature
    assert found["confusion"].presence == Presence.PRESENT
    assert r.unrecognised == []


@pytest.mark.parametrize("text, field, value", [
    ("temp 101F", "temperature_c", 38.3),
    ("T 37.2", "temperature_c", 37.2),
    ("pulse 112", "heart_rate", 112),
    ("SpO2 91", "spo2", 91),
    ("blood pressure 120/80", "systolic_bp", 120),
    ("resp rate 30", "respiratory_rate", 30),
])
def test_single_vitals(classifier, text, field, value):
    assert getattr(classifier.classify(text).vitals, field) == pytest.approx(value)


def test_normal_temperature_is_not_a_fever(classifier):
    r = classifier.classify("temperature 36.8")
    assert "fever" not in _by_id(r)
    assert r.vitals.temperature_c == 36.8


def test_consciousness_words(classifier):
    assert classifier.classify("unresponsive").vitals.consciousness == Consciousness.UNRESPONSIVE
    assert classifier.classify("alert and oriented").vitals.consciousness == Consciousness.ALERT
    assert classifier.classify("not confused").vitals.consciousness != Consciousness.CONFUSION


def test_unrecognised_content_is_reported(classifier):
    r = classifier.classify("fever and a strange purple glow around my elbow")
    assert "fever" in _by_id(r)
    assert any("purple glow" in u for u in r.unrecognised)
    assert classifier.classify("I have a fever and I am really worried").unrecognised == []


# ---------------------------------------------------------------------- coded evidence


def test_coded_evidence(classifier):
    r = classifier.classify("", [EvidenceInput("ddxplus:E_91"),
                                 EvidenceInput("ddxplus:E_55_@_V_89", Presence.ABSENT),
                                 EvidenceInput("symptom:chest-pain", Presence.UNSPECIFIED)])
    codes = {f.code: f for f in r.findings}
    assert codes["ddxplus:E_91"].name == "Fever"
    assert codes["ddxplus:E_91"].presence == Presence.PRESENT
    assert codes["ddxplus:E_55_@_V_89"].presence == Presence.ABSENT
    assert codes["symptom:chest-pain"].presence == Presence.PRESENT
    assert codes["symptom:chest-pain"].text == ""


@pytest.mark.parametrize("code", ["fever", "symptom:not-a-thing", "ddxplus:E_9999", "icd10:R50",
                                  "", "ddxplus:E_55_@_V_9999"])
def test_unknown_codes_name_the_field(classifier, code):
    with pytest.raises(InvalidArgument) as err:
        classifier.classify("cough", [EvidenceInput("symptom:cough"), EvidenceInput(code)])
    assert err.value.field == "evidence[1].code"
    assert "expected symptom:<id> or ddxplus:<code>" in err.value.message


def test_text_and_codes_combine_without_duplicates(classifier):
    r = classifier.classify("fever and cough", [EvidenceInput("symptom:fever")])
    assert [f.code for f in r.findings].count("symptom:fever") == 1


# ---------------------------------------------------------------------- bad input, speed


def test_bad_input(classifier):
    with pytest.raises(InvalidArgument) as err:
        classifier.classify("a" * 10_001)
    assert err.value.field == "complaint"
    assert classifier.classify("   \n\t ").findings == []
    assert classifier.classify(None).findings == []
    r = classifier.classify("fe\x00ver and 😷 头痛 Übelkeit\u200b, cough!!! 🤒🤒")
    assert {"fever", "cough"} <= set(_by_id(r))
    classifier.classify("\u0627\u0644\u0645 " * 500 + "?" * 100 + "-/-" * 100)


def test_extra_matchers_join_through_the_protocol(classifier):
    assert isinstance(classifier.lexical, ConceptMatcher)
    kb = classifier.kb

    class Fixed:
        def match(self, tokens, usable):
            from symptom_classifier.matcher import ConceptMatch
            return [ConceptMatch(i, i + 1, "hives", 0.6, "embedding")
                    for i, t in enumerate(tokens) if t.text == "blotches" and usable[i]]

    c = SymptomClassifier(kb, extra_matchers=[Fixed()])
    assert _by_id(c.classify("weird blotches"))["hives"].confidence == 0.6


# ---------------------------------------------------------------------- question / answer, sides


@pytest.mark.parametrize("text, expected", [
    ("chest pain? no", {"chest-pain": Presence.ABSENT}),
    ("fever? yes", {"fever": Presence.PRESENT}),
    ("Vomiting? No. Diarrhoea? Yes.", {"vomiting": Presence.ABSENT, "diarrhea": Presence.PRESENT}),
    ("any fever? none", {"fever": Presence.ABSENT}),
    ("headache? nope. cough? yep", {"headache": Presence.ABSENT, "cough": Presence.PRESENT}),
    ("shortness of breath: denies", {"shortness-of-breath": Presence.ABSENT}),
    ("cough? no idea", {"cough": Presence.UNKNOWN}),  # not an answer: still a question
    ("wheeze?", {"wheezing": Presence.UNKNOWN}),
])
def test_question_and_answer(classifier, text, expected):
    found = _by_id(classifier.classify(text))
    assert {cid: found[cid].presence for cid in expected} == expected
    assert classifier.classify(text).unrecognised == []


@pytest.mark.parametrize("text, cid, site, side", [
    ("pain in the right lower part of my tummy", "lower-abdominal-pain", "lower part of tummy", "right"),
    ("pain in the left lower part of his belly", "lower-abdominal-pain", "lower part of belly", "left"),
    ("my right knee hurts", "knee-pain", "knee", "right"),
])
def test_side_apart_from_the_site(classifier, text, cid, site, side):
    f = _by_id(classifier.classify(text))[cid]
    assert (f.body_site, f.laterality) == (site, side)


@pytest.mark.parametrize("text, cid", [
    ("mild ache in my lower back after digging", "low-back-pain"),
    ("it hurts at the front of my pelvis", "pelvic-pain"),
])
def test_a_broad_pain_with_a_site_is_that_site_s_pain(classifier, text, cid):
    assert _by_id(classifier.classify(text))[cid].presence == Presence.PRESENT


@pytest.mark.parametrize("text, cid", [
    ("feeding well and wet nappies normal", "infant-feeding-problem"),
    ("breathing ok, eating as normal", "difficulty-breathing"),
])
def test_a_function_said_to_be_normal_is_not_a_complaint(classifier, text, cid):
    found = _by_id(classifier.classify(text))
    assert cid not in found or found[cid].presence == Presence.ABSENT


@pytest.mark.parametrize("text", ["my period is about 2 wks late", "period's 10 days late", "periods are a few weeks late"])
def test_a_late_period_is_a_missed_period(classifier, text):
    assert _by_id(classifier.classify(text))["absence-of-menstruation"].presence == Presence.PRESENT
