"""Reject physiologically impossible inputs (a typo, a unit mix-up) with the field that is wrong."""

from __future__ import annotations

from healthmesh.clinical import PREGNANCY_WEEKS_RANGE, Patient, Vitals
from healthmesh.errors import InvalidArgument

# inclusive plausible ranges; NaN fails every comparison and so is rejected too
VITAL_RANGES: dict[str, tuple[float, float]] = {
    "heart_rate": (0, 350),
    "respiratory_rate": (0, 120),
    "systolic_bp": (0, 350),
    "diastolic_bp": (0, 300),
    "temperature_c": (20, 46),
    "spo2": (0, 100),
}
AGE_RANGE = (0, 130)


def check_inputs(patient: Patient, vitals: Vitals) -> None:
    age = patient.age_years
    if age is not None and not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
        raise InvalidArgument("patient.age_years", f"must be between {AGE_RANGE[0]} and {AGE_RANGE[1]}, got {age}")
    weeks = patient.pregnancy_weeks
    if weeks is not None and not PREGNANCY_WEEKS_RANGE[0] <= weeks <= PREGNANCY_WEEKS_RANGE[1]:
        low, high = PREGNANCY_WEEKS_RANGE
        raise InvalidArgument("patient.pregnancy_weeks", f"must be between {low} and {high}, got {weeks}")
    for name, (low, high) in VITAL_RANGES.items():
        value = getattr(vitals, name)
        if value is not None and not low <= value <= high:
            raise InvalidArgument(f"vitals.{name}", f"must be between {low} and {high}, got {value}")
