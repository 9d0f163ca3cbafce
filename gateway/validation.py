"""Checks on a DiagnoseRequest before any agent is called. Each failure names the field."""

from __future__ import annotations

import functools
import math

from healthmesh.clinical import PREGNANCY_WEEKS_RANGE
from healthmesh.errors import InvalidArgument
from healthmesh.v1 import common_pb2, diagnosis_pb2
from knowledge.kb import KnowledgeBase

MAX_COMPLAINT_CHARS = 10_000
MAX_LIST_ITEMS = 50
MAX_ITEM_CHARS = 200
MAX_EVIDENCE = 300
MAX_CONDITIONS = 50
MAX_REQUEST_ID_CHARS = 128

# Physiological bounds: outside them a value is a typo or a unit error, not a patient.
VITAL_RANGES = {
    "heart_rate": (0, 350),
    "respiratory_rate": (0, 120),
    "systolic_bp": (0, 350),
    "diastolic_bp": (0, 250),
    "temperature_c": (20, 46),
    "spo2": (0, 100),
}
AGE_RANGE = (0, 130)


def _enum_ok(enum_type, value: int) -> bool:
    return value in _enum_numbers(enum_type)


@functools.lru_cache(maxsize=None)
def _enum_numbers(enum_type) -> frozenset[int]:
    return frozenset(enum_type.values())  # values() builds a new list on every call


def _number(field: str, value: float, low: float, high: float) -> None:
    if math.isnan(value) or math.isinf(value):
        raise InvalidArgument(field, "must be a finite number")
    if not low <= value <= high:
        raise InvalidArgument(field, f"must be between {low} and {high}, got {value:g}")


def _strings(field: str, items) -> None:
    if len(items) > MAX_LIST_ITEMS:
        raise InvalidArgument(field, f"at most {MAX_LIST_ITEMS} items")
    for i, item in enumerate(items):
        if len(item) > MAX_ITEM_CHARS:
            raise InvalidArgument(f"{field}[{i}]", f"at most {MAX_ITEM_CHARS} characters")
        if "\x00" in item:
            raise InvalidArgument(f"{field}[{i}]", "must not contain NUL characters")


def validate_request(request: diagnosis_pb2.DiagnoseRequest, kb: KnowledgeBase) -> None:
    p = request.patient
    if p.HasField("age_years"):
        _number("patient.age_years", p.age_years, *AGE_RANGE)
    if not _enum_ok(common_pb2.Sex, p.sex):
        raise InvalidArgument("patient.sex", f"unknown value {p.sex}")
    if p.pregnant and p.sex == common_pb2.SEX_MALE:
        raise InvalidArgument("patient.pregnant", "cannot be true when patient.sex is SEX_MALE")
    if p.HasField("pregnancy_weeks"):
        _number("patient.pregnancy_weeks", p.pregnancy_weeks, *PREGNANCY_WEEKS_RANGE)
        if p.sex == common_pb2.SEX_MALE:
            raise InvalidArgument("patient.pregnancy_weeks", "cannot be set when patient.sex is SEX_MALE")
    _strings("patient.history", p.history)
    _strings("patient.medications", p.medications)
    _strings("patient.allergies", p.allergies)

    v = request.vitals
    for name, (low, high) in VITAL_RANGES.items():
        if v.HasField(name):
            _number(f"vitals.{name}", getattr(v, name), low, high)
    if not _enum_ok(common_pb2.Consciousness, v.consciousness):
        raise InvalidArgument("vitals.consciousness", f"unknown value {v.consciousness}")

    if len(request.complaint) > MAX_COMPLAINT_CHARS:
        raise InvalidArgument("complaint", f"at most {MAX_COMPLAINT_CHARS} characters")
    if len(request.evidence) > MAX_EVIDENCE:
        raise InvalidArgument("evidence", f"at most {MAX_EVIDENCE} items")
    for i, e in enumerate(request.evidence):
        if not _enum_ok(common_pb2.Presence, e.presence):
            raise InvalidArgument(f"evidence[{i}].presence", f"unknown value {e.presence}")
        if not known_code(kb, e.code):
            raise InvalidArgument(
                f"evidence[{i}].code",
                f"unknown finding code {e.code[:80]!r}; expected symptom:<id> or ddxplus:<code>",
            )
    if not request.complaint.strip() and not request.evidence:
        raise InvalidArgument("complaint", "give a complaint or at least one evidence item")
    if not 0 <= request.max_conditions <= MAX_CONDITIONS:
        raise InvalidArgument("max_conditions", f"must be between 1 and {MAX_CONDITIONS} (0 for the default)")
    if len(request.request_id) > MAX_REQUEST_ID_CHARS:
        raise InvalidArgument("request_id", f"at most {MAX_REQUEST_ID_CHARS} characters")
    if not request.request_id.isprintable():
        raise InvalidArgument("request_id", "must be printable text (no NUL or control characters)")


def known_code(kb: KnowledgeBase, code: str) -> bool:
    if code.startswith("symptom:"):
        return code[len("symptom:"):] in kb.symptoms
    if code.startswith("ddxplus:"):
        return code in kb.evidences
    return False
