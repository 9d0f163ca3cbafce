"""Patient-specific log priors: prevalence x age odds x sex odds, with pregnancy gating.

    log prior(c) = log prevalence(c) + log presentation(c) + log age_odds(c)[age band] + log sex_odds(c)[sex]

- presentation(c) corrects visit prevalence for conditions mostly seen at routine follow-up visits
  (diabetes, depression, HIV, ...), so a new complaint is not read as them on generic findings
  (presentation_priors.yaml, cited). Conditions not listed count 1.

- Age odds missing for the band (or no age) count as 1. SymCat prints odds to one decimal, so 0.0
  means "below 0.05", not impossible: it is floored at AGE_ODDS_FLOOR (as the KB build does).
- Sex odds at or below SEX_EXCLUSION_ODDS exclude the condition for that sex (female-only or
  male-only conditions). SymCat writes these as 0.0 and the KB build floors them to 0.01; no real
  sex odds come near that (SymCat's smallest non-zero value is 0.1, and the DDXPlus dev-set odds are
  shrunk toward 1). With sex unspecified the odds are the mean of the female and male odds (an even
  mix), so sex-specific conditions stay possible at half weight.
- Risk factors and history (smoking, recent surgery, anticoagulants, ...) named in the patient's
  history/medications lists multiply the prior odds of the conditions they predispose to, from the
  KB's curated table (risk_factors.py).
- Conditions of pregnancy (ICD-10-CM chapter O or a Z33-Z39 pregnancy code, or a pregnancy word in
  the name) are only possible if the patient is pregnant, or is not male and is of child-bearing
  age (or of unknown age), pregnancy not stated. `Patient.pregnant` is a bool, so False reads as
  "not stated".
- A stated pregnancy is evidence too: the prevalences are per consultation of anyone, and only a
  small share of the women they count are pregnant, so for a patient known to be pregnant the
  conditions of pregnancy (not those of the puerperium, which follow the birth) have their prior
  odds multiplied by PREGNANT_ODDS = 1 / P(pregnant | consultation by a woman of child-bearing
  age). About 4-5% of women aged 15-44 are pregnant at any time (US birth rate about 56-60 per
  1,000 women aged 15-44 a year, CDC NVSS Births: Final Data for 2022, times about 0.75 of a year of
  gestation), and pregnant women consult about twice as often (antenatal care), so about one such
  consultation in ten: 10. The "pregnancy" condition itself (Z33.1, pregnant state) is not raised:
  a stated pregnancy is not a diagnosis.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import yaml

from healthmesh.clinical import Patient, Sex
from knowledge.kb import AGE_BANDS, Condition, RiskFactor, age_band

from .risk_factors import RiskFactorTable

PRESENTATION_PATH = Path(__file__).with_name("presentation_priors.yaml")
AGE_ODDS_FLOOR = 0.01
SEX_EXCLUSION_ODDS = 0.01
CHILD_BEARING_AGES = (12.0, 55.0)  # [low, high) in years
EXCLUDED = -math.inf


PREGNANCY_ICD10_PREFIXES = ("O", "Z33", "Z34", "Z36", "Z3A", "Z39")  # chapter 15; pregnant state
PREGNANCY_WORDS = ("pregnan", "abortion", "postpartum", "puerper")
# Puerperal conditions (after the birth): ICD-10-CM O72 postpartum haemorrhage, O85-O92
# complications of the puerperium, F53 puerperal mental disorders; or a puerperium word in the name.
PUERPERAL_ICD10_PREFIXES = ("O72", "O85", "O86", "O87", "O88", "O89", "O90", "O91", "O92", "F53")
PUERPERAL_WORDS = ("postpartum", "puerper")
PREGNANT_STATE_ICD10_PREFIXES = ("Z33.1", "Z331")  # "pregnant state, incidental": not a diagnosis
PREGNANT_ODDS = 10.0


def needs_pregnancy(condition: Condition) -> bool:
    name = condition.name.lower()
    return condition.icd10.upper().startswith(PREGNANCY_ICD10_PREFIXES) or any(w in name for w in PREGNANCY_WORDS)


def raised_in_pregnancy(condition: Condition) -> bool:
    """A condition of the pregnancy itself (antepartum), whose odds a stated pregnancy raises."""
    if not needs_pregnancy(condition):
        return False
    code = condition.icd10.upper()
    name = condition.name.lower()
    if code.startswith(PUERPERAL_ICD10_PREFIXES) or any(w in name for w in PUERPERAL_WORDS):
        return False
    return not code.startswith(PREGNANT_STATE_ICD10_PREFIXES)


def could_be_pregnant(patient: Patient) -> bool:
    if patient.pregnant:
        return True
    if patient.sex == Sex.MALE:
        return False
    age = patient.age_years
    return age is None or CHILD_BEARING_AGES[0] <= age < CHILD_BEARING_AGES[1]


class PriorTable:
    """Precomputed log prior components so a patient's prior is a few vector adds."""

    def __init__(self, conditions: list[Condition], risk_factors: list[RiskFactor] = (),
                 presentation: dict[str, float] | None = None):
        self.risk_factors = RiskFactorTable(list(risk_factors), [c.id for c in conditions])
        self.log_prevalence = np.log(np.array([max(c.prevalence, 1e-12) for c in conditions]))
        if presentation:
            self.log_prevalence = self.log_prevalence + np.log(np.array([
                _presentation_factor(c, presentation) for c in conditions]))
        self.log_age = {
            band: np.array([_log_age_odds(c, band) for c in conditions]) for band, _, _ in AGE_BANDS
        }
        self.log_sex = {
            Sex.FEMALE: np.array([_log_sex_odds(c, "female") for c in conditions]),
            Sex.MALE: np.array([_log_sex_odds(c, "male") for c in conditions]),
            Sex.UNSPECIFIED: np.array([
                _log((_sex_odds(c, "female") + _sex_odds(c, "male")) / 2.0) for c in conditions
            ]),
        }
        self.pregnancy_only = np.array([needs_pregnancy(c) for c in conditions])
        self.log_pregnant = np.where([raised_in_pregnancy(c) for c in conditions], math.log(PREGNANT_ODDS), 0.0)

    def log_prior(self, patient: Patient) -> np.ndarray:
        prior = self.log_prevalence + self.log_sex.get(patient.sex, self.log_sex[Sex.UNSPECIFIED])
        band = age_band(patient.age_years)
        if band is not None:
            prior = prior + self.log_age[band]
        shift = self.risk_factors.log_odds(patient)
        if shift is not None:
            prior = prior + shift
        if patient.pregnant and patient.sex != Sex.MALE:
            prior = prior + self.log_pregnant
        if not could_be_pregnant(patient):
            prior = np.where(self.pregnancy_only, EXCLUDED, prior)
        return prior


def load_presentation_factors(path: Path = PRESENTATION_PATH) -> dict[str, float]:
    """Source alias -> factor on the prior odds of a new presentation (presentation_priors.yaml)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    if raw.get("source") not in (raw.get("sources") or {}):
        raise ValueError("presentation_priors.yaml: source missing or unknown")
    return {str(k): float(v) for k, v in (raw.get("factors") or {}).items()}


def _presentation_factor(condition: Condition, factors: dict[str, float]) -> float:
    for alias in condition.aliases:
        if alias in factors:
            return max(factors[alias], 1e-6)
    return 1.0


def _log_age_odds(condition: Condition, band: str) -> float:
    odds = condition.age_odds.get(band)
    return 0.0 if odds is None else math.log(max(odds, AGE_ODDS_FLOOR))


def _sex_odds(condition: Condition, sex: str) -> float:
    odds = float(condition.sex_odds.get(sex, 1.0))
    return 0.0 if odds <= SEX_EXCLUSION_ODDS else odds


def _log_sex_odds(condition: Condition, sex: str) -> float:
    return _log(_sex_odds(condition, sex))


def _log(odds: float) -> float:
    return EXCLUDED if odds <= 0.0 else math.log(odds)
